/**
 * The outbox's promise at the wire, against the local stand-in: with the backend stopped a
 * clip and a comment fail as 'network' (so the outbox keeps them); after a restart on the
 * same port and database, sending each again (the outbox may send twice: an answer lost, a
 * worker stopped mid-call) lands each exactly once, because both carry the client's id.
 * The outbox's own logic (order, backoff, a refused change blocking nothing) is unit-tested
 * in utils/background/outbox.test.ts; its path through the extension in tests/e2e/outbox-clips-and-comments.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { fetchSignInCode, startLocalBackend, type LocalBackend } from '../../supabase/local/index';
import { toUserError } from '../../utils/background/errors';
import type { ClipItemArgs, ClipItemResult, Comment, ItemDetail } from '../../utils/shared/api-types';
import { EXTERNAL, HAS_SCHEMA, uniqueEmail } from './helpers';
import { EMPTY_CLIP } from '../../utils/shared/link-clip';

const dataDir = mkdtempSync(join(tmpdir(), 'readclub-outbox-'));
const databaseUrl = process.env.DATABASE_URL || undefined;
const start = (port = 0) =>
  startLocalBackend({ port, databaseUrl, memory: false, dataDir: databaseUrl ? undefined : dataDir, seed: false, log: () => undefined });

function client(url: string, anonKey: string): SupabaseClient {
  const store = new Map<string, string>();
  return createClient(url, anonKey, {
    auth: {
      storage: { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => void store.set(k, v), removeItem: (k) => void store.delete(k) },
      persistSession: true,
      autoRefreshToken: false,
      detectSessionInUrl: false,
    },
    realtime: { transport: class {} as never },
  });
}

/** One call as the outbox's sender makes it: the reply, or the UserError it maps to. */
async function call<T>(c: SupabaseClient, name: string, args: object): Promise<{ ok: true; value: T } | { ok: false; kind: string }> {
  try {
    const { data, error, status } = await c.rpc(name, args);
    return error ? { ok: false, kind: toUserError(error, status).kind } : { ok: true, value: data as T };
  } catch (e) {
    return { ok: false, kind: toUserError(e).kind };
  }
}

describe.skipIf(EXTERNAL || !HAS_SCHEMA)('outbox: backend down, then back', () => {
  let backend: LocalBackend;
  let ada: SupabaseClient;
  let groupId: string;
  let port: number;

  beforeAll(async () => {
    backend = await start();
    port = Number(new URL(backend.url).port);
    ada = client(backend.url, backend.anonKey);
    const email = uniqueEmail('ada');
    await ada.auth.signInWithOtp({ email, options: { shouldCreateUser: true } });
    const code = (await fetchSignInCode(backend, email))!;
    const verified = await ada.auth.verifyOtp({ email, token: code, type: 'email' });
    if (verified.error) throw verified.error;
    const group = await ada.rpc('create_group', { p_name: 'Outbox readers' });
    groupId = (group.data as { id: string }).id;
  });
  afterAll(async () => {
    await backend?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a clip and a comment made while the backend is down arrive exactly once after it returns', async () => {
    // An item to comment on, made while the backend is up.
    const first = await call<ClipItemResult>(ada, 'clip_item', {
      p_client_id: crypto.randomUUID(),
      p_group_id: groupId,
      p_tags: [],
      p_comment: null,
      p_queue: false,
      p_clip: { ...EMPTY_CLIP, kind: 'link', url: 'https://example.com/harbour', title: 'Harbour' },
    } satisfies ClipItemArgs);
    if (!first.ok) throw new Error(`clip failed: ${first.kind}`);
    const harbour = first.value.item_id;

    await backend.stop();
    const clipArgs: ClipItemArgs = {
      p_client_id: crypto.randomUUID(),
      p_group_id: groupId,
      p_tags: ['sea'],
      p_comment: 'Read before Thursday',
      p_queue: true,
      p_clip: { ...EMPTY_CLIP, kind: 'link', url: 'https://example.com/lighthouse', title: 'Lighthouse' },
    };
    const commentArgs = { p_item_id: harbour, p_body: 'Kept while the server was away', p_client_id: crypto.randomUUID() };
    // Down: both fail as 'network', the kind the outbox keeps (utils/background/outbox.ts isRetryable).
    expect(await call(ada, 'clip_item', clipArgs)).toEqual({ ok: false, kind: 'network' });
    expect(await call(ada, 'add_comment', commentArgs)).toEqual({ ok: false, kind: 'network' });

    backend = await start(port);
    expect(backend.url).toBe(`http://127.0.0.1:${port}`);
    // Delivered, and delivered again (an answer lost on the way back).
    const sent = [await call<ClipItemResult>(ada, 'clip_item', clipArgs), await call<ClipItemResult>(ada, 'clip_item', clipArgs)];
    const comments = [await call<Comment>(ada, 'add_comment', commentArgs), await call<Comment>(ada, 'add_comment', commentArgs)];
    if (!sent[0]!.ok || !sent[1]!.ok || !comments[0]!.ok || !comments[1]!.ok) throw new Error('delivery failed');
    expect(sent[1]!.value.item_id).toBe(sent[0]!.value.item_id);
    expect(comments[1]!.value.id).toBe(comments[0]!.value.id);

    const lighthouse = await call<ItemDetail>(ada, 'item_detail', { p_item_id: sent[0]!.value.item_id });
    const harbourNow = await call<ItemDetail>(ada, 'item_detail', { p_item_id: harbour });
    if (!lighthouse.ok || !harbourNow.ok) throw new Error('item_detail failed');
    expect(lighthouse.value.comments.map((c) => c.body)).toEqual(['Read before Thursday']);
    expect(lighthouse.value.tags).toEqual(['sea']);
    expect(lighthouse.value.queue?.position).toBe(1);
    expect(harbourNow.value.comments.map((c) => c.body)).toEqual(['Kept while the server was away']);
    const queue = await call<{ queue: unknown[] }>(ada, 'group_queue', { p_group_id: groupId });
    expect(queue.ok && queue.value.queue).toHaveLength(1);
  });
});
