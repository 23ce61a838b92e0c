// @vitest-environment jsdom
import { describe, expect, test } from 'vitest';
import { parseHTML } from 'linkedom';
import { JSDOM } from 'jsdom';
import { Window as HappyWindow } from 'happy-dom';
import { sanitizeForDisplay, sanitizeHtml } from './sanitize';

const BASE = 'https://example.com/essays/page.html';

describe('which DOM DOMPurify runs on', () => {
  test('a linkedom or happy-dom window is refused with a clear message rather than trusted (DOMPurify would pass input through)', () => {
    const { window: linkedom } = parseHTML('<!DOCTYPE html><html><body></body></html>');
    expect(() => sanitizeHtml('<script>alert(1)</script>', BASE, new HappyWindow())).toThrow(/DOMPurify/);
    expect(() => sanitizeHtml('<script>alert(1)</script>', BASE, linkedom)).toThrow(/DOMPurify/);
    // With no window given, it falls back to the global one (jsdom here) and works.
    expect(sanitizeHtml('<p>a<script>alert(1)</script></p>', BASE)).toBe('<p>a</p>');
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
    const out = show(
      '<p onmouseover="steal()">Hi</p><script>steal()</script><a href="javascript:steal()">x</a><iframe src="https://evil.example"></iframe>',
    );
    expect(out).toBe('<p>Hi</p><a>x</a>');
  });

  test('relative and extension URLs in a stored clip are dropped, not resolved against the extension page', () => {
    expect(show('<a href="/options.html">o</a><img src="sidepanel.js"><a href="chrome-extension://abcdef/x">e</a>')).toBe(
      '<a>o</a><a>e</a>',
    );
  });
});
