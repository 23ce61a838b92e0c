/**
 * What the extraction tests share (utils/clipper/extract*.test.ts): Readability's test pages
 * and our fixtures parsed with linkedom, and small readers of the result.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseHTML } from 'linkedom';
import type { ExtractResult } from '../../utils/clipper/extract';

export const FIXTURES = resolve('tests/fixtures');
export const PAGES = join(FIXTURES, 'readability-test-pages');
/** The base URL Readability's own test suite reads its pages with. */
export const FAKEHOST = 'http://fakehost/test/page.html';

export function parse(html: string): Document {
  return parseHTML(html).document as unknown as Document;
}

export function page(name: string): Document {
  return parse(readFileSync(join(PAGES, name, 'source.html'), 'utf8'));
}

export function fixture(name: string): Document {
  return parse(readFileSync(join(FIXTURES, name), 'utf8'));
}

export function article(result: ExtractResult) {
  if (!result.ok) throw new Error(`expected an article, got ${result.reason}: ${result.detail}`);
  return result.clip;
}

/** Text of an HTML fragment with all whitespace removed (serialisers differ in inter-element spaces). */
export function words(html: string): string {
  const { document } = parseHTML(`<!DOCTYPE html><html><body><div id="x">${html}</div></body></html>`);
  return (document.getElementById('x')?.textContent ?? '').replace(/\s+/g, '');
}

export const tidy = (text: string | null | undefined) => (text == null ? null : text.replace(/\s+/g, ' ').trim() || null);

export const prose = (sentence: string, times = 14) => `<article>${`<p>${sentence}</p>`.repeat(times)}</article>`;
export const ENGLISH = 'A sentence of an article, long enough to count as prose for Readability, about a book the group read. ';
