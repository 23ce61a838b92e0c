/**
 * Boilerplate Readability keeps: share bars, newsletter boxes, comment threads, related and
 * recommended lists, author bio boxes, cookie notices, post meta lines, "read also" links
 * inside the text. Found by names sites use for them generically (class/id words) and by
 * shape (a lead-in and a link), never by site. Edits the copy of the page it is given.
 */
import { ALL_RULES, fired, on, type Rules } from './rules';
import { squash } from './page-text';

/** Class/id words that name page furniture, matched as whole words ("share-bar", "relatedPosts"). */
const FURNITURE = new RegExp(
  '^(?:' +
    [
      'share',
      'shares',
      'sharing',
      'sharebar',
      'social',
      'socials',
      'newsletter',
      'newsletters',
      'subscribe',
      'subscription',
      'signup',
      'optin',
      'related',
      'relatedposts',
      'recommended',
      'recommendations',
      'recirculation',
      'comments',
      'commentlist',
      'respond',
      'breadcrumb',
      'breadcrumbs',
      'cookie',
      'cookies',
      'consent',
      'gdpr',
      'tags',
      'tagcloud',
      'taglist',
      'promo',
      'sponsored',
      'advert',
      'advertisement',
      'rating',
      'ratings',
      'pagination',
    ].join('|') +
    ')$',
);
/**
 * Names one plugin or vendor gives its boxes (Jetpack's share buttons, Shariff, AddThis,
 * Outbrain, Taboola, YARPP, Disqus, the old default WordPress theme's post meta).
 */
const VENDORS = /^(?:sharedaddy|shariff|addthis|sociable|outbrain|taboola|yarpp|disqus|postmetadata)$/;
/** Two-word names of the same ("author-bio", "entry-meta", "more-stories"). */
const FURNITURE_PAIRS = new RegExp(
  '(?:^|-)(?:' +
    [
      'author-(?:bio|box|info|description|card|about)',
      'about-(?:the-)?author',
      'bio-box',
      '(?:post|entry|article)-(?:meta|footer|utility|tags|share|navigation)',
      'nav-links',
      'more-(?:stories|articles|news|posts)',
      'most-(?:popular|read|viewed)',
      'read-(?:also|next)',
      'see-also',
      '(?:next|prev|previous)-(?:post|article)',
      'comment-(?:list|form|respond)',
    ].join('|') +
    ')(?:-|$)',
);
/** WordPress and CMS taxonomy classes on the article itself ("tag-social-media", "category-share"). */
const TAXONOMY = /^(?:tag|category|categories|has|no|enable|type|format|status|single|page|postid|docked|js|is)-|^post-\d+$/;
/** Never furniture: the page's own structure. */
const STRUCTURE = new Set(['html', 'body', 'main', 'article', 'td', 'tr', 'tbody', 'table']);

/** Lower-case words of an element's class and id tokens ("shareBar" → "share-bar"). */
function nameTokens(el: Element): string[] {
  const raw = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
  return raw
    .split(/\s+/)
    .filter(Boolean)
    .map((t) =>
      t
        .replace(/([a-z])([A-Z])/g, '$1-$2')
        .replace(/_/g, '-')
        .toLowerCase(),
    )
    .filter((t) => !TAXONOMY.test(t));
}

/**
 * Every name FURNITURE or FURNITURE_PAIRS can match holds one of these (in any case, before the
 * names are split into words), so most elements are passed over without splitting them.
 */
const MAYBE_FURNITURE =
  /shar|social|sociable|addthis|newsletter|subscri|signup|optin|related|recommend|recirculation|outbrain|taboola|yarpp|comment|disqus|respond|breadcrumb|cookie|consent|gdpr|tag|promo|sponsored|advert|rating|postmetadata|pagination|author|bio|meta|footer|utility|navigation|nav|more|most|read|see|next|prev/i;

/** Whether `el`'s class or id names furniture, whatever its tag (`<article id="recipe-comments">`). */
export function namedFurniture(el: Element, rules: Rules = ALL_RULES): boolean {
  if (!MAYBE_FURNITURE.test(`${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`)) return false;
  const tokens = nameTokens(el);
  return (
    tokens.some((token) => FURNITURE_PAIRS.test(token) || token.split('-').some((word) => FURNITURE.test(word))) ||
    (on(rules, 'boilerplate-vendors') &&
      tokens.some((token) => token.split('-').some((word) => VENDORS.test(word))) &&
      fired(rules, 'boilerplate-vendors'))
  );
}

export function isFurniture(el: Element, rules: Rules = ALL_RULES): boolean {
  return !STRUCTURE.has(el.localName) && namedFurniture(el, rules);
}

/** Below this share of a page's text outside links in <p>, paragraphs do not say where its text is. */
const PARAGRAPH_SHARE = 0.25;

const proseLength = (el: Element): number =>
  Array.from(el.querySelectorAll('p')).reduce((sum, p) => sum + (p.textContent ?? '').trim().length, 0);

/**
 * Removes furniture inside `root` (a page's body, or the article Readability found). An
 * element holding at least half of root's paragraph text stays whatever its name says:
 * that is the article wrapped in a badly named box. On a page whose paragraphs hold under
 * PARAGRAPH_SHARE of its text outside links (a live ticker, prose in <div>s), half of that text counts.
 */
export function removeBoilerplate(root: Element, rules: Rules = ALL_RULES): number {
  if (!on(rules, 'boilerplate')) return 0;
  const total = proseLength(root);
  // A box is kept for its share of the text when the paragraphs hold under PARAGRAPH_SHARE of
  // root's text outside links and the box half of it, so over twice the paragraphs' text: the
  // box's own lengths rule most boxes out before root's text, slow to measure on a whole page,
  // is measured (once, when first needed).
  let unlinked: number | undefined;
  const heldByText = (el: Element): boolean => {
    if (!on(rules, 'boilerplate-text-share') || (el.textContent ?? '').length <= 2 * total) return false;
    const own = unlinkedLength(el);
    if (own <= 2 * total) return false;
    unlinked ??= unlinkedLength(root);
    return total < unlinked * PARAGRAPH_SHARE && own * 2 >= unlinked;
  };
  let removed = 0;
  for (const el of Array.from(root.querySelectorAll('[class], [id]'))) {
    if (!isFurniture(el, rules) || !root.contains(el)) continue;
    if (total > 0 && proseLength(el) * 2 >= total) continue;
    if (heldByText(el) && fired(rules, 'boilerplate-text-share')) continue;
    el.parentNode?.removeChild(el);
    fired(rules, 'boilerplate');
    removed++;
  }
  return removed;
}

const linkTextLength = (el: Element): number =>
  Array.from(el.querySelectorAll('a')).reduce((sum, a) => sum + (a.textContent ?? '').trim().length, 0);

const unlinkedLength = (el: Element): number => squash(el.textContent).length - linkTextLength(el);

/**
 * A "read also" teaser inside the text: a short lead-in ending in a colon ("Read more:",
 * "Lea también:", "Lesen Sie auch:"), then mostly a link. The lead-in is plain text: a
 * link whose own words hold a colon ("http://…", "Product: name") is not a teaser.
 */
export function isTeaserLine(el: Element): boolean {
  const text = squash(el.textContent);
  const firstLink = el.querySelector('a');
  if (!firstLink) return false;
  const leadIn = squash(textBefore(el, firstLink));
  const m = /^([^:.!?]{2,40}):$/.exec(leadIn);
  if (!m || m[1]!.split(' ').length > 5) return false;
  const rest = text.length - leadIn.length;
  return rest > 0 && linkTextLength(el) >= rest * 0.6;
}

/** The text of `root` that comes before `stop` in document order. */
function textBefore(root: Node, stop: Node): string {
  let text = '';
  const walk = (node: Node): boolean => {
    if (node === stop) return true;
    if (node.nodeType === 3) text += node.textContent ?? '';
    for (const child of Array.from(node.childNodes)) if (walk(child)) return true;
    return false;
  };
  walk(root);
  return text;
}

/** Removes teaser lines (paragraphs and headings; list items are often real link lists) from extracted content. */
export function removeTeaserLines(root: Element, rules: Rules = ALL_RULES): number {
  if (!on(rules, 'teaser-lines')) return 0;
  let removed = 0;
  for (const el of Array.from(root.querySelectorAll('p, h2, h3, h4, h5, h6'))) {
    if (isTeaserLine(el) && fired(rules, 'teaser-lines')) {
      el.parentNode?.removeChild(el);
      removed++;
    }
  }
  return removed;
}
