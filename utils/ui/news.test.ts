import { describe, expect, test } from 'vitest';
import { queue } from '@/components/testing/fixtures';
import type { GroupNews } from '@/utils/shared/api-types';
import { mergeNews, NO_NEWS, queueNewsCount } from './news';

const news = (over: Partial<GroupNews>): GroupNews => ({
  seen_at: null,
  new_items: [],
  new_comments: {},
  new_highlights: {},
  meeting: null,
  ...over,
});

describe("queueNewsCount (the Queue tab's badge)", () => {
  test('with the whole queue loaded, counts its entries that are new or newly discussed, once each', () => {
    const marks = mergeNews(
      NO_NEWS,
      news({ new_items: ['i1', 'elsewhere'], new_comments: { i1: 2, i2: 1 }, queued: ['i1', 'i2', 'stale'] }),
    );
    expect(queueNewsCount(queue, marks)).toBe(2);
  });

  test('with only the first page loaded, the queued news beyond it counts too (regression: new items sit at the end of a long queue)', () => {
    const marks = mergeNews(NO_NEWS, news({ new_items: ['i1', 'i300'], queued: ['i1', 'i300'] }));
    expect(queueNewsCount({ ...queue, total: 300 }, marks)).toBe(2);
  });

  test('queued news adds up over one look, like the marks', () => {
    const twice = mergeNews(mergeNews(NO_NEWS, news({ queued: ['a'] })), news({ queued: ['b'] }));
    expect([...(twice.queued ?? [])]).toEqual(['a', 'b']);
    expect(queueNewsCount(undefined, twice)).toBe(0);
  });
});

describe('highlights in the news', () => {
  test('an item others highlighted counts on the Queue tab and adds up over one look, like comments', () => {
    const marks = mergeNews(mergeNews(NO_NEWS, news({ new_highlights: { i1: 1 } })), news({ new_highlights: { i1: 2 } }));
    expect(marks.highlights).toEqual({ i1: 3 });
    expect(queueNewsCount(queue, marks)).toBe(1);
  });

  test('an answer without new_highlights (a server before highlights) counts none', () => {
    const { new_highlights: _, ...older } = news({ new_comments: { i1: 1 } });
    const marks = mergeNews(NO_NEWS, older as GroupNews);
    expect(marks.highlights).toEqual({});
    expect(queueNewsCount(queue, marks)).toBe(1);
  });
});
