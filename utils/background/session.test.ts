import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { SupabaseClient } from '@supabase/supabase-js';
import {
  AUTH_STORAGE_KEY,
  accountFromUser,
  clearLocalSession,
  createAuthStorage,
  endSession,
  finishEmailSignIn,
  readStoredAccount,
  readStoredSession,
  reconcileSessionBackend,
  startEmailSignIn,
} from './session';
import { backendUrl, cachedAccount, cachedGroups, cachedQueues, pendingSignInEmail, sessionEndedFor } from '@/utils/shared/storage';

const user = { id: 'u1', email: 'ada@example.com', user_metadata: {} };
const session = { access_token: 'a', refresh_token: 'r', expires_at: 9_999_999_999, user };

beforeEach(() => fakeBrowser.reset());

describe('createAuthStorage', () => {
  it('stores, reads and removes strings in browser.storage.local', async () => {
    const s = createAuthStorage();
    expect(await s.getItem('k')).toBeNull();
    await s.setItem('k', '{"a":1}');
    expect(await s.getItem('k')).toBe('{"a":1}');
    expect(await fakeBrowser.storage.local.get('k')).toEqual({ k: '{"a":1}' });
    await s.removeItem('k');
    expect(await s.getItem('k')).toBeNull();
  });

  it('serialises a non-string value left in storage', async () => {
    await fakeBrowser.storage.local.set({ k: { a: 1 } });
    expect(await createAuthStorage().getItem('k')).toBe('{"a":1}');
  });

  it('uses the area it is given', async () => {
    const s = createAuthStorage(fakeBrowser.storage.session);
    await s.setItem('k', 'v');
    expect(await fakeBrowser.storage.local.get('k')).toEqual({});
    expect(await fakeBrowser.storage.session.get('k')).toEqual({ k: 'v' });
  });
});

describe('stored session', () => {
  it('reads the account with no client and no network', async () => {
    expect(await readStoredAccount()).toBeNull();
    await fakeBrowser.storage.local.set({ [AUTH_STORAGE_KEY]: JSON.stringify(session) });
    expect(await readStoredAccount()).toEqual({ userId: 'u1', email: 'ada@example.com', displayName: 'ada' });
  });

  it('ignores garbage and sessions without a refresh token', async () => {
    await fakeBrowser.storage.local.set({ [AUTH_STORAGE_KEY]: 'not json' });
    expect(await readStoredSession()).toBeNull();
    await fakeBrowser.storage.local.set({ [AUTH_STORAGE_KEY]: JSON.stringify({ ...session, refresh_token: '' }) });
    expect(await readStoredSession()).toBeNull();
  });

  it('prefers a display name from user metadata', () => {
    expect(accountFromUser({ ...user, user_metadata: { display_name: ' Ada L. ' } }).displayName).toBe('Ada L.');
    expect(accountFromUser({ ...user, user_metadata: { full_name: 'Ada Lovelace' } }).displayName).toBe('Ada Lovelace');
    expect(accountFromUser({ id: 'u', email: undefined, user_metadata: {} }).displayName).toBe('Reader');
  });

  it('drops the session when the backend URL changed', async () => {
    await reconcileSessionBackend(); // remembers the current backend
    await fakeBrowser.storage.local.set({ [AUTH_STORAGE_KEY]: JSON.stringify(session) });
    await cachedGroups.setValue([{ id: 'g', name: 'G', role: 'owner', member_count: 1, queue_count: 0 }]);
    await reconcileSessionBackend(); // unchanged: kept
    expect(await readStoredAccount()).not.toBeNull();
    await backendUrl.setValue('https://other.example.supabase.co');
    await reconcileSessionBackend();
    expect(await readStoredAccount()).toBeNull();
    expect(await cachedGroups.getValue()).toEqual([]);
  });
});

describe('email sign-in', () => {
  const client = (overrides: Record<string, unknown> = {}) =>
    ({
      auth: {
        signInWithOtp: vi.fn(async () => ({ data: {}, error: null })),
        verifyOtp: vi.fn(async () => ({ data: { user, session }, error: null })),
        signOut: vi.fn(async () => ({ error: null })),
        ...overrides,
      },
    }) as unknown as SupabaseClient & { auth: Record<string, ReturnType<typeof vi.fn>> };

  it('sends a code, creating the user, and remembers the email', async () => {
    const c = client();
    await startEmailSignIn(c, '  Ada@Example.com ');
    expect(c.auth.signInWithOtp).toHaveBeenCalledWith({ email: 'ada@example.com', options: { shouldCreateUser: true } });
    expect(await pendingSignInEmail.getValue()).toBe('ada@example.com');
  });

  it('refuses a malformed email before calling the server', async () => {
    const c = client();
    await expect(startEmailSignIn(c, 'ada')).rejects.toMatchObject({ kind: 'invalid' });
    expect(c.auth.signInWithOtp).not.toHaveBeenCalled();
  });

  it('verifies the code and caches the account', async () => {
    const c = client();
    await pendingSignInEmail.setValue('ada@example.com');
    const account = await finishEmailSignIn(c, 'ada@example.com', '123 456');
    expect(c.auth.verifyOtp).toHaveBeenCalledWith({ email: 'ada@example.com', token: '123456', type: 'email' });
    expect(account.userId).toBe('u1');
    expect(await cachedAccount.getValue()).toEqual(account);
    expect(await pendingSignInEmail.getValue()).toBeNull();
  });

  it('signs out locally even when the server cannot be reached', async () => {
    const c = client({
      signOut: vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    });
    await fakeBrowser.storage.local.set({ [AUTH_STORAGE_KEY]: JSON.stringify(session) });
    await cachedAccount.setValue({ userId: 'u1', email: 'ada@example.com', displayName: 'ada' });
    await cachedQueues.setValue({ g: { group: { id: 'g', name: 'G', role: 'owner' }, queue: [] } });
    await endSession(c);
    expect(await readStoredSession()).toBeNull();
    expect(await cachedAccount.getValue()).toBeNull();
    expect(await cachedQueues.getValue()).toEqual({});
  });

  it('remembers whose session ended on its own, not whose was ended by signing out, and forgets it at the next sign-in', async () => {
    await cachedAccount.setValue({ userId: 'u1', email: 'ada@example.com', displayName: 'ada' });
    await clearLocalSession(); // a refused refresh
    expect(await sessionEndedFor.getValue()).toBe('u1');
    await finishEmailSignIn(client(), 'ada@example.com', '123456');
    expect(await sessionEndedFor.getValue()).toBeNull();
    await endSession(client());
    expect(await sessionEndedFor.getValue()).toBeNull();
  });
});
