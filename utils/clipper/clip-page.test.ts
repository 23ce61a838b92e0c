/**
 * clipPage, which the clipper script runs: refusals name their reason (the background words
 * them), and clipDocument is the same answer in words.
 */
import { describe, expect, test } from 'vitest';
import { wordedClip } from '@/utils/shared/clippable';
import { clipDocument, clipPage } from './extract';
import { fixture } from '../../tests/support/extract-pages';

describe('clipPage (what clipper.js returns from a tab)', () => {
  test('a page with no article is refused by reason, without words, with the page as a link card', () => {
    const result = clipPage(fixture('not-an-article.html'), 'http://localhost:5173/not-an-article.html');
    expect(result).toMatchObject({ ok: false, error: { kind: 'unclippable', reason: 'no-article' }, selection: null });
    expect(result.ok || 'message' in result.error).toBe(false);
    expect(result.ok || result.link?.url).toBe('http://localhost:5173/not-an-article.html');
  });

  test('an address that cannot be clipped is refused by its reason, with no link card', () => {
    expect(clipPage(fixture('article.html'), 'file:///home/ada/article.html')).toEqual({
      ok: false,
      error: { kind: 'unclippable', reason: 'local-file' },
      link: null,
      selection: null,
    });
  });

  test('clipDocument is clipPage in words', () => {
    for (const [name, url] of [
      ['article.html', 'http://localhost:5173/article.html'],
      ['not-an-article.html', 'http://localhost:5173/not-an-article.html'],
      ['article.html', 'data:text/html,x'],
    ]) {
      expect(clipDocument(fixture(name!), url!)).toEqual(wordedClip(clipPage(fixture(name!), url!)));
    }
  });
});
