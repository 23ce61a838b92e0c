/**
 * The session the background keeps for supabase-js: a storage adapter over
 * browser.storage.local (the service worker has no localStorage and may be killed at any
 * time), cheap reads of the stored session, and email-code sign-in.
 *
 * Type-only imports from supabase-js: nothing here pulls the client into a bundle.
 */
import { browser, type Browser } from '#imports';
import type { SupabaseClient, SupportedStorage, User } from '@supabase/supabase-js';
import type { Account } from '@/utils/shared/protocol';
import { backendUrl, cachedAccount, cachedGroups, cachedQueues, pendingSignInEmail, sessionEndedFor } from '@/utils/shared/storage';
import { SIGNED_OUT_MESSAGE } from './errors';

/** supabase-js keeps the session JSON under this browser.storage.local key. */
export const AUTH_STORAGE_KEY = 'readclub-auth';
/** The backend URL the stored session belongs to; a session is meaningless on another one. */
const AUTH_BACKEND_KEY = 'readclub-auth-backend';

type StorageArea = Pick<Browser.storage.StorageArea, 'get' | 'set' | 'remove'>;

/** supabase-js's storage interface over an extension storage area (local by default). */
export function createAuthStorage(area: StorageArea = browser.storage.local): SupportedStorage {
  return {
    async getItem(key) {
      const found = await area.get(key);
      const value = found[key];
      return typeof value === 'string' ? value : value == null ? null : JSON.stringify(value);
    },
    async setItem(key, value) {
      await area.set({ [key]: value });
    },
    async removeItem(key) {
      await area.remove(key);
    },
  };
}

interface StoredSession {
  access_token?: string;
  refresh_token?: string;
  expires_at?: number;
  user?: User | null;
}

/** The session supabase-js last stored, without asking the network (it may be expired). */
export async function readStoredSession(area: StorageArea = browser.storage.local): Promise<StoredSession | null> {
  const raw = await createAuthStorage(area).getItem(AUTH_STORAGE_KEY);
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return null;
    const session = parsed as StoredSession;
    // A session with no refresh token cannot be renewed, so nobody is signed in.
    return session.refresh_token ? session : null;
  } catch {
    return null;
  }
}

type UserLike = Pick<User, 'id' | 'email' | 'user_metadata'>;

/** How the rest of the extension sees a Supabase user. */
export function accountFromUser(user: UserLike): Account {
  const email = user.email ?? '';
  const meta = (user.user_metadata ?? {}) as Record<string, unknown>;
  const named = [meta.display_name, meta.full_name, meta.name].find((v): v is string => typeof v === 'string' && v.trim() !== '');
  const localPart = email.split('@')[0] ?? '';
  return { userId: user.id, email, displayName: named?.trim() || localPart || 'Reader' };
}

/** The signed-in account from the stored session: no network, no client. */
export async function readStoredAccount(area: StorageArea = browser.storage.local): Promise<Account | null> {
  const session = await readStoredSession(area);
  return session?.user?.id ? accountFromUser(session.user) : null;
}

/**
 * Whether an error from getSession means this session is over: the server refused its
 * refresh token (revoked, reused, signed out everywhere) after the access token expired.
 * supabase-js leaves such a session in storage when an earlier proactive refresh already
 * failed (it answers later calls from a cached failure), so the member would look signed in
 * while every call fails. Network failures, server errors and rate limits are not verdicts.
 */
export function isSessionOver(error: unknown): boolean {
  const e = error as { name?: unknown; status?: unknown } | null;
  return e?.name === 'AuthApiError' && typeof e.status === 'number' && e.status >= 400 && e.status < 500 && e.status !== 429;
}

/**
 * Forget the session and everything cached for the person who held it, remembering who it
 * was (sessionEndedFor) unless they signed out themselves.
 */
export async function clearLocalSession(area: StorageArea = browser.storage.local, deliberate = false): Promise<void> {
  const holder = deliberate ? null : ((await cachedAccount.getValue())?.userId ?? (await sessionEndedFor.getValue()));
  await area.remove([AUTH_STORAGE_KEY, `${AUTH_STORAGE_KEY}-code-verifier`, `${AUTH_STORAGE_KEY}-user`]);
  await Promise.all([cachedAccount.setValue(null), cachedGroups.setValue([]), cachedQueues.setValue({}), sessionEndedFor.setValue(holder)]);
}

/**
 * The stored session belongs to the backend it was made on. When the backend URL has
 * changed since, drop it (and the caches) so nobody appears signed in to a server that
 * never saw them. Storage only; safe to call before every use.
 */
export async function reconcileSessionBackend(area: StorageArea = browser.storage.local): Promise<void> {
  const url = await backendUrl.getValue();
  const found = await area.get(AUTH_BACKEND_KEY);
  const owner = found[AUTH_BACKEND_KEY];
  if (owner === url) return;
  if (typeof owner === 'string') await clearLocalSession(area);
  await area.set({ [AUTH_BACKEND_KEY]: url });
}

/** Throwable marker for input we refuse before calling the server. */
function invalid(message: string) {
  return { kind: 'invalid' as const, message };
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Step 1 of sign-in: email a one-time code (creating the account on first use). */
export async function startEmailSignIn(client: SupabaseClient, rawEmail: string): Promise<void> {
  const email = normaliseEmail(rawEmail);
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw invalid('Enter your email address, like name@example.com.');
  const { error } = await client.auth.signInWithOtp({ email, options: { shouldCreateUser: true } });
  if (error) throw error;
  await pendingSignInEmail.setValue(email);
}

/** Step 2 of sign-in: exchange the emailed code for a session (stored by supabase-js). */
export async function finishEmailSignIn(client: SupabaseClient, rawEmail: string, rawCode: string): Promise<Account> {
  const email = normaliseEmail(rawEmail);
  const token = rawCode.replace(/\s+/g, '');
  if (!email) throw invalid('Enter the email address the code was sent to.');
  if (!/^\d{6,10}$/.test(token)) throw invalid('Enter the code from the email — just the digits.');
  const { data, error } = await client.auth.verifyOtp({ email, token, type: 'email' });
  if (error) throw error;
  if (!data.user || !data.session) throw { kind: 'signed-out' as const, message: SIGNED_OUT_MESSAGE };
  const account = accountFromUser(data.user);
  await Promise.all([cachedAccount.setValue(account), pendingSignInEmail.setValue(null), sessionEndedFor.setValue(null)]);
  return account;
}

/**
 * Sign out of this browser. The server is told when it can be reached; the local session
 * and caches go either way, so signing out always works offline.
 */
export async function endSession(client: SupabaseClient | null, area: StorageArea = browser.storage.local): Promise<void> {
  if (client) {
    try {
      await client.auth.signOut({ scope: 'local' });
    } catch {
      // Unreachable server or broken client: the local clean-up below is what matters.
    }
  }
  await clearLocalSession(area, true);
}
