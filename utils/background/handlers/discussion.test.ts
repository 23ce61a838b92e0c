/** The discussion and library messages (tags, comments, library, search, reader) through createHandlers; the rest is in index.test.ts. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { GroupQueue } from '@/utils/shared/api-types';
import { createHandlers } from '@/utils/background/handlers';
import { clipTabContents } from '@/utils/background/clip-tab';
import { cachedQueues } from '@/utils/shared/storage';

const user = { id: 'u1', email: 'ada@example.com', user_metadata: { display_name: 'Ada' } };
const session = { access_token: 'a', refresh_token: 'r', expires_at: 9_999_999_999, user };

function setup(rpcs: Record<string, (args: Record<string, unknown>) => unknown> = {}) {
  const rpc = vi.fn(async (name: string, args: Record<string, unknown>) => {
    const impl = rpcs[name];
    return impl
      ? { data: impl(args), error: null, status: 200 }
      : { data: null, error: { code: 'PGRST202', message: 'no such function' }, status: 404 };
  });
  const client = { auth: { getSession: vi.fn(async () => ({ data: { session }, error: null })) }, rpc } as unknown as SupabaseClient;
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

describe('discussion handlers', () => {
  it('an empty or 100 KB comment, edit or reply is answered before the network, with the reason', async () => {
    const { rpc, h } = setup();
    expect(await h.addComment({ itemId: 'i1', body: '  ' })).toEqual({
      ok: false,
      error: { kind: 'invalid', message: 'Write something first.' },
    });
    const huge = await h.editComment({ commentId: 'c1', body: 'x'.repeat(102_400) });
    expect(huge).toEqual({
      ok: false,
      error: { kind: 'invalid', message: 'A comment can be at most 4,000 characters (this one has 102,400).' },
    });
    expect(await h.addComment({ itemId: 'i1', body: 'x'.repeat(4001), parentId: 'c1' })).toMatchObject({
      ok: false,
      error: { kind: 'invalid' },
    });
    expect(rpc).not.toHaveBeenCalled();
  });

  it('a reply carries its parent to add_comment, with a client id for the outbox', async () => {
    const { rpc, h } = setup({
      add_comment: (a) => ({
        id: 'c2',
        body: a.p_body,
        author: { id: 'u1', display_name: 'Ada' },
        created_at: 'now',
        parent_id: a.p_parent_id,
      }),
    });
    const reply = await h.addComment({ itemId: 'i1', body: ' Agreed ', parentId: 'c1' });
    expect(reply).toMatchObject({ ok: true, value: { body: 'Agreed', parent_id: 'c1' } });
    expect(rpc).toHaveBeenCalledWith('add_comment', {
      p_item_id: 'i1',
      p_body: 'Agreed',
      p_client_id: expect.any(String),
      p_parent_id: 'c1',
    });
  });

  it('untagging updates the tags on cached queue rows; renaming refreshes the cached queue', async () => {
    const queue = { group: { id: 'g1', name: 'G', role: 'owner' }, queue: [{ item_id: 'i1', tags: ['a', 'b'] }] } as unknown as GroupQueue;
    await cachedQueues.setValue({ g1: queue });
    const renamed = { ...queue, queue: [{ ...queue.queue[0]!, tags: ['c'] }] };
    const { h } = setup({ untag_item: () => ['a'], rename_tag: () => ({ tag: 'c', items: 1 }), group_queue: () => renamed });
    await h.untagItem({ itemId: 'i1', tag: 'b' });
    expect((await cachedQueues.getValue()).g1!.queue[0]!.tags).toEqual(['a']);
    expect(await h.renameTag({ groupId: 'g1', from: 'a', to: 'c' })).toEqual({ ok: true, value: { tag: 'c', items: 1 } });
    expect((await cachedQueues.getValue()).g1!.queue[0]!.tags).toEqual(['c']);
  });

  it('search needs a word; search and library pass the tag filter (or none) and ask for a page of 50 from the offset', async () => {
    const empty = { total: 0, entries: [] };
    const { rpc, h } = setup({ group_library: () => empty, search_library: () => empty });
    expect(await h.searchLibrary({ groupId: 'g1', query: '  ' })).toEqual({
      ok: false,
      error: { kind: 'invalid', message: 'Type a word to search for.' },
    });
    await h.searchLibrary({ groupId: 'g1', query: ' walls ' });
    await h.searchLibrary({ groupId: 'g1', query: 'walls', tag: ' essay ', offset: 50 });
    await h.groupLibrary({ groupId: 'g1', tag: ' ' });
    await h.groupLibrary({ groupId: 'g1', tag: 'essay', offset: 500 });
    expect(rpc.mock.calls.map((c) => c.slice(0, 2))).toEqual([
      ['search_library', { p_group_id: 'g1', p_query: 'walls', p_tag: null, p_limit: 50, p_offset: 0 }],
      ['search_library', { p_group_id: 'g1', p_query: 'walls', p_tag: 'essay', p_limit: 50, p_offset: 50 }],
      ['group_library', { p_group_id: 'g1', p_tag: null, p_limit: 50, p_offset: 0 }],
      ['group_library', { p_group_id: 'g1', p_tag: 'essay', p_limit: 50, p_offset: 500 }],
    ]);
  });
  it('an earlier page of comments asks item_comments before the given top comment; the latest without one', async () => {
    const page = { comments: [], top_comment_count: 120, earlier_comment_count: 20 };
    const { rpc, h } = setup({ item_comments: () => page });
    const before = { id: '1a000000-0000-4000-8000-000000000071', createdAt: '2026-12-01T11:11:00+00:00' };
    expect(await h.itemComments({ itemId: 'i1', before })).toEqual({ ok: true, value: page });
    expect(rpc).toHaveBeenLastCalledWith('item_comments', {
      p_item_id: 'i1',
      p_before_created_at: before.createdAt,
      p_before_id: before.id,
      p_limit: 50,
    });
    await h.itemComments({ itemId: 'i1', before: null, limit: 120 });
    expect(rpc).toHaveBeenLastCalledWith('item_comments', { p_item_id: 'i1', p_before_created_at: null, p_before_id: null, p_limit: 120 });
  });

  it('a position that is no comment, or a page of none or over 200, is answered before the network', async () => {
    const { rpc, h } = setup({ item_comments: () => ({}) });
    const id = '1a000000-0000-4000-8000-000000000071';
    for (const before of [
      { id: 'c1', createdAt: '2026-12-01T11:11:00Z' },
      { id, createdAt: 'yesterday' },
    ]) {
      expect(await h.itemComments({ itemId: 'i1', before })).toEqual({
        ok: false,
        error: {
          kind: 'invalid',
          message: 'An earlier page of comments starts before a comment the page shows: its id and when it was written.',
        },
      });
    }
    for (const limit of [0, 201, 2.5]) {
      expect(await h.itemComments({ itemId: 'i1', limit })).toEqual({
        ok: false,
        error: { kind: 'invalid', message: `A page of comments holds 1 to 200 top comments (asked for ${limit}).` },
      });
    }
    expect(rpc).not.toHaveBeenCalled();
  });

  it("item_comments' refusal comes back as the server said it", async () => {
    const rpc = vi.fn(async () => ({
      data: null,
      error: { code: 'P0001', message: 'That article is no longer in the library.' },
      status: 400,
    }));
    const client = { auth: { getSession: vi.fn(async () => ({ data: { session }, error: null })) }, rpc } as unknown as SupabaseClient;
    const h = createHandlers({ getClient: async () => client, resetClient: vi.fn(), clipTab: clipTabContents });
    const reply = await h.itemComments({ itemId: 'i1' });
    expect(reply).toMatchObject({ ok: false, error: { message: 'That article is no longer in the library.' } });
  });
});
