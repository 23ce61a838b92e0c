/** An item's comments, oldest first, and the form to add one. */
import { useState } from 'preact/hooks';
import type { Comment } from '@/utils/api-types';
import type { UserError } from '@/utils/protocol';
import { ask } from '@/utils/ui-ask';
import { relativeTime } from '@/utils/ui-format';
import { Alert } from './Bits';

export interface CommentThreadProps {
  itemId: string;
  comments: Comment[];
  /** Called after a comment was added, to reload the discussion. */
  onAdded: (comment: Comment) => void;
}

export function CommentThread({ itemId, comments, onAdded }: CommentThreadProps) {
  const [body, setBody] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<UserError | null>(null);
  const [kept, setKept] = useState<string | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    if (sending) return;
    setSending(true);
    setError(null);
    setKept(null);
    const reply = await ask('addComment', { itemId, body });
    setSending(false);
    // 'queued': kept in the outbox and sent later, so the box empties (sending again would post it twice).
    if (!reply.ok && reply.error.kind === 'queued') {
      setBody('');
      return setKept(reply.error.message);
    }
    if (!reply.ok) return setError(reply.error);
    setBody('');
    onAdded(reply.value);
  }

  return (
    <section class="stack" aria-label="Discussion">
      <h2>Comments</h2>
      {comments.length === 0 && <p class="hint">No comments yet. Start the discussion.</p>}
      <ul class="comments" data-testid="comments">
        {comments.map((comment) => (
          <li key={comment.id} class="comment" data-testid="comment">
            <span class="meta">
              <strong>{comment.author.display_name}</strong>
              <time dateTime={comment.created_at} title={new Date(comment.created_at).toLocaleString()}>
                {relativeTime(comment.created_at)}
              </time>
            </span>
            <p>{comment.body}</p>
          </li>
        ))}
      </ul>
      <form class="stack" onSubmit={submit}>
        <label for="add-comment">Add a comment</label>
        <textarea id="add-comment" rows={3} required value={body} onInput={(e) => setBody(e.currentTarget.value)} />
        <Alert error={error} />
        {kept && <p class="hint" role="status">{kept}</p>}
        <button type="submit" disabled={sending}>
          {sending ? 'Posting…' : 'Comment'}
        </button>
      </form>
    </section>
  );
}
