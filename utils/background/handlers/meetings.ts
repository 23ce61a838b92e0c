/**
 * The background's answer for editing a meeting (issue 5): the next meeting's time, title,
 * place and lead change in place, so its edited agenda is kept. Beside queue-handlers.ts,
 * which answers the rest of the meeting messages; handlers.ts spreads both into its table.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Handlers } from '@/utils/background/handlers';
import { callRpc } from '@/utils/background/rpc';

/** A meeting's time, title, place and lead as schedule_meeting and edit_meeting take them; null for an empty or unreadable time (no round trip for it: the form keeps what was typed). */
export function meetingFields(m: { startsAt: string; title: string; place: string; leadId: string | null }) {
  const at = new Date(m.startsAt);
  if (!m.startsAt || Number.isNaN(at.getTime())) return null;
  return { p_starts_at: at.toISOString(), p_title: m.title.trim() || null, p_place: m.place.trim() || null, p_lead_id: m.leadId };
}

export const NO_MEETING_TIME = { ok: false as const, error: { kind: 'invalid' as const, message: 'Pick a date and time for the meeting.' } };

export function meetingHandlers(getClient: () => Promise<SupabaseClient>): Pick<Handlers, 'editMeeting'> {
  return {
    async editMeeting({ meetingId, ...meeting }) {
      const fields = meetingFields(meeting);
      if (!fields) return NO_MEETING_TIME;
      return callRpc(await getClient(), 'edit_meeting', { p_meeting_id: meetingId, ...fields });
    },
  };
}
