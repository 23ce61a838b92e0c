/**
 * Owners and admins schedule the next meeting (when, an optional title, place or call link,
 * and a lead), or change the one scheduled: given `meeting`, the form starts from it and
 * saves through editMeeting, which keeps its agenda.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Meeting, Member } from '@/utils/shared/api-types';
import type { UserError } from '@/utils/shared/protocol';
import { ask } from '@/utils/ui/ask';
import { Alert } from '@/components/common/Bits';

export interface MeetingFormProps {
  groupId: string;
  /** The meeting to change; none: schedule a new one. */
  meeting?: Meeting;
  onSaved: (meeting: Meeting) => void;
  onCancel?: () => void;
}

/** An instant as a datetime-local value, in the member's own time zone. */
export function localInput(iso: string): string {
  const d = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}

export function MeetingForm({ groupId, meeting, onSaved, onCancel }: MeetingFormProps) {
  const was = meeting ? localInput(meeting.starts_at) : '';
  const [when, setWhen] = useState(was);
  const [title, setTitle] = useState(meeting?.title ?? '');
  const [place, setPlace] = useState(meeting?.place ?? '');
  const [leadId, setLeadId] = useState(meeting?.lead?.id ?? '');
  const [members, setMembers] = useState<Member[]>([]);
  const [error, setError] = useState<UserError | string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => void ask('groupMembers', { groupId }).then((r) => r.ok && setMembers(r.value)), [groupId]);

  async function submit(e: Event) {
    e.preventDefault();
    if (!when) return setError('Pick a date and time for the meeting.');
    // datetime-local is the member's local time; an unchanged time may have passed (a meeting under way).
    const at = new Date(when);
    if (when !== was && at.getTime() < Date.now()) return setError('That time has already passed. Pick a time in the future.');
    setBusy(true);
    const fields = { startsAt: at.toISOString(), title, place, leadId: leadId || null };
    const reply = await (meeting
      ? ask('editMeeting', { meetingId: meeting.id, ...fields })
      : ask('scheduleMeeting', { groupId, ...fields }));
    setBusy(false);
    if (!reply.ok) return setError(reply.error);
    setError(null);
    onSaved(reply.value);
  }
  const id = (name: string) => `meeting-${name}${meeting ? '-edit' : ''}`;
  return (
    <form class="card stack" onSubmit={submit} aria-labelledby={id('heading')} data-testid="meeting-form">
      <h2 id={id('heading')}>{meeting ? 'Change the meeting' : 'Schedule the next meeting'}</h2>
      <div class="field">
        <label for={id('when')}>Date and time</label>
        <input id={id('when')} type="datetime-local" value={when} onInput={(e) => setWhen(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for={id('title')}>Title (optional)</label>
        <input id={id('title')} maxLength={120} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for={id('place')}>Place or call link (optional)</label>
        <input id={id('place')} maxLength={500} value={place} onInput={(e) => setPlace(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for={id('lead')}>Discussion lead</label>
        <select id={id('lead')} value={leadId} onChange={(e) => setLeadId(e.currentTarget.value)}>
          <option value="">Nobody named</option>
          {members.map((m) => (
            <option key={m.id} value={m.id}>
              {m.display_name}
            </option>
          ))}
        </select>
      </div>
      <Alert error={error} />
      {!meeting && <p class="hint">The top five of the queue become the agenda; you can change it afterwards.</p>}
      <div class="row">
        <button type="submit" disabled={busy}>
          {meeting ? 'Save changes' : 'Schedule'}
        </button>
        {onCancel && (
          <button type="button" class="secondary" onClick={onCancel}>
            Keep as it was
          </button>
        )}
      </div>
    </form>
  );
}
