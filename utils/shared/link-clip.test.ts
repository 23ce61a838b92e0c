import { describe, expect, test } from 'vitest';
import { EMPTY_CLIP, linkClip, MAX_TITLE, tidy } from './link-clip';

describe('linkClip (the link card)', () => {
  test('a bare link: the address and a tidied title, every other field empty', () => {
    expect(linkClip('https://example.com/x', '  A   title ')).toEqual({
      ...EMPTY_CLIP,
      kind: 'link',
      url: 'https://example.com/x',
      title: 'A title',
    });
    expect(linkClip('https://example.com/x', null).title).toBe('https://example.com/x');
    expect(linkClip('https://example.com/x', '   ').title).toBe('https://example.com/x');
  });

  test('the page’s metadata fills the card, but a card never carries text or a selection', () => {
    const card = linkClip('https://video.example/v', 'Talk', {
      site_name: 'VideoSite',
      excerpt: 'An hour with the author.',
      authors: ['Ada Lovelace'],
      favicon_url: 'https://video.example/favicon.ico',
      content_html: '<p>smuggled</p>',
      text_length: 900,
      word_count: 150,
      selection: true,
      truncated: true,
    });
    expect(card).toMatchObject({
      kind: 'link',
      site_name: 'VideoSite',
      authors: ['Ada Lovelace'],
      favicon_url: 'https://video.example/favicon.ico',
    });
    expect(card).toMatchObject({ content_html: null, text_length: 0, word_count: 0, selection: false, truncated: false });
  });
});

describe('tidy', () => {
  test('collapses whitespace, empties to null, cuts with an ellipsis', () => {
    expect(tidy(' a \n b ', 10)).toBe('a b');
    expect(tidy(' \n ', 10)).toBeNull();
    expect(tidy(undefined, 10)).toBeNull();
    const long = tidy('x'.repeat(MAX_TITLE + 10), MAX_TITLE) ?? '';
    expect(long).toHaveLength(MAX_TITLE);
    expect(long.endsWith('…')).toBe(true);
  });
});
