/** An agenda item's highlighted passages, most discussed first: the quote shortened, who marked it, its replies. */
import type { AgendaItem } from '@/utils/shared/api-types';
import { repliesLabel, shortQuote } from '@/utils/ui/highlight-text';

export function AgendaHighlights({ item }: { item: AgendaItem }) {
  const highlights = item.highlights ?? [];
  if (highlights.length === 0) return null;
  return (
    <ul class="highlights agenda-highlights" aria-label={`Passages to discuss in ${item.title}`}>
      {highlights.map((h) => (
        <li key={h.id} data-testid="agenda-highlight">
          <q>{shortQuote(h.exact, 100)}</q>{' '}
          <span class="hint">
            · {h.author.display_name} · {repliesLabel(h.reply_count)}
          </span>
        </li>
      ))}
    </ul>
  );
}
