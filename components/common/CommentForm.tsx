/**
 * The box for a comment, a reply or an edit, with a live count against the 4,000-character
 * limit; over it, the box says so and does not send. onSend answers null when sent (the box
 * empties), 'kept' when the outbox keeps it (it empties too), or what went wrong (text kept).
 */
import { useState } from 'preact/hooks';
import { MAX_COMMENT_CHARS } from '@/utils/shared/api-types';
import type { UserError } from '@/utils/shared/protocol';
import { Alert } from './Bits';

export interface CommentFormProps {
  id: string;
  label: string;
  submitLabel: string;
  initial?: string;
  onSend: (body: string) => Promise<UserError | 'kept' | null>;
  onCancel?: () => void;
}

export function CommentForm({ id, label, submitLabel, initial = '', onSend, onCancel }: CommentFormProps) {
  const [body, setBody] = useState(initial);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<UserError | string | null>(null);
  const length = body.trim().length;
  const over = length > MAX_COMMENT_CHARS;

  async function submit(event: Event) {
    event.preventDefault();
    if (sending) return;
    if (length === 0) return setError('Write something first.');
    if (over)
      return setError(
        `A comment can be at most ${MAX_COMMENT_CHARS.toLocaleString('en')} characters; this one has ${length.toLocaleString('en')}.`,
      );
    setSending(true);
    setError(null);
    const outcome = await onSend(body);
    setSending(false);
    if (outcome === null || outcome === 'kept') setBody('');
    else setError(outcome);
  }

  return (
    <form class="stack" onSubmit={submit}>
      <label for={id}>{label}</label>
      <textarea
        id={id}
        rows={3}
        value={body}
        aria-describedby={`${id}-count`}
        onInput={(e) => (setBody(e.currentTarget.value), setError(null))}
      />
      <p id={`${id}-count`} class={over ? 'counter over' : 'counter'}>
        {length.toLocaleString('en')} / {MAX_COMMENT_CHARS.toLocaleString('en')}
        {over && ' — too long'}
      </p>
      <Alert error={error} />
      <div class="row">
        <button type="submit" disabled={sending}>
          {sending ? 'Sending…' : submitLabel}
        </button>
        {onCancel && (
          <button type="button" class="secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
