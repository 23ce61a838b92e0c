/**
 * What's new for the side panel: group_news, remembered for as long as the panel shows the
 * group (marks stay while you look), then mark_seen so the next look starts from now and
 * the toolbar badge clears.
 */
import { useRef, useState } from 'preact/hooks';
import type { GroupNews } from './api-types';
import { ask } from './ui-ask';

export interface NewsMarks {
  items: Set<string>;
  comments: Record<string, number>;
  meeting: GroupNews['meeting'];
}

export const NO_NEWS: NewsMarks = { items: new Set(), comments: {}, meeting: null };

/** Adds one answer's news to what this look has shown so far. */
export function mergeNews(shown: NewsMarks, news: GroupNews): NewsMarks {
  const comments = { ...shown.comments };
  for (const [itemId, n] of Object.entries(news.new_comments)) comments[itemId] = (comments[itemId] ?? 0) + n;
  return { items: new Set([...shown.items, ...news.new_items]), comments, meeting: news.meeting ?? shown.meeting };
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
