/**
 * "Waiting to send (N)": clips, comments, highlights, tags, votes, read marks and queue changes kept on this device until the server can take
 * them (utils/background/outbox.ts), each with Retry and Discard. Hidden when nothing waits.
 */
import { useState } from 'preact/hooks';
import type { OutboxEntry, UserError } from '@/utils/shared/protocol';
import { summarise, waitingFor } from '@/utils/shared/outbox-overlay';
import { cachedAccount, outbox, sessionEndedFor, type OutboxOp } from '@/utils/shared/storage';
import type { Account } from '@/utils/shared/protocol';
import { ask } from '@/utils/ui/ask';
import { useStored } from '@/utils/ui/hooks';
import { Alert } from './Bits';

// Votes, read marks, moves and the like read as a sentence ("Vote for …"): no prefix.
const WHAT: Record<OutboxEntry['kind'], string> = {
  clip: 'Clip',
  comment: 'Comment',
  highlight: 'Highlight',
  tag: 'Tags',
  queue: 'Queue',
  untag: '',
  vote: '',
  read: '',
  move: '',
  unqueue: '',
};

function status(entry: OutboxEntry): string {
  if (entry.failed) return `Not sent: ${entry.lastError?.message ?? 'the server refused it.'}`;
  if (entry.lastError?.kind === 'signed-out') return 'Waits for you to sign in again.';
  const at = new Date(entry.nextAttemptAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return `Will try again by ${at}.`;
}

/** `cached` / `account`: the outbox and who is signed in, if read already (the popup reads them before its first render). */
export function OutboxList({ cached, account }: { cached?: OutboxOp[]; account?: Account | null }) {
  const ops = useStored(outbox, cached);
  const signedIn = useStored(cachedAccount, account);
  const endedFor = useStored(sessionEndedFor);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<UserError | null>(null);
  // A change being sent this moment is not waiting (it shows if its worker stops mid-send).
  // Until it is known who is signed in, nothing: another member's titles must not flash by.
  const known = signedIn !== undefined && (signedIn !== null || endedFor !== undefined);
  const { mine, others } = known ? waitingFor(ops ?? [], signedIn?.userId ?? endedFor ?? null) : { mine: [], others: 0 };
  const entries = mine.map(summarise);
  const othersNote = others > 0 && (
    <p class="hint" data-testid="outbox-others">
      {others === 1
        ? '1 change waits on this browser until the member who made it signs in.'
        : `${others} changes wait on this browser until the members who made them sign in.`}
    </p>
  );
  if (entries.length === 0) return othersNote || null;

  const act = async (id: string, name: 'retryOutbox' | 'discardOutbox') => {
    setBusy(id);
    const reply = await ask(name, { id });
    setBusy(null);
    setError(reply.ok ? null : reply.error);
  };

  return (
    <section class="stack outbox" aria-labelledby="outbox-heading">
      <h2 id="outbox-heading">Waiting to send ({entries.length})</h2>
      <ul class="outbox-list">
        {entries.map((entry) => (
          <li key={entry.id} class="outbox-entry" data-testid="outbox-entry">
            <span>
              {WHAT[entry.kind] && `${WHAT[entry.kind]}: `}
              <strong>{entry.label}</strong>
            </span>
            <span class="hint">{status(entry)}</span>
            <span class="actions">
              <button
                type="button"
                disabled={busy === entry.id}
                aria-label={`Retry sending ${entry.label}`}
                onClick={() => act(entry.id, 'retryOutbox')}
              >
                Retry
              </button>
              <button
                type="button"
                class="link"
                disabled={busy === entry.id}
                aria-label={`Discard ${entry.label}`}
                onClick={() => act(entry.id, 'discardOutbox')}
              >
                Discard
              </button>
            </span>
          </li>
        ))}
      </ul>
      {othersNote}
      <Alert error={error} />
    </section>
  );
}
