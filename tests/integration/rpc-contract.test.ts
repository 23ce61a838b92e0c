/**
 * The RPC contract (utils/shared/api-types.ts) through supabase.rpc, as members use it: Ada makes
 * a group and invites Ben; Ada clips an article with tags, a comment and "queue it"; Ben
 * sees it in the queue and comments; Ben's tab finds it (find_item), his clip of another
 * address of it adds to it, he tags and queues items, adds a book by hand; content over the
 * cap is refused; Cleo, not a member, and a signed-out client are refused. Skipped until
 * supabase/migrations holds the schema.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { MAX_STORED_CONTENT_BYTES, readingMinutes, type ClipItemArgs, type ClipPayload, type Rpcs } from '../../utils/shared/api-types';
import { pageHash } from '../../utils/background/page-hash';
import { call, HAS_SCHEMA, ok, type Outcome, signedInMembers, startTestBackend, type TestBackend, testClient } from './helpers';

/** A refusal the extension can show: a 4xx with the database's own words. */
function expectClearRefusal(outcome: Outcome<keyof Rpcs>, codes: string[]): void {
  expect(outcome.data).toBeNull();
  expect(outcome.error).not.toBeNull();
  expect(codes).toContain(outcome.error!.code);
  expect(outcome.status).toBeGreaterThanOrEqual(400);
  expect(outcome.status).toBeLessThan(500);
  expect(outcome.error!.message.trim().length).toBeGreaterThan(5);
}

const TEXT_LENGTH = 9_200;
const WORD_COUNT = 1_610;
const PUBLISHED_AT = '2026-10-02T07:00:00Z';
function clip(groupId: string, overrides: Partial<ClipItemArgs> = {}, payload: Partial<ClipPayload> = {}): ClipItemArgs {
  return {
    p_client_id: crypto.randomUUID(),
    p_group_id: groupId,
    p_clip: {
      kind: 'article',
      url: 'https://example.com/essays/slow-reading?utm_source=feed',
      canonical_url: 'https://example.com/essays/slow-reading',
      title: 'In Praise of Slow Reading',
      byline: 'M. Example',
      authors: ['M. Example'],
      site_name: 'Example Essays',
      excerpt: 'Why reading less, more carefully, is worth it.',
      content_html: '<p>Why reading less, more carefully, is worth it.</p>',
      text_length: TEXT_LENGTH,
      word_count: WORD_COUNT,
      lang: 'en',
      dir: 'ltr',
      lead_image_url: null,
      favicon_url: 'https://example.com/favicon.ico',
      published_at: PUBLISHED_AT,
      modified_at: 'not a date',
      selection: false,
      truncated: false,
      ...payload,
    },
    p_tags: ['essay', 'attention'],
    p_comment: 'Worth an evening: the middle section especially.',
    p_queue: true,
    ...overrides,
  };
}

describe.skipIf(!HAS_SCHEMA)('the RPC contract', () => {
  let backend: TestBackend;
  let ada: { client: SupabaseClient; userId: string };
  let ben: { client: SupabaseClient; userId: string };
  let cleo: { client: SupabaseClient; userId: string };
  let group: { id: string; name: string };
  let inviteCode: string;
  let itemId: string;
  let clientId: string;

  beforeAll(async () => {
    backend = await startTestBackend();
    [ada, ben, cleo] = await signedInMembers(backend, 'Ada', 'Ben', 'Cleo');
  });
  afterAll(async () => {
    await backend?.stop();
  });

  it('create_group makes the caller its owner', async () => {
    group = await ok(ada.client, 'create_group', { p_name: 'Tuesday Readers' });
    expect(group).toMatchObject({ id: expect.any(String), name: 'Tuesday Readers' });
    const groups = await ok(ada.client, 'my_groups', {});
    expect(groups.find((g) => g.id === group.id)).toMatchObject({
      name: 'Tuesday Readers',
      role: 'owner',
      member_count: 1,
      queue_count: 0,
    });
  });

  it('create_invite gives a code for the group', async () => {
    const invite = await ok(ada.client, 'create_invite', { p_group_id: group.id });
    expect(invite.group_id).toBe(group.id);
    expect(invite.code).toEqual(expect.any(String));
    inviteCode = invite.code;
  });

  it('join_group lets a second person in with the code', async () => {
    expect(await ok(ben.client, 'join_group', { p_code: inviteCode })).toMatchObject({ id: group.id, name: 'Tuesday Readers' });
    expect((await ok(ben.client, 'my_groups', {})).find((g) => g.id === group.id)).toMatchObject({ role: 'member', member_count: 2 });
  });

  it('join_group refuses a wrong code with a clear error', async () => {
    expectClearRefusal(await call(cleo.client, 'join_group', { p_code: 'NOT-A-REAL-CODE' }), ['P0001', '22023', '42501', 'P0002']);
    expect((await ok(cleo.client, 'my_groups', {})).some((g) => g.id === group.id)).toBe(false);
  });

  it('clip_item saves the article with tags, a comment and a place in the queue', async () => {
    const args = clip(group.id);
    clientId = args.p_client_id;
    const result = await ok(ada.client, 'clip_item', args);
    expect(result).toMatchObject({ item_id: expect.any(String), created: true, queued: true, comment_id: expect.any(String) });
    itemId = result.item_id;
  });

  it('clip_item retried with the same client id does not duplicate', async () => {
    const retried = await ok(ada.client, 'clip_item', { ...clip(group.id), p_client_id: clientId });
    expect(retried.item_id).toBe(itemId);
    expect(retried.created).toBe(false);
  });

  it('group_queue shows the clip to another member', async () => {
    const { group: g, queue } = await ok(ben.client, 'group_queue', { p_group_id: group.id });
    expect(g).toEqual({ id: group.id, name: 'Tuesday Readers', role: 'member' });
    expect(queue).toHaveLength(1);
    const [entry] = queue;
    expect(entry).toMatchObject({
      item_id: itemId,
      title: 'In Praise of Slow Reading',
      site_name: 'Example Essays',
      added_by: { id: ada.userId, display_name: expect.any(String) },
      kind: 'article',
      comment_count: 1,
      reading_minutes: readingMinutes(TEXT_LENGTH, WORD_COUNT),
    });
    expect(entry).not.toHaveProperty('queued_by'); // item_detail's (the queue list never drew it)
    expect(readingMinutes(TEXT_LENGTH, WORD_COUNT)).not.toBe(readingMinutes(TEXT_LENGTH)); // so the line above tells them apart
    expect([...entry!.tags].sort()).toEqual(['attention', 'essay']);
    expect(entry!.position).toEqual(expect.any(Number));
    expect(entry!.url).toMatch(/^https:\/\/example\.com\/essays\/slow-reading/);
  });

  it('item_detail gives the item, tags, comments and queue place', async () => {
    const detail = await ok(ben.client, 'item_detail', { p_item_id: itemId });
    expect(detail.item).toMatchObject({
      id: itemId,
      group_id: group.id,
      kind: 'article',
      title: 'In Praise of Slow Reading',
      byline: 'M. Example',
      url: 'https://example.com/essays/slow-reading',
      authors: ['M. Example'],
      lang: 'en',
      dir: 'ltr',
      added_by: { id: ada.userId },
    });
    expect(Date.parse(detail.item.published_at!)).toBe(Date.parse(PUBLISHED_AT));
    expect([...detail.tags].sort()).toEqual(['attention', 'essay']);
    expect(detail.comments).toHaveLength(1);
    expect(detail.comments[0]).toMatchObject({ body: 'Worth an evening: the middle section especially.', author: { id: ada.userId } });
    expect(detail.queue).toMatchObject({ position: expect.any(Number), queued_by: { id: ada.userId } });
  });

  it("add_comment adds a member's comment", async () => {
    const comment = await ok(ben.client, 'add_comment', { p_item_id: itemId, p_body: 'Agreed — and the ending.' });
    expect(comment).toMatchObject({
      id: expect.any(String),
      body: 'Agreed — and the ending.',
      author: { id: ben.userId },
      created_at: expect.any(String),
    });
    const detail = await ok(ada.client, 'item_detail', { p_item_id: itemId });
    expect(detail.comments.map((c) => c.body)).toContain('Agreed — and the ending.');
    const { queue } = await ok(ada.client, 'group_queue', { p_group_id: group.id });
    expect(queue[0]?.comment_count).toBe(2);
  });

  it('find_item finds the item from its canonical address and from the page it was clipped from', async () => {
    const byCanonical = await call(ben.client, 'find_item', {
      p_group_id: group.id,
      p_url_hash: await pageHash('http://www.example.com/essays/slow-reading/#part-2'),
    });
    expect(byCanonical.error).toBeNull();
    expect(byCanonical.data?.item.id).toBe(itemId);
    const byPage = await ok(ben.client, 'find_item', {
      p_group_id: group.id,
      p_url_hash: await pageHash('https://example.com/essays/slow-reading?utm_source=feed&fbclid=x'),
    });
    expect(byPage).toEqual(await ok(ben.client, 'item_detail', { p_item_id: itemId }));
  });

  it('find_item answers null (200, no error) for a page not in the library', async () => {
    const outcome = await call(ben.client, 'find_item', {
      p_group_id: group.id,
      p_url_hash: await pageHash('https://example.com/essays/fast-reading'),
    });
    expect(outcome).toEqual({ data: null, error: null, status: 200 });
  });

  it("clip_item from another address of the same article adds the second member's tags and comment to it", async () => {
    const args = clip(
      group.id,
      { p_tags: ['#Slow', 'essay'], p_comment: 'Ben was here.', p_queue: false },
      { url: 'https://www.example.com/essays/slow-reading/?utm_medium=email', canonical_url: null },
    );
    const result = await ok(ben.client, 'clip_item', args);
    expect(result).toMatchObject({ item_id: itemId, created: false, queued: true });
    const detail = await ok(ada.client, 'item_detail', { p_item_id: itemId });
    expect(detail.tags).toEqual(['attention', 'essay', 'slow']);
    expect(detail.comments.map((c) => c.body)).toContain('Ben was here.');
  });

  it('tag_item adds normalised tags and answers all of them, sorted', async () => {
    expect(await ok(ben.client, 'tag_item', { p_item_id: itemId, p_tags: [' Book Club ', '#essay'] })).toEqual([
      'attention',
      'book club',
      'essay',
      'slow',
    ]);
    expectClearRefusal(await call(ben.client, 'tag_item', { p_item_id: itemId, p_tags: ['x'.repeat(41)] }), ['22023']);
  });

  it('queue_item puts an item at the end, and answers the same place when it is already queued', async () => {
    const second = await ok(
      ada.client,
      'clip_item',
      clip(group.id, { p_queue: false, p_comment: null }, { url: 'https://example.com/essays/second', canonical_url: null }),
    );
    expect(second).toMatchObject({ created: true, queued: false });
    const place = await ok(ben.client, 'queue_item', { p_item_id: second.item_id });
    expect(place).toEqual({
      position: expect.any(Number),
      queued_by: { id: ben.userId, display_name: expect.any(String), avatar_url: null },
      queued_at: expect.any(String),
    });
    const { queue } = await ok(ada.client, 'group_queue', { p_group_id: group.id });
    expect(queue.at(-1)?.item_id).toBe(second.item_id);
    expect(await ok(ada.client, 'queue_item', { p_item_id: second.item_id })).toEqual(place);
    expect(await ok(ada.client, 'queue_item', { p_item_id: itemId })).toMatchObject({ queued_by: { id: ada.userId } });
  });

  it('clip_item takes a book added by hand: no link, its note as the comment, queued', async () => {
    const book = clip(
      group.id,
      { p_tags: ['novel'], p_comment: 'Chapters 1–10 first.' },
      {
        kind: 'manual',
        url: null,
        canonical_url: null,
        title: 'Middlemarch',
        byline: 'George Eliot',
        authors: ['George Eliot'],
        site_name: null,
        excerpt: null,
        content_html: null,
        text_length: 0,
        word_count: 0,
        lang: null,
        dir: null,
        favicon_url: null,
        published_at: null,
        modified_at: null,
      },
    );
    const result = await ok(ben.client, 'clip_item', book);
    expect(result).toMatchObject({ created: true, queued: true, comment_id: expect.any(String) });
    const detail = await ok(ada.client, 'item_detail', { p_item_id: result.item_id });
    expect(detail.item).toMatchObject({ kind: 'manual', url: null, title: 'Middlemarch', authors: ['George Eliot'] });
    expect(detail.comments.map((c) => c.body)).toEqual(['Chapters 1–10 first.']);
    const { queue } = await ok(ada.client, 'group_queue', { p_group_id: group.id });
    expect(queue.find((entry) => entry.item_id === result.item_id)).toMatchObject({ kind: 'manual', url: null, site_name: null });
    const again = await ok(ben.client, 'clip_item', { ...book, p_client_id: crypto.randomUUID(), p_tags: [], p_comment: null });
    expect(again.item_id).not.toBe(result.item_id); // no link: never merged with another entry
  });

  it('clip_item keeps content up to MAX_STORED_CONTENT_BYTES and refuses more with a clear message', async () => {
    const at = (n: number, url: string) =>
      clip(group.id, { p_queue: false, p_comment: null, p_tags: [] }, { url, canonical_url: null, content_html: 'x'.repeat(n) });
    expect(await ok(ada.client, 'clip_item', at(MAX_STORED_CONTENT_BYTES, 'https://example.com/at-the-cap'))).toMatchObject({
      created: true,
    });
    const over = await call(ada.client, 'clip_item', at(MAX_STORED_CONTENT_BYTES + 1, 'https://example.com/over-the-cap'));
    expectClearRefusal(over, ['22023']);
    expect(over.error!.message).toMatch(/too long to save.*Save it as a link/);
    expect(
      await call(ada.client, 'find_item', { p_group_id: group.id, p_url_hash: await pageHash('https://example.com/over-the-cap') }),
    ).toMatchObject({ data: null, error: null });
  });

  it('refuses a non-member everything about the group', async () => {
    const refused = ['42501', 'P0001', 'P0002'];
    expectClearRefusal(
      await call(cleo.client, 'find_item', { p_group_id: group.id, p_url_hash: await pageHash('https://example.com/essays/slow-reading') }),
      refused,
    );
    expectClearRefusal(await call(cleo.client, 'tag_item', { p_item_id: itemId, p_tags: ['spam'] }), refused);
    expectClearRefusal(await call(cleo.client, 'queue_item', { p_item_id: itemId }), refused);
    expectClearRefusal(await call(cleo.client, 'group_queue', { p_group_id: group.id }), refused);
    expectClearRefusal(await call(cleo.client, 'item_detail', { p_item_id: itemId }), refused);
    expectClearRefusal(await call(cleo.client, 'add_comment', { p_item_id: itemId, p_body: 'Let me in' }), refused);
    expectClearRefusal(await call(cleo.client, 'create_invite', { p_group_id: group.id }), refused);
    expectClearRefusal(await call(cleo.client, 'clip_item', clip(group.id)), refused);
    expect((await ok(ada.client, 'item_detail', { p_item_id: itemId })).tags).not.toContain('spam');
  });

  it('refuses a signed-out client find_item, tag_item and queue_item', async () => {
    const anon = testClient(backend);
    expectClearRefusal(
      await call(anon, 'find_item', { p_group_id: group.id, p_url_hash: await pageHash('https://example.com/essays/slow-reading') }),
      ['42501'],
    );
    expectClearRefusal(await call(anon, 'tag_item', { p_item_id: itemId, p_tags: ['spam'] }), ['42501']);
    expectClearRefusal(await call(anon, 'queue_item', { p_item_id: itemId }), ['42501']);
  });
});
