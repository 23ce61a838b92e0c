// Handlers for the groups screens: removing an item and reading one's own profile.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { GroupQueue, GroupSummary, QueueEntry } from '@/utils/shared/api-types';
import { createHandlers } from '@/utils/background/handlers';
import { clipTabContents } from '@/utils/background/clip-tab';
import { SIGNED_OUT_MESSAGE } from '@/utils/background/errors';
import { cachedGroups, cachedQueues, savedPages } from '@/utils/shared/storage';

const user = { id: 'u1', email: 'ada@example.com', user_metadata: { display_name: 'Ada' } };
const session = { access_token: 'a', refresh_token: 'r', expires_at: 9_999_999_999, user };
const person = { id: 'u1', display_name: 'Ada', avatar_url: null };
const entry = (item_id: string, position: number): QueueEntry => ({
  item_id,
  position,
  kind: 'article',
  title: `Essay ${item_id}`,
  url: `https://example.com/${item_id}`,
  site_name: null,
  added_by: person,
  tags: [],
  comment_count: 0,
  reading_minutes: 5,
  votes: 0,
  voted: false,
  read: false,
  read_count: 0,
});
const group = { id: 'g1', name: 'Tuesday readers', role: 'member' as const };
const before: GroupQueue = { group, queue: [entry('i1', 1), entry('i2', 2)] };
const after: GroupQueue = { group, queue: [{ ...entry('i2', 1) }] };
const groups: GroupSummary[] = [{ id: 'g1', name: 'Tuesday readers', role: 'member', member_count: 3, queue_count: 1 }];

type RpcImpl = (args: unknown) => { data?: unknown; error?: unknown; status?: number };
function setup(rpcImpls: Record<string, RpcImpl>, signedIn = true) {
  const rpc = vi.fn(async (name: string, args: unknown) => {
    const impl = rpcImpls[name];
    if (!impl) return { data: null, error: { code: 'PGRST202', message: 'no such function' }, status: 404 };
    const r = impl(args);
    return { data: r.data ?? null, error: r.error ?? null, status: r.status ?? (r.error ? 400 : 200) };
  });
  const auth = { getSession: vi.fn(async () => ({ data: { session: signedIn ? session : null }, error: null })) };
  const client = { auth, rpc } as unknown as SupabaseClient;
  return { rpc, h: createHandlers({ getClient: async () => client, resetClient: vi.fn(), clipTab: clipTabContents }) };
}

beforeEach(() => {
  fakeBrowser.reset();
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => {
      throw new Error('unit tests must not touch the network');
    }),
  );
});

describe('deleteItem', () => {
  it('removes the item, then the cached queue, counts and saved-page marks follow', async () => {
    await cachedQueues.setValue({ g1: before });
    await savedPages.setValue({ 'example.com/i1': { itemId: 'i1', at: 1 }, 'example.com/i2': { itemId: 'i2', at: 1 } });
    const { rpc, h } = setup({
      delete_item: () => ({ data: null }),
      group_queue: () => ({ data: after }),
      my_groups: () => ({ data: groups }),
    });
    expect(await h.deleteItem({ itemId: 'i1', groupId: 'g1' })).toEqual({ ok: true, value: null });
    expect(rpc).toHaveBeenCalledWith('delete_item', { p_item_id: 'i1' });
    expect((await cachedQueues.getValue()).g1).toEqual(after);
    expect(await cachedGroups.getValue()).toEqual(groups);
    expect(Object.keys(await savedPages.getValue())).toEqual(['example.com/i2']);
  });

  it('when the queue cannot be refreshed, the item still leaves the cached queue', async () => {
    await cachedQueues.setValue({ g1: before });
    const { h } = setup({ delete_item: () => ({ data: null }), group_queue: () => ({ error: { message: 'boom' }, status: 500 }) });
    expect((await h.deleteItem({ itemId: 'i1', groupId: 'g1' })).ok).toBe(true);
    expect((await cachedQueues.getValue()).g1!.queue.map((e) => e.item_id)).toEqual(['i2']);
  });

  it('a refusal (not yours) says so and the caches keep the item', async () => {
    await cachedQueues.setValue({ g1: before });
    const { h } = setup({
      delete_item: () => ({
        error: { code: '42501', message: 'Only whoever added this article, or an owner or admin, can remove it.' },
        status: 403,
      }),
    });
    const reply = await h.deleteItem({ itemId: 'i1', groupId: 'g1' });
    expect(reply).toMatchObject({ ok: false, error: { message: 'Only whoever added this article, or an owner or admin, can remove it.' } });
    expect((await cachedQueues.getValue()).g1).toEqual(before);
  });
});

describe('myProfile', () => {
  it('answers the saved name and picture', async () => {
    const profile = { id: 'u1', display_name: 'Ada L.', avatar_url: 'https://example.org/a.png' };
    const { rpc, h } = setup({ my_profile: () => ({ data: profile }) });
    expect(await h.myProfile(undefined)).toEqual({ ok: true, value: profile });
    expect(rpc).toHaveBeenCalledWith('my_profile', {});
  });

  it('signed out: says so without a call', async () => {
    const { rpc, h } = setup({}, false);
    expect(await h.myProfile(undefined)).toEqual({ ok: false, error: { kind: 'signed-out', message: SIGNED_OUT_MESSAGE } });
    expect(rpc).not.toHaveBeenCalled();
  });
});
