/** The group's discussion queue, in order. Clicking an entry opens its discussion. */
import type { ComponentChildren, JSX } from 'preact';
import type { QueueEntry } from '@/utils/shared/api-types';
import { commentsLabel, kindLabel } from '@/utils/ui/format';
import { siteLabel } from '@/utils/shared/site-name';
import { Avatar } from '@/components/common/Avatar';
import { TagChips } from '@/components/common/Bits';
import { useShowMore, type ShowMoreOptions } from '@/components/common/ShowMore';
import { WebLink } from '@/components/common/WebLink';

export interface QueueListProps {
  entries: QueueEntry[];
  onOpen: (itemId: string) => void;
  /** Extra per entry (QueuePane): attributes such as drag handlers, a mark beside the title, controls below. */
  decorate?: (entry: QueueEntry) => QueueEntryExtras;
  /** The rest of the queue is on the server (group_queue pages): how many in all, and how to load the next page. */
  server?: ShowMoreOptions['server'];
}

export interface QueueEntryExtras {
  attrs?: JSX.HTMLAttributes<HTMLLIElement>;
  mark?: ComponentChildren;
  actions?: ComponentChildren;
}

export function QueueList({ entries, onOpen, decorate, server }: QueueListProps) {
  // A page at a time: a 1,000-item queue would draw every card at once (see the bench).
  const { shown, more } = useShowMore(entries, { noun: 'items', server });
  if (entries.length === 0) {
    return (
      <div class="empty" data-testid="queue-empty">
        <p>Nothing queued yet.</p>
        <p class="hint">Find something worth talking about, then clip it from the toolbar with "Queue for discussion" ticked.</p>
      </div>
    );
  }
  return (
    <>
      <ol class="queue" data-testid="queue" aria-label="Discussion queue">
        {shown.map((entry) => {
          const extras = decorate?.(entry) ?? {};
          return (
            // The whole card opens the discussion; the title link also opens the page in a tab.
            <li key={entry.item_id} class="card entry" data-testid="queue-entry" {...extras.attrs} onClick={() => onOpen(entry.item_id)}>
              <span class="position" aria-label={`Number ${entry.position}`}>
                {entry.position}
              </span>
              <EntryTitle title={entry.title} url={entry.url} />
              {extras.mark}
              <p class="meta">
                {siteLabel(entry.site_name, entry.url) && <span>{siteLabel(entry.site_name, entry.url)}</span>}
                <span>{kindLabel(entry.kind, entry.reading_minutes)}</span>
                <span>
                  <Avatar person={entry.added_by} size={16} />
                  added by {entry.added_by.display_name}
                </span>
              </p>
              <div class="row">
                <TagChips tags={entry.tags} />
                <button type="button" class="link" onClick={(e) => (e.stopPropagation(), onOpen(entry.item_id))}>
                  {commentsLabel(entry.comment_count)}
                </button>
              </div>
              {extras.actions}
            </li>
          );
        })}
      </ol>
      {more}
    </>
  );
}

/** A link to the page; a book or print article without one is plain text. */
function EntryTitle({ title, url }: { title: string; url: string | null }) {
  return (
    <WebLink class="entry-title" url={url} onClick={(e) => e.stopPropagation()}>
      {title}
    </WebLink>
  );
}
