/**
 * Tags, comments, the reader and search through supabase.rpc, as two members use them on the
 * local stand-in (or a real Supabase): Ada and Ben tag, untag and rename tags, reply, edit
 * and delete comments, read the clipped copy and search; Cleo, outside the group, is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { ClipPayload } from '../../utils/shared/api-types';
import { call, groupOf, HAS_SCHEMA, ok, signedInMembers, startTestBackend, type TestBackend } from './helpers';

const page: ClipPayload = {
  kind: 'article',
  url: 'https://example.com/quiet-leadership',
  canonical_url: null,
  title: 'Quiet Leadership',
  byline: null,
  authors: [],
  site_name: 'Example',
  excerpt: 'On leading without noise.',
  content_html: '<p>Managers who <b>listen</b> keep their teams.</p>',
  text_length: 44,
  word_count: 7,
  lang: 'en',
  dir: 'ltr',
  lead_image_url: null,
  favicon_url: null,
  published_at: null,
  modified_at: null,
  selection: false,
  truncated: false,
};

describe.skipIf(!HAS_SCHEMA)('tags, comments, reader and search', () => {
  let backend: TestBackend;
  let ada: SupabaseClient;
  let ben: SupabaseClient;
  let cleo: SupabaseClient;
  let groupId: string;
  let itemId: string;

  beforeAll(async () => {
    backend = await startTestBackend();
    [{ client: ada }, { client: ben }, { client: cleo }] = await signedInMembers(backend, 'Ada', 'Ben', 'Cleo');
    groupId = (await groupOf(ada, 'Talkers', [ben])).id;
    itemId = (
      await ok(ada, 'clip_item', {
        p_client_id: crypto.randomUUID(),
        p_group_id: groupId,
        p_clip: page,
        p_tags: ['Essay'],
        p_comment: null,
        p_queue: false,
      })
    ).item_id;
  });
  afterAll(async () => backend?.stop());

  it('tags: add, suggest with counts, remove, refuse HTML and a thousand, rename for admins only', async () => {
    expect(await ok(ben, 'tag_item', { p_item_id: itemId, p_tags: ['  Remote   Work', '📚 books'] })).toEqual([
      'essay',
      'remote work',
      '📚 books',
    ]);
    expect(await ok(ben, 'group_tags', { p_group_id: groupId })).toContainEqual({ tag: 'essay', count: 1 });
    expect(await ok(ben, 'untag_item', { p_item_id: itemId, p_tag: '📚 Books' })).toEqual(['essay', 'remote work']);
    const html = await call(ben, 'tag_item', { p_item_id: itemId, p_tags: ['<script>'] });
    expect([html.status, html.error?.code, html.error?.message]).toEqual([
      400,
      '22023',
      'A tag is plain text: it cannot contain < or > or control characters.',
    ]);
    const many = await call(ben, 'tag_item', { p_item_id: itemId, p_tags: Array.from({ length: 1000 }, (_, n) => `t${n}`) });
    expect(many.error?.message).toBe('An article can have at most 20 tags.');
    const refused = await call(ben, 'rename_tag', { p_group_id: groupId, p_from: 'essay', p_to: 'essays' });
    expect([refused.status, refused.error?.message]).toEqual([403, 'Only owners and admins can rename a tag.']);
    expect(await ok(ada, 'rename_tag', { p_group_id: groupId, p_from: 'Essay', p_to: 'Long reads' })).toEqual({
      tag: 'long reads',
      items: 1,
    });
    const library = await ok(ben, 'group_library', { p_group_id: groupId, p_tag: 'long reads' });
    expect(library.total).toBe(1);
    expect(library.entries.map((e) => [e.title, e.tags])).toEqual([['Quiet Leadership', ['long reads', 'remote work']]]);
    expect(await ok(ben, 'group_library', { p_group_id: groupId, p_tag: 'essay' })).toEqual({ total: 0, entries: [] });
  });

  it('comments: a reply, a reply to a reply joins the thread, edit, delete keeps the thread; bad sizes refused', async () => {
    const top = await ok(ada, 'add_comment', { p_item_id: itemId, p_body: 'Listening is *the* skill' });
    const reply = await ok(ben, 'add_comment', { p_item_id: itemId, p_body: 'Agreed', p_parent_id: top.id });
    const deeper = await ok(ada, 'add_comment', { p_item_id: itemId, p_body: 'Thanks', p_parent_id: reply.id });
    expect([reply.parent_id, deeper.parent_id]).toEqual([top.id, top.id]);
    expect((await ok(ben, 'edit_comment', { p_comment_id: reply.id, p_body: 'Agreed, mostly' })).body).toBe('Agreed, mostly');
    const notHis = await call(ben, 'edit_comment', { p_comment_id: top.id, p_body: 'Mine' });
    expect(notHis.status).toBe(403);
    await ok(ada, 'delete_comment', { p_comment_id: top.id });
    const comments = (await ok(ben, 'item_detail', { p_item_id: itemId })).comments;
    expect(comments.map((c) => [c.body, c.deleted])).toEqual([
      ['', true],
      ['Agreed, mostly', false],
      ['Thanks', false],
    ]);
    const empty = await call(ben, 'add_comment', { p_item_id: itemId, p_body: '   ' });
    expect([empty.status, empty.error?.message]).toEqual([400, 'Write something before sending the comment.']);
    const huge = await call(ben, 'add_comment', { p_item_id: itemId, p_body: 'x'.repeat(102_400) });
    expect([huge.status, huge.error?.message]).toEqual([400, 'A comment can be at most 4,000 characters (this one has 102,400).']);
  });

  it('the reader gets the clipped copy with the comments; search finds by title, text, tag and comment', async () => {
    const copy = await ok(ben, 'item_reader', { p_item_id: itemId });
    expect([copy.content_html, copy.comments.length]).toEqual([page.content_html, 3]);
    for (const words of ['quiet', 'listen', 'remote', 'mostly', 'lead mostly']) {
      const hits = await ok(ben, 'search_library', { p_group_id: groupId, p_query: words });
      expect(
        hits.entries.map((h) => h.title),
        words,
      ).toEqual(['Quiet Leadership']);
      expect(hits.total, words).toBe(1);
    }
    // The passage holding a word of the clipped copy, the word marked for the panel.
    const listen = await ok(ben, 'search_library', { p_group_id: groupId, p_query: 'listen' });
    expect(listen.entries[0]!.snippet).toBe('Managers who \u0002listen\u0003 keep their teams');
    const comment = await ok(ben, 'search_library', { p_group_id: groupId, p_query: 'mostly' });
    expect(comment.entries[0]!.snippet).toBe('Agreed, \u0002mostly\u0003');
    const second = await ok(ben, 'search_library', { p_group_id: groupId, p_query: 'quiet', p_limit: 50, p_offset: 50 });
    expect(second).toEqual({ total: 1, entries: [] });
    expect(await ok(ben, 'search_library', { p_group_id: groupId, p_query: 'zebra' })).toEqual({ total: 0, entries: [] });
    const nothing = await call(ben, 'search_library', { p_group_id: groupId, p_query: '***' });
    expect([nothing.status, nothing.error?.message]).toEqual([400, 'Type a word to search for.']);
  });

  it('someone outside the group is refused everywhere', async () => {
    for (const outcome of [
      await call(cleo, 'search_library', { p_group_id: groupId, p_query: 'quiet' }),
      await call(cleo, 'group_tags', { p_group_id: groupId }),
      await call(cleo, 'group_library', { p_group_id: groupId }),
      await call(cleo, 'item_reader', { p_item_id: itemId }),
      await call(cleo, 'untag_item', { p_item_id: itemId, p_tag: 'remote work' }),
    ]) {
      expect([outcome.status, outcome.error?.message]).toEqual([403, 'You are not a member of this group.']);
    }
  });
});
