import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { GroupQueue, QueueEntry } from '@/utils/shared/api-types';
import { cachedAccount, cachedQueues, outbox, type OutboxOp } from '@/utils/shared/storage';
import { callRpc, countCachedComment, forgetCachedItem, refreshCachedQueue, tagCachedItem } from './rpc';
import { AUTH_STORAGE_KEY } from './session';

const person = { id: 'u1', display_name: 'Ada' };
const row = (item_id: string, tags: string[] = []): QueueEntry => ({
  item_id,
  position: 1,
  kind: 'article',
  title: item_id,
  url: null,
  site_name: null,
  added_by: person,
  tags,
  comment_count: 0,
  reading_minutes: 3,
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

describe('refreshCachedQueue (group_queue pages)', () => {
  // A 300-entry queue on a stub server that pages as group_queue does (at most 200 a call).
  const all = Array.from({ length: 300 }, (_, i) => ({ ...row(`i${i + 1}`), position: i + 1 }));
  const server = () => {
    const rpc = vi.fn(async (_name: string, a: { p_limit: number; p_offset: number; p_order: string }) => {
      if (a.p_limit > 200)
        return { data: null, error: { code: '22023', message: 'A page of the queue holds 1 to 200 entries.' }, status: 400 };
      const page = all.slice(a.p_offset, a.p_offset + a.p_limit);
      return {
        data: { ...queueOf('g1', page), total: 300, total_minutes: 900, offset: a.p_offset, limit: a.p_limit, order: a.p_order },
        error: null,
        status: 200,
      };
    });
    const client = {
      auth: { getSession: async () => ({ data: { session: { user: { id: 'u1' } } }, error: null }) },
      rpc,
    } as unknown as SupabaseClient;
    return { client, rpc };
  };

  it("asks for the first page by default and caches it with the whole queue's totals", async () => {
    const { client, rpc } = server();
    const reply = await refreshCachedQueue(client, 'g1');
    expect(rpc).toHaveBeenCalledWith('group_queue', { p_group_id: 'g1', p_limit: 50, p_offset: 0, p_order: 'queue' });
    expect(reply.ok && reply.value.queue.length).toBe(50);
    expect((await cachedQueues.getValue()).g1).toMatchObject({ total: 300, total_minutes: 900 });
  });

  it('reads more than 200 in calls of at most 200, returns them all, and caches only the first page', async () => {
    const { client, rpc } = server();
    const reply = await refreshCachedQueue(client, 'g1', { count: 250 });
    expect(rpc.mock.calls.map(([, a]) => [a.p_offset, a.p_limit])).toEqual([
      [0, 200],
      [200, 50],
    ]);
    expect(reply.ok && reply.value.queue.map((e) => e.item_id)).toEqual(all.slice(0, 250).map((e) => e.item_id));
    expect((await cachedQueues.getValue()).g1?.queue).toHaveLength(50);
  });

  it("a later page or most wanted is answered and not cached (the cache is the queue's first page)", async () => {
    const { client, rpc } = server();
    const reply = await refreshCachedQueue(client, 'g1', { offset: 280, count: 50, order: 'wanted' });
    expect(rpc).toHaveBeenCalledWith('group_queue', { p_group_id: 'g1', p_limit: 50, p_offset: 280, p_order: 'wanted' });
    expect(rpc).toHaveBeenCalledTimes(1);
    expect(reply.ok && reply.value.queue.map((e) => e.item_id)).toEqual(all.slice(280).map((e) => e.item_id));
    expect(await cachedQueues.getValue()).toEqual({});
  });

  it("draws the member's waiting take-off on the page and its totals", async () => {
    const { client } = server();
    await cachedAccount.setValue({ userId: 'u1', email: '', displayName: 'Ada' });
    await outbox.setValue([
      {
        id: 'o1',
        groupId: '',
        itemKey: 'i2',
        userId: 'u1',
        kind: 'unqueue',
        args: { itemId: 'i2' },
        createdAt: 1,
        attempts: 1,
        nextAttemptAt: 0,
        lastError: null,
        failed: false,
      } as OutboxOp,
    ]);
    const reply = await refreshCachedQueue(client, 'g1');
    expect(reply.ok && reply.value.queue.some((e) => e.item_id === 'i2')).toBe(false);
    expect(reply.ok && reply.value).toMatchObject({ total: 299, total_minutes: 897 });
  });
});

describe('forgetCachedItem', () => {
  it('a removed item leaves the cached page and its totals', async () => {
    await cachedQueues.setValue({ g1: { ...queueOf('g1', [row('i1'), row('i2')]), total: 10, total_minutes: 30 } });
    await forgetCachedItem('i1');
    expect((await cachedQueues.getValue()).g1).toMatchObject({ total: 9, total_minutes: 27, queue: [{ item_id: 'i2' }] });
  });
});

// Regression: a refresh token revoked while the access token was
// still valid left the dead session in storage (supabase-js answers later refreshes from a
// cached failure without removing it): the member looked signed in while every call failed.
describe('callRpc when the session is over', () => {
  const clientWith = (error: object) =>
    ({ auth: { getSession: vi.fn(async () => ({ data: { session: null }, error })) }, rpc: vi.fn() }) as unknown as SupabaseClient;
  const account = { userId: 'u1', email: 'ada@example.com', displayName: 'Ada' };

  it('a refused refresh token signs the member out here, so sign-in shows', async () => {
    await fakeBrowser.storage.local.set({ [AUTH_STORAGE_KEY]: JSON.stringify({ refresh_token: 'r' }) });
    await cachedAccount.setValue(account);
    const refused = {
      name: 'AuthApiError',
      status: 400,
      code: 'refresh_token_not_found',
      message: 'Invalid Refresh Token: Refresh Token Not Found',
    };
    const reply = await callRpc(clientWith(refused), 'my_groups', {});
    expect(reply).toMatchObject({ ok: false, error: { kind: 'signed-out' } });
    expect((await fakeBrowser.storage.local.get(AUTH_STORAGE_KEY))[AUTH_STORAGE_KEY]).toBeUndefined();
    expect(await cachedAccount.getValue()).toBeNull();
  });

  it('an unreachable server keeps the session (it may still be good)', async () => {
    await fakeBrowser.storage.local.set({ [AUTH_STORAGE_KEY]: JSON.stringify({ refresh_token: 'r' }) });
    const offline = { name: 'AuthRetryableFetchError', status: 0, message: 'Failed to fetch' };
    await callRpc(clientWith(offline), 'my_groups', {});
    expect((await fakeBrowser.storage.local.get(AUTH_STORAGE_KEY))[AUTH_STORAGE_KEY]).toBeDefined();
  });
});
