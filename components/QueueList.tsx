/** The group's discussion queue, in order. Clicking an entry opens its discussion. */
import type { QueueEntry } from '@/utils/api-types';
import { commentsLabel, minutesLabel, siteLabel } from '@/utils/ui-format';
import { TagChips } from './Bits';

export interface QueueListProps {
  entries: QueueEntry[];
  onOpen: (itemId: string) => void;
}

export function QueueList({ entries, onOpen }: QueueListProps) {
  if (entries.length === 0) {
    return (
      <div class="empty" data-testid="queue-empty">
        <p>Nothing queued yet.</p>
        <p class="hint">Find something worth talking about, then clip it from the toolbar with "Queue for discussion" ticked.</p>
      </div>
    );
  }
  return (
    <ol class="queue" data-testid="queue" aria-label="Discussion queue">
      {entries.map((entry) => (
        // The whole card opens the discussion; the title link also opens the article in a tab.
        <li key={entry.item_id} class="card entry" data-testid="queue-entry" onClick={() => onOpen(entry.item_id)}>
          <span class="position" aria-label={`Number ${entry.position}`}>
            {entry.position}
          </span>
          <a class="entry-title" href={entry.url} target="_blank" rel="noopener noreferrer">
            {entry.title}
          </a>
          <p class="meta">
            <span>{siteLabel(entry.site_name, entry.url)}</span>
            <span>{minutesLabel(entry.reading_minutes)}</span>
            <span>added by {entry.added_by.display_name}</span>
          </p>
          <div class="row">
            <TagChips tags={entry.tags} />
            <button type="button" class="link" onClick={(e) => (e.stopPropagation(), onOpen(entry.item_id))}>
              {commentsLabel(entry.comment_count)}
            </button>
          </div>
        </li>
      ))}
    </ol>
  );
}
