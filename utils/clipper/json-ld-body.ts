/**
 * The article text a page states in its JSON-LD (schema.org articleBody / text), as
 * paragraphs. Used when Readability finds nothing or much less than the publisher says
 * the article holds (pages that render the body with scripts, or split it oddly).
 */
import { readJsonLd, textOf, typesOf } from './json-ld';

/** Shorter than this, an articleBody is a teaser, not the article. */
const MIN_BODY_CHARS = 200;

/** The longest articleBody (or text) of the page's article nodes, whitespace kept for paragraphs. */
export function jsonLdArticleBody(doc: Document): string | null {
  let best: string | null = null;
  for (const node of readJsonLd(doc).nodes) {
    if (typesOf(node).some((t) => /video|movie|clip|product|organization|person|website/.test(t))) continue;
    const body = textOf(node.articleBody) ?? textOf(node.text);
    if (body && body.length >= MIN_BODY_CHARS && (!best || body.length > best.length)) best = body;
  }
  return best;
}

/**
 * `body` as HTML paragraphs in `doc` (a copy of the page, never shown, so nothing in it
 * loads or runs): blank lines (or single line breaks when there are no blank ones) split
 * paragraphs. Some publishers put HTML in articleBody; that is parsed as HTML, and the
 * sanitiser has the final say, as for everything else.
 */
export function paragraphsFrom(body: string, doc: Document): Element {
  const root = doc.createElement('div');
  if (/<\/?(p|br|div|h[1-6]|ul|li)\b[^>]*>/i.test(body)) {
    root.innerHTML = body;
    return root;
  }
  const text = body.replace(/\r\n?/g, '\n');
  const blocks = /\n\s*\n/.test(text) ? text.split(/\n\s*\n/) : text.split('\n');
  for (const block of blocks) {
    const line = block.replace(/\s+/g, ' ').trim();
    if (!line) continue;
    const p = doc.createElement('p');
    p.textContent = line;
    root.appendChild(p);
  }
  return root;
}
