/**
 * The one Supabase client, owned by the background. Pages never import this file (it
 * would bundle supabase-js into them); they message the background instead.
 *
 * The client is rebuilt whenever the backend URL or key in storage differ from the ones
 * it was built with, so a changed setting applies on the next call even if the
 * backendChanged message was missed. Its session lives in browser.storage.local, so a
 * killed service worker loses nothing.
 */
import { createClient, type AuthChangeEvent, type Session, type SupabaseClient } from '@supabase/supabase-js';
import { backendKey, backendUrl, cachedAccount, cachedGroups, cachedQueues } from '@/utils/shared/storage';
import { AUTH_STORAGE_KEY, accountFromUser, createAuthStorage, reconcileSessionBackend } from './session';
import { withoutPageLifecycleListeners } from './page-lifecycle';

/**
 * Whether `key` is a secret (service-role) key, which must never ship in an extension:
 * a legacy JWT whose role claim is service_role, or a new-style sb_secret_ key.
 */
export function isSecretKey(key: string): boolean {
  if (key.startsWith('sb_secret_')) return true;
  const payload = key.split('.')[1];
  if (!payload) return false;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    return (JSON.parse(json) as { role?: unknown }).role === 'service_role';
  } catch {
    return false;
  }
}

/** Keep cachedAccount (and the caches that belong to it) in step with the session. */
export async function syncCachedAccount(event: AuthChangeEvent, session: Session | null): Promise<void> {
  if (event === 'SIGNED_OUT') {
    await Promise.all([cachedAccount.setValue(null), cachedGroups.setValue([]), cachedQueues.setValue({})]);
    return;
  }
  const next = session?.user ? accountFromUser(session.user) : null;
  const prev = await cachedAccount.getValue();
  if (JSON.stringify(prev) !== JSON.stringify(next)) await cachedAccount.setValue(next);
}

/** A new client for this backend. Refuses secret keys. */
export function createReadclubClient(url: string, anonKey: string): SupabaseClient {
  if (isSecretKey(anonKey)) {
    throw {
      kind: 'invalid',
      message: 'That is a secret (service-role) key. Readclub needs the publishable key (sb_publishable_…) or the legacy anon key.',
    };
  }
  // Realtime's socket is built here too; Firefox's background page must not hand it `pagehide` (page-lifecycle.ts).
  const client = withoutPageLifecycleListeners(() =>
    createClient(url, anonKey, {
      auth: {
        storage: createAuthStorage(),
        storageKey: AUTH_STORAGE_KEY,
        persistSession: true,
        autoRefreshToken: true,
        detectSessionInUrl: false,
        flowType: 'implicit',
      },
    }),
  );
  client.auth.onAuthStateChange((event, session) => {
    // Deferred: auth callbacks must not hold up the auth call that emitted them.
    setTimeout(() => void syncCachedAccount(event, session).catch(() => {}), 0);
  });
  return client;
}

let current: { url: string; key: string; client: Promise<SupabaseClient> } | null = null;

/** The client for the backend currently in storage, built on first use or after a change. */
export async function getSupabaseClient(): Promise<SupabaseClient> {
  const [url, key] = await Promise.all([backendUrl.getValue(), backendKey.getValue()]);
  if (current && current.url === url && current.key === key) return current.client;
  resetSupabaseClient();
  const client = reconcileSessionBackend().then(() => createReadclubClient(url, key));
  current = { url, key, client };
  client.catch(() => {
    if (current?.client === client) current = null;
  });
  return client;
}

/** Drop the client (backend settings changed, or the session was cleared behind its back). */
export function resetSupabaseClient(): void {
  const old = current;
  current = null;
  old?.client.then((c) => c.auth.stopAutoRefresh()).catch(() => {});
}
