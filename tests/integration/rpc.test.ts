/**
 * The RPC contract (utils/api-types.ts) through supabase.rpc, as members use it: Ada makes
 * a group and invites Ben; Ada clips an article with tags, a comment and "queue it"; Ben
 * sees it in the queue and comments; Cleo, not a member, is refused. Skipped until
 * supabase/migrations holds the schema.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { readingMinutes, type ClipItemArgs, type Rpcs } from '../../utils/api-types';
import { HAS_SCHEMA, signedInClient, startTestBackend, uniqueEmail, type TestBackend } from './helpers';

type Name = keyof Rpcs;
interface Outcome<N extends Name> {
  data: Rpcs[N][1] | null;
  error: { code: string; message: string; details: string | null; hint: string | null } | null;
  status: number;
}

/** supabase.rpc, typed by the contract. */
async function call<N extends Name>(client: SupabaseClient, name: N, args: Rpcs[N][0]): Promise<Outcome<N>> {
  const { data, error, status } = await client.rpc(name, args);
  return { data: data as Rpcs[N][1] | null, error, status };
}

async function ok<N extends Name>(client: SupabaseClient, name: N, args: Rpcs[N][0]): Promise<Rpcs[N][1]> {
  const { data, error } = await call(client, name, args);
  if (error) throw new Error(`${name} failed: ${error.code} ${error.message}`);
  return data as Rpcs[N][1];
}

/** A refusal the extension can show: a 4xx with the database's own words. */
function expectClearRefusal(outcome: Outcome<Name>, codes: string[]): void {
  expect(outcome.data).toBeNull();
  expect(outcome.error).not.toBeNull();
  expect(codes).toContain(outcome.error!.code);
  expect(outcome.status).toBeGreaterThanOrEqual(400);
  expect(outcome.status).toBeLessThan(500);
  expect(outcome.error!.message.trim().length).toBeGreaterThan(5);
}

const TEXT_LENGTH = 9_200;
function clip(groupId: string, overrides: Partial<ClipItemArgs> = {}): ClipItemArgs {
  return {
    p_client_id: crypto.randomUUID(),
    p_group_id: groupId,
    p_clip: {
      kind: 'article',
      url: 'https://example.com/essays/slow-reading?utm_source=feed',
      canonical_url: 'https://example.com/essays/slow-reading',
      title: 'In Praise of Slow Reading',
      byline: 'M. Example',
      site_name: 'Example Essays',
      excerpt: 'Why reading less, more carefully, is worth it.',
      content_html: '<p>Why reading less, more carefully, is worth it.</p>',
      text_length: TEXT_LENGTH,
      lang: 'en',
      lead_image_url: null,
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
    [ada, ben, cleo] = await Promise.all([
      signedInClient(backend, uniqueEmail('ada'), 'Ada'),
      signedInClient(backend, uniqueEmail('ben'), 'Ben'),
      signedInClient(backend, uniqueEmail('cleo'), 'Cleo'),
    ]);
  });
  afterAll(async () => {
    await backend?.stop();
  });

  it('create_group makes the caller its owner', async () => {
    group = await ok(ada.client, 'create_group', { p_name: 'Tuesday Readers' });
    expect(group).toMatchObject({ id: expect.any(String), name: 'Tuesday Readers' });
    const groups = await ok(ada.client, 'my_groups', {});
    expect(groups.find((g) => g.id === group.id)).toMatchObject({ name: 'Tuesday Readers', role: 'owner', member_count: 1, queue_count: 0 });
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
      queued_by: { id: ada.userId },
      comment_count: 1,
      reading_minutes: readingMinutes(TEXT_LENGTH),
    });
    expect([...entry!.tags].sort()).toEqual(['attention', 'essay']);
    expect(entry!.position).toEqual(expect.any(Number));
    expect(entry!.url).toMatch(/^https:\/\/example\.com\/essays\/slow-reading/);
  });

  it('item_detail gives the item, tags, comments and queue place', async () => {
    const detail = await ok(ben.client, 'item_detail', { p_item_id: itemId });
    expect(detail.item).toMatchObject({ id: itemId, group_id: group.id, title: 'In Praise of Slow Reading', byline: 'M. Example', added_by: { id: ada.userId } });
    expect([...detail.tags].sort()).toEqual(['attention', 'essay']);
    expect(detail.comments).toHaveLength(1);
    expect(detail.comments[0]).toMatchObject({ body: 'Worth an evening: the middle section especially.', author: { id: ada.userId } });
    expect(detail.queue).toMatchObject({ position: expect.any(Number), queued_by: { id: ada.userId } });
  });

  it('add_comment adds a member\'s comment', async () => {
    const comment = await ok(ben.client, 'add_comment', { p_item_id: itemId, p_body: 'Agreed — and the ending.' });
    expect(comment).toMatchObject({ id: expect.any(String), body: 'Agreed — and the ending.', author: { id: ben.userId }, created_at: expect.any(String) });
    const detail = await ok(ada.client, 'item_detail', { p_item_id: itemId });
    expect(detail.comments.map((c) => c.body)).toContain('Agreed — and the ending.');
    const { queue } = await ok(ada.client, 'group_queue', { p_group_id: group.id });
    expect(queue[0]?.comment_count).toBe(2);
  });

  it('refuses a non-member everything about the group', async () => {
    const refused = ['42501', 'P0001', 'P0002'];
    expectClearRefusal(await call(cleo.client, 'group_queue', { p_group_id: group.id }), refused);
    expectClearRefusal(await call(cleo.client, 'item_detail', { p_item_id: itemId }), refused);
    expectClearRefusal(await call(cleo.client, 'add_comment', { p_item_id: itemId, p_body: 'Let me in' }), refused);
    expectClearRefusal(await call(cleo.client, 'create_invite', { p_group_id: group.id }), refused);
    expectClearRefusal(await call(cleo.client, 'clip_item', clip(group.id)), refused);
  });
});
