/**
 * A long discussion in pages: the view is given the latest page (item_detail, item_reader,
 * find_item) and fetches earlier ones from the background (itemComments) when asked. Once
 * earlier pages are drawn, every new latest page (a reload after an edit, a deletion or another
 * member's comment) fetches the drawn part again from the newest, so an edit on an earlier page
 * shows and no comment falls into a gap between the pages.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { COMMENT_PAGE, COMMENT_PAGE_MAX, type Comment, type CommentPage } from '@/utils/shared/api-types';
import type { Reply, UserError } from '@/utils/shared/protocol';
import { ask } from './ask';

const isTop = (c: Comment) => !c.parent_id;

/** Earlier pages and the latest one as one thread, oldest first; a comment in both is the latest page's. */
export function mergeComments(earlier: readonly Comment[], latest: readonly Comment[]): Comment[] {
  if (earlier.length === 0) return [...latest];
  const inLatest = new Set(latest.map((c) => c.id));
  return [...earlier.filter((c) => !inLatest.has(c.id)), ...latest];
}

/** The oldest top comment, where the page before it starts. */
export function oldestTop(comments: readonly Comment[]): { id: string; createdAt: string } | null {
  const top = comments.find(isTop);
  return top ? { id: top.id, createdAt: top.created_at } : null;
}

/** The `tops` newest top comments with their replies, in pages of up to COMMENT_PAGE_MAX. */
export async function newestComments(itemId: string, tops: number): Promise<Reply<CommentPage>> {
  let comments: Comment[] = [];
  let last: CommentPage | null = null;
  for (let left = tops; left > 0 && (!last || last.earlier_comment_count > 0); left -= COMMENT_PAGE_MAX) {
    const before: ReturnType<typeof oldestTop> = last ? oldestTop(last.comments) : null;
    const reply: Reply<CommentPage> = await ask('itemComments', { itemId, before, limit: Math.min(left, COMMENT_PAGE_MAX) });
    if (!reply.ok) return reply;
    last = reply.value;
    comments = [...last.comments, ...comments];
  }
  const counts = last ?? { top_comment_count: 0, earlier_comment_count: 0 };
  return {
    ok: true,
    value: { comments, top_comment_count: counts.top_comment_count, earlier_comment_count: counts.earlier_comment_count },
  };
}

export interface CommentPages {
  /** Everything drawn, oldest first (flat: replies carry parent_id). */
  comments: Comment[];
  /** Top comments older than those drawn, still on the server; undefined when `latest` is the whole discussion. */
  hidden: number | undefined;
  /** Fetches the page before the oldest top comment drawn. */
  loadEarlier: () => Promise<UserError | null>;
}

/**
 * The discussion as drawn: `latest` (a CommentPage's comments) and the earlier pages fetched
 * since; `earlierCount` is the latest page's earlier_comment_count (undefined from a server
 * without pages: `latest` holds all).
 */
export function useCommentPages(itemId: string, latest: Comment[], earlierCount: number | undefined): CommentPages {
  const [earlier, setEarlier] = useState<{ itemId: string; comments: Comment[]; hidden: number } | null>(null);
  const mine = earlier?.itemId === itemId ? earlier : null; // another item starts again from its latest page
  const comments = useMemo(() => mergeComments(mine?.comments ?? [], latest), [mine, latest]);
  // Answers arrive in any order: only the newest request's is kept.
  const asked = useRef(0);

  async function fetchInto(fetch: () => Promise<Reply<CommentPage>>, keep: (page: CommentPage) => Comment[]) {
    const ticket = ++asked.current;
    const reply = await fetch();
    if (ticket !== asked.current) return null;
    if (!reply.ok) return reply.error;
    setEarlier({ itemId, comments: keep(reply.value), hidden: reply.value.earlier_comment_count });
    return null;
  }

  // A new latest page while earlier pages are drawn: the drawn part again, from the newest,
  // down to the same oldest top comment: the latest page's tops and those between it and the
  // oldest drawn (earlierCount counts them with the ones still hidden).
  const seen = useRef(latest);
  useEffect(() => {
    if (seen.current === latest) return;
    seen.current = latest;
    if (!mine || earlierCount === undefined) return;
    const tops = latest.filter(isTop).length + Math.max(0, earlierCount - mine.hidden);
    void fetchInto(
      () => newestComments(itemId, tops),
      (page) => page.comments,
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new latest page refreshes
  }, [latest]);

  return {
    comments,
    hidden: earlierCount === undefined ? undefined : (mine?.hidden ?? earlierCount),
    loadEarlier: async () => {
      const before = oldestTop(comments);
      if (!before) return null;
      const shown = mine?.comments ?? [];
      return fetchInto(
        () => ask('itemComments', { itemId, before, limit: COMMENT_PAGE }),
        (page) => [...page.comments, ...shown],
      );
    },
  };
}
