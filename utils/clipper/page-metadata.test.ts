import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseHTML } from 'linkedom';
import {
  bylineOf,
  linkCard,
  linkCardReason,
  PAYWALLED_MESSAGE,
  PAYWALL_STUB_CHARS,
  readPageMetadata,
  splitAuthors,
  VIDEO_PAGE_MESSAGE,
} from './page-metadata';

const URL = 'https://journal.example/articles/42';
const doc = (head: string, body = '<p>Text.</p>', htmlAttrs = '') =>
  parseHTML(`<!DOCTYPE html><html ${htmlAttrs}><head>${head}</head><body>${body}</body></html>`).document as unknown as Document;
const read = (head: string, body?: string, htmlAttrs?: string) => readPageMetadata(doc(head, body, htmlAttrs), URL);
const jsonLd = (value: unknown) => `<script type="application/ld+json">${JSON.stringify(value)}</script>`;

describe('readPageMetadata: a paper (citation_* and Dublin Core, as journal clubs clip)', () => {
  const paper = read(`<title>Reading in groups | Journal of Reading</title>
    <meta name="citation_title" content="Reading in groups: a field study">
    <meta name="citation_author" content="Curie, Marie"><meta name="citation_author" content="Curie, Pierre">
    <meta name="citation_author" content="https://orcid.org/0000-0000">
    <meta name="citation_publication_date" content="2020/05/13">
    <meta name="citation_journal_title" content="Journal of Reading">
    <meta name="DC.description" content="We followed 40 reading groups for a year.">
    <meta name="DC.language" content="en">`);

  test('title, authors one by one, date, journal as site, abstract', () => {
    expect(paper).toMatchObject({
      title: 'Reading in groups: a field study',
      authors: ['Curie, Marie', 'Curie, Pierre'],
      byline: 'Curie, Marie; Curie, Pierre',
      published_at: '2020-05-13T00:00:00.000Z',
      site_name: 'Journal of Reading',
      excerpt: 'We followed 40 reading groups for a year.',
      lang: 'en',
      dir: 'ltr',
      hint: null,
    });
  });
});

describe('readPageMetadata: sources and their order', () => {
  test('JSON-LD first: headline, nested author objects and arrays, publisher, dates, image', () => {
    const meta = read(
      jsonLd({
        '@context': 'https://schema.org',
        '@type': 'BlogPosting',
        headline: 'From JSON-LD',
        name: 'Site name in the wrong field',
        author: [{ '@type': 'Person', name: 'Ada Lovelace' }, 'Charles Babbage'],
        publisher: { '@type': 'Organization', name: 'The Engine Blog' },
        datePublished: '2024-01-02T03:04:05Z',
        dateModified: 'not a date',
        image: { '@type': 'ImageObject', url: '/lead.png' },
        description: 'Described in JSON-LD.',
      }) + '<meta property="og:title" content="From OG"><meta name="author" content="Meta Author">',
    );
    expect(meta).toMatchObject({
      title: 'From JSON-LD',
      authors: ['Ada Lovelace', 'Charles Babbage'],
      site_name: 'The Engine Blog',
      published_at: '2024-01-02T03:04:05.000Z',
      modified_at: null,
      lead_image_url: 'https://journal.example/lead.png',
      excerpt: 'Described in JSON-LD.',
    });
  });

  test('Open Graph and Twitter when there is no JSON-LD; article:author URLs are not names', () => {
    const meta = read(`<title>Plain title</title>
      <meta name="twitter:title" content="Twitter title"><meta property="og:title" content="OG title">
      <meta property="article:author" content="https://facebook.com/someone"><meta name="author" content="By Jo March and Laurie Laurence">
      <meta property="og:site_name" content="Little Press"><meta name="twitter:description" content="Tweet-sized.">
      <meta property="og:image" content="javascript:alert(1)"><meta name="twitter:image" content="//img.example/t.jpg">
      <meta property="article:published_time" content="2023-12-24T18:00:00-05:00">
      <meta property="article:modified_time" content="2023-12-25T09:00:00Z">
      <meta property="og:locale" content="en_GB">`);
    expect(meta).toMatchObject({
      title: 'OG title',
      authors: ['Jo March', 'Laurie Laurence'],
      byline: 'Jo March, Laurie Laurence',
      site_name: 'Little Press',
      excerpt: 'Tweet-sized.',
      lead_image_url: 'https://img.example/t.jpg',
      published_at: '2023-12-24T23:00:00.000Z',
      modified_at: '2023-12-25T09:00:00.000Z',
      lang: 'en-GB',
    });
  });

  test('no metadata at all: <title>, then the first heading; authors marked up in the page; <time>', () => {
    const body = `<article><h1>The heading</h1><p>By <a rel="author" href="/u/jo">Jo March</a>, <time datetime="2021-07-04">July 4</time></p></article>`;
    expect(read('<title> Only  the title </title>', body)).toMatchObject({
      title: 'Only the title',
      authors: ['Jo March'],
      published_at: '2021-07-04T00:00:00.000Z',
    });
    expect(read('', body).title).toBe('The heading');
    expect(read('', '<p>nothing</p>')).toMatchObject({ title: null, authors: [], byline: null, excerpt: null, published_at: null });
  });

  test('canonical URL is normalised (trackers and fragment gone)', () => {
    expect(read('<link rel="canonical" href="/articles/42?utm_campaign=x&id=1#top">').canonical_url).toBe(
      'https://journal.example/articles/42?id=1',
    );
  });
});

describe('readPageMetadata: language and direction', () => {
  test.each([
    ['', 'lang="he"', 'he', 'rtl'],
    ['', 'lang="fa-IR"', 'fa-IR', 'rtl'],
    ['', 'lang="ar" dir="ltr"', 'ar', 'ltr'], // an explicit dir wins
    ['', 'lang="en" dir="auto"', 'en', 'ltr'], // auto says nothing
    ['<meta http-equiv="Content-Language" content="ur, en">', '', 'ur', 'rtl'],
    ['', '', null, null],
  ])('%s <html %s> → %s %s', (head, attrs, lang, dir) => {
    expect(read(head, '<p>x</p>', attrs)).toMatchObject({ lang, dir });
  });

  test('dir on <body> counts', () => {
    expect(read('', '<p>x</p>').dir).toBeNull();
    const page = parseHTML('<!DOCTYPE html><html><head></head><body dir="RTL"><p>x</p></body></html>').document as unknown as Document;
    expect(readPageMetadata(page, URL).dir).toBe('rtl');
  });
});

describe('readPageMetadata: favicon', () => {
  test.each([
    ['', 'https://journal.example/favicon.ico'],
    ['<link rel="shortcut icon" href="/f.ico">', 'https://journal.example/f.ico'],
    [
      '<link rel="icon" href="/16.png" sizes="16x16"><link rel="icon" href="/32.png" sizes="32x32"><link rel="icon" href="/192.png" sizes="192x192">',
      'https://journal.example/32.png',
    ],
    ['<link rel="apple-touch-icon" href="/touch.png"><link rel="icon" href="/16.png" sizes="16x16">', 'https://journal.example/16.png'],
    ['<link rel="apple-touch-icon-precomposed" href="/touch.png">', 'https://journal.example/touch.png'],
    ['<link rel="icon" href="data:image/png;base64,AAAA">', 'https://journal.example/favicon.ico'],
  ])('%s → %s', (head, expected) => {
    expect(read(head).favicon_url).toBe(expected);
  });
});

describe('readPageMetadata: what kind of page', () => {
  test.each([
    ['<meta property="og:type" content="video.movie">', 'video'],
    ['<meta property="og:type" content="article">', null],
    [jsonLd({ '@context': 'https://schema.org', '@type': 'VideoObject', name: 'A talk' }), 'video'],
    [jsonLd({ '@type': 'NewsArticle', headline: 'H', isAccessibleForFree: false }), 'paywalled'],
    [
      jsonLd({
        '@type': 'NewsArticle',
        headline: 'H',
        isAccessibleForFree: 'False',
        hasPart: { '@type': 'WebPageElement', isAccessibleForFree: false },
      }),
      'paywalled',
    ],
    [
      jsonLd({
        '@graph': [
          { '@type': 'WebPage', isAccessibleForFree: false },
          { '@type': 'Article', headline: 'H' },
        ],
      }),
      'paywalled',
    ],
    [jsonLd({ '@type': 'NewsArticle', headline: 'H', isAccessibleForFree: true }), null],
  ])('%s → %s', (head, hint) => {
    expect(read(head).hint).toBe(hint);
  });

  test('linkCardReason: videos always, paywalled only when the text is a teaser', () => {
    expect(linkCardReason({ hint: 'video' }, 50_000)).toBe(VIDEO_PAGE_MESSAGE);
    expect(linkCardReason({ hint: 'paywalled' }, PAYWALL_STUB_CHARS - 1)).toBe(PAYWALLED_MESSAGE);
    expect(linkCardReason({ hint: 'paywalled' }, PAYWALL_STUB_CHARS)).toBeNull();
    expect(linkCardReason({ hint: null }, 0)).toBeNull();
  });

  test('linkCard holds only ClipPayload fields', () => {
    const card = linkCard(read('<meta property="og:type" content="video.other">'));
    expect(card).not.toHaveProperty('hint');
    expect(card).not.toHaveProperty('title');
  });
});

describe('author lines', () => {
  test.each([
    ['By Jo March and Laurie Laurence', ['Jo March', 'Laurie Laurence']],
    ['Amy March, Beth March; Meg March', ['Amy March', 'Beth March', 'Meg March']],
    ['Smith, Jane', ['Smith, Jane']],
    ['Mac & i', ['Mac & i']],
    ['Cher and Madonna', ['Cher and Madonna']],
    ['  ', []],
  ])('%s → %j', (line, expected) => {
    expect(splitAuthors(line)).toEqual(expected);
  });

  test('byline joins with commas, or semicolons when names hold commas', () => {
    expect(bylineOf(['A B', 'C D'])).toBe('A B, C D');
    expect(bylineOf(['B, A', 'D, C'])).toBe('B, A; D, C');
    expect(bylineOf([])).toBeNull();
  });

  test('at most 20 authors, no repeats', () => {
    const tags = Array.from({ length: 30 }, (_, i) => `<meta name="citation_author" content="Author ${i % 25}">`).join('');
    const { authors } = read(tags);
    expect(authors).toHaveLength(20);
    expect(new Set(authors).size).toBe(20);
  });
});

describe('readPageMetadata is pure and DOM-independent', () => {
  const html = readFileSync(resolve('tests/fixtures/article.html'), 'utf8');
  const url = 'http://localhost:5173/article.html';

  test('leaves the document untouched, and reads the same in linkedom and happy-dom', () => {
    const linked = parseHTML(html).document as unknown as Document;
    const before = linked.documentElement.outerHTML;
    const meta = readPageMetadata(linked, url);
    expect(linked.documentElement.outerHTML).toBe(before);
    expect(readPageMetadata(new DOMParser().parseFromString(html, 'text/html'), url)).toEqual(meta);
    expect(meta).toMatchObject({
      // Served from localhost, the fixture names another site as canonical: not trusted.
      canonical_url: null,
      title: 'Why Reading Circles Outlast Book Clubs',
      authors: ['Maren Okafor'],
      published_at: '2024-03-14T00:00:00.000Z',
    });
  });
});

// ---------- Mozilla's test pages ----------

const PAGES = resolve('tests/fixtures/readability-test-pages');
interface Expected {
  title: string;
  byline: string | null;
  excerpt: string | null;
  siteName: string | null;
  publishedTime: string | null;
  lang?: string | null;
  dir: string | null;
}
const cases = readdirSync(PAGES, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => ({
    name: e.name,
    expected: JSON.parse(readFileSync(join(PAGES, e.name, 'expected-metadata.json'), 'utf8')) as Expected,
    meta: readPageMetadata(
      parseHTML(readFileSync(join(PAGES, e.name, 'source.html'), 'utf8')).document as unknown as Document,
      'http://fakehost/test/page.html',
    ),
  }));
const tidy = (text: string | null) => (text == null ? null : text.replace(/\s+/g, ' ').trim());
/** Readability's timestamps as an instant; a time without a zone is UTC, as isoDate reads it. */
const instant = (time: string) =>
  new Date(/[zZ]$|[+-]\d\d:?\d\d$/.test(time) ? time : time.length === 10 ? `${time}T00:00:00Z` : `${time}Z`).toISOString();

/**
 * Where readPageMetadata knowingly differs from Readability's expected-metadata.json.
 * Readability also reads the article text (its excerpt falls back to the first paragraph,
 * its byline to a byline in the text, its title trims a "Section: " prefix); this reads
 * only what the page declares.
 */
const DIFFERENCES: Record<string, Partial<Record<keyof Expected, unknown>>> = {
  // Two Dublin Core creator tags (name= and property=) are two authors here; Readability keeps the last.
  '003-metadata-preferred': { byline: 'Dublin Core property author, Dublin Core name author' },
  // The page's article:author meta says Laurie Oakes; Readability found a name in the text.
  'herald-sun-1': { byline: 'Laurie Oakes' },
  // Readability trims "Outside the web: " from <title>; the page's own title is kept here, less the site's name (" · V8").
  'v8-blog': { title: 'Outside the web: standalone WebAssembly binaries using Emscripten', publishedTime: '2019-11-21T00:00:00.000Z' },
  // These declare no description: Readability's excerpt is the first paragraph.
  'base-url-base-element-relative': { excerpt: null },
  hukumusume: { excerpt: null },
  'js-link-replacement': { excerpt: null },
  'parsely-metadata': { excerpt: null },
  'rtl-1': { excerpt: null },
  // Dates Readability does not read (an <time itemprop=datePublished>, Dublin Core, article:published_time it missed).
  'ars-1': { publishedTime: '2015-04-16T20:02:01.000Z' },
  heise: { publishedTime: '2015-04-08T12:46:00.000Z' },
  'lemonde-1': { publishedTime: '2015-05-04T11:36:31.000Z' },
};

describe.each(cases)('Mozilla test page $name', ({ name, expected, meta }) => {
  const differs = DIFFERENCES[name] ?? {};
  const want = <K extends keyof Expected>(key: K, ours: unknown) => (key in differs ? differs[key] : ours);

  test('title, byline, excerpt and site name match Readability’s, or the listed difference', () => {
    expect({ title: meta.title, byline: meta.byline, excerpt: meta.excerpt, siteName: meta.site_name }).toEqual({
      title: want('title', tidy(expected.title)),
      byline: want('byline', tidy(expected.byline)),
      excerpt: want('excerpt', tidy(expected.excerpt)),
      siteName: want('siteName', tidy(expected.siteName)),
    });
  });

  test('published time is the same instant, as an ISO string', () => {
    expect(meta.published_at).toBe(want('publishedTime', expected.publishedTime ? instant(expected.publishedTime) : null));
  });

  test('language and direction agree (direction also follows the language here)', () => {
    if (expected.lang !== undefined) expect(meta.lang).toBe(expected.lang);
    if (expected.dir) expect(meta.dir).toBe(expected.dir);
    else expect(meta.dir).toBe(meta.lang ? 'ltr' : null);
  });
});
