// @vitest-environment jsdom
// (DOMPurify needs a real DOM: jsdom here, the page itself in the clipper.)
/**
 * Bad input for the clipper, in the unit project's browser-like DOM:
 * a data: page and a page whose article lives in a shadow root each get a clear message,
 * and the shadow-DOM page can still be saved as a link (nothing lost).
 */
import { describe, expect, test } from 'vitest';
import { clipDocument } from './extract';

const prose = Array.from(
  { length: 12 },
  (_, i) =>
    `<p>Paragraph ${i + 1} of a long essay about reading groups, with enough words to count as prose, and then some more words.</p>`,
).join('');

function page(body: string, title = 'Shadowed essay'): Document {
  const doc = document.implementation.createHTMLDocument(title);
  doc.body.innerHTML = body;
  return doc;
}

describe('clipping odd pages', () => {
  test('a data: page is refused with a message and offers no link card (there is no address to keep)', () => {
    const result = clipDocument(page(`<article>${prose}</article>`), 'data:text/html,<article>…</article>');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('unclippable');
    expect(result.error.message).toMatch(/web address/i);
    expect(result.link).toBeNull();
  });

  test('an article inside a shadow root is not read, but says so and can be saved as a link', () => {
    const doc = page('<reading-app></reading-app>');
    const host = doc.querySelector('reading-app')!;
    host.attachShadow({ mode: 'open' }).innerHTML = `<article><h1>Shadowed essay</h1>${prose}</article>`;
    const result = clipDocument(doc, 'https://example.org/app/essay');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toEqual({
      kind: 'unclippable',
      message: 'Readclub could not find an article on this page. You can still save it as a link.',
    });
    expect(result.link).toMatchObject({ kind: 'link', url: 'https://example.org/app/essay', title: 'Shadowed essay' });
  });

  test('light-DOM prose next to a shadow root is still clipped', () => {
    const doc = page(`<site-header></site-header><article><h1>Shadowed essay</h1>${prose}</article>`);
    doc.querySelector('site-header')!.attachShadow({ mode: 'open' }).innerHTML = '<nav>Home · About</nav>';
    const result = clipDocument(doc, 'https://example.org/essay');
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.clip.content_html).toContain('Paragraph 12');
  });
});
