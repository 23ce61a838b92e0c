// @vitest-environment jsdom
import { describe, expect, test } from 'vitest';
import { parseHTML } from 'linkedom';
import { JSDOM } from 'jsdom';
import { Window as HappyWindow } from 'happy-dom';
import { resolveWebUrl, sanitizeContent, sanitizeForDisplay, sanitizeHtml, truncateContent, utf8Length } from './sanitize';

const BASE = 'https://example.com/essays/page.html';

function container(html: string): Element {
  const { document } = parseHTML(`<!DOCTYPE html><html><body><div id="root">${html}</div></body></html>`);
  return document.getElementById('root') as unknown as Element;
}

function sanitized(html: string): string {
  const root = container(html);
  sanitizeContent(root, BASE);
  return root.innerHTML;
}

describe('sanitizeContent', () => {
  test('regression: <script> inside the article is removed with its code (stored XSS for every group member)', () => {
    const out = sanitized('<p>Before</p><script>alert(document.cookie)</script><p>After<script src="https://evil.example/x.js"></script></p>');
    expect(out).not.toMatch(/script/i);
    expect(out).not.toContain('alert');
    expect(out).toContain('Before');
    expect(out).toContain('After');
  });

  test('regression: onerror= and every other on* handler attribute is removed', () => {
    const out = sanitized('<img src="/a.png" onerror="alert(1)" onload="x()"><p onclick="y()" onmouseover="z()">Text</p>');
    expect(out).not.toMatch(/\son\w+=/i);
    expect(out).toContain('<img src="https://example.com/a.png">');
    expect(out).toContain('<p>Text</p>');
  });

  test('regression: javascript: hrefs Readability lets through (case, spaces, entities) are removed, the text stays', () => {
    const out = sanitized(
      '<a href=" JaVaScript:alert(1)">one</a> <a href="java\tscript:alert(2)">two</a> <a href="&#106;avascript:alert(3)">three</a>',
    );
    expect(out).not.toMatch(/javascript|java\s*script|alert/i);
    expect(out).toBe('<a>one</a> <a>two</a> <a>three</a>');
  });

  test('embedded and active content is dropped with its contents: iframes, objects, embeds, svg, form controls', () => {
    const out = sanitized(
      '<p>Keep</p><iframe src="https://evil.example"></iframe><object data="x.swf"><param name="a" value="b"></object>' +
        '<embed src="x.swf"><svg onload="alert(1)"><script>alert(2)</script></svg><math><mi>x</mi></math>' +
        '<video src="v.mp4"><source src="v.webm">Your browser…</video><style>p{color:red}</style><noscript><img src="t.gif"></noscript>',
    );
    expect(out).toBe('<p>Keep</p>');
  });

  test('a <form> is unwrapped: its text stays, its controls and the form itself go', () => {
    const out = sanitized('<form action="https://evil.example/steal"><p>Inside a form</p><input name="password"><button>Go</button></form>');
    expect(out).toBe('<p>Inside a form</p>');
  });

  test('unknown elements are unwrapped and comments removed; style, class and id go', () => {
    const out = sanitized('<font color="red">Old</font><custom-thing>New</custom-thing><!-- secret --><p class="x" id="y" style="position:fixed">P</p>');
    expect(out).toBe('OldNew<p>P</p>');
  });

  test('URLs are made absolute; only http(s) images and http(s)/mailto links survive', () => {
    const out = sanitized(
      '<a href="../about/">About</a><a href="#notes">Notes</a><a href="mailto:ed@example.com">Mail</a>' +
        '<img src="img/a.png" alt="A"><img src="data:image/png;base64,AAAA" alt="inline"><blockquote cite="/source">Q</blockquote>',
    );
    expect(out).toBe(
      '<a href="https://example.com/about/">About</a><a href="https://example.com/essays/page.html#notes">Notes</a>' +
        '<a href="mailto:ed@example.com">Mail</a><img src="https://example.com/essays/img/a.png" alt="A">' +
        '<blockquote cite="https://example.com/source">Q</blockquote>',
    );
  });

  test('table structure and list attributes are kept', () => {
    const out = sanitized('<table><tbody><tr><td colspan="2" style="x" bgcolor="red">Cell</td></tr></tbody></table><ol start="3"><li>Three</li></ol>');
    expect(out).toBe('<table><tbody><tr><td colspan="2">Cell</td></tr></tbody></table><ol start="3"><li>Three</li></ol>');
  });
});

describe('sanitizeContent: more XSS vectors (DOMPurify core plus the URL rules)', () => {
  test.each([
    ['<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>', '<a>x</a>'],
    ['<a href="vbscript:msgbox(1)">x</a>', '<a>x</a>'],
    ['<img src="x" srcset="data:image/svg+xml,<svg onload=alert(1)>">', '<img src="https://example.com/essays/x">'],
    ['<img src="javascript:alert(1)" alt="a">', ''],
    ['<svg><a xlink:href="javascript:alert(1)"><text>t</text></a></svg>', ''],
    ['<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>', ''],
    ['<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>', ''],
    ['<p style="background:url(javascript:alert(1))">s</p>', '<p>s</p>'],
    ['<a href="https://ok.example/" target="_blank" rel="opener" ping="https://track.example">ok</a>', '<a href="https://ok.example/">ok</a>'],
    ['<p data-x="1" aria-label="l" id="clobber" name="cookie">p</p>', '<p>p</p>'],
    ['<template><script>alert(1)</script></template><noembed><img src=x onerror=alert(1)></noembed>T', 'T'],
  ])('%s → %s', (dirty, clean) => {
    expect(sanitized(dirty)).toBe(clean);
  });

  test('<details open> keeps open, loses its ontoggle handler', () => {
    expect(sanitized('<details open ontoggle="alert(1)"><summary>S</summary>D</details>')).toMatch(/^<details open(="")?><summary>S<\/summary>D<\/details>$/);
  });

  test('regression: a customised built-in (<section is="…">) keeps its content (DOMPurify removed it whole when returning a DOM)', () => {
    expect(sanitized('<section is="flynt-layout-single-post"><p>The whole article</p></section>')).toBe('<section><p>The whole article</p></section>');
  });

  test('regression: an attribute allowed on one element is not allowed on another (src on <a>, href on <p>)', () => {
    expect(sanitized('<a src="https://x.example/">a</a><p href="https://x.example/">p</p>')).toBe('<a>a</a><p>p</p>');
  });
});

describe('which DOM DOMPurify runs on', () => {
  test('a linkedom or happy-dom window is refused with a clear message rather than trusted (DOMPurify would pass input through)', () => {
    const { document } = parseHTML('<!DOCTYPE html><html><body><div id="r"><script>alert(1)</script></div></body></html>');
    const root = document.getElementById('r') as unknown as Element;
    const happy = new HappyWindow();
    expect(() => sanitizeHtml('<script>alert(1)</script>', BASE, happy)).toThrow(/DOMPurify/);
    // With no usable window given, it falls back to the global one (jsdom here) and works.
    sanitizeContent(root, BASE);
    expect(root.innerHTML).toBe('');
  });

  test('sanitizeHtml takes an explicit jsdom window (what Node callers like the eval pass)', () => {
    const { window } = new JSDOM('');
    expect(sanitizeHtml('<p onclick="x()">a</p><img src="/i.png">', BASE, window)).toBe('<p>a</p><img src="https://example.com/i.png">');
  });
});

describe('sanitizeForDisplay (the side panel sanitises a stored clip again before showing it)', () => {
  const { window } = new JSDOM('<!DOCTYPE html><html><body></body></html>', { url: 'chrome-extension://abcdef/sidepanel.html' });
  const show = (html: string) => sanitizeForDisplay(html, window.document as unknown as Document);

  test('a clean stored clip is shown unchanged', () => {
    const stored = '<h2>T</h2><p>Text <a href="https://example.com/a">link</a></p><img src="https://example.com/i.png" alt="i">';
    expect(show(stored)).toBe(stored);
  });

  test('regression: a tampered clip (written straight through the RPC) loses its script, handlers and javascript: links', () => {
    const out = show('<p onmouseover="steal()">Hi</p><script>steal()</script><a href="javascript:steal()">x</a><iframe src="https://evil.example"></iframe>');
    expect(out).toBe('<p>Hi</p><a>x</a>');
  });

  test('relative and extension URLs in a stored clip are dropped, not resolved against the extension page', () => {
    expect(show('<a href="/options.html">o</a><img src="sidepanel.js"><a href="chrome-extension://abcdef/x">e</a>')).toBe('<a>o</a><a>e</a>');
  });
});

describe('resolveWebUrl', () => {
  test.each([
    ['/x', 'https://example.com/x'],
    ['//cdn.example.net/i.png', 'https://cdn.example.net/i.png'],
    ['javascript:alert(1)', null],
    ['data:text/html,hi', null],
    ['', null],
    [null, null],
  ])('%s → %s', (raw, expected) => {
    expect(resolveWebUrl(raw, BASE)).toBe(expected);
  });
});

describe('utf8Length', () => {
  test.each(['plain ascii', 'café', '日本語のテキスト', 'emoji 🎉 and 𝄞', ''])('%s counts like Buffer.byteLength', (text) => {
    expect(utf8Length(text)).toBe(Buffer.byteLength(text, 'utf8'));
  });
});

describe('truncateContent', () => {
  const paragraphs = (n: number, text = 'Lorem ipsum dolor sit amet & consectetur. ') =>
    Array.from({ length: n }, (_, i) => `<p>Paragraph ${i}: ${text.repeat(20)}</p>`).join('');

  test('content under the limit is left exactly as it was', () => {
    const root = container(paragraphs(10));
    const before = root.innerHTML;
    expect(truncateContent(root, 100_000)).toBe(false);
    expect(root.innerHTML).toBe(before);
  });

  test('oversized content keeps whole leading paragraphs in order and fits the limit', () => {
    const root = container(`<section>${paragraphs(2000)}</section>`);
    expect(utf8Length(root.innerHTML)).toBeGreaterThan(1_000_000);
    expect(truncateContent(root, 50_000)).toBe(true);
    const size = utf8Length(root.innerHTML);
    expect(size).toBeLessThanOrEqual(50_000);
    expect(size).toBeGreaterThan(45_000); // cut near the limit, not far before it
    expect(root.innerHTML.startsWith('<section><p>Paragraph 0: ')).toBe(true);
    expect(root.innerHTML.endsWith('</section>')).toBe(true);
  });

  test('one enormous multi-byte text node is cut inside the text, counted in bytes', () => {
    const root = container(`<pre>${'日本語 <&> '.repeat(100_000)}</pre>`);
    expect(truncateContent(root, 20_000)).toBe(true);
    const size = utf8Length(root.innerHTML);
    expect(size).toBeLessThanOrEqual(20_000);
    expect(size).toBeGreaterThan(15_000);
    expect(root.innerHTML.startsWith('<pre>日本語 &lt;&amp;&gt; ')).toBe(true);
  });
});
