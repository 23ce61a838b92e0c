/**
 * Long lists draw a page at a time: a 1,000-item queue or a 200-comment thread would otherwise
 * put every card in the DOM at once (a third of a second of main thread in the side panel, and
 * heavier scrolling). `useShowMore` gives the part to draw and the button that draws the next page,
 * or (`server`) fetches it: the queue's pages come from group_queue 50 at a time.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

export interface ShowMoreOptions {
  /** How many to draw at first and per click. */
  step?: number;
  /** 'end': keep the last ones (a discussion's newest comments) and offer earlier ones. */
  from?: 'start' | 'end';
  /** What the items are, in the plural, for the button: "Show 50 more comments" ("Show 1 more comment"). */
  noun?: string;
  /**
   * The next page is on the server (the queue, group_queue pages): every item given is drawn,
   * `total` says how many there are in all, and the button calls `load` to fetch the next ones.
   */
  server?: { total: number; load: () => Promise<unknown> };
}

export interface ShownPart<T> {
  shown: T[];
  /** The button for the next page, or null when everything is drawn. */
  more: ComponentChildren;
}

export const SHOW_MORE_STEP = 50;

export function useShowMore<T>(
  items: readonly T[],
  { step = SHOW_MORE_STEP, from = 'start', noun = 'items', server }: ShowMoreOptions = {},
): ShownPart<T> {
  const [limit, setLimit] = useState(step);
  const [loading, setLoading] = useState(false);
  const hidden = server ? Math.max(0, server.total - items.length) : Math.max(0, items.length - limit);
  const shown = server || hidden === 0 ? [...items] : from === 'end' ? items.slice(hidden) : items.slice(0, limit);
  if (hidden === 0) return { shown, more: null };
  const next = Math.min(step, hidden);
  const what = next === 1 ? noun.replace(/s$/, '') : noun;
  const label = from === 'end' ? `Show ${next} earlier ${what}` : `Show ${next} more ${what}`;
  async function showMore() {
    if (!server) return setLimit(limit + step);
    setLoading(true);
    try {
      await server.load();
    } finally {
      setLoading(false);
    }
  }
  return {
    shown,
    more: (
      <button
        type="button"
        class="link show-more"
        onClick={() => void showMore()}
        disabled={loading}
        aria-busy={loading}
        aria-label={`${label} (${hidden} not shown)`}
      >
        {label} <span class="hint">({hidden} not shown)</span>
      </button>
    ),
  };
}
