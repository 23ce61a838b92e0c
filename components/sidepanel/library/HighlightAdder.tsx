/**
 * The passage selected in the copy, ready to highlight: its quote, an optional comment and
 * the Highlight button (reached by Tab after the copy). Empty until something is selected.
 */
import type { QuoteTarget } from '@/utils/shared/quote-target';
import type { UserError } from '@/utils/shared/protocol';
import { useState } from 'preact/hooks';
import { Alert } from '@/components/common/Bits';
import { PassageComment } from '@/components/common/PassageComment';

export interface HighlightAdderProps {
  target: QuoteTarget | null;
  onAdd: (body: string) => Promise<UserError | null>;
  onCancel: () => void;
}

export function HighlightAdder({ target, onAdd, onCancel }: HighlightAdderProps) {
  const [body, setBody] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<UserError | null>(null);
  const keys = (
    <p class="hint" id="highlight-keys">
      To highlight a passage, select it in the copy, then press H (or Ctrl+Shift+H) or use the Highlight button that appears here.
    </p>
  );
  if (!target) return keys;
  async function submit(event: Event) {
    event.preventDefault();
    setSending(true);
    const outcome = await onAdd(body);
    setSending(false);
    setError(outcome);
    if (!outcome) setBody('');
  }
  return (
    <form class="stack highlight-adder" aria-label="New highlight" onSubmit={submit}>
      {keys}
      <PassageComment id="highlight-comment" exact={target.exact} body={body} onBody={setBody} />
      <Alert error={error} />
      <div class="row">
        <button type="submit" disabled={sending}>
          {sending ? 'Sending…' : 'Highlight'}
        </button>
        <button type="button" class="secondary" onClick={() => (setError(null), onCancel())}>
          Cancel
        </button>
      </div>
    </form>
  );
}
