import { beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { newsBadgeText, registerNewsBadge, showNewsCount } from './news-badge';
import { cachedGroups, lastGroupId, panelGroupId } from '@/utils/shared/storage';
import { mergeNews, NO_NEWS } from '@/utils/ui/news';

beforeEach(() => {
  fakeBrowser.reset();
});

describe("what's new badge", () => {
  test('counts for the active group only (the side panel’s, else the last saved to)', async () => {
    await cachedGroups.setValue([{ id: 'g1', name: 'Circle', description: null, role: 'member', member_count: 2, queue_count: 0 }]);
    await lastGroupId.setValue('g1');
    await showNewsCount('g1', 4);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('4');
    expect(await fakeBrowser.action.getTitle({})).toBe('4 new in Circle since you last looked');
    await panelGroupId.setValue('g2');
    await showNewsCount('g1', 7);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('4');
    await showNewsCount('g2', 0);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
  });

  test('the badge text stays short', () => {
    expect([0, 1, 99, 100].map(newsBadgeText)).toEqual(['', '1', '99', '99+']);
  });

  test('marks add up over one look: items once, comments counted', () => {
    const once = mergeNews(NO_NEWS, { seen_at: null, new_items: ['a'], new_comments: { a: 1 }, new_highlights: {}, meeting: null });
    const twice = mergeNews(once, {
      seen_at: null,
      new_items: ['a', 'b'],
      new_comments: { a: 2 },
      new_highlights: {},
      meeting: { id: 'm', starts_at: '', title: null },
    });
    expect([...twice.items]).toEqual(['a', 'b']);
    expect(twice.comments).toEqual({ a: 3 });
    expect(twice.meeting?.id).toBe('m');
  });
  test('a clip into another group asks nothing then: the old count clears, the new one is asked on a one-shot alarm (a clip stays one request)', async () => {
    await lastGroupId.setValue('g1');
    const asked: string[] = [];
    registerNewsBadge(async ({ groupId }) => void asked.push(groupId));
    await new Promise((done) => setTimeout(done, 0));
    expect(asked).toEqual(['g1']); // at start
    await fakeBrowser.action.setBadgeText({ text: '4' });
    await lastGroupId.setValue('g2');
    await new Promise((done) => setTimeout(done, 0));
    expect(asked).toEqual(['g1']);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
    const soon = await fakeBrowser.alarms.get('readclub-news-soon');
    expect(soon?.scheduledTime).toBeGreaterThan(Date.now() + 30_000);
    await fakeBrowser.alarms.onAlarm.trigger(soon!);
    await new Promise((done) => setTimeout(done, 0));
    expect(asked).toEqual(['g1', 'g2']);
  });
});
