import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { GroupQueue, QueueEntry } from './api-types';
import { cachedAccount, cachedQueues } from './storage';
import { callRpc, countCachedComment, tagCachedItem } from './library';
import { AUTH_STORAGE_KEY } from './session';

const person = { id: 'u1', display_name: 'Ada' };
const row = (item_id: string, tags: string[] = []): QueueEntry => ({
  item_id, position: 1, kind: 'article', title: item_id, url: null, site_name: null, added_by: person,
  tags, comment_count: 0, reading_minutes: 3,
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

// Regression (issue 6, worker lifecycle): a refresh token revoked while the access token was
// still valid left the dead session in storage (supabase-js answers later refreshes from a
// cached failure without removing it): the member looked signed in while every call failed.
describe('callRpc when the session is over', () => {
  const clientWith = (error: object) =>
    ({ auth: { getSession: vi.fn(async () => ({ data: { session: null }, error })) }, rpc: vi.fn() }) as unknown as SupabaseClient;
  const account = { userId: 'u1', email: 'ada@example.com', displayName: 'Ada' };

  it('a refused refresh token signs the member out here, so sign-in shows', async () => {
    await fakeBrowser.storage.local.set({ [AUTH_STORAGE_KEY]: JSON.stringify({ refresh_token: 'r' }) });
    await cachedAccount.setValue(account);
    const refused = { name: 'AuthApiError', status: 400, code: 'refresh_token_not_found', message: 'Invalid Refresh Token: Refresh Token Not Found' };
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
