import { describe, expect, test } from 'vitest';
import { parseHTML } from 'linkedom';
import { bestFromSrcset, promoteLazyImages } from './lazy-images';

function promoted(body: string): Document {
  const { document } = parseHTML(`<!DOCTYPE html><html><body>${body}</body></html>`);
  promoteLazyImages(document as unknown as Document);
  return document as unknown as Document;
}
const srcs = (doc: Document) => Array.from(doc.querySelectorAll('img'), (img) => img.getAttribute('src'));

describe('promoteLazyImages', () => {
  test('data-src replaces a placeholder src (a data: pixel or a named spacer)', () => {
    const doc = promoted(
      '<img src="data:image/gif;base64,R0lGOD" data-src="/photos/a.jpg"><img src="/img/blank.gif" data-lazy-src="/photos/b.jpg"><img data-original="/photos/c.jpg">',
    );
    expect(srcs(doc)).toEqual(['/photos/a.jpg', '/photos/b.jpg', '/photos/c.jpg']);
  });

  test('promotes under an element too (an article isolated from its page)', () => {
    const { document } = parseHTML(
      '<!DOCTYPE html><html><body><div id="a"><img data-src="/a.jpg" src="data:image/gif;base64,R0lGOD"></div><img data-src="/b.jpg" src="spacer.gif"></body></html>',
    );
    promoteLazyImages(document.getElementById('a') as unknown as Element);
    expect(srcs(document as unknown as Document)).toEqual(['/a.jpg', 'spacer.gif']);
  });

  test('a real src stays when there is no lazy attribute', () => {
    expect(srcs(promoted('<img src="/photos/real.jpg" srcset="/photos/real-2x.jpg 2x">'))).toEqual(['/photos/real.jpg']);
  });

  test('data-srcset and srcset give their largest candidate when src is missing', () => {
    expect(srcs(promoted('<img data-srcset="/s.jpg 300w, /l.jpg 1200w, /m.jpg 600w">'))).toEqual(['/l.jpg']);
    expect(srcs(promoted('<img srcset="/one.jpg 1x, /two.jpg 2x">'))).toEqual(['/two.jpg']);
  });

  test('an <img> in a <picture> with no src takes its <source>', () => {
    expect(srcs(promoted('<picture><source srcset="/p.webp 1x, /p2.webp 2x" type="image/webp"><img alt="p"></picture>'))).toEqual([
      '/p2.webp',
    ]);
  });

  test('a <noscript> copy replaces the lazy placeholder before it (noscript parsed as elements)', () => {
    const doc = promoted(
      '<p>Text</p><img src="data:image/gif;base64,R0" class="lazy"><noscript><img src="/photos/n.jpg" alt="N"></noscript>',
    );
    expect(doc.body.querySelectorAll('img, noscript')).toHaveLength(1);
    expect([srcs(doc), doc.querySelector('img')!.getAttribute('alt')]).toEqual([['/photos/n.jpg'], 'N']);
  });

  test('a <noscript> holding its markup as text (a browser with scripts on) is read too', () => {
    const { document } = parseHTML('<!DOCTYPE html><html><body><figure></figure></body></html>');
    const noscript = document.createElement('noscript');
    noscript.appendChild(document.createTextNode('<img src="/photos/t.jpg" alt="T">'));
    document.querySelector('figure')!.appendChild(noscript);
    promoteLazyImages(document as unknown as Document);
    const figure = document.querySelector('figure')!;
    expect(figure.children).toHaveLength(1);
    expect([
      figure.firstElementChild!.localName,
      figure.firstElementChild!.getAttribute('src'),
      figure.firstElementChild!.getAttribute('alt'),
    ]).toEqual(['img', '/photos/t.jpg', 'T']);
  });

  test('a <noscript> without an image is left alone (the sanitiser drops it later)', () => {
    const doc = promoted('<noscript><p>Please enable JavaScript</p></noscript>');
    expect(doc.body.innerHTML).toBe('<noscript><p>Please enable JavaScript</p></noscript>');
  });
});

describe('bestFromSrcset', () => {
  test.each([
    ['/a.jpg 1x, /b.jpg 2x', '/b.jpg'],
    ['/a.jpg', '/a.jpg'],
    ['data:image/png;base64,AAAA 1x, /b.jpg 2x', '/b.jpg'],
    ['', null],
    [null, null],
  ])('%s → %s', (srcset, expected) => {
    expect(bestFromSrcset(srcset)).toBe(expected);
  });
});
