/**
 * What's new for the side panel: group_news, remembered for as long as the panel shows the
 * group (marks stay while you look), then mark_seen so the next look starts from now and
 * the toolbar badge clears.
 */
import { useRef, useState } from 'preact/hooks';
import type { GroupNews, GroupQueue } from '@/utils/shared/api-types';
import { hasMore } from '@/utils/shared/queue-order';
import { ask } from './ask';

export interface NewsMarks {
  items: Set<string>;
  comments: Record<string, number>;
  /** Highlights others made, per item id. */
  highlights: Record<string, number>;
  meeting: GroupNews['meeting'];
  /** Of those items, the ones queued (group_news says: the panel loads only the queue's first pages). */
  queued?: Set<string>;
}

export const NO_NEWS: NewsMarks = { items: new Set(), comments: {}, highlights: {}, meeting: null };

function addCounts(shown: Record<string, number>, more: Record<string, number> | undefined): Record<string, number> {
  const sum = { ...shown };
  for (const [itemId, n] of Object.entries(more ?? {})) sum[itemId] = (sum[itemId] ?? 0) + n;
  return sum;
}

/** Adds one answer's news to what this look has shown so far. */
export function mergeNews(shown: NewsMarks, news: GroupNews): NewsMarks {
  const comments = addCounts(shown.comments, news.new_comments);
  // Absent from servers without highlights.
  const highlights = addCounts(shown.highlights, news.new_highlights);
  const queued = new Set([...(shown.queued ?? []), ...(news.queued ?? [])]);
  return { items: new Set([...shown.items, ...news.new_items]), comments, highlights, meeting: news.meeting ?? shown.meeting, queued };
}

/** The item is new, or others commented on it or highlighted it. */
export function hasNews(news: NewsMarks, itemId: string): boolean {
  return news.items.has(itemId) || Boolean(news.comments[itemId]) || Boolean(news.highlights[itemId]);
}

/**
 * The Queue tab's count: queued items that are new or newly discussed (comments or highlights). With the whole queue
 * loaded, its entries say; with only its first pages, group_news's `queued` adds the rest.
 */
export function queueNewsCount(queue: GroupQueue | undefined, news: NewsMarks): number {
  const entries = queue?.queue ?? [];
  const fresh = new Set(entries.filter((e) => hasNews(news, e.item_id)).map((e) => e.item_id));
  if (queue && hasMore(queue)) for (const id of news.queued ?? []) fresh.add(id);
  return fresh.size;
}

/** The marks for `groupId`, and `check` to call on every refresh (with the group refreshed). */
export function useNews(groupId: string | null): [NewsMarks, (groupId: string) => Promise<void>] {
  const [marks, setMarks] = useState<{ groupId: string | null; news: NewsMarks }>({ groupId, news: NO_NEWS });
  const latest = useRef(marks);
  latest.current = marks;
  async function check(groupId: string) {
    const reply = await ask('groupNews', { groupId });
    if (!reply.ok) return;
    const base = latest.current.groupId === groupId ? latest.current.news : NO_NEWS;
    setMarks({ groupId, news: mergeNews(base, reply.value) });
    await ask('markSeen', { groupId });
  }
  return [marks.groupId === groupId ? marks.news : NO_NEWS, check];
}
