/**
 * Long lists draw a page at a time: a 1,000-item queue or a 200-comment thread would otherwise
 * put every card in the DOM at once (a third of a second of main thread in the side panel, and
 * heavier scrolling). `useShowMore` gives the part to draw and the button that draws the next page.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

export interface ShowMoreOptions {
  /** How many to draw at first and per click. */
  step?: number;
  /** 'end': keep the last ones (a discussion's newest comments) and offer earlier ones. */
  from?: 'start' | 'end';
  /** What the items are, for the button: "Show 50 more comments". */
  noun?: string;
}

export interface ShownPart<T> {
  shown: T[];
  /** The button for the next page, or null when everything is drawn. */
  more: ComponentChildren;
}

export const SHOW_MORE_STEP = 50;

export function useShowMore<T>(items: readonly T[], { step = SHOW_MORE_STEP, from = 'start', noun = 'more' }: ShowMoreOptions = {}): ShownPart<T> {
  const [limit, setLimit] = useState(step);
  const hidden = Math.max(0, items.length - limit);
  const shown = hidden === 0 ? [...items] : from === 'end' ? items.slice(hidden) : items.slice(0, limit);
  if (hidden === 0) return { shown, more: null };
  const next = Math.min(step, hidden);
  const label = from === 'end' ? `Show ${next} earlier ${noun}` : `Show ${next} more ${noun}`;
  return {
    shown,
    more: (
      <button type="button" class="link show-more" onClick={() => setLimit(limit + step)} aria-label={`${label} (${hidden} not shown)`}>
        {label} <span class="hint">({hidden} not shown)</span>
      </button>
    ),
  };
}
