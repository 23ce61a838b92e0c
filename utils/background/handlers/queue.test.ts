import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { SupabaseClient } from '@supabase/supabase-js';
import { queue } from '@/components/testing/fixtures';
import { AUTH_STORAGE_KEY } from '@/utils/background/session';
import { cachedAccount, cachedQueues, outbox } from '@/utils/shared/storage';
import { summarise } from '@/utils/background/outbox';
import { outboxKicker } from '@/utils/background/outbox-send';
import { discussionHandlers } from './discussion';
import { queueHandlers } from './queue';
import { createHandlers } from '@/utils/background/handlers';
import { clipTabContents } from '@/utils/background/clip-tab';

const user = { id: 'u1', email: 'ada@example.com', user_metadata: {} };
const session = { access_token: 'a', refresh_token: 'r', expires_at: 9_999_999_999, user };
const cached = {
  ...queue,
  queue: queue.queue.map((e) => ({ ...e, votes: 0, voted: false, read: false, read_count: 0, tags: ['focus', 'work'] })),
};
const [i1, i2] = cached.queue.map((e) => e.item_id) as [string, string];

/** A server that is down, up, or refuses one RPC with a P0001 message. */
function server() {
  const state = { down: false, refuse: null as string | null };
  const calls: [string, Record<string, unknown>][] = [];
  const rpc = vi.fn(async (name: string, args: Record<string, unknown>) => {
    if (state.down) return { data: null, error: { message: 'Failed to fetch' }, status: 0 };
    calls.push([name, args]);
    if (name === state.refuse)
      return {
        data: null,
        error: { code: 'P0001', message: 'That article is not in the queue any more, so it takes no votes.' },
        status: 400,
      };
    const data =
      name === 'vote_item'
        ? { votes: args.p_vote ? 1 : 0, voted: args.p_vote }
        : name === 'mark_read'
          ? { read: args.p_read, read_count: args.p_read ? 1 : 0 }
          : name === 'untag_item'
            ? ['work']
            : cached;
    return { data, error: null, status: 200 };
  });
  const client = { rpc, auth: { getSession: async () => ({ data: { session }, error: null }) } } as unknown as SupabaseClient;
  return { state, calls, getClient: async () => client };
}

beforeEach(async () => {
  fakeBrowser.reset();
  await fakeBrowser.storage.local.set({ [AUTH_STORAGE_KEY]: JSON.stringify(session) });
  await cachedAccount.setValue({ userId: 'u1', email: user.email } as never);
  await cachedQueues.setValue({ g1: cached });
});

describe('untag, vote, read mark, move and take off', () => {
  it('online: each is one set-style RPC, answered directly, nothing kept', async () => {
    const s = server();
    const h = { ...queueHandlers(s.getClient), ...discussionHandlers(s.getClient) };
    expect(await h.voteItem({ itemId: i1, vote: true })).toEqual({ ok: true, value: { votes: 1, voted: true } });
    await h.markRead({ itemId: i1, read: true });
    await h.moveQueueEntry({ itemId: i1, beforeItemId: null });
    await h.unqueueItem({ itemId: i2 });
    await h.untagItem({ itemId: i1, tag: 'focus' });
    expect(s.calls).toEqual([
      ['vote_item', { p_item_id: i1, p_vote: true }],
      ['mark_read', { p_item_id: i1, p_read: true }],
      ['move_queue_entry', { p_item_id: i1, p_before_item_id: null }],
      ['unqueue_item', { p_item_id: i2 }],
      ['untag_item', { p_item_id: i1, p_tag: 'focus' }],
    ]);
    expect(await outbox.getValue()).toEqual([]);
  });

  // Regression: these went straight to the server, so offline they were only an error.
  it('offline: each is kept with a readable label, shown in the cached queue, and delivered once, in order', async () => {
    const s = server();
    const h = { ...queueHandlers(s.getClient), ...discussionHandlers(s.getClient) };
    s.state.down = true;
    const replies = [
      await h.voteItem({ itemId: i1, vote: true }),
      await h.moveQueueEntry({ itemId: i1, beforeItemId: null }),
      await h.untagItem({ itemId: i2, tag: 'focus' }),
      await h.markRead({ itemId: i2, read: true }),
      await h.unqueueItem({ itemId: i2 }),
    ];
    for (const reply of replies) expect(reply).toMatchObject({ ok: false, error: { kind: 'queued' } });
    const [a, b] = [cached.queue[0]!.title, cached.queue[1]!.title];
    expect((await outbox.getValue()).map((o) => summarise(o).label)).toEqual([
      `Vote for ${a}`,
      `Move ${a} to the end`,
      `Remove tag “focus” from ${b}`,
      `Mark ${b} read`,
      `Take ${b} off the queue`,
    ]);
    // The side panel draws the queue as it will be: i2 gone, i1 voted for.
    expect((await cachedQueues.getValue()).g1!.queue).toMatchObject([{ item_id: i1, voted: true, votes: 1 }]);

    s.state.down = false;
    const kick = outboxKicker(s.getClient);
    await kick(true);
    await kick(true);
    expect(s.calls.map(([name]) => name)).toEqual(['vote_item', 'move_queue_entry', 'untag_item', 'mark_read', 'unqueue_item']);
    expect(await outbox.getValue()).toEqual([]);
  });

  it('offline, an entry beyond the cached first page is labelled with the titles the panel gave (regression: "an article")', async () => {
    const s = server();
    s.state.down = true;
    await queueHandlers(s.getClient).moveQueueEntry({ itemId: 'p77', beforeItemId: 'p60', title: 'Essay 77', beforeTitle: 'Essay 60' });
    await queueHandlers(s.getClient).voteItem({ itemId: 'p78', vote: true, title: 'Essay 78' });
    expect((await outbox.getValue()).map((o) => summarise(o).label)).toEqual(['Move Essay 77 before Essay 60', 'Vote for Essay 78']);
  });

  it('a later change to an item waits behind an earlier one that waits, even when the server is back', async () => {
    const s = server();
    const h = queueHandlers(s.getClient);
    s.state.down = true;
    await h.voteItem({ itemId: i1, vote: true });
    s.state.down = false;
    expect(await h.voteItem({ itemId: i1, vote: false })).toMatchObject({ ok: false, error: { kind: 'queued' } });
    expect(s.calls).toEqual([]);
    await outboxKicker(s.getClient)(true);
    expect(s.calls).toEqual([
      ['vote_item', { p_item_id: i1, p_vote: true }],
      ['vote_item', { p_item_id: i1, p_vote: false }],
    ]);
  });

  it('a change the server refuses on delivery (the item left the queue) is marked failed with its message and blocks nothing', async () => {
    const s = server();
    const h = queueHandlers(s.getClient);
    s.state.down = true;
    await h.voteItem({ itemId: i1, vote: true });
    await h.markRead({ itemId: i2, read: true });
    s.state.down = false;
    s.state.refuse = 'vote_item';
    await outboxKicker(s.getClient)(true);
    const left = await outbox.getValue();
    expect(left).toMatchObject([
      { kind: 'vote', failed: true, lastError: { kind: 'invalid', message: expect.stringMatching(/not in the queue any more/) } },
    ]);
    expect(s.calls.map(([name]) => name)).toEqual(['vote_item', 'mark_read']);
  });

  it('refused at once (not a passing failure): said, and nothing kept', async () => {
    const s = server();
    s.state.refuse = 'vote_item';
    const reply = await queueHandlers(s.getClient).voteItem({ itemId: i1, vote: true });
    expect(reply).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    expect(await outbox.getValue()).toEqual([]);
    expect(await discussionHandlers(s.getClient).untagItem({ itemId: i1, tag: '  ' })).toMatchObject({
      ok: false,
      error: { message: 'Name the tag.' },
    });
  });

  it("the background's table uses these (a vote made offline is kept); renaming a tag is online-only and says so", async () => {
    const s = server();
    const h = createHandlers({ getClient: s.getClient, resetClient: vi.fn(), clipTab: clipTabContents });
    s.state.down = true;
    expect(await h.voteItem({ itemId: i1, vote: true })).toMatchObject({ ok: false, error: { kind: 'queued' } });
    const renamed = await h.renameTag({ groupId: 'g1', from: 'focus', to: 'deep focus' });
    expect(renamed).toMatchObject({
      ok: false,
      error: { kind: 'network', message: expect.stringMatching(/Renaming a tag needs the server, so it was not kept/) },
    });
    expect((await outbox.getValue()).map((o) => o.kind)).toEqual(['vote']);
  });
});
