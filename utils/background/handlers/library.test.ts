import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClipItemArgs } from '@/utils/shared/api-types';
import { NETWORK_MESSAGE, SIGNED_OUT_MESSAGE } from '@/utils/background/errors';
import { cachedGroups, cachedQueues, lastGroupId, savedPages } from '@/utils/shared/storage';
import { EMPTY_CLIP } from '@/utils/shared/link-clip';
import { detail, groups, person, queue, resetBrowser, setup, stubClient } from '../../../tests/support/handlers-stub';
import { pageHash } from '@/utils/background/page-hash';

beforeEach(resetBrowser);

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
    const stub = stubClient({
      rpc: { my_groups: () => ({ error: { message: 'TypeError: Failed to fetch', code: '', details: '', hint: '' }, status: 0 }) },
    });
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
    expect(await setup(stub).h.joinGroup({ code: 'OLD' })).toEqual({
      ok: false,
      error: { kind: 'invalid', message: 'That invite code has expired.' },
    });
  });

  it('saveClip saves with one request and remembers the group (a clip is one request; pages refresh their own caches)', async () => {
    const args: ClipItemArgs = {
      p_client_id: 'c1',
      p_group_id: 'g1',
      p_clip: {
        ...EMPTY_CLIP,
        kind: 'link',
        url: 'https://example.com/essay',
        canonical_url: 'https://example.com/essay-canonical',
        title: 'An essay',
      },
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
    expect(Object.keys(await savedPages.getValue()).sort()).toEqual([
      'g1 https://example.com/essay',
      'g1 https://example.com/essay-canonical',
    ]);
    expect((await savedPages.getValue())['g1 https://example.com/essay']?.itemId).toBe('i1');
  });

  it('the first group created or joined becomes the last group; later ones do not replace it', async () => {
    const stub = stubClient({
      rpc: {
        create_group: () => ({ data: { id: 'g1', name: 'Tuesday readers' } }),
        join_group: () => ({ data: { id: 'g2', name: 'Book club' } }),
      },
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
      rpc: {
        item_detail: () => ({ data: { item: {}, tags: [], comments: [], queue: null } }),
        create_invite: () => ({ data: { code: 'XYZ', group_id: 'g1' } }),
      },
    });
    const { h } = setup(stub);
    expect(await h.itemDetail({ itemId: 'i1' })).toMatchObject({ ok: true });
    expect(stub.rpc).toHaveBeenCalledWith('item_detail', { p_item_id: 'i1' });
    expect(await h.createInvite({ groupId: 'g1' })).toEqual({ ok: true, value: { code: 'XYZ', group_id: 'g1' } });
  });
});

describe('findItem, tagItem, queueItem', () => {
  it('findItem asks find_item with the hash of a web address, never the address', async () => {
    const stub = stubClient({ rpc: { find_item: () => ({ data: detail }) } });
    expect(await setup(stub).h.findItem({ groupId: 'g1', url: 'https://example.com/essay?token=secret' })).toEqual({
      ok: true,
      value: detail,
    });
    expect(stub.rpc).toHaveBeenCalledWith('find_item', {
      p_group_id: 'g1',
      p_url_hash: await pageHash('https://example.com/essay?token=secret'),
    });
    expect(JSON.stringify(stub.rpc.mock.calls)).not.toMatch(/example\.com|secret/);
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
    expect(
      await setup(stubClient({ rpc: { find_item: () => ({ data: null }) } })).h.findItem({ groupId: 'g1', url: 'http://a.test/' }),
    ).toEqual({ ok: true, value: null });
    const stub = stubClient({ session: null, rpc: { find_item: () => ({ data: detail }) } });
    expect(await setup(stub).h.findItem({ groupId: 'g1', url: 'http://a.test/' })).toMatchObject({
      ok: false,
      error: { kind: 'signed-out' },
    });
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
    const stub = stubClient({
      rpc: { queue_item: () => ({ error: { code: '42501', message: 'You are not a member of this group.' }, status: 403 }) },
    });
    expect(await setup(stub).h.queueItem({ itemId: 'i1' })).toEqual({
      ok: false,
      error: { kind: 'invalid', message: 'You are not a member of this group.' },
    });
  });
});
