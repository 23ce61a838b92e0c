import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { SupabaseClient } from '@supabase/supabase-js';
import { RETRY_REALTIME_AFTER_MS, RETRY_SILENT_AFTER_MS, WATCH_LEASE_MS, stopWatching, watchGroupLive } from './live';
import { createReadclubClient } from './supabase-client';
import { backendUrl, backendsWithoutRealtime, groupChangedAt } from '@/utils/shared/storage';

/**
 * A signed-in client whose Realtime answers every subscription with `status` (and `error`);
 * records the channels asked for, their options and bindings, and the tokens given to Realtime.
 */
function fakeClient(status: string, error?: Error, token: string | null = 'member-token') {
  const attempts: string[] = [];
  const options: unknown[] = [];
  const bindings: Array<{ type: string; filter: unknown; callback: () => void }> = [];
  const tokens: Array<string | null> = [];
  /** What was done to the channels and the socket: 'leave <topic>', 'disconnect'. */
  const closed: string[] = [];
  const channel = {
    on: (type: string, filter: unknown, callback: () => void) => (bindings.push({ type, filter, callback }), channel),
    subscribe: (callback: (s: string, e?: Error) => void) => (setTimeout(() => callback(status, error), 0), channel),
  };
  const client = {
    auth: { getSession: async () => ({ data: { session: token ? { access_token: token } : null } }) },
    realtime: {
      setAuth: async (t: string | null) => void tokens.push(t),
      disconnect: async () => (closed.push('disconnect'), 'ok'),
    },
    channel: (name: string, opts: unknown) => (attempts.push(name), options.push(opts), channel),
    removeChannel: async () => (closed.push(`leave ${attempts.at(-1)}`), 'ok'),
    getChannels: () => [],
  } as unknown as SupabaseClient;
  return { client, attempts, options, bindings, tokens, closed };
}

describe("live updates through the group's private Broadcast channel", () => {
  test('joins group:<id> as a private channel, with the access token, and any change message moves groupChangedAt', async () => {
    await backendUrl.setValue('https://live.supabase.co');
    const fake = fakeClient('SUBSCRIBED');
    expect(await watchGroupLive(fake.client, 'g-live')).toBe(true);
    expect(fake.tokens).toEqual(['member-token']);
    expect(fake.attempts).toEqual(['group:g-live']);
    expect(fake.options).toEqual([{ config: { private: true } }]);
    expect(fake.bindings.map((b) => [b.type, b.filter])).toEqual([['broadcast', { event: 'change' }]]);
    expect((await groupChangedAt.getValue())['g-live']).toBeUndefined();
    fake.bindings[0]!.callback();
    await expect.poll(async () => (await groupChangedAt.getValue())['g-live']).toBeGreaterThan(Date.now() - 5_000);
  });

  test('signed out: no join is tried (it could only be refused), and nothing is remembered', async () => {
    await backendUrl.setValue('https://signed-out.supabase.co');
    const fake = fakeClient('SUBSCRIBED', undefined, null);
    expect(await watchGroupLive(fake.client, 'g-out')).toBe(false);
    expect(fake.attempts).toEqual([]);
    expect(await backendsWithoutRealtime.getValue()).toEqual({});
  });

  test('a join the policies refuse (not a member any more) polls, but the backend keeps its Realtime', async () => {
    await backendUrl.setValue('https://policies.supabase.co');
    const refused = fakeClient(
      'CHANNEL_ERROR',
      new Error('Unauthorized: You do not have permissions to read from this Channel topic: group:g-gone'),
    );
    expect(await watchGroupLive(refused.client, 'g-gone')).toBe(false);
    await new Promise((done) => setTimeout(done, 0));
    expect(await backendsWithoutRealtime.getValue()).toEqual({});
    const later = fakeClient('SUBSCRIBED');
    expect(await watchGroupLive(later.client, 'g-mine')).toBe(true);
  });
});

beforeEach(() => {
  fakeBrowser.reset();
});

describe('live updates without Realtime', () => {
  test('a refused backend is remembered by URL: a new client (a restarted worker) makes no attempt', async () => {
    await backendUrl.setValue('http://stand-in.test');
    const first = fakeClient('CHANNEL_ERROR');
    expect(await watchGroupLive(first.client, 'g1')).toBe(false);
    expect(first.attempts).toHaveLength(1);
    await new Promise((done) => setTimeout(done, 0));
    const until = (await backendsWithoutRealtime.getValue())['http://stand-in.test']!;
    expect(until - Date.now()).toBeGreaterThan(RETRY_REALTIME_AFTER_MS - 60_000);

    const later = fakeClient('CHANNEL_ERROR');
    expect(await watchGroupLive(later.client, 'g1')).toBe(false);
    expect(later.attempts).toEqual([]);
  });

  test('another backend URL, or the same one a day later, is tried again', async () => {
    await backendsWithoutRealtime.setValue({ 'http://stand-in.test': Date.now() - 1 });
    await backendUrl.setValue('http://stand-in.test');
    const stale = fakeClient('SUBSCRIBED');
    expect(await watchGroupLive(stale.client, 'g2')).toBe(true);
    expect(stale.attempts).toHaveLength(1);

    await backendsWithoutRealtime.setValue({ 'http://stand-in.test': Date.now() + RETRY_REALTIME_AFTER_MS });
    await backendUrl.setValue('https://project.supabase.co');
    const other = fakeClient('SUBSCRIBED');
    expect(await watchGroupLive(other.client, 'g2')).toBe(true);
    expect(other.attempts).toHaveLength(1);
  });

  test('a subscription that never answers is left alone for an hour only (a slow network is not the backend)', async () => {
    await backendUrl.setValue('https://slow.supabase.co');
    const slow = fakeClient('TIMED_OUT');
    expect(await watchGroupLive(slow.client, 'g3')).toBe(false);
    await new Promise((done) => setTimeout(done, 0));
    const until = (await backendsWithoutRealtime.getValue())['https://slow.supabase.co']!;
    expect(until - Date.now()).toBeLessThanOrEqual(RETRY_SILENT_AFTER_MS);
    expect(until - Date.now()).toBeGreaterThan(RETRY_SILENT_AFTER_MS - 60_000);
    expect(await watchGroupLive(fakeClient('SUBSCRIBED').client, 'g3')).toBe(false);
  });
});

describe('the Realtime socket is open only while a side panel watches', () => {
  afterEach(async () => {
    await stopWatching();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  test('the background’s client opens no socket until a group is watched, then one, closed when the watch ends', async () => {
    const opened: string[] = [];
    const closed: string[] = [];
    class CountingSocket extends EventTarget {
      static readonly CONNECTING = 0;
      static readonly OPEN = 1;
      static readonly CLOSING = 2;
      static readonly CLOSED = 3;
      readyState = 0;
      binaryType = 'arraybuffer';
      bufferedAmount = 0;
      constructor(url: string) {
        super();
        opened.push(url);
      }
      send() {}
      close() {
        this.readyState = 3;
        closed.push('close');
      }
    }
    vi.stubGlobal('WebSocket', CountingSocket);
    await backendUrl.setValue('https://project.supabase.co');
    const client = createReadclubClient('https://project.supabase.co', 'sb_publishable_test');
    await client.auth.getSession();
    await new Promise((done) => setTimeout(done, 50));
    expect(opened).toEqual([]);

    vi.spyOn(client.auth, 'getSession').mockResolvedValue({
      data: { session: { access_token: 'member-token' } },
      error: null,
    } as unknown as Awaited<ReturnType<typeof client.auth.getSession>>);
    void watchGroupLive(client, 'g-watched', 50);
    await expect.poll(() => opened.length).toBe(1);
    expect(opened[0]).toMatch(/^wss:\/\/project\.supabase\.co\/realtime\/v1\/websocket/);
    await stopWatching();
    await expect.poll(() => closed).toEqual(['close']);
    expect(client.realtime.isConnected()).toBe(false);
  });

  test('a watch the panel stops renewing lapses: the channel is left and the socket closed', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await backendUrl.setValue('https://lease.supabase.co');
    const fake = fakeClient('SUBSCRIBED');
    const live = watchGroupLive(fake.client, 'g-lease');
    await vi.advanceTimersByTimeAsync(0);
    expect(await live).toBe(true);

    // The panel asks again within the lease: the watch stays.
    await vi.advanceTimersByTimeAsync(WATCH_LEASE_MS - 1_000);
    expect(await watchGroupLive(fake.client, 'g-lease')).toBe(true);
    await vi.advanceTimersByTimeAsync(WATCH_LEASE_MS - 1_000);
    expect(fake.closed).toEqual([]);

    // No panel asks any more: the channel is left and the socket closed.
    await vi.advanceTimersByTimeAsync(2_000);
    expect(fake.closed).toEqual(['leave group:g-lease', 'disconnect']);
    expect(fake.attempts).toEqual(['group:g-lease']);
  });
});
