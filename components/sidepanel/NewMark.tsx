/** "New", "N new comments" and "N new highlights" beside an item others added or discussed since you last looked. */
import { hasNews, type NewsMarks } from '@/utils/ui/news';

export function NewMark({ itemId, news }: { itemId: string; news: NewsMarks }) {
  const comments = news.comments[itemId] ?? 0;
  const highlights = news.highlights[itemId] ?? 0;
  if (!hasNews(news, itemId)) return null;
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
      {highlights > 0 && (
        <span class="chip new" data-testid="new-highlights">
          {highlights === 1 ? '1 new highlight' : `${highlights} new highlights`}
        </span>
      )}
    </span>
  );
}
