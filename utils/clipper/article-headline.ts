/**
 * The headline's box: where the article is, by the page's own headline. Readability picks the
 * block with the most paragraph score; on some pages that is a footer, a shipping note, a
 * sidebar of promotions or another article of a list, far from the article. The article is next to
 * the heading that carries the page's title: the nearest box around that heading holding some
 * text that is not links.
 */
import { squash } from './page-text';
import { linkShare } from './article-shape';

/** Letters and digits only, lower case: headings and titles differ in quotes, dashes and spaces. */
const letters = (text: string | null | undefined): string => (text ?? '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** A heading this short (in letters) is a site name or a label, not the article's title. */
const MIN_HEADLINE = 8;
/** A heading inside the title, not at its start, must be at least this share of it (the rest is the site's name). */
const HEADLINE_SHARE = 0.5;
/** The box: the first ancestor of the headline with this much text outside links. */
const MIN_BOX_TEXT = 500;

/** The page's heading (<h1> or <h2>) that is its title (document title or og:title), or null. */
export function titleHeading(doc: Document): Element | null {
  const titles = [doc.title, doc.querySelector('meta[property="og:title"]')?.getAttribute('content')].map(letters).filter(Boolean);
  if (!titles.length) return null;
  for (const el of Array.from(doc.body?.querySelectorAll('h1, h2') ?? [])) {
    const text = letters(el.textContent);
    if (text.length < MIN_HEADLINE) continue;
    if (titles.some((t) => text.includes(t) || t.startsWith(text) || (t.includes(text) && text.length >= t.length * HEADLINE_SHARE)))
      return el;
  }
  return null;
}

/** The nearest box around the page's title heading with MIN_BOX_TEXT of text outside links, or null (none below <body>). */
export function headlineBox(doc: Document): Element | null {
  const heading = titleHeading(doc);
  for (let box = heading?.parentElement; box && box !== doc.body; box = box.parentElement) {
    // The text's length first: the links are counted only in a box long enough without them.
    const length = squash(box.textContent).length;
    if (length >= MIN_BOX_TEXT && length * (1 - linkShare(box)) >= MIN_BOX_TEXT) return box;
  }
  return null;
}
