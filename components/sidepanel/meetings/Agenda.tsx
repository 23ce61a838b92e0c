/**
 * A meeting's agenda. Owners and admins of an unfinished meeting add items from the queue,
 * remove and reorder them, record what was discussed with takeaways, then finish the
 * meeting (discussed items leave the queue; the rest carry over) or cancel it.
 */
import { useState } from 'preact/hooks';
import type { Meeting } from '@/utils/shared/api-types';
import type { Reply, UserError } from '@/utils/shared/protocol';
import { cachedQueues } from '@/utils/shared/storage';
import { ask } from '@/utils/ui/ask';
import { useStored } from '@/utils/ui/hooks';
import { AgendaItemRow } from './AgendaItemRow';
import { Alert } from '@/components/common/Bits';

export interface AgendaProps {
  meeting: Meeting;
  groupId: string;
  canManage: boolean;
  /** The meeting as it is now; null when it is gone (cancelled) or must be read again. */
  onChanged: (meeting: Meeting | null) => void;
  /** Open an item's discussion from its title. */
  onOpen?: (itemId: string) => void;
}

export function Agenda({ meeting, groupId, canManage, onChanged, onOpen }: AgendaProps) {
  const queue = useStored(cachedQueues)?.[groupId]?.queue ?? [];
  const [error, setError] = useState<UserError | null>(null);
  const [adding, setAdding] = useState('');
  const open = canManage && !meeting.ended_at;
  const ids = meeting.agenda.map((a) => a.item_id);
  const addable = queue.filter((e) => !ids.includes(e.item_id));

  async function run(work: Promise<Reply<Meeting | null>>) {
    const reply = await work;
    if (!reply.ok) return (setError(reply.error), onChanged(null));
    setError(null);
    onChanged(reply.value);
  }
  const edit = (itemId: string, action: 'add' | 'remove' | 'move', beforeItemId?: string | null) =>
    run(ask('editAgenda', { meetingId: meeting.id, itemId, action, beforeItemId }));

  return (
    <div class="stack">
      <Alert error={error} />
      {meeting.agenda.length === 0 ? (
        <p class="hint">Nothing on the agenda.</p>
      ) : (
        <ol class="agenda" aria-label={meeting.ended_at ? 'What was on the agenda' : 'Agenda'} data-testid="agenda">
          {meeting.agenda.map((a, i) => (
            <AgendaItemRow
              key={a.item_id}
              item={a}
              open={open}
              onOpen={onOpen && (() => onOpen(a.item_id))}
              onMove={
                i > 0 || i < ids.length - 1 ? (step) => edit(a.item_id, 'move', step < 0 ? ids[i - 1] : (ids[i + 2] ?? null)) : undefined
              }
              first={i === 0}
              last={i === ids.length - 1}
              onRemove={() => edit(a.item_id, 'remove')}
              onRecord={(discussed, takeaway) =>
                run(ask('recordDiscussed', { meetingId: meeting.id, itemId: a.item_id, discussed, takeaway }))
              }
            />
          ))}
        </ol>
      )}
      {open && addable.length > 0 && (
        <div class="row">
          <label for={`agenda-add-${meeting.id}`}>Add from the queue</label>
          <select id={`agenda-add-${meeting.id}`} value={adding} onChange={(e) => setAdding(e.currentTarget.value)}>
            <option value="">Choose an item…</option>
            {addable.map((e) => (
              <option key={e.item_id} value={e.item_id}>
                {e.title}
              </option>
            ))}
          </select>
          <button type="button" class="secondary small" disabled={!adding} onClick={() => (void edit(adding, 'add'), setAdding(''))}>
            Add
          </button>
        </div>
      )}
      {open && (
        <div class="row">
          <button type="button" onClick={() => run(ask('finishMeeting', { meetingId: meeting.id }))}>
            Finish meeting
          </button>
          <button type="button" class="secondary" onClick={() => run(ask('cancelMeeting', { meetingId: meeting.id }))}>
            Cancel meeting
          </button>
          <span class="hint">Finishing takes discussed items off the queue; the rest carry over.</span>
        </div>
      )}
    </div>
  );
}
