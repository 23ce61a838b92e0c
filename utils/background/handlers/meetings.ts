/**
 * The background's answers for meetings: the group's meetings, scheduling, editing (time,
 * title, place and lead change in place, so an edited agenda is kept), cancelling, the
 * agenda, what was discussed, and finishing. Checks that need no server (an empty time, an
 * empty takeaway) answer here, so a typo costs no round trip.
 */
import { callRpc, refreshCachedQueue } from '@/utils/background/rpc';
import { invalid } from './reply';
import type { GetClient, Handlers } from './types';

/** A meeting's time, title, place and lead as schedule_meeting and edit_meeting take them; null for an empty or unreadable time (no round trip for it: the form keeps what was typed). */
export function meetingFields(m: { startsAt: string; title: string; place: string; leadId: string | null }) {
  const at = new Date(m.startsAt);
  if (!m.startsAt || Number.isNaN(at.getTime())) return null;
  return { p_starts_at: at.toISOString(), p_title: m.title.trim() || null, p_place: m.place.trim() || null, p_lead_id: m.leadId };
}

export const NO_MEETING_TIME = invalid('Pick a date and time for the meeting.');

type Names = 'groupMeetings' | 'scheduleMeeting' | 'editMeeting' | 'cancelMeeting' | 'editAgenda' | 'recordDiscussed' | 'finishMeeting';

export function meetingHandlers(getClient: GetClient): Pick<Handlers, Names> {
  return {
    async groupMeetings({ groupId }) {
      return callRpc(await getClient(), 'group_meetings', { p_group_id: groupId });
    },
    async scheduleMeeting({ groupId, ...meeting }) {
      const fields = meetingFields(meeting);
      if (!fields) return NO_MEETING_TIME;
      return callRpc(await getClient(), 'schedule_meeting', { p_group_id: groupId, ...fields });
    },
    async editMeeting({ meetingId, ...meeting }) {
      const fields = meetingFields(meeting);
      if (!fields) return NO_MEETING_TIME;
      return callRpc(await getClient(), 'edit_meeting', { p_meeting_id: meetingId, ...fields });
    },
    async cancelMeeting({ meetingId }) {
      return callRpc(await getClient(), 'cancel_meeting', { p_meeting_id: meetingId });
    },
    async editAgenda({ meetingId, itemId, action, beforeItemId }) {
      return callRpc(await getClient(), 'edit_agenda', {
        p_meeting_id: meetingId,
        p_item_id: itemId,
        p_action: action,
        p_before_item_id: beforeItemId ?? null,
      });
    },
    async recordDiscussed({ meetingId, itemId, discussed, takeaway }) {
      return callRpc(await getClient(), 'record_discussed', {
        p_meeting_id: meetingId,
        p_item_id: itemId,
        p_discussed: discussed,
        p_takeaway: takeaway.trim() || null,
      });
    },
    async finishMeeting({ meetingId }) {
      const client = await getClient();
      const reply = await callRpc(client, 'finish_meeting', { p_meeting_id: meetingId });
      // Discussed items left the queue: the side panel's cached copy follows.
      if (reply.ok) await refreshCachedQueue(client, reply.value.group_id);
      return reply;
    },
  };
}
