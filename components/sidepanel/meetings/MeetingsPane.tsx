/**
 * The Meetings tab: the next meeting with its agenda (or, for owners and admins, the form to
 * schedule one), then past meetings with what was discussed. Reloads with the panel.
 */
import { useEffect, useState } from 'preact/hooks';
import type { GroupMeetings, Meeting } from '@/utils/shared/api-types';
import type { UserError } from '@/utils/shared/protocol';
import { meetingWhen } from '@/utils/ui/meeting-markdown';
import { ask } from '@/utils/ui/ask';
import type { NewsMarks } from '@/utils/ui/news';
import { Agenda } from './Agenda';
import { Alert, Loading } from '@/components/common/Bits';
import { MeetingExport } from './MeetingExport';
import { MeetingForm } from './MeetingForm';
import { WebLink } from '@/components/common/WebLink';

export interface MeetingsPaneProps {
  groupId: string;
  groupName: string;
  /** Changes on every panel refresh: load again. */
  looks?: number;
  news?: NewsMarks;
  /** Open an agenda item's discussion. */
  onOpen?: (itemId: string) => void;
}

export function MeetingsPane({ groupId, groupName, looks = 0, news, onOpen }: MeetingsPaneProps) {
  const [meetings, setMeetings] = useState<GroupMeetings | null>(null);
  const [error, setError] = useState<UserError | null>(null);
  const [editing, setEditing] = useState(false);
  async function load() {
    const reply = await ask('groupMeetings', { groupId });
    if (reply.ok) {
      setMeetings(reply.value);
      setError(null);
    } else setError(reply.error);
  }
  // eslint-disable-next-line react-hooks/exhaustive-deps -- runs again when these change, with this render's function (a new one each render)
  useEffect(() => void load(), [groupId, looks]);
  const changed = (next: Meeting | null) => (
    next ? setMeetings((m) => m && { ...m, next: next.ended_at ? null : next }) : null,
    void load()
  );

  if (!meetings) return error ? <Alert error={error} /> : <Loading text="Loading meetings…" />;
  const { next, past, can_manage } = meetings;
  return (
    <div class="stack" data-testid="meetings">
      <Alert error={error} />
      {next && editing ? (
        <MeetingForm groupId={groupId} meeting={next} onSaved={(m) => (setEditing(false), changed(m))} onCancel={() => setEditing(false)} />
      ) : next ? (
        <section class="card stack" aria-labelledby="next-meeting" data-testid="next-meeting">
          <h2 id="next-meeting">
            Next: {next.title ?? 'Meeting'}{' '}
            {news?.meeting?.id === next.id && (
              <span class="chip new" data-testid="new-meeting">
                {news.meeting.changed ? 'Changed' : 'New'}
              </span>
            )}
          </h2>
          <MeetingFacts meeting={next} />
          {can_manage && (
            <button type="button" class="link" onClick={() => setEditing(true)}>
              Change time, place or lead
            </button>
          )}
          <Agenda meeting={next} groupId={groupId} canManage={can_manage} onChanged={changed} onOpen={onOpen} />
          <MeetingExport meeting={next} groupName={groupName} />
        </section>
      ) : can_manage ? (
        <MeetingForm groupId={groupId} onSaved={changed} />
      ) : (
        <p class="hint">No meeting scheduled yet. Owners and admins schedule meetings.</p>
      )}
      {past.length > 0 && <h2>Past meetings</h2>}
      {past.map((m) => (
        <details key={m.id} class="card" data-testid="past-meeting">
          <summary>
            {m.title ?? 'Meeting'} · {meetingWhen(m.starts_at)}
          </summary>
          <MeetingFacts meeting={m} />
          <Agenda meeting={m} groupId={groupId} canManage={false} onChanged={changed} onOpen={onOpen} />
          <MeetingExport meeting={m} groupName={groupName} />
        </details>
      ))}
    </div>
  );
}

function MeetingFacts({ meeting }: { meeting: Meeting }) {
  return (
    <p class="meta">
      <span>{meetingWhen(meeting.starts_at)}</span>
      {meeting.place && <WebLink url={meeting.place}>{meeting.place}</WebLink>}
      {meeting.lead && <span>Led by {meeting.lead.display_name}</span>}
    </p>
  );
}
