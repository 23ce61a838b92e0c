/**
 * The page is already in the chosen group's library: show that item (who added it, tags,
 * queue place, comments) and let the member add tags, a comment, or queue it; with a
 * selection on the page, highlight it in the stored copy instead of saving it again.
 */
import { useState } from 'preact/hooks';
import type { Comment, GroupSummary, HighlightTarget, ItemDetail } from '@/utils/shared/api-types';
import type { UserError } from '@/utils/shared/protocol';
import { ask } from '@/utils/ui/ask';
import { kindLabel } from '@/utils/ui/format';
import { siteLabel } from '@/utils/shared/site-name';
import { Avatar } from '@/components/common/Avatar';
import { Alert } from '@/components/common/Bits';
import { CommentThread, withComment } from '@/components/common/CommentThread';
import { DeleteItem } from '@/components/common/DeleteItem';
import { TagEditor } from '@/components/common/TagEditor';
import { HighlightSelection } from './HighlightSelection';

export interface ExistingItemProps {
  detail: ItemDetail;
  group: GroupSummary;
  /** It was deleted from the library (offered only when detail.can_delete). */
  onDeleted?: () => void;
  /** The member's selection on the page, to highlight in the stored copy. */
  quote?: HighlightTarget | null;
}

export function ExistingItem({ detail: first, group, onDeleted, quote }: ExistingItemProps) {
  const [detail, setDetail] = useState(first);
  const [queueing, setQueueing] = useState(false);
  const [error, setError] = useState<UserError | null>(null);
  const { item, tags, comments, queue } = detail;
  const site = siteLabel(item.site_name, item.url);

  /** A new comment as add_comment returned it (no refetch: one request); after an edit or deletion, everyone's latest. */
  async function reloadComments(added?: Comment) {
    if (added) return setDetail((now) => ({ ...now, comments: withComment(now.comments, added) }));
    const reply = await ask('itemDetail', { itemId: item.id });
    if (reply.ok) setDetail(reply.value);
  }

  async function queueIt() {
    setQueueing(true);
    setError(null);
    const reply = await ask('queueItem', { itemId: item.id });
    setQueueing(false);
    if (!reply.ok) return setError(reply.error);
    setDetail((now) => ({ ...now, queue: reply.value }));
  }

  return (
    <div class="stack">
      <article class="stack existing" aria-label="Already saved">
        <p class="note">Already in {group.name}</p>
        <h1>{item.title}</h1>
        <p class="meta">
          {site && <span>{site}</span>}
          <span>{kindLabel(item.kind, item.reading_minutes)}</span>
          <span>
            <Avatar person={item.added_by} />
            added by {item.added_by.display_name}
          </span>
        </p>
        <TagEditor itemId={item.id} groupId={group.id} tags={tags} onChange={(all) => setDetail((now) => ({ ...now, tags: all }))} />
        {queue ? (
          <p class="hint">
            Number {queue.position} in the queue, queued by {queue.queued_by.display_name}.
          </p>
        ) : (
          <p class="hint">Not in the discussion queue.</p>
        )}
      </article>
      {quote && <HighlightSelection itemId={item.id} groupName={group.name} quote={quote} />}
      {!queue && (
        <button type="button" disabled={queueing} onClick={queueIt}>
          {queueing ? 'Queueing…' : 'Queue for discussion'}
        </button>
      )}
      <Alert error={error} />
      <CommentThread
        itemId={item.id}
        groupId={group.id}
        comments={comments}
        earlierCount={detail.earlier_comment_count}
        onChanged={reloadComments}
      />
      {detail.can_delete && onDeleted && (
        <DeleteItem itemId={item.id} groupId={group.id} title={item.title} groupName={group.name} onDeleted={onDeleted} />
      )}
    </div>
  );
}
