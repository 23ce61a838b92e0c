// @vitest-environment jsdom
// (DOMPurify, the sanitiser's core, needs a real DOM: extractArticle sanitises a copy of the page with no window of its own.)
import { describe, expect, test } from 'vitest';
import { JSDOM } from 'jsdom';
import { MAX_HIGHLIGHT_CHARS, MAX_STORED_CONTENT_BYTES } from '@/utils/shared/api-types';
import { clipDocument } from './extract';
import { selectionClip, selectionFragment, selectionQuote } from './selection-clip';
import { utf8Length } from './sanitize-clip';

const URL = 'https://essays.example/2024/circles?utm_source=mail';
const HEAD = `<title>Reading circles | Margin</title><meta property="og:title" content="Reading circles">
  <meta name="author" content="Maren Okafor"><meta property="og:site_name" content="Margin">
  <link rel="canonical" href="https://essays.example/2024/circles">`;
const PAGE = `<!DOCTYPE html><html lang="en"><head>${HEAD}</head><body>
  <p id="a">The first paragraph, with <a href="/notes">a relative link</a> and <b onclick="steal()">bold</b> text.</p>
  <script>window.tracking = 1</script>
  <p id="b">The second paragraph.</p></body></html>`;

/** A page in jsdom: a real DOM, with selections, that the DOMPurify sanitiser runs on. */
const dom = (html: string) => new JSDOM(html, { url: 'https://essays.example/' }).window.document as unknown as Document;

/** A fragment of `doc`'s body content from `from` to `to` (element ids), as Range.cloneContents gives it. */
function fragmentOf(doc: Document, from: string, to: string): DocumentFragment {
  const range = doc.createRange();
  range.setStartBefore(doc.getElementById(from)!);
  range.setEndAfter(doc.getElementById(to)!);
  return range.cloneContents();
}

describe('selectionClip', () => {
  const doc = dom(PAGE);

  test('is an article clip of only the selection, sanitised, with the page’s metadata', () => {
    const clip = selectionClip(doc, URL, fragmentOf(doc, 'a', 'b'));
    expect(clip).toMatchObject({
      kind: 'article',
      selection: true,
      url: URL,
      canonical_url: 'https://essays.example/2024/circles',
      title: 'Reading circles',
      authors: ['Maren Okafor'],
      byline: 'Maren Okafor',
      site_name: 'Margin',
      lang: 'en',
      dir: 'ltr',
      truncated: false,
    });
    expect(clip?.content_html).toContain('href="https://essays.example/notes"');
    expect(clip?.content_html).toContain('The second paragraph.');
    expect(clip?.content_html).not.toMatch(/script|onclick|tracking/);
    expect(clip?.word_count).toBe(13);
    expect(clip?.text_length).toBe('The first paragraph, with a relative link and bold text. The second paragraph.'.length);
    // The excerpt is the selection's opening when the page has no description.
    expect(clip?.excerpt).toMatch(/^The first paragraph/);
  });

  test('is null for no selection, or one with no text (whitespace, a script)', () => {
    expect(selectionClip(doc, URL, null)).toBeNull();
    const blank = doc.createDocumentFragment();
    blank.appendChild(doc.createTextNode('  \n '));
    blank.appendChild(doc.createElement('script')).textContent = 'alert(1)';
    expect(selectionClip(doc, URL, blank)).toBeNull();
  });

  test('leaves the page and the fragment untouched', () => {
    const before = doc.documentElement.outerHTML;
    const fragment = fragmentOf(doc, 'a', 'a');
    const html = Array.from(fragment.childNodes, (n) => (n as Element).outerHTML ?? n.textContent).join('');
    selectionClip(doc, URL, fragment);
    expect(doc.documentElement.outerHTML).toBe(before);
    expect(Array.from(fragment.childNodes, (n) => (n as Element).outerHTML ?? n.textContent).join('')).toBe(html);
  });

  test('a huge selection is cut to the size cap and says so', () => {
    const big = dom(
      `<!DOCTYPE html><html><head><title>Long</title></head><body><div id="x">${`<p>${'Many words in a very long selection. '.repeat(100)}</p>`.repeat(160)}</div></body></html>`,
    );
    const clip = selectionClip(big, URL, fragmentOf(big, 'x', 'x'));
    expect(clip?.truncated).toBe(true);
    expect(utf8Length(clip?.content_html ?? '')).toBeLessThanOrEqual(MAX_STORED_CONTENT_BYTES);
    expect(clip?.content_html).toMatch(/shortened this selection/);
  }, 30_000);
});

describe('selectionFragment (in a real DOM)', () => {
  test('null when nothing is selected, or the selection is collapsed', () => {
    const document = dom('<p id="a">Some text</p><p id="b">More</p>');
    document.getSelection()?.removeAllRanges();
    expect(selectionFragment(document)).toBeNull();
    expect(document.getSelection()?.rangeCount).toBe(0);
    const caret = document.createRange();
    caret.setStart(document.getElementById('a')!.firstChild!, 2);
    caret.collapse(true);
    document.getSelection()?.addRange(caret);
    expect(selectionFragment(document)).toBeNull();
  });

  test('copies the selected content, partial text included, without changing the page', () => {
    const document = dom('<p id="a">Some text</p><p id="b">More words</p>');
    const before = document.body.innerHTML;
    const range = document.createRange();
    range.setStart(document.getElementById('a')!.firstChild!, 5);
    range.setEnd(document.getElementById('b')!.firstChild!, 4);
    const selection = document.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
    const fragment = selectionFragment(document);
    expect(fragment?.textContent).toBe('textMore');
    expect(document.body.innerHTML).toBe(before);
    const clip = selectionClip(document, 'https://example.com/page', fragment);
    // Words either side of a paragraph break stay two words.
    expect(clip).toMatchObject({ selection: true, word_count: 2, text_length: 'text More'.length });
    expect(clip?.content_html).toBe('<p>text</p><p>More</p>');
  });
});

describe('selectionFragment: several ranges (Firefox table-cell selection)', () => {
  test('each range gets its own block, so the words do not run together', () => {
    const document = dom('<table><tr><td id="a">Left</td><td id="b">Right</td></tr></table>');
    const ranges = ['a', 'b'].map((id) => {
      const range = document.createRange();
      range.selectNodeContents(document.getElementById(id)!);
      return range;
    });
    // jsdom, like Chrome, keeps one range; stand in for Firefox's several.
    const fake = { rangeCount: 2, isCollapsed: false, getRangeAt: (i: number) => ranges[i] };
    const page = {
      getSelection: () => fake,
      createDocumentFragment: () => document.createDocumentFragment(),
      createElement: (tag: string) => document.createElement(tag),
    } as unknown as Document;
    const fragment = selectionFragment(page);
    expect(Array.from(fragment?.childNodes ?? [], (n) => (n as Element).outerHTML)).toEqual(['<div>Left</div>', '<div>Right</div>']);
  });
});

describe('clipDocument carries the selection in both answers', () => {
  const prose = '<p>A sentence of an article, long enough to count as prose for Readability. </p>'.repeat(14);

  test('next to an article', () => {
    const doc = dom(
      `<!DOCTYPE html><html lang="en"><head>${HEAD}</head><body><article><p id="q">A quoted line.</p>${prose}</article></body></html>`,
    );
    const result = clipDocument(doc, URL, fragmentOf(doc, 'q', 'q'));
    expect(result.ok).toBe(true);
    expect(result.selection).toMatchObject({ selection: true, content_html: '<p>A quoted line.</p>', title: 'Reading circles' });
    expect(structuredClone(result)).toEqual(result);
  });

  test('next to a link card, when the page is not an article', () => {
    const doc = dom(`<!DOCTYPE html><html><head>${HEAD}</head><body><p id="q">Just one post in a thread.</p></body></html>`);
    const result = clipDocument(doc, URL, fragmentOf(doc, 'q', 'q'));
    expect(result).toMatchObject({ ok: false, link: { kind: 'link' }, selection: { kind: 'article', selection: true } });
  });

  test('not for an address the group cannot open', () => {
    const doc = dom(`<!DOCTYPE html><html><head></head><body><p id="q">Local notes.</p></body></html>`);
    expect(clipDocument(doc, 'file:///home/ada/notes.html', fragmentOf(doc, 'q', 'q'))).toMatchObject({
      ok: false,
      link: null,
      selection: null,
    });
  });
});

describe('selectionQuote (in a real DOM)', () => {
  const select = (document: Document, from: [Node, number], to: [Node, number]) => {
    const range = document.createRange();
    range.setStart(...from);
    range.setEnd(...to);
    document.getSelection()!.removeAllRanges();
    document.getSelection()!.addRange(range);
  };

  test('the selected text with 32 characters of the page either side, and no position', () => {
    const document = dom(
      `<p id="a">${'Before it. '.repeat(5)}Small groups <em>read</em> better.</p><p id="b">After it, ${'more words '.repeat(5)}</p>`,
    );
    const a = document.getElementById('a')!;
    select(document, [a.firstChild!, a.firstChild!.textContent!.indexOf('groups')], [a.lastChild!, 8]);
    expect(selectionQuote(document)).toEqual({
      exact: 'groups read better.',
      prefix: 'it. Before it. Before it. Small ',
      suffix: 'After it, more words more words ',
      start: null,
      end: null,
    });
    expect(selectionQuote(document)!.prefix).toHaveLength(32);
  });

  test('null with nothing selected, only blanks, or more than a highlight may hold', () => {
    const document = dom(`<p id="a">   </p><p id="b">${'x'.repeat(MAX_HIGHLIGHT_CHARS + 1)}</p>`);
    document.getSelection()?.removeAllRanges();
    expect(selectionQuote(document)).toBeNull();
    select(document, [document.getElementById('a')!.firstChild!, 0], [document.getElementById('a')!.firstChild!, 3]);
    expect(selectionQuote(document)).toBeNull();
    const long = document.getElementById('b')!.firstChild!;
    select(document, [long, 0], [long, MAX_HIGHLIGHT_CHARS + 1]);
    expect(selectionQuote(document)).toBeNull();
    select(document, [long, 0], [long, MAX_HIGHLIGHT_CHARS]);
    expect(selectionQuote(document)!.exact).toHaveLength(MAX_HIGHLIGHT_CHARS);
  });
});
