import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { Readability } from '@mozilla/readability';
import { hasNoText, readableTextBound } from './extract-bound';
import { extractArticle } from './extract';
import { PAGES, page, parse } from '../../tests/support/extract-pages';

const collapsed = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim().length;
function reading(doc: Document, relaxed: boolean): number {
  const options = relaxed ? { charThreshold: 100, nbTopCandidates: 10 } : {};
  const copy = doc.cloneNode(true) as Document;
  return collapsed(new Readability<Element>(copy, { ...options, keepClasses: true, serializer: (n) => n as Element }).parse()?.content);
}

describe('readableTextBound (lets readBody skip Readability passes that cannot win)', () => {
  test('regression: no Readability reading, plain or relaxed, of any golden page is longer than the bound', () => {
    for (const name of readdirSync(PAGES).filter((n) => existsSync(join(PAGES, n, 'source.html')))) {
      const doc = page(name);
      const bound = readableTextBound(doc);
      expect(reading(doc, false), name).toBeLessThanOrEqual(bound);
      expect(reading(doc, true), name).toBeLessThanOrEqual(bound);
    }
  });

  test('counts the document’s text (head included) in order with spaces collapsed, leaving out script, style and noscript', () => {
    const doc = parse(
      '<html><head><title>Not body</title></head><body> <p>One  two</p>\n<script>var x = 1;</script><style>p{}</style><noscript>no</noscript><div><b>three</b></div> </body></html>',
    );
    expect(readableTextBound(doc)).toBe('Not body One two three'.length);
  });

  test('hasNoText: no text outside script, style and noscript; a <title> counts (Readability walks the head too)', () => {
    expect(hasNoText(parse('<html><head></head><body>  \n </body></html>'))).toBe(true);
    expect(hasNoText(parse('<html><body><script>var x = 1;</script><style>p{}</style></body></html>'))).toBe(true);
    expect(hasNoText(parse('<html><head><title>Empty</title></head><body></body></html>'))).toBe(false);
    expect(hasNoText(parse('<html><body><p>x</p></body></html>'))).toBe(false);
  });

  test('regression: text linkedom leaves outside doc.body (a second <body>, after </html>) is counted, as Readability reads it', () => {
    const doc = parse('<html><head></head><body></body></html><body><p>Text after the root.</p></body>');
    expect(hasNoText(doc)).toBe(false);
    expect(readableTextBound(doc)).toBeGreaterThanOrEqual(reading(doc, false));
    expect(reading(doc, true)).toBeLessThanOrEqual(readableTextBound(doc));
  });

  test('regression: an empty page and a page shorter than the threshold give the same answers as before the skips', () => {
    const url = 'http://fakehost/test/page.html';
    expect(extractArticle(parse('<html><head><title>Empty</title></head><body></body></html>'), url)).toEqual({
      ok: false,
      reason: 'no-content',
      detail: 'Readability found no article content.',
    });
    const short = extractArticle(
      parse('<html><body><nav>Home</nav><article><p>A short note about the book.</p></article></body></html>'),
      url,
    );
    expect(short).toMatchObject({ ok: false, reason: 'too-short' });
  });
});
