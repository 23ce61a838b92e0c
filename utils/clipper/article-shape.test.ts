import { describe, expect, test } from 'vitest';
import { parseHTML } from 'linkedom';
import { declaresArticle, doubtfulPageIsArticle, linkShare, proseChars } from './article-shape';

const root = (html: string) =>
  parseHTML(`<!DOCTYPE html><html><body><div id="r">${html}</div></body></html>`).document.getElementById('r') as unknown as Element;
const sentence = 'A short blog post still has at least one real paragraph of ordinary prose in it. ';

describe('proseChars', () => {
  test('counts paragraphs of prose', () => {
    expect(proseChars(root(`<p>${sentence}</p><p>${sentence}</p>`))).toBe(2 * sentence.trim().length);
  });

  test('ignores short lines, list items and paragraphs that are mostly links', () => {
    const links = `<p><a href="/a">${sentence}</a> more</p>`;
    expect(proseChars(root(`<p>Sign in</p><ul><li>${sentence}</li></ul>${links}`))).toBe(0);
  });

  test('a paragraph inside a blockquote is counted once', () => {
    expect(proseChars(root(`<blockquote><p>${sentence}</p></blockquote>`))).toBe(sentence.trim().length);
  });
});

const page = (head: string) => parseHTML(`<!DOCTYPE html><html><head>${head}</head><body></body></html>`).document as unknown as Document;

describe('linkShare and declaresArticle', () => {
  test('linkShare is the share of text inside links', () => {
    expect(linkShare(root('<p>abcd <a href="/x">efgh</a></p>'))).toBeCloseTo(4 / 9);
    expect(linkShare(root(''))).toBe(0);
  });

  test.each([
    ['<meta property="og:type" content="article">', true],
    ['<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle"}</script>', true],
    ['<script type="application/ld+json">{"@type": ["BlogPosting"]}</script>', true],
    ['<meta property="og:type" content="website">', false],
    ['<script type="application/ld+json">{"@type":"WebSite"}</script>', false],
    ['', false],
  ])('%s → %s', (head, expected) => {
    expect(declaresArticle(page(head))).toBe(expected);
  });
});

describe('doubtfulPageIsArticle (pages isProbablyReaderable doubts)', () => {
  const plain = page('');
  const len = (r: Element) => (r.textContent ?? '').replace(/\s+/g, ' ').trim().length;
  const check = (r: Element, doc = plain) => doubtfulPageIsArticle(r, doc, len(r), 1000, 150);

  test('regression: a short blog post of two real paragraphs is an article (was refused under 1,000 characters)', () => {
    expect(check(root(`<p>${sentence}</p><p>${sentence}</p>`))).toBe(true);
  });

  test('a list of short product links is not, and neither is a sign-in form’s few labels', () => {
    expect(
      check(root(Array.from({ length: 12 }, (_, i) => `<li><a href="/p/${i}">Product number ${i} in the list</a></li>`).join(''))),
    ).toBe(false);
    expect(check(root('<h1>Sign in</h1><p>Email</p><p>Password</p><p><a href="/reset">Forgot your password?</a></p>'))).toBe(false);
  });

  test('600 characters of short lines that are not links count (poems, lyrics, letters)', () => {
    expect(check(root(Array.from({ length: 20 }, () => '<p>A short line of a poem here</p>').join('')))).toBe(true);
  });

  test('a page that declares itself an article counts with any text', () => {
    expect(check(root('<p>Short news item.</p>'), page('<meta property="og:type" content="article">'))).toBe(true);
  });
});
