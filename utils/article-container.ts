/**
 * A second opinion on where the article is: the element the page itself marks as the
 * article body (itemprop="articleBody", or the class and id names CMSs give it:
 * entry-content, article-body, story-body…). Readability sometimes settles on another
 * block (a list of signatories, a comment thread); when its result misses most of the
 * marked body's paragraphs, the marked body itself (cleaned like the rest) is the article.
 */

/** Names CMSs and themes give the element holding an article's text. */
const BODY_NAMES =
  /^(?:entry-content|entry-body|post-content|post-body|post-entry|post-text|postcontent|postbody|article-body|article-content|article-text|articletext|articlebody|article-body-content|article--body|article--content|article-main|story-body|story-content|story-text|body-text|text-content|field-body|single-content|content-article|news-text|news-body)$/;

/** A body holding less paragraph text than this is a teaser or an empty shell. */
const MIN_BODY_PROSE = 300;
/** Paragraphs shorter than this are not compared (captions, labels). */
const MIN_PARAGRAPH = 40;

const squash = (text: string | null | undefined): string => (text ?? '').replace(/\s+/g, ' ').trim();

function paragraphs(el: Element): string[] {
  return Array.from(el.querySelectorAll('p, li, blockquote, h2, h3'))
    .map((p) => squash(p.textContent))
    .filter((text) => text.length >= MIN_PARAGRAPH);
}

function marksBody(el: Element): boolean {
  if ((el.getAttribute('itemprop') ?? '').split(/\s+/).includes('articleBody')) return true;
  const names = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`.split(/\s+/).filter(Boolean);
  return names.some((name) => BODY_NAMES.test(name.replace(/([a-z])([A-Z])/g, '$1-$2').replace(/_/g, '-').toLowerCase()));
}

/**
 * The page's marked article body with the most paragraph text (itemprop="articleBody"
 * first), or null when nothing is marked or it holds too little.
 */
export function markedArticleBody(doc: Document): Element | null {
  const body = doc.body;
  if (!body) return null;
  let best: { el: Element; prose: number; itemprop: boolean } | null = null;
  for (const el of Array.from(body.querySelectorAll('[itemprop], [class], [id]'))) {
    if (!marksBody(el)) continue;
    const prose = paragraphs(el).reduce((sum, p) => sum + p.length, 0);
    const itemprop = el.hasAttribute('itemprop');
    if (prose < MIN_BODY_PROSE) continue;
    if (!best || (itemprop && !best.itemprop) || (itemprop === best.itemprop && prose > best.prose)) best = { el, prose, itemprop };
  }
  return best?.el ?? null;
}

/** Share of `el`'s paragraph text that `text` (already extracted) contains. */
export function coverage(el: Element, text: string): number {
  const found = squash(text);
  let total = 0;
  let covered = 0;
  for (const p of paragraphs(el)) {
    total += p.length;
    if (found.includes(p)) covered += p.length;
  }
  return total ? covered / total : 1;
}

/** A copy of `el` (an element of `doc`) in a copy of `doc`, to become the article's content. */
export function isolate(doc: Document, el: Element): Element {
  const path: number[] = [];
  for (let node: Element = el; node.parentElement; node = node.parentElement) {
    path.unshift(Array.prototype.indexOf.call(node.parentElement.children, node));
  }
  const copy = doc.cloneNode(true) as Document;
  let target: Element | undefined = copy.documentElement;
  for (const index of path) target = target?.children[index];
  const holder = copy.createElement('div');
  if (target) holder.appendChild(target);
  return holder;
}

