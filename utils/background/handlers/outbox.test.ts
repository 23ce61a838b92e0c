import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ClipItemArgs } from '@/utils/shared/api-types';
import { EXPORT_PAGE } from '@/utils/shared/api-types';
import { AUTH_STORAGE_KEY } from '@/utils/background/session';
import { cachedAccount, cachedGroups, cachedQueues, lastGroupId, outbox, savedPages } from '@/utils/shared/storage';
import { QUEUED_MESSAGE, QUEUED_SIGNED_OUT_MESSAGE } from '@/utils/background/outbox';
import { EMPTY_CLIP } from '@/utils/shared/link-clip';
import { groups, person, queue, resetBrowser, session, setup, stubClient } from '../../../tests/support/handlers-stub';

beforeEach(resetBrowser);

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

  it("a member signed in neither lists nor discards another member's kept change", async () => {
    await fakeBrowser.storage.local.set({ [AUTH_STORAGE_KEY]: JSON.stringify(session) });
    const { h } = setup(stubClient({ rpc: { clip_item: down } }));
    await h.saveClip(args);
    await outbox.setValue((await outbox.getValue()).map((o) => ({ ...o, userId: 'someone-else' })));
    expect(await h.listOutbox(undefined)).toEqual({ ok: true, value: [] });
    await h.discardOutbox({ id: 'clip-1' });
    expect((await outbox.getValue()).map((o) => o.id)).toEqual(['clip-1']);
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
    const stub = stubClient({
      rpc: { tag_item: () => (up ? { data: ['sea'] } : down()), queue_item: () => (up ? { data: place } : down()) },
    });
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
    id,
    userId,
    groupId: 'g1',
    itemKey: `i-${id}`,
    kind: 'queue' as const,
    args: { itemId: `i-${id}` },
    createdAt: 1,
    attempts: 1,
    nextAttemptAt: 2,
    lastError: null,
    failed: false,
  });

  it('exportGroup asks export_group for the group, a page at a time', async () => {
    const { h, stub } = setup(stubClient({ rpc: { export_group: () => ({ data: { ...exported, next: null } }) } }));
    expect(await h.exportGroup({ groupId: 'g1' })).toEqual({ ok: true, value: exported });
    expect(stub.rpc).toHaveBeenCalledWith('export_group', { p_group_id: 'g1', p_after: null, p_limit: EXPORT_PAGE });
  });

  it("deleteAccount signs out and forgets the account, its caches and its waiting changes, not other members'", async () => {
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
    const refusal = {
      code: 'P0001',
      message: 'You are the last owner of Tuesday readers: make another member an owner first, or delete the group.',
    };
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
