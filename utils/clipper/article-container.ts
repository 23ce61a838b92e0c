/**
 * A second opinion on where the article is: the element the page itself marks as the
 * article body (itemprop="articleBody", or the class and id names CMSs give it:
 * entry-content, article-body, story-body…), else the page's only <article>. Readability
 * sometimes settles on another block (a list of signatories, a sign-in form, a newsletter
 * box); when its result misses most of that element's paragraphs, the element itself
 * (cleaned like the rest) is the article.
 */
import { namedFurniture } from './article-cleanup';
import { ALL_RULES, on, type Rules } from './rules';
import { squash } from './page-text';

/** Names CMSs and themes give the element holding an article's text. */
const BODY_NAMES =
  /^(?:entry-content|entry-body|post-content|post-body|post-entry|post-text|postcontent|postbody|article-body|article-content|article-text|articletext|articlebody|article-body-content|article--body|article--content|article-main|story-body|story-content|story-text|body-text|text-content|field-body|single-content|content-article|news-text|news-body)$/;

/** A body holding less paragraph text than this is a teaser or an empty shell. */
const MIN_BODY_PROSE = 300;
/** Paragraphs shorter than this are not compared (captions, labels). */
const MIN_PARAGRAPH = 40;

const PARAGRAPHS = 'p, li, blockquote, h2, h3';

function paragraphs(el: Element): string[] {
  return Array.from(el.querySelectorAll(PARAGRAPHS))
    .map((p) => squash(p.textContent))
    .filter((text) => text.length >= MIN_PARAGRAPH);
}

const prose = (el: Element): number => paragraphs(el).reduce((sum, p) => sum + p.length, 0);

/** prose(el) >= min, reading only as many paragraphs as it takes. */
function proseAtLeast(el: Element, min: number): boolean {
  let sum = 0;
  for (const p of Array.from(el.querySelectorAll(PARAGRAPHS))) {
    const length = squash(p.textContent).length;
    if (length >= MIN_PARAGRAPH && (sum += length) >= min) return true;
  }
  return false;
}

/** Every name BODY_NAMES matches holds one of these (in any case), so most elements are passed over without splitting their names. */
const MAYBE_BODY = /content|body|entry|text|main/i;

function marksBody(el: Element, rules: Rules): boolean {
  if ((el.getAttribute('itemprop') ?? '').split(/\s+/).includes('articleBody')) return on(rules, 'itemprop-body');
  if (!on(rules, 'marked-body')) return false;
  const raw = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
  if (!MAYBE_BODY.test(raw)) return false;
  const names = raw.split(/\s+/).filter(Boolean);
  return names.some((name) =>
    BODY_NAMES.test(
      name
        .replace(/([a-z])([A-Z])/g, '$1-$2')
        .replace(/_/g, '-')
        .toLowerCase(),
    ),
  );
}

/**
 * The page's marked article body with the most paragraph text (itemprop="articleBody"
 * first), or null when nothing is marked or it holds too little.
 */
export function markedArticleBody(doc: Document, rules: Rules = ALL_RULES): Element | null {
  const body = doc.body;
  if (!body) return null;
  let best: { el: Element; prose: number; itemprop: boolean } | null = null;
  for (const el of Array.from(body.querySelectorAll('[itemprop], [class], [id]'))) {
    if (!marksBody(el, rules)) continue;
    const chars = prose(el);
    const itemprop = el.hasAttribute('itemprop');
    if (chars < MIN_BODY_PROSE) continue;
    if (!best || (itemprop && !best.itemprop) || (itemprop === best.itemprop && chars > best.prose)) best = { el, prose: chars, itemprop };
  }
  return best?.el ?? null;
}

/**
 * The page's only `<article>` (one holding no other) with MIN_BODY_PROSE of paragraph text,
 * or null. A page with one such article is that article's page; with several it is a list
 * of teasers, and none of them is the second opinion.
 */
export function soleArticle(doc: Document, rules: Rules = ALL_RULES): Element | null {
  if (!on(rules, 'sole-article')) return null;
  let found: Element | null = null;
  for (const el of Array.from(doc.querySelectorAll('article'))) {
    if (el.querySelector('article') || !proseAtLeast(el, MIN_BODY_PROSE)) continue;
    if (found) return null; // a second one: a list of teasers
    found = el;
  }
  // An <article> named as comments or related posts is that, not the page's article.
  return found && !namedFurniture(found, rules) ? found : null;
}

/** Places the page itself says the article is, most specific first: its marked body, then its sole `<article>`. */
export function statedArticles(doc: Document, rules: Rules = ALL_RULES): Element[] {
  return [markedArticleBody(doc, rules), soleArticle(doc, rules)].filter((el, i, all): el is Element => !!el && all.indexOf(el) === i);
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

/**
 * Elements Readability drops from whatever it picks (sidebars, footers, navigation, forms and
 * their controls): the stated article is read without Readability, so they go here.
 */
const NOT_ARTICLE = 'aside, footer, nav, form, fieldset, button, input, select, textarea, iframe';

/** `el`'s counterpart in `copy`, a clone of `el`'s document, found by its path of child indexes. */
export function counterpart(copy: Document, el: Element): Node | undefined {
  // The path runs over child nodes from the document itself: on a malformed page the parser's
  // root element need not be <html> (stray markup before it), so documentElement is no anchor.
  const path: number[] = [];
  for (let node: Node = el; node.parentNode; node = node.parentNode) {
    path.unshift(Array.prototype.indexOf.call(node.parentNode.childNodes, node));
  }
  let target: Node | undefined = copy;
  for (const index of path) target = target?.childNodes[index];
  return target;
}

/** A copy of `el` (an element of `doc`) in a copy of `doc`, without NOT_ARTICLE, to become the article's content. */
export function isolate(doc: Document, el: Element): Element {
  const copy = doc.cloneNode(true) as Document;
  const target = counterpart(copy, el);
  const holder = copy.createElement('div');
  if (target) holder.appendChild(target);
  for (const el of Array.from(holder.querySelectorAll(NOT_ARTICLE))) el.parentNode?.removeChild(el);
  return holder;
}
