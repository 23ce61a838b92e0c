import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { ClipItemArgs, GroupQueue, GroupSummary, QueueEntry } from './api-types';
import { sendMessage } from './protocol';
import { createHandlers, registerHandlers, type HandlerDeps } from './handlers';
import { clipTabContents } from './clip-tab';
import { AUTH_STORAGE_KEY } from './session';
import { BAD_CODE_MESSAGE, NETWORK_MESSAGE, SIGNED_OUT_MESSAGE } from './errors';
import { cachedAccount, cachedGroups, cachedQueues, lastGroupId, outbox, savedPages } from './storage';
import { QUEUED_MESSAGE, QUEUED_SIGNED_OUT_MESSAGE } from './outbox';
import { EMPTY_CLIP } from './link-clip';
import type { ItemDetail } from './api-types';

const user = { id: 'u1', email: 'ada@example.com', user_metadata: { display_name: 'Ada' } };
const session = { access_token: 'a', refresh_token: 'r', expires_at: 9_999_999_999, user };
const person = { id: 'u1', display_name: 'Ada' };
const groups: GroupSummary[] = [{ id: 'g1', name: 'Tuesday readers', role: 'owner', member_count: 3, queue_count: 1 }];
const entry: QueueEntry = {
  item_id: 'i1',
  position: 1,
  kind: 'article',
  title: 'An essay',
  url: 'https://example.com/essay',
  site_name: null,
  added_by: person,
  tags: [],
  comment_count: 0,
  reading_minutes: 5,
};
const queue: GroupQueue = { group: { id: 'g1', name: 'Tuesday readers', role: 'owner' }, queue: [entry] };

type RpcImpl = (args: unknown) => { data?: unknown; error?: unknown; status?: number };

function stubClient(opts: { session?: unknown; rpc?: Record<string, RpcImpl>; auth?: Record<string, unknown> } = {}) {
  const rpcImpls: Record<string, RpcImpl> = {
    my_groups: () => ({ data: groups }),
    group_queue: () => ({ data: queue }),
    ...opts.rpc,
  };
  const auth = {
    getSession: vi.fn(async () => ({ data: { session: opts.session === undefined ? session : opts.session }, error: null })),
    signInWithOtp: vi.fn(async () => ({ data: {}, error: null })),
    verifyOtp: vi.fn(async () => ({ data: { user, session }, error: null })),
    signOut: vi.fn(async () => ({ error: null })),
    ...opts.auth,
  };
  const rpc = vi.fn(async (name: string, args: unknown) => {
    const impl = rpcImpls[name];
    if (!impl) return { data: null, error: { code: 'PGRST202', message: 'no such function' }, status: 404 };
    const r = impl(args);
    return { data: r.data ?? null, error: r.error ?? null, status: r.status ?? (r.error ? 400 : 200) };
  });
  return { auth, rpc, client: { auth, rpc } as unknown as SupabaseClient };
}

function setup(stub = stubClient(), extra: Partial<HandlerDeps> = {}) {
  const deps: HandlerDeps = {
    getClient: vi.fn(async () => stub.client),
    resetClient: vi.fn(),
    clipTab: clipTabContents,
    ...extra,
  };
  return { stub, deps, h: createHandlers(deps) };
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

describe('account', () => {
  it('getAccount reads the stored session and mirrors it into cachedAccount', async () => {
    const { h, deps } = setup();
    expect(await h.getAccount(undefined)).toEqual({ ok: true, value: null });
    await fakeBrowser.storage.local.set({ [AUTH_STORAGE_KEY]: JSON.stringify(session) });
    const account = { userId: 'u1', email: 'ada@example.com', displayName: 'Ada' };
    expect(await h.getAccount(undefined)).toEqual({ ok: true, value: account });
    expect(await cachedAccount.getValue()).toEqual(account);
    expect(deps.getClient).not.toHaveBeenCalled();
  });

  it('signs in with an emailed code', async () => {
    const { h, stub } = setup();
    expect(await h.sendSignInCode({ email: 'ada@example.com' })).toEqual({ ok: true, value: null });
    expect(stub.auth.signInWithOtp).toHaveBeenCalledWith({ email: 'ada@example.com', options: { shouldCreateUser: true } });
    const reply = await h.verifySignInCode({ email: 'ada@example.com', code: '123456' });
    expect(reply).toEqual({ ok: true, value: { userId: 'u1', email: 'ada@example.com', displayName: 'Ada' } });
    expect(stub.auth.verifyOtp).toHaveBeenCalledWith({ email: 'ada@example.com', token: '123456', type: 'email' });
  });

  it('explains a wrong or expired code', async () => {
    const { AuthApiError } = await import('@supabase/supabase-js');
    const stub = stubClient({
      auth: { verifyOtp: vi.fn(async () => ({ data: { user: null, session: null }, error: new AuthApiError('Token has expired or is invalid', 403, 'otp_expired') })) },
    });
    const { h } = setup(stub);
    expect(await h.verifySignInCode({ email: 'ada@example.com', code: '000000' })).toEqual({
      ok: false,
      error: { kind: 'invalid', message: BAD_CODE_MESSAGE },
    });
  });

  it('reports an unreachable server when sending a code', async () => {
    const { AuthRetryableFetchError } = await import('@supabase/supabase-js');
    const stub = stubClient({ auth: { signInWithOtp: vi.fn(async () => ({ data: {}, error: new AuthRetryableFetchError('Failed to fetch', 0) })) } });
    expect(await setup(stub).h.sendSignInCode({ email: 'ada@example.com' })).toEqual({
      ok: false,
      error: { kind: 'network', message: NETWORK_MESSAGE },
    });
  });

  it('signOut clears the session and every cache', async () => {
    const { h, stub, deps } = setup();
    await fakeBrowser.storage.local.set({ [AUTH_STORAGE_KEY]: JSON.stringify(session) });
    await cachedAccount.setValue({ userId: 'u1', email: 'ada@example.com', displayName: 'Ada' });
    await cachedGroups.setValue(groups);
    await cachedQueues.setValue({ g1: queue });
    expect(await h.signOut(undefined)).toEqual({ ok: true, value: null });
    expect(stub.auth.signOut).toHaveBeenCalledWith({ scope: 'local' });
    expect(deps.resetClient).toHaveBeenCalled();
    expect(await fakeBrowser.storage.local.get(AUTH_STORAGE_KEY)).toEqual({});
    expect(await cachedAccount.getValue()).toBeNull();
    expect(await cachedGroups.getValue()).toEqual([]);
    expect(await cachedQueues.getValue()).toEqual({});
  });

  it('signOut works even when no client can be built', async () => {
    const { h } = setup(stubClient(), { getClient: vi.fn(async () => Promise.reject(new Error('bad url'))) });
    await cachedGroups.setValue(groups);
    expect(await h.signOut(undefined)).toEqual({ ok: true, value: null });
    expect(await cachedGroups.getValue()).toEqual([]);
  });
});

describe('library', () => {
  it('answers signed-out without calling the server when there is no session', async () => {
    const stub = stubClient({ session: null });
    const { h } = setup(stub);
    for (const reply of [
      await h.listGroups(undefined),
      await h.groupQueue({ groupId: 'g1' }),
      await h.createInvite({ groupId: 'g1' }),
      await h.itemDetail({ itemId: 'i1' }),
    ]) {
      expect(reply).toEqual({ ok: false, error: { kind: 'signed-out', message: SIGNED_OUT_MESSAGE } });
    }
    expect(stub.rpc).not.toHaveBeenCalled();
    expect(fetch).not.toHaveBeenCalled();
  });

  it('maps a failed refresh to signed-out', async () => {
    const { AuthApiError } = await import('@supabase/supabase-js');
    const stub = stubClient({
      auth: {
        getSession: vi.fn(async () => ({
          data: { session: null },
          error: new AuthApiError('Invalid Refresh Token: Refresh Token Not Found', 400, 'refresh_token_not_found'),
        })),
      },
    });
    expect(await setup(stub).h.listGroups(undefined)).toMatchObject({ ok: false, error: { kind: 'signed-out' } });
    expect(stub.rpc).not.toHaveBeenCalled();
  });

  it('listGroups returns and caches the groups', async () => {
    const { h, stub } = setup();
    expect(await h.listGroups(undefined)).toEqual({ ok: true, value: groups });
    expect(stub.rpc).toHaveBeenCalledWith('my_groups', {});
    expect(await cachedGroups.getValue()).toEqual(groups);
  });

  it('keeps the cache when the network fails', async () => {
    await cachedGroups.setValue(groups);
    const stub = stubClient({ rpc: { my_groups: () => ({ error: { message: 'TypeError: Failed to fetch', code: '', details: '', hint: '' }, status: 0 }) } });
    expect(await setup(stub).h.listGroups(undefined)).toEqual({ ok: false, error: { kind: 'network', message: NETWORK_MESSAGE } });
    expect(await cachedGroups.getValue()).toEqual(groups);
  });

  it('groupQueue caches the queue under its group', async () => {
    const { h, stub } = setup();
    await cachedQueues.setValue({ other: { ...queue, group: { ...queue.group, id: 'other' } } });
    expect(await h.groupQueue({ groupId: 'g1' })).toEqual({ ok: true, value: queue });
    expect(stub.rpc).toHaveBeenCalledWith('group_queue', { p_group_id: 'g1', p_limit: 50, p_offset: 0, p_order: 'queue' });
    expect(Object.keys(await cachedQueues.getValue()).sort()).toEqual(['g1', 'other']);
  });

  it('groupQueue passes the page asked for (Show 50 more, most wanted) and leaves the cached first page alone', async () => {
    const { h, stub } = setup();
    await h.groupQueue({ groupId: 'g1', offset: 50, count: 50, order: 'wanted' });
    expect(stub.rpc).toHaveBeenCalledWith('group_queue', { p_group_id: 'g1', p_limit: 50, p_offset: 50, p_order: 'wanted' });
    expect(await cachedQueues.getValue()).toEqual({});
  });

  it('createGroup refreshes the cached groups', async () => {
    const stub = stubClient({ rpc: { create_group: () => ({ data: { id: 'g1', name: 'Tuesday readers' } }) } });
    const { h } = setup(stub);
    expect(await h.createGroup({ name: '  Tuesday readers ' })).toEqual({ ok: true, value: { id: 'g1', name: 'Tuesday readers' } });
    expect(stub.rpc).toHaveBeenCalledWith('create_group', { p_name: 'Tuesday readers' });
    expect(await cachedGroups.getValue()).toEqual(groups);
  });

  it('joinGroup adds the group to the cache even when the refresh fails', async () => {
    const stub = stubClient({
      rpc: {
        join_group: () => ({ data: { id: 'g2', name: 'Book club' } }),
        my_groups: () => ({ error: { message: 'boom', code: 'XX000' }, status: 500 }),
      },
    });
    expect(await setup(stub).h.joinGroup({ code: ' ABC123 ' })).toEqual({ ok: true, value: { id: 'g2', name: 'Book club' } });
    expect(stub.rpc).toHaveBeenCalledWith('join_group', { p_code: 'ABC123' });
    expect(await cachedGroups.getValue()).toEqual([{ id: 'g2', name: 'Book club', role: 'member', member_count: 1, queue_count: 0 }]);
  });

  it('passes the database’s own message for refused input', async () => {
    const stub = stubClient({ rpc: { join_group: () => ({ error: { code: 'P0001', message: 'That invite code has expired.' } }) } });
    expect(await setup(stub).h.joinGroup({ code: 'OLD' })).toEqual({ ok: false, error: { kind: 'invalid', message: 'That invite code has expired.' } });
  });

  it('saveClip saves with one request and remembers the group (issue 7: clip = 1 request; pages refresh their own caches)', async () => {
    const args: ClipItemArgs = {
      p_client_id: 'c1',
      p_group_id: 'g1',
      p_clip: { ...EMPTY_CLIP, kind: 'link', url: 'https://example.com/essay', canonical_url: 'https://example.com/essay-canonical', title: 'An essay' },
      p_tags: ['philosophy'],
      p_comment: null,
      p_queue: true,
    };
    const result = { item_id: 'i1', created: true, queued: true, comment_id: null };
    const stub = stubClient({ rpc: { clip_item: () => ({ data: result }) } });
    expect(await setup(stub).h.saveClip(args)).toEqual({ ok: true, value: result });
    expect(stub.rpc).toHaveBeenCalledWith('clip_item', args);
    expect(await lastGroupId.getValue()).toBe('g1');
    expect(stub.rpc).toHaveBeenCalledTimes(1);
    // The toolbar's "already saved" mark learns both addresses without a find_item call.
    expect(Object.keys(await savedPages.getValue()).sort()).toEqual(['g1 https://example.com/essay', 'g1 https://example.com/essay-canonical']);
    expect((await savedPages.getValue())['g1 https://example.com/essay']?.itemId).toBe('i1');
  });

  it('the first group created or joined becomes the last group; later ones do not replace it', async () => {
    const stub = stubClient({
      rpc: { create_group: () => ({ data: { id: 'g1', name: 'Tuesday readers' } }), join_group: () => ({ data: { id: 'g2', name: 'Book club' } }) },
    });
    const { h } = setup(stub);
    await h.createGroup({ name: 'Tuesday readers' });
    expect(await lastGroupId.getValue()).toBe('g1');
    await h.joinGroup({ code: 'ABC' });
    expect(await lastGroupId.getValue()).toBe('g1');
  });

  it('addComment trims, posts and bumps the cached count', async () => {
    const comment = { id: 'c1', body: 'Great', author: person, created_at: '2026-01-01T00:00:00Z' };
    const stub = stubClient({ rpc: { add_comment: () => ({ data: comment }) } });
    await cachedQueues.setValue({ g1: queue });
    const { h } = setup(stub);
    expect(await h.addComment({ itemId: 'i1', body: ' Great ' })).toEqual({ ok: true, value: comment });
    expect(stub.rpc).toHaveBeenCalledWith('add_comment', { p_item_id: 'i1', p_body: 'Great', p_client_id: expect.any(String) });
    expect((await cachedQueues.getValue()).g1?.queue[0]?.comment_count).toBe(1);
    expect(await h.addComment({ itemId: 'i1', body: '  ' })).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    // The page's client id is used (a retry is the same comment); anything not a uuid is replaced.
    const mine = crypto.randomUUID();
    await h.addComment({ itemId: 'i1', body: 'Again', clientId: mine });
    expect(stub.rpc).toHaveBeenLastCalledWith('add_comment', { p_item_id: 'i1', p_body: 'Again', p_client_id: mine });
    await h.addComment({ itemId: 'i1', body: 'Odd', clientId: "x'; drop table comments" });
    expect(stub.rpc.mock.lastCall?.[1]).toMatchObject({ p_client_id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  });

  it('itemDetail and createInvite call their RPCs', async () => {
    const stub = stubClient({
      rpc: { item_detail: () => ({ data: { item: {}, tags: [], comments: [], queue: null } }), create_invite: () => ({ data: { code: 'XYZ', group_id: 'g1' } }) },
    });
    const { h } = setup(stub);
    expect(await h.itemDetail({ itemId: 'i1' })).toMatchObject({ ok: true });
    expect(stub.rpc).toHaveBeenCalledWith('item_detail', { p_item_id: 'i1' });
    expect(await h.createInvite({ groupId: 'g1' })).toEqual({ ok: true, value: { code: 'XYZ', group_id: 'g1' } });
  });
});

describe('membership', () => {
  it('createInvite sends the chosen expiry and use limit, 7 days and no limit by default', async () => {
    const stub = stubClient({ rpc: { create_invite: () => ({ data: { code: 'XYZ', group_id: 'g1', expires_at: 'x', max_uses: null } }) } });
    const { h } = setup(stub);
    await h.createInvite({ groupId: 'g1', days: 30, maxUses: 5 });
    await h.createInvite({ groupId: 'g1' });
    expect(stub.rpc).toHaveBeenNthCalledWith(1, 'create_invite', { p_group_id: 'g1', p_expires_in_days: 30, p_max_uses: 5 });
    expect(stub.rpc).toHaveBeenNthCalledWith(2, 'create_invite', { p_group_id: 'g1', p_expires_in_days: 7, p_max_uses: null });
  });

  it('previewInvite refuses an empty code without calling the server', async () => {
    const stub = stubClient();
    expect(await setup(stub).h.previewInvite({ code: '  ' })).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    expect(stub.rpc).not.toHaveBeenCalled();
  });

  it('leaveGroup refreshes the groups and forgets the group as the default and its queue', async () => {
    await lastGroupId.setValue('g2');
    await cachedQueues.setValue({ g2: queue, g1: queue });
    const stub = stubClient({ rpc: { leave_group: () => ({ data: null }) } });
    expect(await setup(stub).h.leaveGroup({ groupId: 'g2' })).toEqual({ ok: true, value: null });
    expect(await cachedGroups.getValue()).toEqual(groups);
    expect(Object.keys(await cachedQueues.getValue())).toEqual(['g1']);
    expect(await lastGroupId.getValue()).toBeNull();
  });

  it("the last owner leaving gets the server's message and keeps the group", async () => {
    await cachedGroups.setValue(groups);
    const message = 'You are this group\'s last owner: make another member an owner before you leave, or delete the group.';
    const stub = stubClient({ rpc: { leave_group: () => ({ error: { code: 'P0001', message } }) } });
    expect(await setup(stub).h.leaveGroup({ groupId: 'g1' })).toEqual({ ok: false, error: { kind: 'invalid', message } });
    expect(await cachedGroups.getValue()).toEqual(groups);
  });

  it('removeMember, setMemberRole, updateGroup and deleteGroup call their RPCs', async () => {
    const stub = stubClient({
      rpc: { remove_member: () => ({}), set_member_role: () => ({ data: {} }), update_group: () => ({ data: {} }), delete_group: () => ({}) },
    });
    const { h } = setup(stub);
    await h.removeMember({ groupId: 'g1', userId: 'u2' });
    await h.setMemberRole({ groupId: 'g1', userId: 'u2', role: 'admin' });
    await h.updateGroup({ groupId: 'g1', name: ' Readers ', description: '  ' });
    await h.deleteGroup({ groupId: 'g1', confirmName: 'Readers ' });
    expect(stub.rpc).toHaveBeenCalledWith('remove_member', { p_group_id: 'g1', p_user_id: 'u2' });
    expect(stub.rpc).toHaveBeenCalledWith('set_member_role', { p_group_id: 'g1', p_user_id: 'u2', p_role: 'admin' });
    expect(stub.rpc).toHaveBeenCalledWith('update_group', { p_group_id: 'g1', p_name: 'Readers', p_description: null });
    expect(stub.rpc).toHaveBeenCalledWith('delete_group', { p_group_id: 'g1', p_confirm_name: 'Readers' });
    // Each change that went through refreshed the cached groups.
    expect(stub.rpc.mock.calls.filter((c) => c[0] === 'my_groups')).toHaveLength(4);
  });

  it('updateProfile saves the name and updates the cached account', async () => {
    const updateUser = vi.fn(async () => ({ data: {}, error: null }));
    const stub = stubClient({
      rpc: { update_profile: () => ({ data: { id: 'u1', display_name: 'Ada L.', avatar_url: null } }) },
      auth: { updateUser },
    });
    const reply = await setup(stub).h.updateProfile({ displayName: ' Ada L. ', avatarUrl: '' });
    expect(stub.rpc).toHaveBeenCalledWith('update_profile', { p_display_name: 'Ada L.', p_avatar_url: null });
    expect(reply).toEqual({ ok: true, value: { userId: 'u1', email: 'ada@example.com', displayName: 'Ada L.' } });
    expect(await cachedAccount.getValue()).toEqual({ userId: 'u1', email: 'ada@example.com', displayName: 'Ada L.' });
    expect(updateUser).toHaveBeenCalledWith({ data: { display_name: 'Ada L.' } });
  });

  it('a saved profile name survives getAccount when the session still has the old one', async () => {
    await fakeBrowser.storage.local.set({ [AUTH_STORAGE_KEY]: JSON.stringify(session) });
    await cachedAccount.setValue({ userId: 'u1', email: 'ada@example.com', displayName: 'Ada L.' });
    expect(await setup().h.getAccount(undefined)).toEqual({ ok: true, value: { userId: 'u1', email: 'ada@example.com', displayName: 'Ada L.' } });
  });
});

describe('clipTab', () => {
  it('returns an unclippable clip for chrome:// pages', async () => {
    vi.spyOn(fakeBrowser.tabs, 'get').mockResolvedValue({ id: 3, url: 'chrome://extensions/', title: 'Extensions' } as never);
    const executeScript = vi.spyOn(fakeBrowser.scripting, 'executeScript');
    const reply = await setup().h.clipTab({ tabId: 3 });
    expect(reply).toMatchObject({ ok: true, value: { ok: false, error: { kind: 'unclippable' }, link: null, selection: null } });
    expect(executeScript).not.toHaveBeenCalled();
  });
});

const detail: ItemDetail = {
  item: {
    id: 'i1', group_id: 'g1', kind: 'article', title: 'An essay', url: 'https://example.com/essay', site_name: null, byline: null,
    authors: [], published_at: null, lang: null, dir: null, excerpt: null, lead_image_url: null, reading_minutes: 5,
    added_by: person, created_at: '2026-01-01T00:00:00Z',
  },
  tags: [],
  comments: [],
  queue: null,
};

describe('findItem, tagItem, queueItem', () => {
  it('findItem asks find_item for web addresses', async () => {
    const stub = stubClient({ rpc: { find_item: () => ({ data: detail }) } });
    expect(await setup(stub).h.findItem({ groupId: 'g1', url: 'https://example.com/essay' })).toEqual({ ok: true, value: detail });
    expect(stub.rpc).toHaveBeenCalledWith('find_item', { p_group_id: 'g1', p_url: 'https://example.com/essay' });
  });

  it('findItem never sends a file:, browser or extension address anywhere', async () => {
    const stub = stubClient({ rpc: { find_item: () => ({ data: detail }) } });
    const { h } = setup(stub);
    for (const url of ['file:///home/ada/notes.html', 'chrome://version/', 'about:blank', 'chrome-extension://x/popup.html', '']) {
      expect(await h.findItem({ groupId: 'g1', url })).toEqual({ ok: true, value: null });
    }
    expect(stub.rpc).not.toHaveBeenCalled();
    expect(stub.auth.getSession).not.toHaveBeenCalled();
  });

  it('findItem answers null when the group has no such page, and signed-out without a session', async () => {
    expect(await setup(stubClient({ rpc: { find_item: () => ({ data: null }) } })).h.findItem({ groupId: 'g1', url: 'http://a.test/' })).toEqual({ ok: true, value: null });
    const stub = stubClient({ session: null, rpc: { find_item: () => ({ data: detail }) } });
    expect(await setup(stub).h.findItem({ groupId: 'g1', url: 'http://a.test/' })).toMatchObject({ ok: false, error: { kind: 'signed-out' } });
    expect(stub.rpc).not.toHaveBeenCalled();
  });

  it('tagItem trims the tags, drops empty ones and updates the cached queue rows', async () => {
    const stub = stubClient({ rpc: { tag_item: () => ({ data: ['ethics', 'philosophy'] }) } });
    await cachedQueues.setValue({ g1: queue });
    const { h } = setup(stub);
    expect(await h.tagItem({ itemId: 'i1', tags: [' philosophy ', '', 'ethics'] })).toEqual({ ok: true, value: ['ethics', 'philosophy'] });
    expect(stub.rpc).toHaveBeenCalledWith('tag_item', { p_item_id: 'i1', p_tags: ['philosophy', 'ethics'] });
    expect((await cachedQueues.getValue()).g1?.queue[0]?.tags).toEqual(['ethics', 'philosophy']);
    expect(await h.tagItem({ itemId: 'i1', tags: [' '] })).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    expect(stub.rpc).toHaveBeenCalledTimes(1);
  });

  it('queueItem queues and refreshes the group counts', async () => {
    const place = { position: 2, queued_by: person, queued_at: '2026-01-02T00:00:00Z' };
    const stub = stubClient({ rpc: { queue_item: () => ({ data: place }) } });
    expect(await setup(stub).h.queueItem({ itemId: 'i1' })).toEqual({ ok: true, value: place });
    expect(stub.rpc).toHaveBeenCalledWith('queue_item', { p_item_id: 'i1' });
    expect(await cachedGroups.getValue()).toEqual(groups);
  });

  it('queueItem passes on the database’s refusal', async () => {
    const stub = stubClient({ rpc: { queue_item: () => ({ error: { code: '42501', message: 'You are not a member of this group.' }, status: 403 }) } });
    expect(await setup(stub).h.queueItem({ itemId: 'i1' })).toEqual({ ok: false, error: { kind: 'invalid', message: 'You are not a member of this group.' } });
  });
});

describe('never throws', () => {
  it('turns a thrown error into a failed reply', async () => {
    const { h } = setup(stubClient(), { getClient: vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))) });
    expect(await h.listGroups(undefined)).toEqual({ ok: false, error: { kind: 'network', message: NETWORK_MESSAGE } });
  });

  it('backendChanged drops the client', async () => {
    const { h, deps } = setup();
    expect(await h.backendChanged(undefined)).toEqual({ ok: true, value: null });
    expect(deps.resetClient).toHaveBeenCalled();
  });
});

describe('registerHandlers', () => {
  it('answers messages sent through the protocol', async () => {
    const stub = stubClient();
    registerHandlers({ getClient: async () => stub.client, resetClient: () => {}, clipTab: clipTabContents });
    expect(await sendMessage('listGroups')).toEqual({ ok: true, value: groups });
    expect(await sendMessage('groupQueue', { groupId: 'g1' })).toEqual({ ok: true, value: queue });
  });
});

describe('outbox (a save or comment that cannot be sent now is kept, not lost)', () => {
  const args: ClipItemArgs = {
    p_client_id: 'clip-1',
    p_group_id: 'g1',
    p_clip: { ...EMPTY_CLIP, kind: 'link', url: 'https://example.com/essay', canonical_url: null, title: 'An essay' },
    p_tags: ['philosophy'],
    p_comment: 'Read this',
    p_queue: true,
  };
  const down = () => ({ error: { message: 'TypeError: Failed to fetch', code: '', details: '', hint: '' }, status: 0 });

  it('keeps a clip the server could not take and answers queued', async () => {
    await fakeBrowser.storage.local.set({ [AUTH_STORAGE_KEY]: JSON.stringify(session) });
    const { h } = setup(stubClient({ rpc: { clip_item: down } }));
    expect(await h.saveClip(args)).toEqual({ ok: false, error: { kind: 'queued', message: QUEUED_MESSAGE } });
    const [op] = await outbox.getValue();
    expect(op).toMatchObject({ kind: 'clip', id: 'clip-1', userId: 'u1', args, attempts: 1, failed: false });
    const listed = await h.listOutbox(undefined);
    expect(listed).toMatchObject({ ok: true, value: [{ id: 'clip-1', kind: 'clip', label: 'An essay' }] });
  });

  // Regression: a save whose session had ended lost the typed clip (the popup went to sign-in).
  it('keeps a clip whose session ended, for the same member, and says to sign in', async () => {
    const { AuthApiError } = await import('@supabase/supabase-js');
    await fakeBrowser.storage.local.set({ [AUTH_STORAGE_KEY]: JSON.stringify(session) });
    const stub = stubClient({
      auth: {
        getSession: vi.fn(async () => {
          await fakeBrowser.storage.local.remove(AUTH_STORAGE_KEY); // supabase-js drops a session it cannot refresh
          return { data: { session: null }, error: new AuthApiError('Invalid Refresh Token', 400, 'refresh_token_not_found') };
        }),
      },
    });
    expect(await setup(stub).h.saveClip(args)).toEqual({ ok: false, error: { kind: 'queued', message: QUEUED_SIGNED_OUT_MESSAGE } });
    expect(await outbox.getValue()).toMatchObject([{ id: 'clip-1', userId: 'u1', lastError: { kind: 'signed-out' } }]);
  });

  it('does not keep what the server refused: the member sees why', async () => {
    await fakeBrowser.storage.local.set({ [AUTH_STORAGE_KEY]: JSON.stringify(session) });
    const refused = () => ({ error: { code: '22023', message: 'Too many tags.' } });
    const { h } = setup(stubClient({ rpc: { clip_item: refused } }));
    expect(await h.saveClip(args)).toEqual({ ok: false, error: { kind: 'invalid', message: 'Too many tags.' } });
    expect(await outbox.getValue()).toEqual([]);
  });

  it('keeps a comment, sends it with its client id on Retry, once', async () => {
    await fakeBrowser.storage.local.set({ [AUTH_STORAGE_KEY]: JSON.stringify(session) });
    let up = false;
    const comment = { id: 'c1', body: 'Great', author: person, created_at: '2026-01-01T00:00:00Z' };
    const stub = stubClient({ rpc: { add_comment: () => (up ? { data: comment } : down()) } });
    const { h } = setup(stub);
    expect(await h.addComment({ itemId: 'i1', body: 'Great' })).toMatchObject({ ok: false, error: { kind: 'queued' } });
    const [op] = await outbox.getValue();
    up = true;
    expect(await h.retryOutbox({})).toEqual({ ok: true, value: [] });
    expect(stub.rpc).toHaveBeenLastCalledWith('add_comment', { p_item_id: 'i1', p_body: 'Great', p_client_id: op!.id });
    expect(stub.rpc.mock.calls.filter(([name]) => name === 'add_comment')).toHaveLength(2);
  });

  it('a comment on an item with an earlier change still waiting waits behind it', async () => {
    await fakeBrowser.storage.local.set({ [AUTH_STORAGE_KEY]: JSON.stringify(session) });
    const stub = stubClient({ rpc: { add_comment: down } });
    const { h } = setup(stub);
    await h.addComment({ itemId: 'i1', body: 'First' });
    stub.rpc.mockClear();
    expect(await h.addComment({ itemId: 'i1', body: 'Second' })).toMatchObject({ ok: false, error: { kind: 'queued' } });
    expect(stub.rpc).not.toHaveBeenCalled();
    expect((await outbox.getValue()).map((o) => o.kind === 'comment' && o.args.body)).toEqual(['First', 'Second']);
  });

  it('discardOutbox forgets a waiting change', async () => {
    await fakeBrowser.storage.local.set({ [AUTH_STORAGE_KEY]: JSON.stringify(session) });
    const { h } = setup(stubClient({ rpc: { clip_item: down } }));
    await h.saveClip(args);
    expect(await h.discardOutbox({ id: 'clip-1' })).toEqual({ ok: true, value: [] });
    expect(await outbox.getValue()).toEqual([]);
  });

  it('signing in again sends what waited for that member', async () => {
    await fakeBrowser.storage.local.set({ [AUTH_STORAGE_KEY]: JSON.stringify(session) });
    let up = false;
    const result = { item_id: 'i9', created: true, queued: true, comment_id: 'c9' };
    const stub = stubClient({ rpc: { clip_item: () => (up ? { data: result } : down()) } });
    const { h } = setup(stub);
    await h.saveClip(args);
    up = true;
    await h.verifySignInCode({ email: 'ada@example.com', code: '123456' });
    await vi.waitFor(async () => expect(await outbox.getValue()).toEqual([]));
    expect(stub.rpc.mock.calls.filter(([name]) => name === 'clip_item')).toHaveLength(2);
  });

  it('keeps tags and a queue change for an item, in order, and sends them once the server answers', async () => {
    await fakeBrowser.storage.local.set({ [AUTH_STORAGE_KEY]: JSON.stringify(session) });
    let up = false;
    const place = { position: 2, queued_by: person, queued_at: '2026-01-01T00:00:00Z' };
    const stub = stubClient({ rpc: { tag_item: () => (up ? { data: ['sea'] } : down()), queue_item: () => (up ? { data: place } : down()) } });
    const { h } = setup(stub);
    expect(await h.tagItem({ itemId: 'i1', tags: ['sea'] })).toMatchObject({ ok: false, error: { kind: 'queued' } });
    expect(await h.queueItem({ itemId: 'i1' })).toMatchObject({ ok: false, error: { kind: 'queued' } });
    // The queue change waited behind the tags without trying the server.
    expect(stub.rpc.mock.calls.map(([name]) => name)).toEqual(['tag_item']);
    up = true;
    expect(await h.retryOutbox({})).toEqual({ ok: true, value: [] });
    expect(stub.rpc.mock.calls.map(([name]) => name).filter((n) => n !== 'my_groups')).toEqual(['tag_item', 'tag_item', 'queue_item']);
  });
});

describe('your data', () => {
  const exported = { format: 'readclub-export', version: 1, group: { id: 'g1', name: 'Tuesday readers' }, items: [] };
  const deletion = { deleted_groups: 0, deleted_comments: 2, deleted_items: 1, kept_items: 1 };
  const op = (id: string, userId: string) => ({
    id, userId, groupId: 'g1', itemKey: `i-${id}`, kind: 'queue' as const, args: { itemId: `i-${id}` },
    createdAt: 1, attempts: 1, nextAttemptAt: 2, lastError: null, failed: false,
  });

  it('exportGroup asks export_group for the group', async () => {
    const { h, stub } = setup(stubClient({ rpc: { export_group: () => ({ data: exported }) } }));
    expect(await h.exportGroup({ groupId: 'g1' })).toEqual({ ok: true, value: exported });
    expect(stub.rpc).toHaveBeenCalledWith('export_group', { p_group_id: 'g1' });
  });

  it('deleteAccount signs out and forgets the account, its caches and its waiting changes, not other members\'', async () => {
    const { h, stub, deps } = setup(stubClient({ rpc: { delete_account: () => ({ data: deletion }) } }));
    await fakeBrowser.storage.local.set({ [AUTH_STORAGE_KEY]: JSON.stringify(session) });
    await cachedAccount.setValue({ userId: 'u1', email: 'ada@example.com', displayName: 'Ada' });
    await cachedGroups.setValue(groups);
    await cachedQueues.setValue({ g1: queue });
    await lastGroupId.setValue('g1');
    await savedPages.setValue({ 'g1 https://example.com/essay': { itemId: 'i1', at: 1 } });
    await outbox.setValue([op('mine', 'u1'), op('bens', 'u2')]);
    expect(await h.deleteAccount({ confirm: ' DELETE ' })).toEqual({ ok: true, value: deletion });
    expect(stub.rpc).toHaveBeenCalledWith('delete_account', { p_confirm: 'DELETE' });
    expect(deps.resetClient).toHaveBeenCalled();
    expect(await fakeBrowser.storage.local.get(AUTH_STORAGE_KEY)).toEqual({});
    expect(await cachedAccount.getValue()).toBeNull();
    expect(await cachedGroups.getValue()).toEqual([]);
    expect(await cachedQueues.getValue()).toEqual({});
    expect(await lastGroupId.getValue()).toBeNull();
    expect(await savedPages.getValue()).toEqual({});
    expect((await outbox.getValue()).map((o) => o.id)).toEqual(['bens']);
  });

  it('a refused deleteAccount (last owner) keeps the session, caches and outbox', async () => {
    const refusal = { code: 'P0001', message: 'You are the last owner of Tuesday readers: make another member an owner first, or delete the group.' };
    const { h } = setup(stubClient({ rpc: { delete_account: () => ({ error: refusal, status: 400 }) } }));
    await fakeBrowser.storage.local.set({ [AUTH_STORAGE_KEY]: JSON.stringify(session) });
    await cachedGroups.setValue(groups);
    await outbox.setValue([op('mine', 'u1')]);
    expect(await h.deleteAccount({ confirm: 'DELETE' })).toEqual({ ok: false, error: { kind: 'invalid', message: refusal.message } });
    expect(await fakeBrowser.storage.local.get(AUTH_STORAGE_KEY)).not.toEqual({});
    expect(await cachedGroups.getValue()).toEqual(groups);
    expect(await outbox.getValue()).toHaveLength(1);
  });
});
