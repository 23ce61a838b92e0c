import { describe, expect, test } from 'vitest';
import { commentPieces } from './comment-text';

describe('commentPieces: plain text with links and emphasis', () => {
  test('plain text stays one text piece, HTML included (it is shown as text)', () => {
    expect(commentPieces('<img src=x onerror=alert(1)> hi')).toEqual([{ kind: 'text', text: '<img src=x onerror=alert(1)> hi' }]);
  });

  test('http(s) addresses become links; sentence punctuation after them does not', () => {
    expect(commentPieces('See https://example.org/a?b=1. Then')).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'https://example.org/a?b=1', href: 'https://example.org/a?b=1' },
      { kind: 'text', text: '. Then' },
    ]);
    expect(commentPieces('(https://en.wikipedia.org/wiki/Tree_(disambiguation)).')).toEqual([
      { kind: 'text', text: '(' },
      {
        kind: 'link',
        text: 'https://en.wikipedia.org/wiki/Tree_(disambiguation)',
        href: 'https://en.wikipedia.org/wiki/Tree_(disambiguation)',
      },
      { kind: 'text', text: ').' },
    ]);
  });

  test('javascript: and data: addresses are never links', () => {
    expect(commentPieces('javascript:alert(1) data:text/html,x').every((p) => p.kind === 'text')).toBe(true);
  });

  test('*word* is emphasis, **word** strong; lone and spaced asterisks stay text', () => {
    expect(commentPieces('I *really* mean **this**')).toEqual([
      { kind: 'text', text: 'I ' },
      { kind: 'em', text: 'really' },
      { kind: 'text', text: ' mean ' },
      { kind: 'strong', text: 'this' },
    ]);
    expect(commentPieces('2 * 3 * 4 and a*')).toEqual([{ kind: 'text', text: '2 * 3 * 4 and a*' }]);
  });

  test('asterisks inside a link are part of the address', () => {
    expect(commentPieces('https://example.org/*a*')).toEqual([
      { kind: 'link', text: 'https://example.org/*a*', href: 'https://example.org/*a*' },
    ]);
  });
});
