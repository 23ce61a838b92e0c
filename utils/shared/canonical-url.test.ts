import { describe, expect, test } from 'vitest';
import { parseHTML } from 'linkedom';
import { ampCacheOrigin, canonicalUrlOf, isHomePage, normaliseUrl, sameSite, urlKey, usableCanonical } from './canonical-url';

const doc = (head: string, htmlAttrs = '') =>
  parseHTML(`<!DOCTYPE html><html ${htmlAttrs}><head>${head}</head><body><p>x</p></body></html>`).document as unknown as Document;

describe('normaliseUrl', () => {
  test.each([
    ['https://ex.com/a?utm_source=n&utm_medium=e&id=7#comments', 'https://ex.com/a?id=7'],
    ['https://ex.com/a?UTM_Campaign=x&fbclid=1&gclid=2&dclid=3&gbraid=4&wbraid=5&msclkid=6', 'https://ex.com/a'],
    ['https://ex.com/a?mc_cid=1&mc_eid=2&igshid=3&yclid=4&page=2', 'https://ex.com/a?page=2'],
    // Other parameters stay as written and in order: the page may need them.
    ['https://ex.com/a?z=1&a=2&q=a%20b', 'https://ex.com/a?z=1&a=2&q=a%20b'],
    ['https://ex.com/a?&&id=1&', 'https://ex.com/a?id=1'],
    // utm is not utm_, and a value that looks like a tracker is not a name.
    ['https://ex.com/a?utm=1&x=fbclid', 'https://ex.com/a?utm=1&x=fbclid'],
    ['HTTPS://WWW.Ex.COM:443/A/', 'https://www.ex.com/A/'],
    ['http://ex.com:80/a', 'http://ex.com/a'],
  ])('%s → %s', (raw, expected) => {
    expect(normaliseUrl(raw)).toBe(expected);
  });

  test('resolves against a base, refuses what is not a web address', () => {
    expect(normaliseUrl('/b?utm_source=x', 'https://ex.com/a/')).toBe('https://ex.com/b');
    expect(normaliseUrl('/b')).toBeNull();
    expect(normaliseUrl('javascript:alert(1)')).toBeNull();
    expect(normaliseUrl('ftp://ex.com/a')).toBeNull();
    expect(normaliseUrl('')).toBeNull();
    expect(normaliseUrl(`https://ex.com/${'a'.repeat(2100)}`)).toBeNull();
  });
});

describe('urlKey (the same key as private.url_key)', () => {
  test.each([
    ['http://www.Example.com:80/a/b/?b=2&utm_source=x&a=1#frag', 'https://example.com/a/b?a=1&b=2'],
    ['https://user:pw@example.com.:443/', 'https://example.com'],
    ['https://example.com:8443/x//', 'https://example.com:8443/x'],
    ['not a url', 'not a url'],
  ])('%s → %s', (raw, expected) => {
    expect(urlKey(raw)).toBe(expected);
  });

  test('a clipped URL and its normalised form share a key', () => {
    const raw = 'http://www.ex.com/a/?utm_medium=mail&id=3#top';
    expect(urlKey(normaliseUrl(raw) ?? '')).toBe(urlKey(raw));
  });
});

describe('home-page canonicals (as private.preferred_url)', () => {
  test.each([
    ['https://ex.com', true],
    ['https://ex.com/', true],
    ['https://ex.com/?lang=en', true],
    ['https://ex.com/a', false],
  ])('%s is a home page: %s', (url, expected) => {
    expect(isHomePage(url)).toBe(expected);
  });

  test('a home-page canonical cannot stand for an article, but can for the home page', () => {
    expect(usableCanonical('https://ex.com/', 'https://ex.com/2024/story')).toBe(false);
    expect(usableCanonical('https://ex.com/', 'https://www.ex.com/')).toBe(true);
    expect(usableCanonical('https://ex.com/story', 'https://ex.com/2024/story?x=1')).toBe(true);
  });
});

describe('canonicalUrlOf', () => {
  const page = 'https://news.ex.com/a/story.html?ref=x';

  test.each([
    ['<link rel="canonical" href="/a/story?utm_source=rss#top">', 'https://news.ex.com/a/story'],
    ['<link rel="alternate canonical" href="https://ex.com/s">', 'https://ex.com/s'],
    ['<meta property="og:url" content="//news.ex.com/og">', 'https://news.ex.com/og'],
    ['<link rel="canonical" href="/from-link"><meta property="og:url" content="https://x.ex/og">', 'https://news.ex.com/from-link'],
    // Cross-scheme junk and home-page canonicals are skipped for the next candidate.
    ['<link rel="canonical" href="javascript:void(0)"><meta property="og:url" content="https://news.ex.com/og">', 'https://news.ex.com/og'],
    // Another site's address is never trusted: the page keeps its own.
    ['<link rel="canonical" href="javascript:void(0)"><meta property="og:url" content="https://x.ex/og">', null],
    ['<link rel="canonical" href="https://other.example/famous-essay">', null],
    [
      '<link rel="canonical" href="https://other.example/famous-essay"><meta property="og:url" content="https://www.ex.com/a/story">',
      'https://www.ex.com/a/story',
    ],
    [
      '<link rel="canonical" href="https://news.ex.com/"><meta property="og:url" content="https://news.ex.com/a/og">',
      'https://news.ex.com/a/og',
    ],
    ['<link rel="canonical" href="https://news.ex.com/">', null],
    ['<link rel="canonical" href="ftp://files.ex.com/story">', null],
    ['<link rel="amphtml" href="https://news.ex.com/a/story.amp.html">', null],
    ['', null],
  ])('%s → %s', (head, expected) => {
    expect(canonicalUrlOf(doc(head), page)).toBe(expected);
  });

  test("a relative canonical follows <base>, but only within the page's own site", () => {
    expect(canonicalUrlOf(doc('<link rel="canonical" href="story">'), page, 'https://ex.com/base/')).toBe('https://ex.com/base/story');
    expect(canonicalUrlOf(doc('<link rel="canonical" href="story">'), page, 'https://cdn.ex.net/base/')).toBeNull();
  });

  test('sameSite: the same host (www. aside) or a subdomain, never a sibling or another site', () => {
    expect(sameSite('https://www.ex.com/a', 'http://ex.com/b')).toBe(true);
    expect(sameSite('https://amp.ex.com/a', 'https://www.ex.com/b')).toBe(true);
    expect(sameSite('https://alice.github.io/a', 'https://bob.github.io/a')).toBe(false);
    expect(sameSite('https://ex.com.evil.example/a', 'https://ex.com/a')).toBe(false);
    expect(sameSite('https://notex.com/a', 'https://ex.com/a')).toBe(false);
  });

  test("regression: a page naming another site's article as canonical keeps its own address", () => {
    const html = `<!DOCTYPE html><html lang="en"><head>
      <title>The famous essay, annotated</title>
      <link rel="canonical" href="https://essays.example.org/2024/the-famous-essay">
      <meta property="og:url" content="https://essays.example.org/2024/the-famous-essay">
      </head><body><article><h1>The famous essay</h1><p>Text copied from elsewhere, with our own edits.</p></article></body></html>`;
    const page = parseHTML(html).document as unknown as Document;
    expect(canonicalUrlOf(page, 'https://copycat.example.net/posts/famous')).toBeNull();
    // The publisher's own page still names it.
    expect(canonicalUrlOf(page, 'https://www.essays.example.org/2024/the-famous-essay?ref=feed')).toBe(
      'https://essays.example.org/2024/the-famous-essay',
    );
  });

  test("an AMP cache page may name the publisher's page, and only the publisher's", () => {
    const cached = 'https://www-ex-com.cdn.ampproject.org/c/s/www.ex.com/a/story.amp';
    expect(canonicalUrlOf(doc('<link rel="canonical" href="https://www.ex.com/a/story">', 'amp'), cached)).toBe(
      'https://www.ex.com/a/story',
    );
    expect(canonicalUrlOf(doc('<link rel="canonical" href="https://other.example/story">', 'amp'), cached)).toBe(
      'https://www.ex.com/a/story.amp',
    );
    const viewer = 'https://www.google.com/amp/s/ex.com/a';
    expect(canonicalUrlOf(doc('<link rel="canonical" href="https://ex.com/a-regular">', 'amp'), viewer)).toBe('https://ex.com/a-regular');
  });

  test('an AMP page maps to its regular page through rel=canonical', () => {
    const amp = doc('<link rel="canonical" href="https://news.ex.com/a/story.html">', '⚡ lang="en"');
    expect(canonicalUrlOf(amp, 'https://news.ex.com/a/story.amp.html')).toBe('https://news.ex.com/a/story.html');
  });

  test('an AMP page without a canonical link maps to its address without the AMP marker', () => {
    expect(canonicalUrlOf(doc('', 'amp'), 'https://ex.com/2024/story/amp/')).toBe('https://ex.com/2024/story/');
    expect(canonicalUrlOf(doc('', 'amp'), 'https://ex.com/2024/story.amp.html')).toBe('https://ex.com/2024/story.html');
    expect(canonicalUrlOf(doc('', 'amp'), 'https://ex.com/story?amp=1&id=4')).toBe('https://ex.com/story?id=4');
    // Not an AMP page: an address that merely contains "amp" is left alone.
    expect(canonicalUrlOf(doc(''), 'https://ex.com/2024/story/amp/')).toBeNull();
  });

  test('an AMP cache address maps to the publisher’s page', () => {
    expect(ampCacheOrigin('https://www-ex-com.cdn.ampproject.org/c/s/www.ex.com/a/story.amp?utm_source=x')).toBe(
      'https://www.ex.com/a/story.amp',
    );
    expect(ampCacheOrigin('https://www.google.com/amp/s/ex.com/a')).toBe('https://ex.com/a');
    expect(ampCacheOrigin('https://www.google.com/amp/ex.com/plain')).toBe('http://ex.com/plain');
    expect(ampCacheOrigin('https://ex.com/amp/s/x')).toBeNull();
    expect(canonicalUrlOf(doc(''), 'https://www.google.com/amp/s/ex.com/a')).toBe('https://ex.com/a');
  });
});
