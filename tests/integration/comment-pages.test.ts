/**
 * A long discussion in pages through supabase.rpc on the local stand-in (or a real Supabase):
 * item_detail carries the 50 newest top comments with their replies and the counts, and
 * item_comments the pages before a top comment; replies on a highlight stay out; an edit and a
 * deletion on an earlier page show there; Cleo, outside the group, is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { ClipPayload, Comment, CommentPage } from '../../utils/shared/api-types';
import { EMPTY_CLIP } from '../../utils/shared/link-clip';
import { call, groupOf, HAS_SCHEMA, ok, signedInMembers, startTestBackend, type TestBackend } from './helpers';

const talk: ClipPayload = {
  ...EMPTY_CLIP,
  kind: 'article',
  url: 'https://example.com/long-talk',
  title: 'Long talk',
  site_name: 'Example',
  content_html: '<p>A talk that goes on and on.</p>',
  text_length: 27,
  word_count: 7,
  lang: 'en',
  dir: 'ltr',
};
const TOPS = 75;
const tops = (page: { comments: Comment[] }) => page.comments.filter((c) => !c.parent_id).map((c) => c.body);
const numbered = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `Comment ${from + i}`);
const before = (page: CommentPage) => {
  const oldest = page.comments.find((c) => !c.parent_id)!;
  return { p_before_created_at: oldest.created_at, p_before_id: oldest.id };
};

describe.skipIf(!HAS_SCHEMA)('an item discussion in pages', () => {
  let backend: TestBackend;
  let ada: SupabaseClient;
  let ben: SupabaseClient;
  let cleo: SupabaseClient;
  let itemId: string;
  const ids: string[] = [];

  beforeAll(async () => {
    backend = await startTestBackend();
    [{ client: ada }, { client: ben }, { client: cleo }] = await signedInMembers(backend, 'Ada', 'Ben', 'Cleo');
    const groupId = (await groupOf(ada, 'Long talkers', [ben])).id;
    itemId = (
      await ok(ada, 'clip_item', {
        p_client_id: crypto.randomUUID(),
        p_group_id: groupId,
        p_clip: talk,
        p_tags: [],
        p_comment: null,
        p_queue: false,
      })
    ).item_id;
    for (let n = 1; n <= TOPS; n++) {
      ids.push((await ok(n % 2 ? ben : ada, 'add_comment', { p_item_id: itemId, p_body: `Comment ${n}` })).id);
    }
    await ok(ada, 'add_comment', { p_item_id: itemId, p_body: 'A late reply to comment 3', p_parent_id: ids[2] });
    await ok(ada, 'add_comment', { p_item_id: itemId, p_body: 'A reply to comment 75', p_parent_id: ids[74] });
  }, 120_000);
  afterAll(async () => backend?.stop());

  it('item_detail: the 50 newest top comments with their replies, oldest first, and the counts', async () => {
    const detail = await ok(ben, 'item_detail', { p_item_id: itemId });
    expect(tops(detail)).toEqual(numbered(26, 75));
    expect(detail.comments.at(-1)).toMatchObject({ body: 'A reply to comment 75', parent_id: ids[74] });
    expect(detail.comments).toHaveLength(51);
    expect([detail.top_comment_count, detail.earlier_comment_count]).toEqual([TOPS, 25]);
  });

  it('item_comments: the page before, its replies however late, and nothing older', async () => {
    const latest = await ok(ben, 'item_comments', { p_item_id: itemId });
    const earlier = await ok(ben, 'item_comments', { p_item_id: itemId, ...before(latest) });
    expect(tops(earlier)).toEqual(numbered(1, 25));
    expect(earlier.comments.find((c) => c.parent_id)).toMatchObject({ body: 'A late reply to comment 3', parent_id: ids[2] });
    expect([earlier.top_comment_count, earlier.earlier_comment_count]).toEqual([TOPS, 0]);
    const small = await ok(ben, 'item_comments', { p_item_id: itemId, ...before(latest), p_limit: 10 });
    expect([tops(small), small.earlier_comment_count]).toEqual([numbered(16, 25), 15]);
  });

  it('a reply on a highlight is on no page and in no count', async () => {
    const highlight = await ok(ben, 'add_highlight', {
      p_item_id: itemId,
      p_exact: 'goes on',
      p_prefix: 'A talk that ',
      p_suffix: ' and on.',
      p_start: 12,
      p_end: 19,
    });
    await ok(ada, 'add_comment', { p_item_id: itemId, p_body: 'On the passage', p_highlight_id: highlight.id });
    const detail = await ok(ben, 'item_detail', { p_item_id: itemId });
    expect(detail.comments.map((c) => c.body)).not.toContain('On the passage');
    expect(detail.top_comment_count).toBe(TOPS);
    // The reader carries the same latest page; the reply is under its highlight there.
    const reader = await ok(ben, 'item_reader', { p_item_id: itemId });
    expect(reader.highlights[0]!.replies!.map((c) => c.body)).toEqual(['On the passage']);
    expect([reader.comments, reader.top_comment_count, reader.earlier_comment_count]).toEqual([detail.comments, TOPS, 25]);
  });

  it('an edit and a deletion on an earlier page show on that page', async () => {
    await ok(ben, 'edit_comment', { p_comment_id: ids[0]!, p_body: 'Comment 1, said better' });
    await ok(ada, 'delete_comment', { p_comment_id: ids[4]! }); // Ben's, deleted by the group's owner
    const latest = await ok(ben, 'item_comments', { p_item_id: itemId });
    const earlier = await ok(ben, 'item_comments', { p_item_id: itemId, ...before(latest) });
    expect(tops(earlier).slice(0, 5)).toEqual(['Comment 1, said better', 'Comment 2', 'Comment 3', 'Comment 4', 'Comment 6']);
    expect([earlier.top_comment_count, latest.earlier_comment_count]).toEqual([TOPS - 1, 24]);
  });

  it('someone outside the group, half a position and a page over 200 are refused with a reason', async () => {
    const outsider = await call(cleo, 'item_comments', { p_item_id: itemId });
    expect([outsider.status, outsider.error?.code, outsider.error?.message]).toEqual([
      400,
      'P0001',
      'That article is no longer in the library.',
    ]);
    const half = await call(ben, 'item_comments', { p_item_id: itemId, p_before_id: ids[9] });
    expect([half.error?.code, half.error?.message]).toEqual([
      '22023',
      'An earlier page of comments starts before a comment: give both its created_at and its id, or neither for the latest page.',
    ]);
    const big = await call(ben, 'item_comments', { p_item_id: itemId, p_limit: 1000 });
    expect(big.error?.message).toBe('A page of comments holds 1 to 200 top comments (asked for 1000).');
  });
});
