/**
 * The background's answers for what's new in a group (the toolbar badge counts it) and for
 * live updates of the group the side panel shows.
 */
import { callRpc } from '@/utils/background/rpc';
import { showNewsCount } from '@/utils/background/news-badge';
import { watchGroupLive } from '@/utils/background/live';
import { ok } from './reply';
import type { GetClient, Handlers } from './types';

export function newsHandlers(getClient: GetClient): Pick<Handlers, 'groupNews' | 'markSeen' | 'watchGroup'> {
  return {
    async groupNews({ groupId }) {
      const reply = await callRpc(await getClient(), 'group_news', { p_group_id: groupId });
      if (reply.ok) await showNewsCount(groupId, reply.value.new_items.length);
      return reply;
    },
    async markSeen({ groupId }) {
      const reply = await callRpc(await getClient(), 'mark_seen', { p_group_id: groupId });
      if (reply.ok) await showNewsCount(groupId, 0);
      return reply;
    },
    async watchGroup({ groupId }) {
      return ok(await watchGroupLive(await getClient(), groupId));
    },
  };
}
