/**
 * The page is saved in this group already and the member has selected a passage: offer to
 * highlight it in the group's stored copy (with an optional comment) instead of saving it
 * again. The quote carries no position: the reader finds it by its words, and lists it under
 * "Passages no longer found in this copy" when the stored copy lacks them.
 */
import { useRef, useState } from 'preact/hooks';
import type { HighlightTarget } from '@/utils/shared/api-types';
import type { UserError } from '@/utils/shared/protocol';
import { ask } from '@/utils/ui/ask';
import { Alert } from '@/components/common/Bits';
import { PassageComment } from '@/components/common/PassageComment';

export interface HighlightSelectionProps {
  itemId: string;
  groupName: string;
  quote: HighlightTarget;
}

const ORPHAN_NOTE = 'If the saved copy does not have these words, the reader lists it under “Passages no longer found in this copy”.';

export function HighlightSelection({ itemId, groupName, quote }: HighlightSelectionProps) {
  const [body, setBody] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<UserError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const clientId = useRef(crypto.randomUUID());

  async function submit(event: Event) {
    event.preventDefault();
    setSending(true);
    setError(null);
    const target = { ...quote, start: null, end: null };
    const reply = await ask('addHighlight', { itemId, target, body: body.trim(), clientId: clientId.current });
    setSending(false);
    if (reply.ok) return setDone(`Highlighted in ${groupName}. ${ORPHAN_NOTE}`);
    if (reply.error.kind === 'queued') return setDone(`${reply.error.message} ${ORPHAN_NOTE}`);
    setError(reply.error);
  }

  if (done)
    return (
      <p class="note" role="status">
        {done}
      </p>
    );
  return (
    <form class="stack" aria-label="Highlight the selection" onSubmit={submit}>
      <PassageComment id="selection-comment" exact={quote.exact} body={body} onBody={setBody} />
      <Alert error={error} />
      <button type="submit" disabled={sending}>
        {sending ? 'Highlighting…' : 'Highlight selection'}
      </button>
    </form>
  );
}
