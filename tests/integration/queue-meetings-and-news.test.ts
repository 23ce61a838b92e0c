/**
 * The queue, meetings and what's new through supabase.rpc against the stand-in (or a real
 * Supabase): two members moving and voting at the same moment both keep their changes (the
 * queue stays 1..n with no entry lost or doubled), moving an entry another member removed
 * is refused plainly, a meeting in the past is refused, and group_news counts the other
 * member's clips until mark_seen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { call, groupOf, HAS_SCHEMA, ok, signedInMembers, startTestBackend, type TestBackend } from './helpers';

describe.skipIf(!HAS_SCHEMA)('discussion: queue, meetings, what is new', () => {
  let backend: TestBackend;
  let ada: { client: SupabaseClient; userId: string };
  let ben: { client: SupabaseClient; userId: string };
  let group: { id: string; name: string };
  const items: string[] = [];

  beforeAll(async () => {
    backend = await startTestBackend();
    [ada, ben] = await signedInMembers(backend, 'Ada', 'Ben');
    group = await groupOf(ada.client, 'Queue Circle', [ben.client]);
    await ok(ben.client, 'mark_seen', { p_group_id: group.id });
    for (const name of ['alder', 'birch', 'cedar', 'dogwood', 'elm']) {
      const clip = await ok(ada.client, 'clip_item', {
        p_client_id: crypto.randomUUID(),
        p_group_id: group.id,
        p_queue: true,
        p_tags: [],
        p_comment: null,
        p_clip: { kind: 'link', url: `https://example.org/${name}`, title: name } as never,
      });
      items.push(clip.item_id);
    }
  });
  afterAll(async () => {
    await backend?.stop();
  });

  it("group_news counts the other member's items until mark_seen", async () => {
    const news = await ok(ben.client, 'group_news', { p_group_id: group.id });
    expect(new Set(news.new_items)).toEqual(new Set(items));
    expect((await ok(ada.client, 'group_news', { p_group_id: group.id })).new_items).toEqual([]);
    await ok(ben.client, 'mark_seen', { p_group_id: group.id });
    expect((await ok(ben.client, 'group_news', { p_group_id: group.id })).new_items).toEqual([]);
  });

  it('two members moving at once: every move lands, the queue stays 1..n with nothing lost or doubled', async () => {
    const moves = Array.from({ length: 12 }, (_, n) => {
      const who = n % 2 ? ben : ada;
      return call(who.client, 'move_queue_entry', { p_item_id: items[n % 5]!, p_before_item_id: n % 3 ? items[(n + 2) % 5]! : null });
    });
    const replies = await Promise.all(moves);
    expect(replies.map((r) => r.status)).toEqual(replies.map(() => 200));
    const queue = await ok(ada.client, 'group_queue', { p_group_id: group.id });
    expect(queue.queue.map((e) => e.position)).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(queue.queue.map((e) => e.item_id))).toEqual(new Set(items));
  });

  it('two members voting at once: two votes; voting twice stays one', async () => {
    await Promise.all([
      ok(ada.client, 'vote_item', { p_item_id: items[0]!, p_vote: true }),
      ok(ben.client, 'vote_item', { p_item_id: items[0]!, p_vote: true }),
      ok(ben.client, 'vote_item', { p_item_id: items[0]!, p_vote: true }),
    ]);
    const entry = (await ok(ben.client, 'group_queue', { p_group_id: group.id })).queue.find((e) => e.item_id === items[0]);
    expect(entry).toMatchObject({ votes: 2, voted: true });
  });

  it('moving an entry another member just removed is refused with a clear message', async () => {
    await ok(ben.client, 'unqueue_item', { p_item_id: items[4]! });
    const moved = await call(ada.client, 'move_queue_entry', { p_item_id: items[4]!, p_before_item_id: null });
    expect(moved).toMatchObject({
      status: 400,
      error: { code: 'P0001', message: 'Another member just took that article off the queue, so it cannot be moved.' },
    });
  });

  it('a meeting in the past is refused; one in the future takes the top of the queue as its agenda', async () => {
    const past = await call(ada.client, 'schedule_meeting', { p_group_id: group.id, p_starts_at: '2020-01-01T18:00:00Z' });
    expect(past).toMatchObject({
      status: 400,
      error: { code: '22023', message: 'That time has already passed. Pick a time in the future.' },
    });
    const meeting = await ok(ada.client, 'schedule_meeting', {
      p_group_id: group.id,
      p_starts_at: '2099-01-01T18:00:00Z',
      p_lead_id: ben.userId,
      p_agenda_size: 2,
    });
    expect(meeting.agenda).toHaveLength(2);
    expect(meeting.lead).toMatchObject({ id: ben.userId, display_name: 'Ben' });
    expect((await ok(ben.client, 'group_news', { p_group_id: group.id })).meeting).toMatchObject({ id: meeting.id });
    const refused = await call(ben.client, 'finish_meeting', { p_meeting_id: meeting.id });
    expect(refused).toMatchObject({ status: 403, error: { code: '42501', message: 'Only owners and admins run meetings.' } });
  });
});
