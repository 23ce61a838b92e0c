import { describe, expect, test } from 'vitest';
import { EMPTY_CLIP } from '@/utils/shared/link-clip';
import { manualClip } from './manual';

describe('manualClip', () => {
  test('a book with title and author, no link', () => {
    expect(manualClip({ title: '  The  Overstory ', author: 'Richard Powers', link: ' ' })).toEqual({
      ok: true,
      clip: { ...EMPTY_CLIP, kind: 'manual', url: null, title: 'The Overstory', byline: 'Richard Powers', authors: ['Richard Powers'] },
    });
  });

  test('a print article with a link keeps it; no author, no authors', () => {
    const result = manualClip({ title: 'Print piece', author: '', link: ' https://paper.example/issue-4 ' });
    expect(result).toMatchObject({ ok: true, clip: { url: 'https://paper.example/issue-4', byline: null, authors: [] } });
  });

  test('a title is required', () => {
    expect(manualClip({ title: '   ', author: 'Someone', link: '' })).toEqual({ ok: false, message: 'Give it a title.' });
  });

  test('a link that is not a web address is refused, with why', () => {
    for (const link of ['javascript:alert(1)', 'paper.example/x', 'ftp://paper.example/x', 'http://']) {
      expect(manualClip({ title: 'T', author: '', link })).toEqual({
        ok: false,
        message: 'The link must be a web address starting with http:// or https://.',
      });
    }
  });
});
