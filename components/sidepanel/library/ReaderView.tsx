/**
 * An item's clipped copy inside the side panel, with its comments below, so the group reads
 * and discusses the same text even if the page changes or goes. The stored HTML came from a
 * member's browser: it is sanitised again here (sanitizeForDisplay) before it is shown, and
 * its images stay remote. Links open in a new tab. Members highlight passages of it and
 * discuss them (ReaderHighlights).
 */
import { useEffect, useState } from 'preact/hooks';
import { groupChangedAt } from '@/utils/shared/storage';
import { useStored } from '@/utils/ui/hooks';
import { useGroupChanged } from '@/utils/ui/live';
import type { ItemReader } from '@/utils/shared/api-types';
import type { UserError } from '@/utils/shared/protocol';
import { sanitizeForDisplay } from '@/utils/ui/sanitize';
import { ask } from '@/utils/ui/ask';
import { dateLabel } from '@/utils/ui/format';
import { siteLabel } from '@/utils/shared/site-name';
import { Alert, Loading } from '@/components/common/Bits';
import { CommentThread, withComment } from '@/components/common/CommentThread';
import { WebLink } from '@/components/common/WebLink';
import { ReaderHighlights } from './ReaderHighlights';

export function ReaderView({ itemId, onBack }: { itemId: string; onBack: () => void }) {
  const [copy, setCopy] = useState<ItemReader | null>(null);
  const [error, setError] = useState<UserError | null>(null);
  async function load() {
    const reply = await ask('itemReader', { itemId });
    if (reply.ok) {
      setCopy(reply.value);
      setError(null);
    } else setError(reply.error);
  }
  useEffect(() => {
    load();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs again when these change, with this render's function (a new one each render)
  }, [itemId]);
  // Another member's highlight, reply or comment: the side panel's live updates say the group changed.
  useGroupChanged(copy?.group_id ?? null, useStored(groupChangedAt), () => void load());

  const back = (
    <button type="button" class="link" onClick={onBack}>
      ← Back
    </button>
  );
  if (!copy)
    return (
      <div class="stack">
        {back}
        {error ? <Alert error={error} /> : <Loading text="Loading the clipped copy…" />}
      </div>
    );
  const site = siteLabel(copy.site_name, copy.url);
  const published = dateLabel(copy.published_at);
  const html = copy.content_html ? sanitizeForDisplay(copy.content_html, document) : null;
  const header = (
    <>
      <h1>{copy.title}</h1>
      <p class="meta">
        {site && <span>{site}</span>}
        {copy.byline && <span>{copy.byline}</span>}
        {published && <span>Published {published}</span>}
        <WebLink url={copy.url} fallback={null}>
          Open the page
        </WebLink>
      </p>
    </>
  );
  return (
    <div class="stack">
      {back}
      {html ? (
        <ReaderHighlights copy={copy} html={html} header={header} onChanged={() => void load()} />
      ) : (
        <article class="stack" aria-label="Clipped copy">
          {header}
          <p class="hint">There is no clipped copy of this {copy.kind === 'link' ? 'link' : 'entry'}: only its details were saved.</p>
        </article>
      )}
      <Alert error={error} />
      <CommentThread
        itemId={copy.id}
        groupId={copy.group_id}
        comments={copy.comments}
        earlierCount={copy.earlier_comment_count}
        onChanged={(added) => (added ? setCopy((now) => (now ? { ...now, comments: withComment(now.comments, added) } : now)) : load())}
      />
    </div>
  );
}
