/**
 * An item's clipped copy inside the side panel, with its comments below, so the group reads
 * and discusses the same text even if the page changes or goes. The stored HTML came from a
 * member's browser: it is sanitised again here (sanitizeForDisplay) before it is shown, and
 * its images stay remote. Links open in a new tab.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ItemReader } from '@/utils/shared/api-types';
import type { UserError } from '@/utils/shared/protocol';
import { sanitizeForDisplay } from '@/utils/ui/sanitize';
import { ask } from '@/utils/ui/ask';
import { dateLabel } from '@/utils/ui/format';
import { siteLabel } from '@/utils/shared/site-name';
import { Alert, Loading } from '@/components/common/Bits';
import { CommentThread, withComment } from '@/components/common/CommentThread';
import { WebLink } from '@/components/common/WebLink';

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
  return (
    <div class="stack">
      {back}
      <article class="stack" aria-label="Clipped copy" lang={copy.lang ?? undefined} dir={copy.dir ?? undefined}>
        <h1>{copy.title}</h1>
        <p class="meta">
          {site && <span>{site}</span>}
          {copy.byline && <span>{copy.byline}</span>}
          {published && <span>Published {published}</span>}
          <WebLink url={copy.url} fallback={null}>
            Open the page
          </WebLink>
        </p>
        {html ? (
          // Sanitised just above; member text is never set as HTML anywhere else.
          <div class="reader" data-testid="reader-content" onClick={openLinksInTabs} dangerouslySetInnerHTML={{ __html: html }} />
        ) : (
          <p class="hint">There is no clipped copy of this {copy.kind === 'link' ? 'link' : 'entry'}: only its details were saved.</p>
        )}
      </article>
      <Alert error={error} />
      <CommentThread
        itemId={copy.id}
        groupId={copy.group_id}
        comments={copy.comments}
        onChanged={(added) => (added ? setCopy((now) => (now ? { ...now, comments: withComment(now.comments, added) } : now)) : load())}
      />
    </div>
  );
}

/** A link in the copy opens in its own tab, never inside the side panel. */
function openLinksInTabs(event: MouseEvent) {
  const link = (event.target as Element | null)?.closest?.('a[href]');
  if (!link) return;
  event.preventDefault();
  const href = link.getAttribute('href') ?? '';
  if (/^https?:\/\//i.test(href)) window.open(href, '_blank', 'noopener,noreferrer');
}
