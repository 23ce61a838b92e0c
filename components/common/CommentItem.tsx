/**
 * One comment: who wrote it and when (and whether it was edited), its text, and what the
 * reader may do: reply (top comments), edit (their own), delete (their own; owners and
 * admins anyone's, after a second click). A deleted comment with replies shows as deleted.
 */
import { useState } from 'preact/hooks';
import type { Comment } from '@/utils/shared/api-types';
import type { UserError } from '@/utils/shared/protocol';
import { ask } from '@/utils/ui/ask';
import { relativeTime } from '@/utils/ui/format';
import { Avatar } from './Avatar';
import { Alert } from './Bits';
import { CommentBody } from './CommentBody';
import { CommentForm } from './CommentForm';

export interface CommentItemProps {
  comment: Comment;
  mine: boolean;
  /** Owner or admin of the group: may delete anyone's comment. */
  moderator: boolean;
  onReply?: () => void;
  onChanged: () => void;
  /** Saves an edit or deletes in place of editComment / deleteComment (a highlight's own comment); null when done. */
  onSave?: (body: string) => Promise<UserError | 'kept' | null>;
  onDelete?: () => Promise<UserError | 'kept' | null>;
  /** What deleting removes, in words ("this comment" unless said). */
  deletes?: string;
}

export function CommentItem({
  comment,
  mine,
  moderator,
  onReply,
  onChanged,
  onSave,
  onDelete,
  deletes = 'this comment',
}: CommentItemProps) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<UserError | null>(null);
  const edited = comment.updated_at && Date.parse(comment.updated_at) > Date.parse(comment.created_at);

  async function save(body: string) {
    if (onSave) {
      const outcome = await onSave(body);
      if (outcome === null || outcome === 'kept') setEditing(false);
      return outcome;
    }
    const reply = await ask('editComment', { commentId: comment.id, body });
    if (!reply.ok) return reply.error;
    setEditing(false);
    onChanged();
    return null;
  }

  async function remove() {
    setError(null);
    if (onDelete) {
      const outcome = await onDelete();
      setConfirming(false);
      return outcome && outcome !== 'kept' ? setError(outcome) : undefined;
    }
    const reply = await ask('deleteComment', { commentId: comment.id });
    setConfirming(false);
    if (!reply.ok) return setError(reply.error);
    onChanged();
  }

  if (comment.deleted) return <p class="comment-body">This comment was deleted.</p>;
  if (editing) {
    return (
      <CommentForm
        id={`edit-${comment.id}`}
        label="Edit your comment"
        submitLabel="Save"
        initial={comment.body}
        onSend={save}
        onCancel={() => setEditing(false)}
      />
    );
  }
  return (
    <>
      <span class="meta">
        <strong>
          <Avatar person={comment.author} />
          {comment.author.display_name}
        </strong>
        <time dateTime={comment.created_at} title={new Date(comment.created_at).toLocaleString()}>
          {relativeTime(comment.created_at)}
        </time>
        {edited && <span>edited</span>}
      </span>
      <CommentBody body={comment.body} />
      <div class="comment-actions">
        {onReply && (
          <button type="button" class="link" onClick={onReply}>
            Reply
          </button>
        )}
        {mine && (
          <button type="button" class="link" onClick={() => setEditing(true)}>
            Edit
          </button>
        )}
        {(mine || moderator) && !confirming && (
          <button type="button" class="link" onClick={() => setConfirming(true)}>
            Delete
          </button>
        )}
        {confirming && (
          <span role="group" aria-label={`Delete ${deletes}?`}>
            Delete {deletes}?{' '}
            <button type="button" class="link" onClick={remove}>
              Yes, delete
            </button>{' '}
            <button type="button" class="link" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </span>
        )}
      </div>
      <Alert error={error} />
    </>
  );
}
