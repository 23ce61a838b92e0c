/** Owners and admins schedule the next meeting: when, an optional title, place or call link, and a lead. */
import { useEffect, useState } from 'preact/hooks';
import type { Meeting, Member } from '@/utils/api-types';
import type { UserError } from '@/utils/protocol';
import { ask } from '@/utils/ui-ask';
import { Alert } from './Bits';

export function MeetingForm({ groupId, onScheduled }: { groupId: string; onScheduled: (meeting: Meeting) => void }) {
  const [when, setWhen] = useState('');
  const [title, setTitle] = useState('');
  const [place, setPlace] = useState('');
  const [leadId, setLeadId] = useState('');
  const [members, setMembers] = useState<Member[]>([]);
  const [error, setError] = useState<UserError | string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void ask('groupMembers', { groupId }).then((r) => r.ok && setMembers(r.value));
  }, [groupId]);

  async function submit(e: Event) {
    e.preventDefault();
    // datetime-local is the member's local time; the background sends it as an instant.
    if (!when) return setError('Pick a date and time for the meeting.');
    setBusy(true);
    const reply = await ask('scheduleMeeting', { groupId, startsAt: new Date(when).toISOString(), title, place, leadId: leadId || null });
    setBusy(false);
    if (!reply.ok) return setError(reply.error);
    setError(null);
    onScheduled(reply.value);
  }
  return (
    <form class="card stack" onSubmit={submit} aria-labelledby="schedule-title" data-testid="meeting-form">
      <h2 id="schedule-title">Schedule the next meeting</h2>
      <div class="field"><label for="meeting-when">Date and time</label>
        <input id="meeting-when" type="datetime-local" value={when} onInput={(e) => setWhen(e.currentTarget.value)} /></div>
      <div class="field"><label for="meeting-title">Title (optional)</label>
        <input id="meeting-title" maxLength={120} value={title} onInput={(e) => setTitle(e.currentTarget.value)} /></div>
      <div class="field"><label for="meeting-place">Place or call link (optional)</label>
        <input id="meeting-place" maxLength={500} value={place} onInput={(e) => setPlace(e.currentTarget.value)} /></div>
      <div class="field"><label for="meeting-lead">Discussion lead</label>
        <select id="meeting-lead" value={leadId} onChange={(e) => setLeadId(e.currentTarget.value)}>
          <option value="">Nobody named</option>
          {members.map((m) => <option key={m.id} value={m.id}>{m.display_name}</option>)}
        </select></div>
      <Alert error={error} />
      <p class="hint">The top five of the queue become the agenda; you can change it afterwards.</p>
      <button type="submit" disabled={busy}>Schedule</button>
    </form>
  );
}
