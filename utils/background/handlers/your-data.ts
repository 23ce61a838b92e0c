/** The background's answers for the member's data: a group's export, and deleting the account. */
import { fetchGroupExport } from '@/utils/background/export-pages';
import { callRpc, forgetAccount } from '@/utils/background/rpc';
import { endSession, readStoredAccount } from '@/utils/background/session';
import type { HandlerContext, Handlers } from './types';

export function yourDataHandlers({ deps, getClient }: HandlerContext): Pick<Handlers, 'exportGroup' | 'deleteAccount'> {
  return {
    async exportGroup({ groupId }) {
      const client = await getClient();
      return fetchGroupExport((args) => callRpc(client, 'export_group', args), groupId);
    },

    async deleteAccount({ confirm }) {
      const client = await getClient();
      const account = await readStoredAccount();
      const reply = await callRpc(client, 'delete_account', { p_confirm: confirm.trim() });
      if (!reply.ok) return reply;
      // The server has forgotten this account: sign out here and forget it too.
      await endSession(client);
      if (account) await forgetAccount(account.userId);
      deps.resetClient();
      return reply;
    },
  };
}
