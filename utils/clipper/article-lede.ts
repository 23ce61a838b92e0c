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

function insideFurniture(el: Element, scope: Element, rules: Rules): boolean {
  for (let node: Element | null = el; node && node !== scope; node = node.parentElement) if (isFurniture(node, rules)) return true;
  return false;
}

/**
 * The page's standfirst text when it follows the first headline closely and `content` lacks it:
 * a block named as one, or one whose text is the page's own description (meta description,
 * which publishers fill with the standfirst), whatever its name ("article-teaser").
 */
export function standfirst(doc: Document, content: string, rules: Rules = ALL_RULES, description?: string | null): string | null {
  const described = on(rules, 'standfirst-description') ? squash(description) : '';
  if (!on(rules, 'standfirst') && !described) return null;
  const h1 = doc.body?.querySelector('h1');
  if (!h1) return null;
  let scope: Element = h1;
  for (let i = 0; i < LEVELS && scope.parentElement && scope.parentElement !== doc.body; i++) scope = scope.parentElement;
  const have = squash(content);
  // Document order, counted here: linkedom's compareDocumentPosition compares depths, not positions.
  const blocks = Array.from(scope.querySelectorAll('h1, p, div, h2, span, section'));
  for (const el of blocks.slice(blocks.indexOf(h1) + 1)) {
    // The cheap tests first: most blocks are neither named nor the description.
    const named = on(rules, 'standfirst') && namedLede(el);
    if (!named && !described) continue;
    const text = squash(el.textContent);
    if (text.length < MIN_LEDE || text.length > MAX_LEDE) continue;
    const rule = named ? 'standfirst' : text === described ? 'standfirst-description' : null;
    if (!rule || insideFurniture(el, scope, rules)) continue;
    // A description the content holds already may be its first paragraph: look on for a named standfirst.
    if (have.includes(text)) {
      if (rule === 'standfirst') return null;
      continue;
    }
    return fired(rules, rule) && text;
  }
  return null;
}
