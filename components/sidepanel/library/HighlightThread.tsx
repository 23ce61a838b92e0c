/**
 * One highlight's thread: the passage, who marked it and their comment (edit and delete
 * their own; owners and admins delete any), its replies one level deep and a reply box.
 * Changes go to the background; onChanged reloads the copy so everyone's latest shows.
 */
import { useState } from 'preact/hooks';
import type { Highlight } from '@/utils/shared/api-types';
import type { UserError } from '@/utils/shared/protocol';
import { cachedAccount, cachedGroups } from '@/utils/shared/storage';
import { ask } from '@/utils/ui/ask';
import { useStored } from '@/utils/ui/hooks';
import { CommentForm } from '@/components/common/CommentForm';
import { CommentItem } from '@/components/common/CommentItem';

export interface HighlightThreadProps {
  highlight: Highlight;
  groupId: string;
  onClose: () => void;
  onChanged: () => void;
}

export function HighlightThread({ highlight: h, groupId, onClose, onChanged }: HighlightThreadProps) {
  const account = useStored(cachedAccount);
  const role = useStored(cachedGroups)?.find((g) => g.id === groupId)?.role;
  const moderator = role === 'owner' || role === 'admin';
  const mine = (id: string) => !!account && id === account.userId;
  const [kept, setKept] = useState<string | null>(null);

  async function settle(work: Promise<{ ok: true } | { ok: false; error: UserError }>) {
    const reply = await work;
    if (!reply.ok && reply.error.kind === 'queued') return (setKept(reply.error.message), 'kept' as const);
    if (!reply.ok) return reply.error;
    onChanged();
    return null;
  }
  const reply = (body: string) => settle(ask('addComment', { itemId: h.item_id, body, highlightId: h.id, clientId: crypto.randomUUID() }));
  const comment = { id: h.id, body: h.body, author: h.author, created_at: h.created_at, updated_at: h.updated_at };

  return (
    <section class="stack highlight-thread" aria-labelledby="highlight-thread-heading" data-testid="highlight-thread">
      <h2 id="highlight-thread-heading" tabIndex={-1}>
        Highlight by {h.author.display_name}
      </h2>
      <blockquote class="passage">{h.exact}</blockquote>
      <CommentItem
        comment={comment}
        mine={mine(h.author.id)}
        moderator={moderator}
        onChanged={onChanged}
        onSave={(body) => settle(ask('editHighlight', { highlightId: h.id, body }))}
        onDelete={() => settle(ask('deleteHighlight', { highlightId: h.id }))}
        deletes="this highlight and its replies"
      />
      <ul class="comments replies" aria-label={`Replies to ${h.author.display_name}`}>
        {(h.replies ?? []).map((r) => (
          <li key={r.id} class="comment reply" data-testid="reply">
            <CommentItem comment={r} mine={mine(r.author.id)} moderator={moderator} onChanged={onChanged} />
          </li>
        ))}
      </ul>
      <CommentForm id={`reply-${h.id}`} label="Reply to this passage" submitLabel="Send reply" onSend={reply} />
      {kept && (
        <p class="hint" role="status">
          {kept}
        </p>
      )}
      <button type="button" class="secondary" onClick={onClose}>
        Close the thread
      </button>
    </section>
  );
}
