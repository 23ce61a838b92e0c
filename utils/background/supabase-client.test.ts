import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createReadclubClient, getSupabaseClient, isSecretKey, resetSupabaseClient, syncCachedAccount } from './supabase-client';
import { AUTH_STORAGE_KEY, endSession } from './session';
import { backendKey, backendUrl, cachedAccount, cachedGroups } from '@/utils/shared/storage';
import type { Session } from '@supabase/supabase-js';

const b64 = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, '');
const jwt = (claims: object) => `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}.sig`;

const user = { id: 'u1', email: 'ada@example.com', user_metadata: {}, app_metadata: {}, aud: 'authenticated', created_at: '' };
const session = {
  access_token: jwt({ sub: 'u1', role: 'authenticated' }),
  refresh_token: 'r',
  token_type: 'bearer',
  expires_in: 3600,
  expires_at: Math.floor(Date.now() / 1000) + 3600,
  user,
};

let fetchSpy: ReturnType<typeof vi.fn>;
beforeEach(() => {
  fakeBrowser.reset();
  resetSupabaseClient();
  fetchSpy = vi.fn(async () => {
    throw new TypeError('Failed to fetch');
  });
  vi.stubGlobal('fetch', fetchSpy);
});
afterEach(() => {
  resetSupabaseClient();
  vi.unstubAllGlobals();
});

describe('isSecretKey', () => {
  it.each([
    [jwt({ role: 'anon' }), false],
    [jwt({ role: 'service_role' }), true],
    ['sb_publishable_abc', false],
    ['sb_secret_abc', true],
    ['not a jwt', false],
  ])('%s → %s', (key, secret) => expect(isSecretKey(key)).toBe(secret));

  it('the client refuses a service-role key', () => {
    expect(() => createReadclubClient('http://127.0.0.1:54321', jwt({ role: 'service_role' }))).toThrow();
    expect(() => createReadclubClient('http://127.0.0.1:54321', 'sb_secret_x')).toThrowError(
      expect.objectContaining({ kind: 'invalid' }) as Error,
    );
  });
});

describe('client factory', () => {
  it('keeps the session in browser.storage.local under readclub-auth', async () => {
    await fakeBrowser.storage.local.set({ [AUTH_STORAGE_KEY]: JSON.stringify(session) });
    const client = createReadclubClient('http://127.0.0.1:54321', jwt({ role: 'anon' }));
    const { data, error } = await client.auth.getSession();
    expect(error).toBeNull();
    expect(data.session?.user.id).toBe('u1');
    expect(fetchSpy).not.toHaveBeenCalled();
    // Offline, supabase-js keeps the session on sign-out (hence endSession's own clean-up).
    const out = await client.auth.signOut({ scope: 'local' });
    expect(out.error).not.toBeNull();
    expect(await fakeBrowser.storage.local.get(AUTH_STORAGE_KEY)).not.toEqual({});
    await endSession(client);
    expect(await fakeBrowser.storage.local.get(AUTH_STORAGE_KEY)).toEqual({});
    expect((await client.auth.getSession()).data.session).toBeNull();
    client.auth.stopAutoRefresh();
  });

  it('builds one client per backend and rebuilds when the settings change', async () => {
    await backendKey.setValue(jwt({ role: 'anon' }));
    const a = await getSupabaseClient();
    expect(await getSupabaseClient()).toBe(a);
    await backendUrl.setValue('http://localhost:9999');
    const b = await getSupabaseClient();
    expect(b).not.toBe(a);
    resetSupabaseClient();
    expect(await getSupabaseClient()).not.toBe(b);
  });

  it('does not cache a failed build', async () => {
    await backendKey.setValue('sb_secret_nope');
    await expect(getSupabaseClient()).rejects.toMatchObject({ kind: 'invalid' });
    await backendKey.setValue(jwt({ role: 'anon' }));
    await expect(getSupabaseClient()).resolves.toBeTruthy();
  });
});

describe('syncCachedAccount', () => {
  it('mirrors sign-in and clears caches on sign-out', async () => {
    await syncCachedAccount('SIGNED_IN', session as unknown as Session);
    expect(await cachedAccount.getValue()).toEqual({ userId: 'u1', email: 'ada@example.com', displayName: 'ada' });
    await cachedGroups.setValue([{ id: 'g', name: 'G', role: 'member', member_count: 2, queue_count: 1 }]);
    await syncCachedAccount('SIGNED_OUT', null);
    expect(await cachedAccount.getValue()).toBeNull();
    expect(await cachedGroups.getValue()).toEqual([]);
  });
});
