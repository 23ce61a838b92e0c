/**
 * The library's items (all, one tag's, or search results with the passage holding the words):
 * open the discussion, or read the copy; the next page from the server with "Show more".
 */
import type { ComponentChildren } from 'preact';
import type { LibraryEntry, SearchHit } from '@/utils/shared/api-types';
import { commentsLabel, kindLabel } from '@/utils/ui/format';
import { siteLabel } from '@/utils/shared/site-name';
import { Avatar } from '@/components/common/Avatar';
import { TagChips } from '@/components/common/Bits';
import { WebLink } from '@/components/common/WebLink';
import { Snippet } from './Snippet';

export interface LibraryListProps {
  entries: Array<LibraryEntry | SearchHit>;
  /** What to say when there is nothing (no items, no item with the tag, no match). */
  empty: string;
  onOpen: (itemId: string) => void;
  onRead: (itemId: string) => void;
  /** The button for the next page, if there is one. */
  more?: ComponentChildren;
}

export function LibraryList({ entries, empty, onOpen, onRead, more }: LibraryListProps) {
  if (entries.length === 0)
    return (
      <p class="empty" data-testid="library-empty">
        {empty}
      </p>
    );
  return (
    <>
      <ul class="queue" data-testid="library" aria-label="Library">
        {entries.map((entry) => (
          <li key={entry.item_id} class="card stack" data-testid="library-entry">
            <WebLink class="entry-title" url={entry.url}>
              {entry.title}
            </WebLink>
            <p class="meta">
              {siteLabel(entry.site_name, entry.url) && <span>{siteLabel(entry.site_name, entry.url)}</span>}
              <span>{kindLabel(entry.kind, entry.reading_minutes)}</span>
              <span>
                <Avatar person={entry.added_by} />
                added by {entry.added_by.display_name}
              </span>
              {entry.queue_position !== null && <span>Number {entry.queue_position} in the queue</span>}
            </p>
            {'snippet' in entry && entry.snippet && <Snippet snippet={entry.snippet} />}
            <TagChips tags={entry.tags} />
            <div class="row">
              <button
                type="button"
                class="link"
                aria-label={`${commentsLabel(entry.comment_count)}: ${entry.title}`}
                onClick={() => onOpen(entry.item_id)}
              >
                {commentsLabel(entry.comment_count)}
              </button>
              {entry.kind === 'article' && (
                <button type="button" class="link" aria-label={`Read ${entry.title}`} onClick={() => onRead(entry.item_id)}>
                  Read
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
      {more}
    </>
  );
}
