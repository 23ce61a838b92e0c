import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { GroupQueue, QueueEntry } from './api-types';
import { cachedQueues } from './storage';
import { countCachedComment, tagCachedItem } from './library';

const person = { id: 'u1', display_name: 'Ada' };
const row = (item_id: string, tags: string[] = []): QueueEntry => ({
  item_id, position: 1, kind: 'article', title: item_id, url: null, site_name: null, added_by: person, queued_by: person,
  queued_at: '2026-01-01T00:00:00Z', tags, comment_count: 0, reading_minutes: 3,
});
const queueOf = (id: string, rows: QueueEntry[]): GroupQueue => ({ group: { id, name: id, role: 'member' }, queue: rows });

beforeEach(() => fakeBrowser.reset());

describe('tagCachedItem', () => {
  it('replaces the item’s tags on every cached queue that shows it, and only there', async () => {
    await cachedQueues.setValue({ g1: queueOf('g1', [row('i1', ['old']), row('i2', ['keep'])]), g2: queueOf('g2', [row('i3')]) });
    await tagCachedItem('i1', ['new', 'old']);
    const queues = await cachedQueues.getValue();
    expect(queues.g1?.queue.map((e) => e.tags)).toEqual([['new', 'old'], ['keep']]);
    expect(queues.g2?.queue[0]?.tags).toEqual([]);
  });

  it('leaves the cache untouched when no queue shows the item', async () => {
    const before = { g1: queueOf('g1', [row('i2')]) };
    await cachedQueues.setValue(before);
    await tagCachedItem('i9', ['x']);
    expect(await cachedQueues.getValue()).toEqual(before);
  });
});

describe('countCachedComment', () => {
  it('counts a new comment on the item’s cached rows', async () => {
    await cachedQueues.setValue({ g1: queueOf('g1', [row('i1')]) });
    await countCachedComment('i1', { id: 'c', body: 'b', author: person, created_at: '' });
    expect((await cachedQueues.getValue()).g1?.queue[0]?.comment_count).toBe(1);
  });
});
