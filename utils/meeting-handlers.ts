/**
 * The background's answer for editing a meeting (issue 5): the next meeting's time, title,
 * place and lead change in place, so its edited agenda is kept. Beside queue-handlers.ts,
 * which answers the rest of the meeting messages; handlers.ts spreads both into its table.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Handlers } from './handlers';
import { callRpc } from './library';

export function meetingHandlers(getClient: () => Promise<SupabaseClient>): Pick<Handlers, 'editMeeting'> {
  return {
    async editMeeting({ meetingId, startsAt, title, place, leadId }) {
      const at = new Date(startsAt);
      // No round trip for an empty or unreadable time: the form keeps what was typed.
      if (!startsAt || Number.isNaN(at.getTime())) {
        return { ok: false, error: { kind: 'invalid', message: 'Pick a date and time for the meeting.' } };
      }
      return callRpc(await getClient(), 'edit_meeting', {
        p_meeting_id: meetingId,
        p_starts_at: at.toISOString(),
        p_title: title.trim() || null,
        p_place: place.trim() || null,
        p_lead_id: leadId,
      });
    },
  };
}
