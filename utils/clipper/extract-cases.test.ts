import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { MAX_CONTENT_BYTES, clipDocument, extractArticle } from './extract';
import { linkClip } from '@/utils/shared/link-clip';
import { utf8Length } from './sanitize-clip';
import { MAX_STORED_CONTENT_BYTES } from '@/utils/shared/api-types';
import { decode } from '../../tests/eval/decode';
import { ENGLISH, FIXTURES, article, fixture, parse, prose, words } from '../../tests/support/extract-pages';

describe('clip metadata (every ClipPayload field is filled)', () => {
  const clip = article(extractArticle(fixture('article.html'), 'http://localhost:5173/article.html'));

  test('the local fixture: authors, dates, direction, icon, word count', () => {
    expect(clip).toMatchObject({
      authors: ['Maren Okafor'],
      dir: 'ltr',
      favicon_url: 'http://localhost:5173/favicon.ico',
      published_at: '2024-03-14T00:00:00.000Z',
      modified_at: null,
      selection: false,
      truncated: false,
    });
    expect(clip.word_count).toBeGreaterThan(clip.text_length / 8);
    expect(clip.word_count).toBeLessThan(clip.text_length / 4);
  });

  test('has exactly the fields of ClipPayload (none missing for the database)', () => {
    expect(Object.keys(clip).sort()).toEqual(Object.keys(linkClip('https://x.example/', null)).sort());
  });

  test('JSON-LD fills what Readability does not read: authors, modified date, favicon, canonical without trackers', () => {
    const ld = {
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebSite', '@id': '#site', name: 'The Quarterly' },
        { '@type': 'Person', '@id': '#ada', name: 'Ada Lovelace' },
        {
          '@type': 'NewsArticle',
          headline: 'Notes on the Engine',
          author: [{ '@id': '#ada' }, { '@type': 'Person', name: 'Charles Babbage' }],
          datePublished: '2024-05-01T09:30:00+02:00',
          dateModified: '2024-05-02',
          publisher: { '@id': '#site' },
        },
      ],
    };
    const doc = parse(`<!DOCTYPE html><html lang="en-GB"><head><title>Notes on the Engine</title>
      <script type="application/ld+json">${JSON.stringify(ld)}</script>
      <link rel="icon" href="/icon-32.png" sizes="32x32">
      <link rel="canonical" href="https://quarterly.example/engine?utm_source=rss&fbclid=x#top"></head>
      <body>${prose(ENGLISH)}</body></html>`);
    const read = article(extractArticle(doc, 'https://quarterly.example/engine?utm_medium=mail'));
    expect(read).toMatchObject({
      title: 'Notes on the Engine',
      canonical_url: 'https://quarterly.example/engine',
      authors: ['Ada Lovelace', 'Charles Babbage'],
      byline: 'Ada Lovelace, Charles Babbage',
      site_name: 'The Quarterly',
      lang: 'en-GB',
      dir: 'ltr',
      favicon_url: 'https://quarterly.example/icon-32.png',
      published_at: '2024-05-01T07:30:00.000Z',
      modified_at: '2024-05-02T00:00:00.000Z',
    });
  });
});

describe('bad input: pages that are missing things or are not articles', () => {
  const url = 'https://news.example.com/2024/story';

  test('no <title>: the title comes from og:title, else the first heading, else the address', () => {
    const body = `<body><h1>The heading</h1>${prose(ENGLISH)}</body>`;
    const og = parse(`<!DOCTYPE html><html><head><meta property="og:title" content="From Open Graph"></head>${body}</html>`);
    expect(article(extractArticle(og, url)).title).toBe('From Open Graph');
    expect(article(extractArticle(parse(`<!DOCTYPE html><html><head></head>${body}</html>`), url)).title).toBe('The heading');
    const bare = parse(`<!DOCTYPE html><html><head></head><body>${prose(ENGLISH)}</body></html>`);
    expect(article(extractArticle(bare, url)).title).toBe(url);
  });

  test.each([
    ['he', 'זהו משפט ארוך מספיק כדי להיחשב כפרוזה, על ספר שהקבוצה קראה יחד בערב. '],
    ['ar', 'هذه جملة طويلة بما يكفي لتعتبر نثرا، عن كتاب قرأته المجموعة معا في المساء. '],
  ])('a right-to-left page (%s) keeps its direction, language and every word', (lang, sentence) => {
    // No dir attribute at all: the direction comes from the language.
    const doc = parse(`<!DOCTYPE html><html lang="${lang}"><head><title>כותרת</title></head><body>${prose(sentence)}</body></html>`);
    const clip = article(extractArticle(doc, url));
    expect(clip).toMatchObject({ lang, dir: 'rtl' });
    expect(words(clip.content_html ?? '')).toBe(sentence.replace(/\s+/g, '').repeat(14));
    expect(clip.word_count).toBe(sentence.trim().split(/\s+/).length * 14);
  });

  test('a page marked dir="rtl" is rtl whatever its language says', () => {
    const doc = parse(`<!DOCTYPE html><html lang="en" dir="rtl"><head><title>T</title></head><body>${prose(ENGLISH)}</body></html>`);
    expect(article(extractArticle(doc, url)).dir).toBe('rtl');
  });

  test('a video page becomes a link card that says why, even with a long description on the page', () => {
    const doc = parse(`<!DOCTYPE html><html lang="en"><head><title>Author talk | VideoSite</title>
      <meta property="og:type" content="video.other"><meta property="og:title" content="Author talk: The Engine">
      <meta property="og:site_name" content="VideoSite"><meta property="og:image" content="https://img.example/t.jpg">
      <meta name="description" content="An hour with the author."></head><body>${prose(ENGLISH)}</body></html>`);
    const result = clipDocument(doc, 'https://video.example/watch?v=abc&utm_source=share');
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'unclippable', message: 'This is a video page: Readclub saves it as a link card.' },
      link: {
        kind: 'link',
        url: 'https://video.example/watch?v=abc&utm_source=share',
        title: 'Author talk: The Engine',
        site_name: 'VideoSite',
        excerpt: 'An hour with the author.',
        lead_image_url: 'https://img.example/t.jpg',
        content_html: null,
      },
    });
  });

  test('a JSON-LD VideoObject page is a video page too', () => {
    const ld = { '@context': 'https://schema.org', '@type': 'VideoObject', name: 'A lecture', uploadDate: '2023-10-01' };
    const doc = parse(
      `<!DOCTYPE html><html><head><script type="application/ld+json">${JSON.stringify(ld)}</script></head><body>${prose(ENGLISH)}</body></html>`,
    );
    const result = clipDocument(doc, 'https://video.example/lecture');
    expect(result).toMatchObject({ ok: false, link: { title: 'A lecture', published_at: '2023-10-01T00:00:00.000Z' } });
  });

  const paywalled = (paragraphs: number) => {
    const ld = { '@context': 'https://schema.org', '@type': 'NewsArticle', headline: 'The subscriber story', isAccessibleForFree: false };
    return parse(`<!DOCTYPE html><html lang="en"><head><title>The subscriber story</title>
      <script type="application/ld+json">${JSON.stringify(ld)}</script></head><body>${prose(ENGLISH, paragraphs)}</body></html>`);
  };

  test('a paywalled teaser becomes a link card that says why', () => {
    const result = clipDocument(paywalled(3), url);
    expect(result).toMatchObject({ ok: false, link: { kind: 'link', title: 'The subscriber story' } });
    expect(result.ok || result.error.message).toMatch(/paywall|subscribers/);
  });

  test('a paywalled article the member can read in full is clipped', () => {
    expect(clipDocument(paywalled(30), url).ok).toBe(true);
  });

  test('a PDF becomes a link card (by content type, or by address)', () => {
    const doc = parse('<!DOCTYPE html><html><head><title>paper.pdf</title></head><body><embed type="application/pdf"></body></html>');
    Object.defineProperty(doc, 'contentType', { value: 'application/pdf' });
    const result = clipDocument(doc, 'https://journal.example/paper');
    expect(result).toMatchObject({ ok: false, link: { kind: 'link', url: 'https://journal.example/paper', title: 'paper.pdf' } });
    expect(result.ok || result.error.message).toMatch(/PDF/);
    const byAddress = clipDocument(parse('<html><body></body></html>'), 'https://journal.example/paper.pdf');
    expect(byAddress).toMatchObject({
      ok: false,
      link: { url: 'https://journal.example/paper.pdf', title: 'https://journal.example/paper.pdf' },
    });
  });
});

describe('bad input at extraction level (H1): huge pages, frames, other encodings', () => {
  test('a 10 MB page clips, cut to the stored cap, truncated, in reasonable time', () => {
    const paragraph = `<p>${'A sentence of a very long report that goes on and on for a reading group. '.repeat(30)}</p>`;
    const html = `<!DOCTYPE html><html><head><title>Huge</title></head><body><article><h1>Huge</h1>${paragraph.repeat(4500)}</article></body></html>`;
    expect(html.length).toBeGreaterThan(10_000_000);
    const started = Date.now();
    const result = extractArticle(parse(html), 'https://example.com/huge');
    const clip = article(result);
    expect(clip.truncated).toBe(true);
    expect(utf8Length(clip.content_html ?? '')).toBeLessThanOrEqual(MAX_STORED_CONTENT_BYTES);
    expect(utf8Length(clip.content_html ?? '')).toBeGreaterThan(MAX_STORED_CONTENT_BYTES * 0.9);
    expect(clip.content_html).toMatch(/shortened this clip to fit its size limit/);
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 120_000);

  test('the content cap is derived from the stored cap (MAX_STORED_CONTENT_BYTES), not a separate figure', () => {
    expect(MAX_CONTENT_BYTES).toBe(MAX_STORED_CONTENT_BYTES);
  });

  test('iframes and frames: no crash, and nothing from inside a frame is pulled into the clip', () => {
    const prose = '<p>The article text that belongs to this page, long enough for Readability to see prose. </p>'.repeat(10);
    const doc = parse(
      `<!DOCTYPE html><html><head><title>Framed</title></head><body><article><h1>Framed</h1>${prose}` +
        '<iframe srcdoc="<p>SECRET FROM THE FRAME</p>" src="https://ads.example/frame.html">FALLBACK INSIDE IFRAME</iframe>' +
        '<p><iframe src="https://www.youtube.com/embed/x"></iframe></p></article></body></html>',
    );
    const clip = article(extractArticle(doc, 'https://example.com/framed'));
    expect(clip.content_html).not.toMatch(/iframe|SECRET FROM THE FRAME|FALLBACK INSIDE IFRAME/);
    expect(clip.content_html).toContain('belongs to this page');
  });

  test('a frameset page (no body, only frames) is refused with a reason, not a crash', () => {
    const doc = parse(
      '<!DOCTYPE html><html><head><title>Frames</title></head><frameset cols="50%,50%"><frame src="a.html"><frame src="b.html"><noframes>No frames</noframes></frameset></html>',
    );
    const result = extractArticle(doc, 'https://example.com/frames');
    expect(result.ok).toBe(false);
  });

  test.each([
    ['windows-1252-article.html', 'windows-1252', /une lectrice naïve paie 3 € pour un œuf à la coque — « c’est cher »/],
    ['shift-jis-article.html', 'shift_jis', /小さな読書会は、短い記事を一緒に読み、毎週集まって話し合います。/],
  ])(
    'a non-UTF-8 page (%s) decoded as the eval does reads correctly (regression: Node’s windows-1252 decoder lost € ’ — œ)',
    (name, charset, text) => {
      const bytes = readFileSync(join(FIXTURES, name));
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow(); // really not UTF-8
      const decoded = decode(bytes);
      expect(decoded.charset).toBe(charset);
      const clip = article(extractArticle(parse(decoded.html), `https://example.com/${name}`));
      expect(clip.content_html).toMatch(text);
      expect(clip.content_html).not.toContain('\ufffd');
    },
  );
});

describe('what a reader needs stays through cleanup (H1): captions, code, tables, footnotes; boilerplate goes', () => {
  const prose = (n: number) =>
    Array.from(
      { length: n },
      (_, i) => `<p>Paragraph ${i} of the essay says something worth discussing at the meeting, at some length.</p>`,
    ).join('');
  const html =
    '<!DOCTYPE html><html><head><title>Essay</title></head><body><div class="share-bar"><a href="#">Share on Facebook</a></div>' +
    `<article><h1>Essay</h1>${prose(4)}` +
    '<figure><img data-src="/photos/circle.jpg" src="data:image/gif;base64,R0lGOD" alt="A circle"><figcaption>The reading circle in 1998</figcaption></figure>' +
    '<pre><code>const queue = items.filter((item) =&gt; item.queued);</code></pre>' +
    '<table><thead><tr><th>Book</th><th>Votes</th></tr></thead><tbody><tr><td>Middlemarch</td><td>7</td></tr></tbody></table>' +
    `${prose(3)}<p>As Eliot wrote<sup id="fnref1"><a href="#fn1">1</a></sup>, the growing good of the world.</p>` +
    '<p><strong>Read more: <a href="/other">Another essay on the site</a></strong></p>' +
    '<ol class="footnotes"><li id="fn1">George Eliot, Middlemarch, Finale.</li></ol>' +
    '<div class="newsletter-signup"><p>Sign up for our weekly newsletter</p></div></article>' +
    '<section class="related-posts"><h3>Related</h3><ul><li><a href="/x">A related story</a></li></ul></section></body></html>';
  const clip = article(extractArticle(parse(html), 'https://essays.example/essay'));
  const out = clip.content_html ?? '';

  test('the figure keeps its caption and the lazy image its real address', () => {
    expect(out).toContain('<figcaption>The reading circle in 1998</figcaption>');
    expect(out).toContain('src="https://essays.example/photos/circle.jpg"');
  });

  test('code blocks, tables and footnotes stay', () => {
    expect(out).toContain('<pre><code>const queue = items.filter((item) =&gt; item.queued);</code></pre>');
    expect(out).toMatch(/<th>Book<\/th>.*<td>Middlemarch<\/td>/s);
    expect(out).toContain('<sup>');
    expect(out).toContain('George Eliot, Middlemarch, Finale.');
  });

  test('share bar, read-more line, newsletter box and related list go', () => {
    expect(out).not.toMatch(/Share on Facebook|Read more|Another essay|newsletter|A related story/);
  });
});
