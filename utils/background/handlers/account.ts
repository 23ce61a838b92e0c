/**
 * The background's answers for the account: who is signed in, email-code sign-in, signing
 * out, the member's profile, and a change of backend in Options.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { cachedAccount } from '@/utils/shared/storage';
import { callRpc, rememberProfile } from '@/utils/background/rpc';
import { endSession, finishEmailSignIn, readStoredAccount, reconcileSessionBackend, startEmailSignIn } from '@/utils/background/session';
import { ok } from './reply';
import type { HandlerContext, Handlers } from './types';

type Names = 'getAccount' | 'sendSignInCode' | 'verifySignInCode' | 'signOut' | 'updateProfile' | 'myProfile' | 'backendChanged';

export function accountHandlers({ deps, getClient, kick }: HandlerContext): Pick<Handlers, Names> {
  return {
    async getAccount() {
      await reconcileSessionBackend();
      const stored = await readStoredAccount();
      const cached = await cachedAccount.getValue();
      // A name saved with updateProfile wins over the session's copy (which not every backend updates).
      const account = stored && cached?.userId === stored.userId ? { ...stored, displayName: cached.displayName } : stored;
      if (JSON.stringify(cached) !== JSON.stringify(account)) await cachedAccount.setValue(account);
      return ok(account);
    },

    async sendSignInCode({ email }) {
      await startEmailSignIn(await getClient(), email);
      return ok(null);
    },

    async verifySignInCode({ email, code }) {
      const account = await finishEmailSignIn(await getClient(), email, code);
      // What waited for this member's session goes now.
      void kick(true);
      return ok(account);
    },

    async signOut() {
      let client: SupabaseClient | null = null;
      try {
        client = await getClient();
      } catch {
        // Signing out must work even when the client cannot be built.
      }
      await endSession(client);
      deps.resetClient();
      return ok(null);
    },

    async updateProfile({ displayName, avatarUrl }) {
      const client = await getClient();
      const reply = await callRpc(client, 'update_profile', {
        p_display_name: displayName.trim(),
        p_avatar_url: avatarUrl?.trim() || null,
      });
      if (!reply.ok) return reply;
      return ok(await rememberProfile(client, reply.value.display_name));
    },

    async myProfile() {
      return callRpc(await getClient(), 'my_profile', {});
    },

    async backendChanged() {
      deps.resetClient();
      await reconcileSessionBackend();
      return ok(null);
    },
  };
}
