/**
 * The Queue tab: the queue in its own order or "most wanted" (by votes), its total reading
 * time, and per entry voting, read marks, moving (buttons, Alt+↑/↓ on a focused card, or
 * drag and drop) and taking off. Each move is one move_queue_entry relative to the queue as
 * it is on the server, so two members moving at once keep both moves. Moves are announced.
 * Offline, each change waits in the outbox (listed here) and the queue shows it already.
 */
import { useState } from 'preact/hooks';
import type { GroupQueue, QueueEntry } from '@/utils/api-types';
import type { UserError } from '@/utils/protocol';
import { cachedQueues } from '@/utils/storage';
import { dropTarget, durationLabel, mostWanted, stepTarget, totalMinutes } from '@/utils/queue-order';
import { ask } from '@/utils/ui-ask';
import type { NewsMarks } from '@/utils/ui-news';
import { Alert } from './Bits';
import { OutboxList } from './OutboxList';
import { QueueEntryActions } from './QueueEntryActions';
import { QueueList } from './QueueList';
import { NewMark } from './NewMark';

export interface QueuePaneProps {
  queue: GroupQueue;
  news: NewsMarks;
  onOpen: (itemId: string) => void;
  /** A change answered with the whole queue (move, remove) or needing a fresh one (null). */
  onChanged: (queue: GroupQueue | null) => void;
}

export function QueuePane({ queue, news, onOpen, onChanged }: QueuePaneProps) {
  const [wanted, setWanted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UserError | null>(null);
  const [said, setSaid] = useState('');
  const [dragged, setDragged] = useState<string | null>(null);
  const entries = queue.queue;
  const shown = wanted ? mostWanted(entries) : entries;

  async function run<T>(work: Promise<{ ok: true; value: T } | { ok: false; error: UserError }>, done: (value: T) => void) {
    setBusy(true);
    const reply = await work;
    setBusy(false);
    if (!reply.ok) {
      setError(reply.error);
      // Kept in the outbox: the cached queue already shows it as it will be (outbox-overlay.ts).
      return onChanged(reply.error.kind === 'queued' ? (await cachedQueues.getValue())[queue.group.id] ?? null : null);
    }
    setError(null);
    done(reply.value);
  }
  function move(entry: QueueEntry, beforeItemId: string | null | undefined) {
    if (beforeItemId === undefined) return;
    void run(ask('moveQueueEntry', { itemId: entry.item_id, beforeItemId }), (next) => {
      onChanged(next);
      const at = next.queue.findIndex((e) => e.item_id === entry.item_id) + 1;
      setSaid(`${entry.title} moved to number ${at} of ${next.queue.length}.`);
    });
  }
  const refresh = () => onChanged(null);

  return (
    <div class="stack">
      <div class="row queue-head">
        <span class="hint" data-testid="queue-total">{entries.length} queued · {durationLabel(totalMinutes(entries))} of reading</span>
        <label class="check"><input type="checkbox" checked={wanted} onChange={() => setWanted(!wanted)} /> Most wanted first</label>
      </div>
      <Alert error={error} />
      <OutboxList />
      <p class="sr-only" aria-live="polite" data-testid="queue-announce">{said}</p>
      <QueueList entries={shown} onOpen={onOpen} decorate={(entry) => ({
        attrs: wanted ? {} : {
          draggable: !busy,
          tabIndex: 0,
          'aria-keyshortcuts': 'Alt+ArrowUp Alt+ArrowDown',
          onDragStart: (e) => (setDragged(entry.item_id), e.dataTransfer?.setData('text/plain', entry.item_id)),
          onDragOver: (e) => e.preventDefault(),
          onDrop: (e) => (e.preventDefault(), dragged && move(entries.find((x) => x.item_id === dragged)!, dropTarget(entries, dragged, entry.item_id)), setDragged(null)),
          onKeyDown: (e) => {
            if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') || e.target !== e.currentTarget) return;
            e.preventDefault();
            move(entry, stepTarget(entries, entry.item_id, e.key === 'ArrowUp' ? -1 : 1));
          },
        },
        mark: <NewMark itemId={entry.item_id} news={news} />,
        actions: (
          <QueueEntryActions entry={entry} busy={busy}
            canMoveUp={!wanted && stepTarget(entries, entry.item_id, -1) !== undefined}
            canMoveDown={!wanted && stepTarget(entries, entry.item_id, 1) !== undefined}
            onMove={(step) => move(entry, stepTarget(entries, entry.item_id, step))}
            onVote={() => void run(ask('voteItem', { itemId: entry.item_id, vote: !entry.voted }), refresh)}
            onRead={() => void run(ask('markRead', { itemId: entry.item_id, read: !entry.read }), refresh)}
            onRemove={() => void run(ask('unqueueItem', { itemId: entry.item_id }), (next) => (onChanged(next), setSaid(`${entry.title} taken off the queue.`)))}
          />
        ),
      })} />
    </div>
  );
}
