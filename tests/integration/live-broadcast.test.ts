/**
 * Live updates through the stand-in's Realtime, driven by realtime-js itself (supabase-js's
 * client over the `ws` package): a member's private channel on `group:<id>` hears another
 * member's change within a second; an outsider's join is refused (CHANNEL_ERROR), and so is
 * anything but a private Broadcast channel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createClient, type RealtimeChannel, type SupabaseClient } from '@supabase/supabase-js';
import { EXTERNAL, HAS_SCHEMA, ok, startTestBackend, uniqueEmail, type TestBackend } from './helpers';

/** A signed-in supabase-js client whose Realtime can connect (Node's own WebSocket is not relied on). */
async function member(backend: TestBackend, email: string, name: string): Promise<SupabaseClient> {
  const store = new Map<string, string>();
  const client = createClient(backend.url, backend.anonKey, {
    auth: {
      storage: { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => void store.set(k, v), removeItem: (k) => void store.delete(k) },
      persistSession: true,
      autoRefreshToken: false,
      detectSessionInUrl: false,
    },
    realtime: { transport: WebSocket as never },
  });
  const sent = await client.auth.signInWithOtp({ email, options: { shouldCreateUser: true, data: { display_name: name } } });
  if (sent.error) throw sent.error;
  const verified = await client.auth.verifyOtp({ email, token: await backend.codeFor(email), type: 'email' });
  if (verified.error) throw verified.error;
  return client;
}

type Subscribed = { status: string; error?: Error };
/** Subscribes as the extension does (setAuth, then a private channel); resolves with the first outcome. */
async function subscribe(client: SupabaseClient, channel: RealtimeChannel): Promise<Subscribed> {
  return new Promise((resolve) => {
    channel.subscribe((status, error) => {
      if (status !== 'CLOSED') resolve({ status, error });
    });
  });
}

describe.skipIf(!HAS_SCHEMA || EXTERNAL)('live updates: private Broadcast through the stand-in', () => {
  let backend: TestBackend;
  let ada: SupabaseClient;
  let ben: SupabaseClient;
  let cal: SupabaseClient;
  let groupId: string;
  const heard: Array<{ at: number; payload: Record<string, unknown> }> = [];

  beforeAll(async () => {
    backend = await startTestBackend();
    [ada, ben, cal] = await Promise.all([
      member(backend, uniqueEmail('ada'), 'Ada'),
      member(backend, uniqueEmail('ben'), 'Ben'),
      member(backend, uniqueEmail('cal'), 'Cal'),
    ]);
    groupId = (await ok(ada, 'create_group', { p_name: 'Live Circle' })).id;
    const invite = await ok(ada, 'create_invite', { p_group_id: groupId });
    await ok(ben, 'join_group', { p_code: invite.code });
    await ok(cal, 'create_group', { p_name: 'Elsewhere' });
  });
  afterAll(async () => {
    await Promise.all([ada, ben, cal].map((client) => client?.removeAllChannels()));
    await backend?.stop();
  });

  it("a member's channel hears another member's change within a second", async () => {
    await ben.realtime.setAuth();
    const channel = ben
      .channel(`group:${groupId}`, { config: { private: true } })
      .on('broadcast', { event: 'change' }, (message: { payload: Record<string, unknown> }) =>
        heard.push({ at: Date.now(), payload: message.payload }),
      );
    expect(await subscribe(ben, channel)).toEqual({ status: 'SUBSCRIBED', error: undefined });

    const before = Date.now();
    const clip = await ok(ada, 'clip_item', {
      p_client_id: crypto.randomUUID(),
      p_group_id: groupId,
      p_queue: true,
      p_tags: ['live'],
      p_comment: null,
      p_clip: { kind: 'link', url: 'https://example.org/live', title: 'Live' } as never,
    });
    await expect.poll(() => heard.length, { timeout: 1_000, interval: 20 }).toBeGreaterThan(0);
    expect(heard[0]!.at - before).toBeLessThan(1_000);
    await new Promise((done) => setTimeout(done, 200));
    const tables = heard.map((h) => `${h.payload.table as string} ${h.payload.operation as string}`);
    expect(tables).toEqual(expect.arrayContaining(['items INSERT', 'queue_entries INSERT', 'item_tags INSERT']));
    for (const { payload } of heard) expect(Object.keys(payload).sort()).toEqual(['id', 'operation', 'table']);

    heard.length = 0;
    await ok(ada, 'vote_item', { p_item_id: clip.item_id, p_vote: true });
    await expect
      .poll(() => heard.map((h) => `${h.payload.table as string} ${h.payload.operation as string}`), { timeout: 1_000, interval: 20 })
      .toEqual(['queue_votes INSERT']);
  });

  it("an outsider's join is refused: CHANNEL_ERROR, in Realtime's words", async () => {
    await cal.realtime.setAuth();
    const channel = cal.channel(`group:${groupId}`, { config: { private: true } }).on('broadcast', { event: 'change' }, () => undefined);
    const outcome = await subscribe(cal, channel);
    await cal.removeChannel(channel);
    expect(outcome.status).toBe('CHANNEL_ERROR');
    expect(outcome.error?.message).toBe(`Unauthorized: You do not have permissions to read from this Channel topic: group:${groupId}`);
  });

  it('a signed-out client (the anon key as token) is refused too', async () => {
    const anon = createClient(backend.url, backend.anonKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      realtime: { transport: WebSocket as never },
    });
    const channel = anon.channel(`group:${groupId}`, { config: { private: true } });
    const outcome = await subscribe(anon, channel);
    await anon.removeAllChannels();
    expect(outcome.status).toBe('CHANNEL_ERROR');
    expect(outcome.error?.message).toBe(`Unauthorized: You do not have permissions to read from this Channel topic: group:${groupId}`);
  });

  it('anything but a private Broadcast channel is refused loudly', async () => {
    // Ada has no channel on the group's topic yet (supabase-js hands back a channel it already has).
    await ada.realtime.setAuth();
    const open = ada.channel(`group:${groupId}`).on('broadcast', { event: 'change' }, () => undefined);
    const publicOutcome = await subscribe(ada, open);
    await ada.removeChannel(open);
    expect(publicOutcome.status).toBe('CHANNEL_ERROR');
    expect(publicOutcome.error?.message).toMatch(/PrivateOnly/);

    const changes = ben
      .channel('changes', { config: { private: true } })
      .on('postgres_changes', { event: '*', schema: 'public', table: 'queue_entries' }, () => undefined);
    const changesOutcome = await subscribe(ben, changes);
    await ben.removeChannel(changes);
    expect(changesOutcome.status).toBe('CHANNEL_ERROR');
    expect(changesOutcome.error?.message).toMatch(/Postgres Changes is not supported/);
  });

  it('a new token is checked again: a member keeps the channel; one who left the group loses it', async () => {
    const clip = (name: string) =>
      ok(ada, 'clip_item', {
        p_client_id: crypto.randomUUID(),
        p_group_id: groupId,
        p_queue: false,
        p_tags: [],
        p_comment: null,
        p_clip: { kind: 'link', url: `https://example.org/${name}`, title: name } as never,
      });
    const closed: string[] = [];
    const dan = await member(backend, uniqueEmail('dan'), 'Dan');
    const invite = await ok(ada, 'create_invite', { p_group_id: groupId });
    await ok(dan, 'join_group', { p_code: invite.code });
    await dan.realtime.setAuth();
    const danHeard: unknown[] = [];
    const channel = dan
      .channel(`group:${groupId}`, { config: { private: true } })
      .on('broadcast', { event: 'change' }, (message: { payload: unknown }) => void danHeard.push(message.payload))
      .on('system', {}, (message: { message?: string }) => void closed.push(message.message ?? ''));
    expect(await subscribe(dan, channel)).toEqual({ status: 'SUBSCRIBED', error: undefined });

    // A refreshed session hands Realtime the new token (supabase-js does it on TOKEN_REFRESHED).
    const refreshed = await dan.auth.refreshSession();
    expect(refreshed.error).toBeNull();
    await new Promise((done) => setTimeout(done, 200));
    await clip('after-refresh');
    await expect.poll(() => danHeard.length, { timeout: 1_000, interval: 20 }).toBeGreaterThan(0);

    await ok(dan, 'leave_group', { p_group_id: groupId });
    await dan.auth.refreshSession();
    await expect
      .poll(() => closed, { timeout: 2_000, interval: 20 })
      .toEqual([`Unauthorized: You do not have permissions to read from this Channel topic: group:${groupId}`]);
    danHeard.length = 0;
    await clip('after-leaving');
    await new Promise((done) => setTimeout(done, 500));
    expect(danHeard).toEqual([]);
    await dan.removeAllChannels();
  });
});
