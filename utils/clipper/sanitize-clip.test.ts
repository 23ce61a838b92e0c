// @vitest-environment jsdom
import { describe, expect, test } from 'vitest';
import { parseHTML } from 'linkedom';
import { JSDOM } from 'jsdom';
import { sanitizeContent, truncateContent, utf8Length } from './sanitize-clip';
import { attributeAllowed, KEEP, URL_ATTRS } from '@/utils/shared/sanitize-rules';

const BASE = 'https://example.com/essays/page.html';

/** A container in linkedom (what extract tests read pages with) … */
function container(html: string): Element {
  const { document } = parseHTML(`<!DOCTYPE html><html><body><div id="root">${html}</div></body></html>`);
  return document.getElementById('root') as unknown as Element;
}

/** … and in jsdom, whose parser follows the HTML spec as the browser's does (namespaces, foreign content). */
function specContainer(html: string): Element {
  const { window } = new JSDOM(`<!DOCTYPE html><html><body><div id="root">${html}</div></body></html>`);
  return window.document.getElementById('root') as unknown as Element;
}

const DOMS: [string, (html: string) => string][] = [
  [
    'linkedom',
    (html) => {
      const root = container(html);
      sanitizeContent(root, BASE);
      return root.innerHTML;
    },
  ],
  [
    'jsdom',
    (html) => {
      const root = specContainer(html);
      sanitizeContent(root, BASE);
      return root.innerHTML;
    },
  ],
];

describe.each(DOMS)('sanitizeContent on %s', (_, sanitized) => {
  test('regression: <script> inside the article is removed with its code (stored XSS for every group member)', () => {
    const out = sanitized(
      '<p>Before</p><script>alert(document.cookie)</script><p>After<script src="https://evil.example/x.js"></script></p>',
    );
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
    const out = sanitized(
      '<form action="https://evil.example/steal"><p>Inside a form</p><input name="password"><button>Go</button></form>',
    );
    expect(out).toBe('<p>Inside a form</p>');
  });

  test('unknown elements are unwrapped and comments removed; style, class and id go', () => {
    const out = sanitized(
      '<font color="red">Old</font><custom-thing>New</custom-thing><!-- secret --><p class="x" id="y" style="position:fixed">P</p>',
    );
    expect(out).toBe('OldNew<p>P</p>');
  });

  test('URLs are made absolute; only http(s) images and http(s)/mailto links survive', () => {
    const out = sanitized(
      '<a href="../about/">About</a><a href="#notes">Notes</a><a href="mailto:ed@example.com">Mail</a>' +
        '<img src="img/a.png" alt="A"><img src="data:image/png;base64,AAAA" alt="inline"><blockquote cite="/source">Q</blockquote>',
    );
    // linkedom writes attributes set on a new element last-first.
    expect(
      out.replace('<img alt="A" src="https://example.com/essays/img/a.png">', '<img src="https://example.com/essays/img/a.png" alt="A">'),
    ).toBe(
      '<a href="https://example.com/about/">About</a><a href="https://example.com/essays/page.html#notes">Notes</a>' +
        '<a href="mailto:ed@example.com">Mail</a><img src="https://example.com/essays/img/a.png" alt="A">' +
        '<blockquote cite="https://example.com/source">Q</blockquote>',
    );
  });

  test('table structure and list attributes are kept', () => {
    const out = sanitized(
      '<table><tbody><tr><td colspan="2" style="x" bgcolor="red">Cell</td></tr></tbody></table><ol start="3"><li>Three</li></ol>',
    );
    expect(out).toBe('<table><tbody><tr><td colspan="2">Cell</td></tr></tbody></table><ol start="3"><li>Three</li></ol>');
  });
});

describe.each(DOMS)('sanitizeContent on %s: more XSS vectors', (_, sanitized) => {
  test.each([
    ['<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>', '<a>x</a>'],
    ['<a href="vbscript:msgbox(1)">x</a>', '<a>x</a>'],
    ['<img src="x" srcset="data:image/svg+xml,<svg onload=alert(1)>">', '<img src="https://example.com/essays/x">'],
    ['<img src="javascript:alert(1)" alt="a">', ''],
    ['<svg><a xlink:href="javascript:alert(1)"><text>t</text></a></svg>', ''],
    ['<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>', ''],
    ['<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>', ''],
    ['<p style="background:url(javascript:alert(1))">s</p>', '<p>s</p>'],
    [
      '<a href="https://ok.example/" target="_blank" rel="opener" ping="https://track.example">ok</a>',
      '<a href="https://ok.example/">ok</a>',
    ],
    ['<p data-x="1" aria-label="l" id="clobber" name="cookie">p</p>', '<p>p</p>'],
    ['<template><script>alert(1)</script></template><noembed><img src=x onerror=alert(1)></noembed>T', 'T'],
  ])('%s → %s', (dirty, clean) => {
    expect(sanitized(dirty)).toBe(clean);
  });

  test('<details open> keeps open, loses its ontoggle handler', () => {
    expect(sanitized('<details open ontoggle="alert(1)"><summary>S</summary>D</details>')).toMatch(
      /^<details open(="")?><summary>S<\/summary>D<\/details>$/,
    );
  });

  test('regression: a customised built-in (<section is="…">) keeps its content, without is', () => {
    expect(sanitized('<section is="flynt-layout-single-post"><p>The whole article</p></section>')).toBe(
      '<section><p>The whole article</p></section>',
    );
  });

  test('regression: an attribute allowed on one element is not allowed on another (src on <a>, href on <p>)', () => {
    expect(sanitized('<a src="https://x.example/">a</a><p href="https://x.example/">p</p>')).toBe('<a>a</a><p>p</p>');
  });
});

/** Hostile inputs; whatever each becomes, its output re-parsed must hold only what the allowlist allows. */
const HOSTILE = [
  '<img src=x onerror=alert(1)><p ONCLICK="a()" OnMouseOver="b()">t</p>',
  '<a href="&#x6A;avascript&#x3A;alert(1)">1</a><a href="javascript&colon;alert(2)">2</a><a href="&#0000106;avascript:alert(3)">3</a>',
  '<a href="\u0001javascript:alert(1)">1</a><a href=" \n javascript:alert(2)">2</a><a href="jav&#x09;ascript:alert(3)">3</a><a href="jav&#x0A;ascript:alert(4)">4</a>',
  '<a href="JAVASCRIPT:alert(1)">1</a><img src="  javascript:alert(2)"><blockquote cite="javascript:alert(3)">q</blockquote>',
  '<svg><script>alert(1)</script><a href="javascript:alert(2)">s</a><foreignObject><p onclick=x>f</p></foreignObject></svg>',
  '<math><mi xlink:href="javascript:alert(1)">m</mi><a href="javascript:alert(2)">x</a></math>',
  '<style>*{background:url(javascript:alert(1))}</style><p style="color:red">s</p><link rel=stylesheet href=x.css>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe><iframe src="javascript:alert(2)"></iframe><frame src=x>',
  '<form action="javascript:alert(1)"><input formaction="javascript:alert(2)" value=v><button formaction=x>b</button><p>kept</p></form>',
  '<img src="a.png" srcset="javascript:alert(1) 1x, data:image/svg+xml,<svg onload=alert(2)> 2x"><picture><source srcset=x.webp><img src=b.png></picture>',
  '<img src="data:image/png;base64,iVBORw0KGgo="><img src="data:image/svg+xml,%3Csvg onload=alert(1)%3E"><a href="data:text/html,<script>alert(1)</script>">d</a>',
  '<p title=\'" onmouseover="alert(1)" x="\'>quote</p><p title="</p><script>alert(1)</script>">t</p>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript><template><img src=x onerror=alert(1)></template>',
  '<!--<img src=x onerror=alert(1)>--><p>&lt;script&gt;alert(1)&lt;/script&gt;</p><xmp><img src=x onerror=alert(1)></xmp>',
  '<base href="javascript:alert(1)//"><meta http-equiv="refresh" content="0;url=javascript:alert(1)"><a href="x">rel</a>',
  '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)"><applet code=x></applet><portal src=x></portal>',
  '<a href="https://ok.example/" target="_top" download rel=opener>ok</a><div is="x-evil" data-x=1 tabindex=1 contenteditable>d</div>',
  '<details open ontoggle=alert(1)><summary onclick=x>s</summary></details><dialog open>d</dialog><video poster=x onerror=alert(1)></video>',
];

describe.each([
  ['linkedom', container],
  ['jsdom', specContainer],
] as const)('sanitizeContent on %s: the allowlist holds for hostile input', (_, make) => {
  test.each(HOSTILE)('%s', (dirty) => {
    const root = make(dirty);
    sanitizeContent(root, BASE);
    const out = root.innerHTML;
    // Re-parsed as a browser would parse the stored HTML: only allowed elements and attributes, web URLs.
    const reparsed = new JSDOM(`<body>${out}</body>`).window.document.body;
    for (const el of Array.from(reparsed.querySelectorAll('*'))) {
      const tag = el.localName;
      expect(KEEP).toContain(tag);
      for (const attr of Array.from(el.attributes)) {
        expect(attributeAllowed(tag, attr.name), `${tag}[${attr.name}]`).toBe(true);
        if (URL_ATTRS.has(attr.name)) expect(attr.value).toMatch(/^(https?:\/\/|mailto:)/);
      }
    }
  });

  test('a relative link is made absolute against the page, and text that looks like markup stays text', () => {
    const root = make('<a href="../notes/">n</a><p>1 &lt; 2 &amp;&amp; &lt;b&gt;</p>');
    sanitizeContent(root, BASE);
    expect(root.innerHTML).toBe('<a href="https://example.com/notes/">n</a><p>1 &lt; 2 &amp;&amp; &lt;b&gt;</p>');
  });

  test('a form keeps its text, a picture its fallback image, and nothing of either element', () => {
    const root = make(
      '<form action="x"><p>kept</p><input value=v></form><picture><source srcset=x.webp><img src="b.png" alt="B"></picture>',
    );
    sanitizeContent(root, BASE);
    expect(root.innerHTML).toMatch(
      /^<p>kept<\/p><img (src="https:\/\/example.com\/essays\/b.png" alt="B"|alt="B" src="https:\/\/example.com\/essays\/b.png")>$/,
    );
  });
});

test('regression: nesting far deeper than a stack holds is rebuilt, not a RangeError', () => {
  const { document } = parseHTML('<!DOCTYPE html><html><body><div id="root"></div></body></html>');
  const root = document.getElementById('root') as unknown as Element;
  let at: Element = root;
  for (let i = 0; i < 20_000; i++) at = at.appendChild(document.createElement(i % 2 ? 'span' : 'font') as unknown as Element);
  at.appendChild(document.createTextNode('deep'));
  sanitizeContent(root, BASE);
  expect(root.textContent).toBe('deep');
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

  test('regression: the 3-bytes-per-unit shortcut decides exactly as counting would, at the byte boundary', () => {
    // <p> + 60 euro signs (3 bytes each) + </p>: 67 UTF-16 units, 187 bytes.
    const html = `<p>${'\u20ac'.repeat(60)}</p>`;
    expect(utf8Length(html)).toBe(187);
    expect(truncateContent(container(html), 201)).toBe(false); // 67 * 3 <= 201: shortcut
    expect(truncateContent(container(html), 187)).toBe(false); // counted: fits exactly
    expect(truncateContent(container(html), 186)).toBe(true); // counted: one byte over
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

test('the hostile fixture page (tests/fixtures/xss) clipped whole stores only allowlisted markup', async () => {
  const { readFileSync } = await import('node:fs');
  const { extractArticle } = await import('./extract');
  const html = readFileSync('tests/fixtures/xss/hostile.html', 'utf8');
  const { window } = new JSDOM(html, { url: 'http://localhost:5173/xss/hostile.html' });
  const result = extractArticle(window.document as unknown as Document, 'http://localhost:5173/xss/hostile.html');
  expect(result.ok).toBe(true);
  const stored = result.ok ? (result.clip.content_html ?? '') : '';
  const reparsed = new JSDOM(`<body>${stored}</body>`).window.document.body;
  expect(reparsed.textContent?.length).toBeGreaterThan(200);
  for (const el of Array.from(reparsed.querySelectorAll('*'))) {
    expect(KEEP).toContain(el.localName);
    for (const attr of Array.from(el.attributes)) {
      expect(attributeAllowed(el.localName, attr.name), `${el.localName}[${attr.name}]`).toBe(true);
      if (URL_ATTRS.has(attr.name)) expect(attr.value).toMatch(/^(https?:\/\/|mailto:)/);
    }
  }
});
