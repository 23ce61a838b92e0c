import { describe, expect, test } from 'vitest';
import { parseHTML } from 'linkedom';
import { readPageMetadata } from './page-metadata';
import { extractArticle } from './extract';
import { hostName, readerTitle, repeatsSiteName } from './page-title';
import { ENGLISH, prose } from '../../tests/support/extract-pages';

const page = (head: string, body: string, url = 'https://news.example/2026/12/05/story') =>
  readPageMetadata(parseHTML(`<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`).document as unknown as Document, url);

describe('titles drop a part that repeats the site’s name (share titles kept "… | Site")', () => {
  test.each([
    ['og:site_name', '<meta property="og:site_name" content="The Daily">', 'Storm closes the harbour | The Daily'],
    ['application-name', '<meta name="application-name" content="The Daily">', 'The Daily - Storm closes the harbour'],
    ['a name written as a domain', '<meta property="og:site_name" content="Daily.com">', 'Storm closes the harbour – Daily'],
    ['a leading "Site: "', '<meta property="og:site_name" content="The Daily">', 'The Daily: Storm closes the harbour'],
  ])('%s', (_, head, title) => {
    expect(page(`<title>${title}</title>${head}`, '<p>x</p>').title).toBe('Storm closes the harbour');
  });

  test('JSON-LD publisher and the host’s own name count as the site’s name', () => {
    const ld = `<script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', headline: 'Storm closes the harbour » Harbour Herald', publisher: { '@type': 'Organization', name: 'Harbour Herald' } })}</script>`;
    expect(page(ld, '<p>x</p>').title).toBe('Storm closes the harbour');
    expect(page('<title>Storm closes the harbour · Ehow</title>', '<p>x</p>', 'https://www.ehow.com/a').title).toBe(
      'Storm closes the harbour',
    );
  });

  test('an <h1> that only links to the front page is the site’s name (Sphinx, blogs)', () => {
    const body = '<header><h1><a href="/">Notes of a Reader</a></h1></header><p>x</p>';
    expect(page('<title>On margins — Notes of a Reader</title>', body).title).toBe('On margins');
  });

  test('nothing is dropped when no part is the site’s name, or when the title is only the site’s name', () => {
    expect(page('<title>Chapter 1 - The Start - A Story</title><meta property="og:site_name" content="Fiction">', '<p>x</p>').title).toBe(
      'Chapter 1 - The Start - A Story',
    );
    expect(page('<title>The Daily - News</title><meta property="og:site_name" content="The Daily - News">', '<p>x</p>').title).toBe(
      'The Daily - News',
    );
  });
});

describe('titles prefer the visible headline when the share title only adds words to it', () => {
  test.each([
    ['a section after it ("… | Editorial")', 'Why the harbour must stay open | Editorial', 'Why the harbour must stay open'],
    ['a blog’s name after it', 'Reading Middlemarch slowly - Marginalia Blog', 'Reading Middlemarch slowly'],
    ['SEO words after it', 'Storm closes the harbour: news, photos, video', 'Storm closes the harbour'],
    ['a section before it, in Portuguese', 'Opinião | Porto fechado pela tempestade', 'Porto fechado pela tempestade'],
  ])('%s', (_, title, h1) => {
    expect(page(`<meta property="og:title" content="${title}">`, `<article><h1>${h1}</h1><p>x</p></article>`).title).toBe(h1);
  });

  test('not when the headline is short and at the end (a site logo in an <h1>), or differs from the title', () => {
    expect(page('<title>Storm closes the harbour – Herald</title>', '<h1>Herald</h1><p>x</p>').title).toBe(
      'Storm closes the harbour – Herald',
    );
    expect(page('<title>Storm closes the harbour</title>', '<h1>Harbour closed by storm</h1>').title).toBe('Storm closes the harbour');
  });

  test('a "site name" that is the headline opening the title names the article (application-name misused)', () => {
    const head = '<title>Storm closes the harbour - Herald</title><meta name="application-name" content="Storm closes the harbour">';
    expect(page(head, '<h1>Storm closes the harbour</h1>').title).toBe('Storm closes the harbour');
  });

  test('the clip’s title (Readability’s, from og:title) follows the same rules', () => {
    const doc = parseHTML(
      `<!DOCTYPE html><html><head><meta property="og:title" content="Reading Middlemarch slowly - Marginalia Blog"></head><body><article><h1>Reading Middlemarch slowly</h1>${prose(ENGLISH)}</article></body></html>`,
    ).document as unknown as Document;
    const result = extractArticle(doc, 'https://blog.example/middlemarch');
    expect(result.ok && result.clip.title).toBe('Reading Middlemarch slowly');
  });
});

describe('page-title helpers', () => {
  test('hostName: the label before the public suffix', () => {
    expect(hostName('https://www.ehow.com/x')).toBe('ehow');
    expect(hostName('https://www.bbc.co.uk/news')).toBe('bbc');
    expect(hostName('https://en.wikipedia.org/wiki/X')).toBe('wikipedia');
    expect(hostName('http://fakehost/test/page.html')).toBeNull();
  });

  test('repeatsSiteName: equal, longer, or a domain without its ending; a short prefix is not the name', () => {
    expect(repeatsSiteName('The Guardian', ['theguardian'])).toBe(true);
    expect(repeatsSiteName('Wikipedia, the free encyclopedia', ['Wikipedia'])).toBe(true);
    expect(repeatsSiteName('Factorio', ['Factorio.com'])).toBe(true);
    expect(repeatsSiteName('Evolve', ['evolve extension for Mercurial'])).toBe(false);
    expect(repeatsSiteName('International Biathlon Union', ['International Biathlon Union - IBU'])).toBe(false);
  });

  test('readerTitle without names or headlines keeps the title', () => {
    expect(readerTitle('A - B | C', [], [])).toBe('A - B | C');
  });
});
