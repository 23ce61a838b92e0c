/**
 * The background's answers for the queue, meetings, what's new and live updates (issue 5):
 * handlers.ts spreads these into its table. Checks that need no server (an empty time, an
 * empty takeaway) answer here, so a typo costs no round trip.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Handlers } from '@/utils/background/handlers';
import { callRpc, refreshCachedQueue } from '@/utils/background/rpc';
import { meetingFields, NO_MEETING_TIME } from './meetings';
import { showNewsCount } from '@/utils/background/news-badge';
import { watchGroupLive } from '@/utils/background/live';

type QueueHandlerNames =
  | 'groupMeetings' | 'scheduleMeeting' | 'cancelMeeting' | 'editAgenda' | 'recordDiscussed' | 'finishMeeting'
  | 'groupNews' | 'markSeen' | 'watchGroup';

export function queueHandlers(getClient: () => Promise<SupabaseClient>): Pick<Handlers, QueueHandlerNames> {
  return {
    // Moving, taking off, votes and read marks: change-handlers.ts (kept in the outbox).
    async groupMeetings({ groupId }) {
      return callRpc(await getClient(), 'group_meetings', { p_group_id: groupId });
    },
    async scheduleMeeting({ groupId, ...meeting }) {
      const fields = meetingFields(meeting);
      if (!fields) return NO_MEETING_TIME;
      return callRpc(await getClient(), 'schedule_meeting', { p_group_id: groupId, ...fields });
    },
    async cancelMeeting({ meetingId }) {
      return callRpc(await getClient(), 'cancel_meeting', { p_meeting_id: meetingId });
    },
    async editAgenda({ meetingId, itemId, action, beforeItemId }) {
      return callRpc(await getClient(), 'edit_agenda', {
        p_meeting_id: meetingId, p_item_id: itemId, p_action: action, p_before_item_id: beforeItemId ?? null,
      });
    },
    async recordDiscussed({ meetingId, itemId, discussed, takeaway }) {
      return callRpc(await getClient(), 'record_discussed', {
        p_meeting_id: meetingId, p_item_id: itemId, p_discussed: discussed, p_takeaway: takeaway.trim() || null,
      });
    },
    async finishMeeting({ meetingId }) {
      const client = await getClient();
      const reply = await callRpc(client, 'finish_meeting', { p_meeting_id: meetingId });
      // Discussed items left the queue: the side panel's cached copy follows.
      if (reply.ok) await refreshCachedQueue(client, reply.value.group_id);
      return reply;
    },

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
      return { ok: true, value: await watchGroupLive(await getClient(), groupId) };
    },
  };
}
