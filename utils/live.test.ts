import { beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { SupabaseClient } from '@supabase/supabase-js';
import { RETRY_REALTIME_AFTER_MS, RETRY_SILENT_AFTER_MS, watchGroupLive } from './live';
import { backendUrl, backendsWithoutRealtime } from './storage';

/** A client whose Realtime answers every subscription with `status`; counts the attempts. */
function fakeClient(status: string) {
  const attempts: string[] = [];
  const channel = {
    on: () => channel,
    subscribe: (callback: (s: string) => void) => (setTimeout(() => callback(status), 0), channel),
  };
  const client = {
    channel: (name: string) => (attempts.push(name), channel),
    removeChannel: async () => 'ok',
  } as unknown as SupabaseClient;
  return { client, attempts };
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('live updates without Realtime', () => {
  test('a refused backend is remembered by URL: a new client (a restarted worker) makes no attempt (issue 7)', async () => {
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
