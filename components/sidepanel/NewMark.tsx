/** "New" and "N new comments" beside an item others added or discussed since you last looked. */
import type { NewsMarks } from '@/utils/ui/news';

export function NewMark({ itemId, news }: { itemId: string; news: NewsMarks }) {
  const comments = news.comments[itemId] ?? 0;
  if (!news.items.has(itemId) && comments === 0) return null;
  return (
    <span class="row new-marks">
      {news.items.has(itemId) && (
        <span class="chip new" data-testid="new-item">
          New
        </span>
      )}
      {comments > 0 && (
        <span class="chip new" data-testid="new-comments">
          {comments === 1 ? '1 new comment' : `${comments} new comments`}
        </span>
      )}
    </span>
  );
}
