/**
 * The Queue tab: the queue in its own order or "most wanted" (sorted by the server), the whole
 * queue's count and reading time (the server's totals: only the first pages are loaded, 50
 * at a time), and per entry voting, read marks, moving (buttons, Alt+↑/↓ on a focused card,
 * or drag and drop) and taking off. Each move is one move_queue_entry relative to the queue
 * as it is on the server, so two members moving at once keep both moves; a move never aims
 * past what is loaded. Moves are announced. Offline, each change waits in the outbox (listed
 * here) and the queue shows it already.
 */
import { useState } from 'preact/hooks';
import type { GroupQueue, QueueEntry } from '@/utils/shared/api-types';
import { applyChange, type ChangeInput } from '@/utils/shared/outbox-overlay';
import type { UserError } from '@/utils/shared/protocol';
import { durationLabel, hasMore, queueTotals, withEntry, withFirstPage } from '@/utils/shared/queue-order';
import type { NewsMarks } from '@/utils/ui/news';
import { askChange, nextPage, useCardMoves, useWanted } from '@/utils/ui/queue';
import { Alert, Loading } from '@/components/common/Bits';
import { OutboxList } from '@/components/common/OutboxList';
import { QueueEntryActions } from './QueueEntryActions';
import { QueueList } from './QueueList';
import { NewMark } from '@/components/sidepanel/NewMark';

export interface QueuePaneProps {
  /** The queue's first pages, in queue order, with the whole queue's totals. */
  queue: GroupQueue;
  news: NewsMarks;
  onOpen: (itemId: string) => void;
  /** The queue as it is now (a change, a page more) or null: read it again. */
  onChanged: (queue: GroupQueue | null) => void;
}

export function QueuePane({ queue, news, onOpen, onChanged }: QueuePaneProps) {
  const [wantedOn, setWantedOn] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UserError | null>(null);
  const [said, setSaid] = useState('');
  const { wanted, more: moreWanted } = useWanted(queue, wantedOn, setError);
  const entries = queue.queue;
  const more = hasMore(queue);
  const { count, minutes } = queueTotals(queue);

  /** One change: sent (then `done` with the answer), kept in the outbox (drawn as it will be), or refused. */
  async function run(change: ChangeInput, done: (first: GroupQueue) => void = () => onChanged(null)) {
    setBusy(true);
    const reply = await askChange(change);
    setBusy(false);
    if (!reply.ok) {
      setError(reply.error);
      // Kept in the outbox: drawn as it will be (outbox-overlay.ts), on what is loaded here.
      return onChanged(reply.error.kind === 'queued' ? applyChange(queue, change) : null);
    }
    setError(null);
    // Moving and taking off answer the first page: the pages loaded after it stay, changed alike.
    if (change.kind === 'move' || change.kind === 'unqueue') done(withFirstPage(reply.value as GroupQueue, applyChange(queue, change)));
    // A vote or read mark answers the entry's counts: drawn at once, not a refresh of the whole panel.
    else if (change.kind === 'vote' || change.kind === 'read')
      onChanged(withEntry(queue, change.args.itemId, reply.value as Partial<QueueEntry>));
    else done(queue);
  }
  function move(entry: QueueEntry, beforeItemId: string | null | undefined) {
    if (beforeItemId === undefined) return;
    const beforeTitle = entries.find((e) => e.item_id === beforeItemId)?.title;
    void run({ kind: 'move', args: { itemId: entry.item_id, beforeItemId, title: entry.title, beforeTitle } }, (next) => {
      onChanged(next);
      setSaid(
        `${entry.title} moved to number ${next.queue.findIndex((e) => e.item_id === entry.item_id) + 1} of ${queueTotals(next).count}.`,
      );
    });
  }
  const { step, attrs } = useCardMoves(entries, more, busy, move);
  async function loadMore() {
    const reply = await nextPage(queue);
    if (reply.ok) onChanged(reply.value);
    else setError(reply.error);
  }
  const shown = wantedOn ? wanted : queue;

  return (
    <div class="stack">
      <div class="row queue-head">
        <span class="hint" data-testid="queue-total">
          {count} queued · {durationLabel(minutes)} of reading
        </span>
        <label class="check">
          <input type="checkbox" checked={wantedOn} onChange={() => setWantedOn(!wantedOn)} /> Most wanted first
        </label>
      </div>
      <Alert error={error} />
      <OutboxList />
      <p class="sr-only" aria-live="polite" data-testid="queue-announce">
        {said}
      </p>
      {!shown ? (
        <Loading text="Sorting by votes…" />
      ) : (
        <QueueList
          entries={shown.queue}
          onOpen={onOpen}
          server={{ total: queueTotals(shown).count, load: wantedOn ? moreWanted : loadMore }}
          decorate={(entry) => ({
            attrs: wantedOn ? {} : attrs(entry),
            mark: <NewMark itemId={entry.item_id} news={news} />,
            actions: (
              <QueueEntryActions
                entry={entry}
                busy={busy}
                canMoveUp={!wantedOn && step(entry, -1) !== undefined}
                canMoveDown={!wantedOn && step(entry, 1) !== undefined}
                onMove={(by) => move(entry, step(entry, by))}
                onVote={() => void run({ kind: 'vote', args: { itemId: entry.item_id, vote: !entry.voted, title: entry.title } })}
                onRead={() => void run({ kind: 'read', args: { itemId: entry.item_id, read: !entry.read, title: entry.title } })}
                onRemove={() =>
                  void run(
                    { kind: 'unqueue', args: { itemId: entry.item_id, title: entry.title } },
                    (next) => (onChanged(next), setSaid(`${entry.title} taken off the queue.`)),
                  )
                }
              />
            ),
          })}
        />
      )}
    </div>
  );
}
