/**
 * An item's discussion: top comments oldest first, each with its replies (one level deep),
 * and the box for a new comment. The owner of this view gives the latest page (item_detail's
 * 50 newest top comments) and how many are older; "Show 50 earlier comments" fetches the page
 * before (useCommentPages), so a 200-comment thread opens with a quarter of it. From a server
 * without pages the whole thread comes at once and is drawn 50 top comments at a time.
 * Changes go to the background; the owner of this view reloads the comments (onChanged) so
 * everyone's latest edits show.
 */
import { useMemo, useRef, useState } from 'preact/hooks';
import type { Comment } from '@/utils/shared/api-types';
import type { UserError } from '@/utils/shared/protocol';
import { ask } from '@/utils/ui/ask';
import { useCommentPages } from '@/utils/ui/comment-pages';
import { cachedAccount, cachedGroups } from '@/utils/shared/storage';
import { useStored } from '@/utils/ui/hooks';
import { Alert } from './Bits';
import { CommentForm } from './CommentForm';
import { CommentItem } from './CommentItem';
import { useShowMore } from './ShowMore';

export interface CommentThreadProps {
  itemId: string;
  /** The item's group: owners and admins there may delete anyone's comment. */
  groupId?: string;
  /** The latest page of the discussion (CommentPage.comments), or all of it from a server without pages. */
  comments: Comment[];
  /** Top comments older than that page (CommentPage.earlier_comment_count); absent: `comments` is the whole discussion. */
  earlierCount?: number;
  /** After a comment was added, edited or deleted (added: the new comment), to reload the discussion. */
  onChanged: (added?: Comment) => void;
}

/** The thread with a comment add_comment returned; a resend that came back as the same comment is not doubled. */
export function withComment(comments: Comment[], added: Comment): Comment[] {
  return comments.some((c) => c.id === added.id) ? comments : [...comments, added];
}

export function CommentThread({ itemId, groupId, comments: latest, earlierCount, onChanged }: CommentThreadProps) {
  const account = useStored(cachedAccount);
  const role = useStored(cachedGroups)?.find((g) => g.id === groupId)?.role;
  const [replyTo, setReplyTo] = useState<string | null>(null);
  const [kept, setKept] = useState<string | null>(null);
  const [pageError, setPageError] = useState<UserError | null>(null);
  const { comments, hidden, loadEarlier } = useCommentPages(itemId, latest, earlierCount);
  const { tops, replies } = useMemo(() => {
    const byParent = new Map<string, Comment[]>();
    for (const c of comments) if (c.parent_id) byParent.set(c.parent_id, [...(byParent.get(c.parent_id) ?? []), c]);
    return { tops: comments.filter((c) => !c.parent_id), replies: byParent };
  }, [comments]);
  const repliesTo = (id: string) => replies.get(id) ?? [];
  const server = hidden === undefined ? undefined : { total: tops.length + hidden, load: async () => setPageError(await loadEarlier()) };
  const { shown, more } = useShowMore(tops, { from: 'end', noun: 'comments', server });

  // One client id per draft until it is sent or kept: sending the same text again after a
  // failure (Readclub stopped mid-send) is the same comment, posted once.
  const drafts = useRef(new Map<string, string>());
  async function send(body: string, parentId?: string) {
    setKept(null);
    const draft = `${parentId ?? ''}\n${body.trim()}`;
    const clientId = drafts.current.get(draft) ?? crypto.randomUUID();
    drafts.current.set(draft, clientId);
    const reply = await ask('addComment', parentId ? { itemId, body, parentId, clientId } : { itemId, body, clientId });
    if (reply.ok || reply.error.kind === 'queued') drafts.current.delete(draft);
    // 'queued': kept in the outbox and sent later, so the box empties (sending again would post it twice).
    if (!reply.ok && reply.error.kind === 'queued') return (setKept(reply.error.message), 'kept' as const);
    if (!reply.ok) return reply.error;
    setReplyTo(null);
    onChanged(reply.value);
    return null;
  }

  const item = (comment: Comment, onReply?: () => void) => (
    <CommentItem
      comment={comment}
      mine={!!account && comment.author.id === account.userId}
      moderator={role === 'owner' || role === 'admin'}
      onReply={onReply}
      onChanged={() => onChanged()}
    />
  );
  return (
    <section class="stack" aria-label="Discussion">
      <h2>Comments</h2>
      {tops.length === 0 && !hidden && <p class="hint">No comments yet. Start the discussion.</p>}
      {more}
      <Alert error={pageError} />
      <ul class="comments" data-testid="comments">
        {shown.map((top) => (
          <li key={top.id} class={top.deleted ? 'comment deleted' : 'comment'} data-testid="comment">
            {item(top, () => setReplyTo(top.id))}
            {(repliesTo(top.id).length > 0 || replyTo === top.id) && (
              <ul class="replies" aria-label={`Replies to ${top.author.display_name}`}>
                {repliesTo(top.id).map((r) => (
                  <li key={r.id} class="comment reply" data-testid="reply">
                    {item(r, () => setReplyTo(top.id))}
                  </li>
                ))}
                {replyTo === top.id && (
                  <li>
                    <CommentForm
                      id={`reply-${top.id}`}
                      label={`Reply to ${top.author.display_name}`}
                      submitLabel="Send reply"
                      onSend={(body) => send(body, top.id)}
                      onCancel={() => setReplyTo(null)}
                    />
                  </li>
                )}
              </ul>
            )}
          </li>
        ))}
      </ul>
      <CommentForm id="add-comment" label="Add a comment" submitLabel="Comment" onSend={(body) => send(body)} />
      {kept && (
        <p class="hint" role="status">
          {kept}
        </p>
      )}
    </section>
  );
}
