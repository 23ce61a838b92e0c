/**
 * One queue entry's controls: vote, read, move up or down, take off. Clicks stay off the card.
 * Each name holds the words the button shows (voice control: "click Remove"); the ▲ and ✓ are
 * drawn, not text, so they are not part of what a button says.
 */
import type { QueueEntry } from '@/utils/shared/api-types';

export interface QueueEntryActionsProps {
  entry: QueueEntry;
  /** Moving applies in the queue's own order, not in "most wanted". */
  canMoveUp: boolean;
  canMoveDown: boolean;
  busy: boolean;
  onVote: () => void;
  onRead: () => void;
  onMove: (step: -1 | 1) => void;
  onRemove: () => void;
}

function Mark({ d, fill = false }: { d: string; fill?: boolean }) {
  return (
    <svg aria-hidden="true" width="10" height="10" viewBox="0 0 10 10">
      <path d={d} fill={fill ? 'currentColor' : 'none'} stroke="currentColor" stroke-width={fill ? 0 : 1.6} />
    </svg>
  );
}

export function QueueEntryActions({ entry, canMoveUp, canMoveDown, busy, onVote, onRead, onMove, onRemove }: QueueEntryActionsProps) {
  const votes = entry.votes ?? 0;
  const stop = (fn: () => void) => (e: Event) => (e.stopPropagation(), fn());
  return (
    <div class="row entry-actions" onClick={(e) => e.stopPropagation()}>
      {/* Outlined "Vote" until the member votes, then filled "Voted" (the name starts with the
          words shown, then says what a click does). */}
      <button
        type="button"
        class="secondary small vote"
        aria-pressed={!!entry.voted}
        disabled={busy}
        onClick={stop(onVote)}
        aria-label={`${entry.voted ? 'Voted: take back your vote for' : 'Vote for'} ${entry.title} (${votes} ${votes === 1 ? 'vote' : 'votes'})`}
      >
        <Mark d="M5 1 9 9H1z" fill={!!entry.voted} /> {entry.voted ? 'Voted' : 'Vote'}
      </button>
      {/* Beside the button, not in it: its name says the count already, and axe drops "(n votes)" when matching. */}
      <span class="hint" aria-hidden="true" data-testid="vote-count">
        {votes}
      </span>
      <button
        type="button"
        class="secondary small"
        aria-pressed={!!entry.read}
        disabled={busy}
        onClick={stop(onRead)}
        aria-label={`${entry.read ? 'Mark as not read' : 'Mark as read'}: ${entry.title}`}
      >
        {entry.read ? (
          <>
            <Mark d="M1 5.5 4 8.5 9 2" /> Read
          </>
        ) : (
          'Mark as read'
        )}
      </button>
      {(entry.read_count ?? 0) > 0 && <span class="hint">{entry.read_count} read it</span>}
      {canMoveUp && (
        <button
          type="button"
          class="link"
          disabled={busy}
          onClick={stop(() => onMove(-1))}
          aria-label={`Move ${entry.title} up`}
          title="Move up (Alt+↑)"
        >
          ↑
        </button>
      )}
      {canMoveDown && (
        <button
          type="button"
          class="link"
          disabled={busy}
          onClick={stop(() => onMove(1))}
          aria-label={`Move ${entry.title} down`}
          title="Move down (Alt+↓)"
        >
          ↓
        </button>
      )}
      <button type="button" class="link" disabled={busy} onClick={stop(onRemove)} aria-label={`Remove: take ${entry.title} off the queue`}>
        Remove
      </button>
    </div>
  );
}
