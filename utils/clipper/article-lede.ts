/**
 * The standfirst (lede, deck, chapô): the summary paragraph publishers set under the
 * headline, often outside the block Readability picks. It is part of the article, so when
 * the page marks one next to its headline and the content lacks it, it goes first.
 */

/**
 * Words publishers name a standfirst with ("article-lead", "chapo", "deck"). Not "summary",
 * "intro", "excerpt" or itemprop=description: those name author bios and teasers as often.
 */
const LEDE_WORDS = /^(?:lead|lede|standfirst|chapo|deck|dek|subheadline|subhead|sapo)$/;
import { isFurniture } from './article-cleanup';
import { ALL_RULES, fired, on, type Rules } from './rules';
import { squash } from './page-text';

const MIN_LEDE = 40;
const MAX_LEDE = 800;
/** How far up from the headline the standfirst may sit (its box, the header, the article). */
const LEVELS = 2;
/** How far up a block holding the page's description may sit (page builders nest the header deeper). */
const FAR_LEVELS = 5;
const FAR_BLOCKS = 40;
/** How many first characters a block shares with the page's description to be its standfirst. */
const PREFIX = 80;

function namedLede(el: Element): boolean {
  const names = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`.split(/\s+/).filter(Boolean);
  return names.some((name) =>
    name
      .replace(/([a-z])([A-Z])/g, '$1-$2')
      .replace(/_/g, '-')
      .toLowerCase()
      .split('-')
      .some((word) => LEDE_WORDS.test(word)),
  );
}

const BLOCK = /^(?:h1|p|div|h2|h3|span|section|li)$/;

/**
 * The element after `el` in document order inside `scope`, walked from the headline so that a wide
 * scope costs only the blocks read (linkedom's compareDocumentPosition compares depths, not positions).
 */
function following(el: Element, scope: Element): Element | null {
  if (el.firstElementChild) return el.firstElementChild;
  for (let n: Element | null = el; n && n !== scope; n = n.parentElement) if (n.nextElementSibling) return n.nextElementSibling;
  return null;
}

function insideFurniture(el: Element, scope: Element, rules: Rules): boolean {
  for (let node: Element | null = el; node && node !== scope; node = node.parentElement) if (isFurniture(node, rules)) return true;
  return false;
}

/**
 * The page's standfirst text when it follows the headline closely and `content` lacks it:
 * a block named as one, or one whose text is the page's own description (meta description,
 * which publishers fill with the standfirst), whatever its name ("article-teaser"). The
 * headline is the first <h1> matching `title` (Readability's), else the first <h1>.
 */
export function standfirst(
  doc: Document,
  content: string,
  rules: Rules = ALL_RULES,
  description?: string | null,
  title?: string | null,
): string | null {
  const described = on(rules, 'standfirst-description') ? squash(description) : '';
  if (!on(rules, 'standfirst') && !described) return null;
  const h1s = Array.from(doc.body?.querySelectorAll('h1') ?? []);
  // The headline: the first <h1> holding the title's first part (or held by it, as most of it), not an empty one or the site's name.
  const t = squash(title).split(/ [|/–—-] /)[0]!;
  const headline = (h: Element): boolean => {
    const x = squash(h.textContent);
    return !!x && !!t && (x.includes(t) || (t.includes(x) && x.length * 2 > t.length));
  };
  const h1 = (on(rules, 'standfirst-headline') && h1s.find(headline)) || h1s[0];
  if (!h1) return null;
  let near: Element = h1;
  let scope: Element = h1;
  const levels = described && on(rules, 'standfirst-far') ? FAR_LEVELS : LEVELS;
  for (let i = 0; i < levels && scope.parentElement && scope.parentElement !== doc.body; i++) {
    scope = scope.parentElement;
    if (i < LEVELS) near = scope;
  }
  const have = squash(content);
  const start = on(rules, 'standfirst-prefix') && described.length >= PREFIX ? described.slice(0, PREFIX) : '';
  let far = 0;
  for (let el = following(h1, scope); el; el = following(el, scope)) {
    if (!BLOCK.test(el.localName)) continue;
    const isNear = near.contains(el);
    // Past the headline's own box, only the next FAR_BLOCKS blocks: a standfirst follows its headline.
    if (!isNear && ++far > FAR_BLOCKS) break;
    // The cheap tests first: most blocks are neither named nor the description.
    const named = on(rules, 'standfirst') && isNear && namedLede(el);
    // The description is looked for in innermost blocks only (not a box holding it and a date line), and
    // reading every box's text is slow on a wide scope.
    if (!named && (!described || el.querySelector('p, div, h2, h3, section, li'))) continue;
    const text = squash(el.textContent);
    if (text.length < MIN_LEDE || text.length > MAX_LEDE) continue;
    // A description cut short, or told a little differently: the same first PREFIX characters.
    const rule = named
      ? 'standfirst'
      : text === described
        ? 'standfirst-description'
        : start && text.startsWith(start)
          ? 'standfirst-prefix'
          : null;
    if (!rule || insideFurniture(el, scope, rules)) continue;
    // A description the content holds already may be its first paragraph: look on for a named standfirst.
    if (have.includes(text) || (rule === 'standfirst-prefix' && have.includes(start))) {
      if (rule === 'standfirst') return null;
      continue;
    }
    if (h1 !== h1s[0]) fired(rules, 'standfirst-headline');
    if (!isNear) fired(rules, 'standfirst-far');
    return fired(rules, rule) && text;
  }
  return null;
}
