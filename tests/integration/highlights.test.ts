/**
 * Highlights through supabase.rpc, as two members use them on the local stand-in (or a real
 * Supabase): Ada marks a passage of a clipped article with a comment; Ben sees it in the
 * reader and replies; the item's own comments and counts leave the reply out; only the author
 * edits, the author or an owner deletes; Cleo, outside the group, sees and makes none. Then the
 * outbox's promise at the wire: a highlight and a reply on it made while the backend is down
 * fail as 'network' (so the outbox keeps them) and, sent again after it returns (twice: an
 * answer lost), land exactly once. The arguments are built by the background's own
 * utils/background/highlight-args.ts; the outbox's logic is unit-tested beside it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { fetchSignInCode, startLocalBackend, type LocalBackend } from '../../supabase/local/index';
import { toUserError } from '../../utils/background/errors';
import { addHighlightArgs } from '../../utils/background/highlight-args';
import type { ClipPayload, Comment, Highlight, HighlightTarget } from '../../utils/shared/api-types';
import { call, EXTERNAL, groupOf, HAS_SCHEMA, ok, signedInMembers, startTestBackend, type TestBackend } from './helpers';

const page: ClipPayload = {
  kind: 'article',
  url: 'https://example.com/rivers',
  canonical_url: null,
  title: 'Rivers',
  byline: null,
  authors: [],
  site_name: 'Example',
  excerpt: null,
  content_html: '<p>Rivers carve canyons slowly.</p><p>Water is patient.</p>',
  text_length: 47,
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
const target: HighlightTarget = { exact: 'carve canyons', prefix: 'Rivers ', suffix: ' slowly.', start: 7, end: 20 };

async function clipped(client: SupabaseClient, groupId: string, url = page.url): Promise<string> {
  const clip = { ...page, url };
  const args = { p_client_id: crypto.randomUUID(), p_group_id: groupId, p_clip: clip, p_tags: [], p_comment: null, p_queue: true };
  return (await ok(client, 'clip_item', args)).item_id;
}

describe.skipIf(!HAS_SCHEMA)('highlights between two members', () => {
  let backend: TestBackend;
  let ada: SupabaseClient;
  let ben: SupabaseClient;
  let cleo: SupabaseClient;
  let groupId: string;
  let itemId: string;

  beforeAll(async () => {
    backend = await startTestBackend();
    [{ client: ada }, { client: ben }, { client: cleo }] = await signedInMembers(backend, 'Ada', 'Ben', 'Cleo');
    groupId = (await groupOf(ada, 'Markers', [ben])).id;
    itemId = await clipped(ada, groupId);
  });
  afterAll(async () => backend?.stop());

  it('Ada marks a passage with a comment; Ben sees it in the reader and replies; Ada sees the reply', async () => {
    const made = await ok(ada, 'add_highlight', addHighlightArgs(itemId, target, ' The line to discuss ', crypto.randomUUID()));
    expect(made).toMatchObject({ item_id: itemId, ...target, body: 'The line to discuss', reply_count: 0 });
    expect(made.author.display_name).toBe('Ada');

    const seen = await ok(ben, 'item_reader', { p_item_id: itemId });
    expect(seen.highlights).toEqual([{ ...made, replies: [] }]);

    const reply = await ok(ben, 'add_comment', {
      p_item_id: itemId,
      p_body: 'Slowly is the point',
      p_client_id: crypto.randomUUID(),
      p_highlight_id: made.id,
    });
    expect(reply.parent_id).toBeNull();

    const reader = await ok(ada, 'item_reader', { p_item_id: itemId });
    const [highlight] = reader.highlights;
    expect(highlight!.reply_count).toBe(1);
    expect(highlight!.replies!.map((r: Comment) => [r.author.display_name, r.body])).toEqual([['Ben', 'Slowly is the point']]);
    // The reply is the highlight's, not part of the item's own discussion or its counts.
    expect(reader.comments).toEqual([]);
    expect((await ok(ada, 'item_detail', { p_item_id: itemId })).comments).toEqual([]);
    const [entry] = (await ok(ada, 'group_library', { p_group_id: groupId })).entries;
    expect(entry!.comment_count).toBe(0);
    expect((await ok(ada, 'group_queue', { p_group_id: groupId })).queue[0]!.comment_count).toBe(0);
  });

  it('only the author edits; the author or an owner deletes, with the replies; bad input gets the reason', async () => {
    const bens = await ok(
      ben,
      'add_highlight',
      addHighlightArgs(itemId, { ...target, exact: 'Water is patient.', start: 29, end: 46 }, '', crypto.randomUUID()),
    );
    const adas = (await ok(ada, 'item_reader', { p_item_id: itemId })).highlights.find((h: Highlight) => h.author.display_name === 'Ada')!;

    const notHis = await call(ben, 'edit_highlight', { p_highlight_id: adas.id, p_body: 'Mine now' });
    expect([notHis.error?.code, notHis.error?.message]).toEqual(['42501', 'Only its author can edit a highlight.']);
    expect(notHis.status).toBeGreaterThanOrEqual(400);
    const refused = await call(ben, 'delete_highlight', { p_highlight_id: adas.id });
    expect(refused.error?.message).toBe('Only its author, or an owner or admin, can delete a highlight.');
    expect((await ok(ben, 'edit_highlight', { p_highlight_id: bens.id, p_body: 'Patience, again' })).body).toBe('Patience, again');

    const tooLong = await call(
      ben,
      'add_highlight',
      addHighlightArgs(itemId, { ...target, exact: 'x'.repeat(2001) }, '', crypto.randomUUID()),
    );
    expect([tooLong.error?.code, tooLong.error?.message]).toEqual([
      '22023',
      'A highlight can be at most 2,000 characters (this passage has 2,001): select less.',
    ]);
    expect(tooLong.status).toBe(400);

    // The owner removes Ben's; the author removes her own, and Ben's reply goes with it.
    await ok(ada, 'delete_highlight', { p_highlight_id: bens.id });
    await ok(ada, 'delete_highlight', { p_highlight_id: adas.id });
    expect((await ok(ben, 'item_reader', { p_item_id: itemId })).highlights).toEqual([]);
  });

  it('Ben hears of highlights Ada made since he looked; Cleo, outside the group, sees and makes none', async () => {
    await ok(ben, 'mark_seen', { p_group_id: groupId });
    await new Promise((r) => setTimeout(r, 20));
    await ok(ada, 'add_highlight', addHighlightArgs(itemId, target, '', crypto.randomUUID()));
    expect((await ok(ben, 'group_news', { p_group_id: groupId })).new_highlights).toEqual({ [itemId]: 1 });
    expect((await ok(ada, 'group_news', { p_group_id: groupId })).new_highlights).toEqual({});

    const outsider = await call(cleo, 'add_highlight', addHighlightArgs(itemId, target, '', crypto.randomUUID()));
    expect(outsider.error?.code).toBe('42501');
    expect((await call(cleo, 'item_reader', { p_item_id: itemId })).error?.code).toBe('42501');
  });

  it("Ben's export holds the item's highlights with their replies, apart from its own comments", async () => {
    const [mark] = (await ok(ben, 'item_reader', { p_item_id: itemId })).highlights;
    await ok(ben, 'add_comment', { p_item_id: itemId, p_body: 'For the export', p_highlight_id: mark!.id });
    await ok(ben, 'add_comment', { p_item_id: itemId, p_body: 'On the whole article' });
    const data = await ok(ben, 'export_group', { p_group_id: groupId });
    const [item] = data.items!;
    expect(item!.comments.map((c) => c.body)).toEqual(['On the whole article']);
    expect(item!.highlights.map((h) => [h.exact, h.author.display_name, h.replies.map((r) => r.body)])).toEqual([
      ['carve canyons', 'Ada', ['For the export']],
    ]);
  });
});

describe.skipIf(EXTERNAL || !HAS_SCHEMA)('highlights in the outbox: backend down, then back', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'readclub-highlights-'));
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const start = (port = 0) =>
    startLocalBackend({ port, databaseUrl, memory: false, dataDir: databaseUrl ? undefined : dataDir, seed: false, log: () => undefined });
  let local: LocalBackend;

  afterAll(async () => {
    await local?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** One call as the outbox's sender makes it: the value, or the kind of UserError it maps to. */
  async function send<T>(
    client: SupabaseClient,
    name: string,
    args: object,
  ): Promise<{ ok: true; value: T } | { ok: false; kind: string }> {
    try {
      const { data, error, status } = await client.rpc(name, args);
      return error ? { ok: false, kind: toUserError(error, status).kind } : { ok: true, value: data as T };
    } catch (e) {
      return { ok: false, kind: toUserError(e).kind };
    }
  }

  let port: number;
  let ada: SupabaseClient;
  let ben: SupabaseClient;
  let itemId: string;

  beforeAll(async () => {
    local = await start();
    port = Number(new URL(local.url).port);
    const backend: TestBackend = {
      url: local.url,
      anonKey: local.anonKey,
      external: false,
      codeFor: async (email) => (await fetchSignInCode(local, email))!,
      stop: () => local.stop(),
    };
    [{ client: ada }, { client: ben }] = await signedInMembers(backend, 'Ada', 'Ben');
    const groupId = (await groupOf(ada, 'Offline markers', [ben])).id;
    itemId = await clipped(ada, groupId, 'https://example.com/rivers-offline');
  });

  it('a highlight and a reply on it made while the backend is down land exactly once after it returns', async () => {
    const bens = await ok(ben, 'add_highlight', addHighlightArgs(itemId, target, 'Online', crypto.randomUUID()));

    await local.stop();
    const highlightArgs = addHighlightArgs(
      itemId,
      { ...target, start: null, end: null },
      'Kept while the server was away',
      crypto.randomUUID(),
    );
    const replyArgs = { p_item_id: itemId, p_body: 'Agreed, offline', p_client_id: crypto.randomUUID(), p_highlight_id: bens.id };
    // Down: both fail as 'network', the kind the outbox keeps (utils/background/outbox.ts isRetryable).
    expect(await send(ada, 'add_highlight', highlightArgs)).toEqual({ ok: false, kind: 'network' });
    expect(await send(ada, 'add_comment', replyArgs)).toEqual({ ok: false, kind: 'network' });

    local = await start(port);
    // Delivered, and delivered again (an answer lost on the way back).
    const highlights = [
      await send<Highlight>(ada, 'add_highlight', highlightArgs),
      await send<Highlight>(ada, 'add_highlight', highlightArgs),
    ];
    const replies = [await send<Comment>(ada, 'add_comment', replyArgs), await send<Comment>(ada, 'add_comment', replyArgs)];
    if (!highlights[0]!.ok || !highlights[1]!.ok || !replies[0]!.ok || !replies[1]!.ok) throw new Error('delivery failed');
    expect(highlights[1]!.value.id).toBe(highlights[0]!.value.id);
    expect(replies[1]!.value.id).toBe(replies[0]!.value.id);

    const reader = await ok(ben, 'item_reader', { p_item_id: itemId });
    expect(reader.highlights.map((h) => [h.body, h.start, h.reply_count])).toEqual([
      ['Online', 7, 1],
      ['Kept while the server was away', null, 0],
    ]);
    expect(reader.highlights[0]!.replies!.map((r) => r.body)).toEqual(['Agreed, offline']);
  });
});
