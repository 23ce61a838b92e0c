/** One item's discussion in the side panel: what it is, its tags, comments and a reply box. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ItemDetail } from '@/utils/shared/api-types';
import type { UserError } from '@/utils/shared/protocol';
import { groupChangedAt } from '@/utils/shared/storage';
import { ask } from '@/utils/ui/ask';
import { useStored } from '@/utils/ui/hooks';
import { useGroupChanged } from '@/utils/ui/live';
import { dateLabel, kindLabel } from '@/utils/ui/format';
import { siteLabel } from '@/utils/shared/site-name';
import { Avatar } from '@/components/common/Avatar';
import { Alert, Loading } from '@/components/common/Bits';
import { CommentThread, withComment } from '@/components/common/CommentThread';
import { DeleteItem } from '@/components/common/DeleteItem';
import { ReaderView } from './ReaderView';
import { TagEditor } from '@/components/common/TagEditor';
import { WebLink } from '@/components/common/WebLink';

export interface ItemDetailViewProps {
  itemId: string;
  onBack: () => void;
  /** Where Back goes, in words ("Back to library"); the queue unless said. */
  backLabel?: string;
}

export function ItemDetailView({ itemId, onBack, backLabel = 'Back to queue' }: ItemDetailViewProps) {
  const [detail, setDetail] = useState<ItemDetail | null>(null);
  const [error, setError] = useState<UserError | null>(null);
  const [reading, setReading] = useState(false);

  async function load() {
    const reply = await ask('itemDetail', { itemId });
    if (reply.ok) {
      setDetail(reply.value);
      setError(null);
    } else setError(reply.error);
  }
  useEffect(() => {
    load();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs again when these change, with this render's function (a new one each render)
  }, [itemId]);
  // Another member's comment, tag or edit: the side panel's live updates say the group changed.
  useGroupChanged(detail?.item.group_id ?? null, useStored(groupChangedAt), () => void load());
  // The control that opened the item is hidden now: focus starts here, where Back is.
  const backButton = useRef<HTMLButtonElement>(null);
  useEffect(() => backButton.current?.focus(), [itemId]);

  const back = (
    <button type="button" class="link" onClick={onBack} ref={backButton}>
      ← {backLabel}
    </button>
  );
  if (reading) return <ReaderView itemId={itemId} onBack={() => (setReading(false), load())} />;
  if (!detail)
    return (
      <div class="stack">
        {back}
        {error ? <Alert error={error} /> : <Loading text="Loading…" />}
      </div>
    );
  const { item, tags, comments, queue } = detail;
  const site = siteLabel(item.site_name, item.url);
  const by = item.authors.length > 0 ? item.authors.join(', ') : item.byline;
  const published = dateLabel(item.published_at);
  return (
    <div class="stack">
      {back}
      <article class="stack" aria-label="Item">
        <h1>
          <WebLink url={item.url} fallback={item.title}>
            {item.title}
          </WebLink>
        </h1>
        <p class="meta">
          {site && <span>{site}</span>}
          {by && <span>{by}</span>}
          {published && <span>Published {published}</span>}
          <span>{kindLabel(item.kind, item.reading_minutes)}</span>
          <span>
            <Avatar person={item.added_by} />
            added by {item.added_by.display_name}
          </span>
        </p>
        {queue && (
          <p class="hint">
            Number {queue.position} in the queue, queued by {queue.queued_by.display_name}.
          </p>
        )}
        {item.excerpt && <p class="excerpt">{item.excerpt}</p>}
        {item.kind === 'article' && (
          <button type="button" class="secondary" onClick={() => setReading(true)}>
            Read the clipped copy
          </button>
        )}
      </article>
      <TagEditor
        itemId={item.id}
        groupId={item.group_id}
        tags={tags}
        onChange={(all) => setDetail((now) => (now ? { ...now, tags: all } : now))}
      />
      <Alert error={error} />
      {/* A new comment comes back from add_comment: shown as is, no refetch (a comment is one request). */}
      <CommentThread
        itemId={item.id}
        groupId={item.group_id}
        comments={comments}
        earlierCount={detail.earlier_comment_count}
        onChanged={(added) => (added ? setDetail((now) => (now ? { ...now, comments: withComment(now.comments, added) } : now)) : load())}
      />
      {detail.can_delete && <DeleteItem itemId={item.id} groupId={item.group_id} title={item.title} onDeleted={onBack} />}
    </div>
  );
}
