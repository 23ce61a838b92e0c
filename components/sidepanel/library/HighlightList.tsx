/**
 * The copy's highlighted passages, in the order they appear, each a button that opens its
 * thread; below them the passages no longer found in this copy (orphans), kept and listed
 * apart so nothing a member marked or said is lost.
 */
import type { Highlight } from '@/utils/shared/api-types';
import { repliesLabel, shortQuote } from '@/utils/ui/highlight-text';

export interface HighlightListProps {
  placed: Highlight[];
  orphans: Highlight[];
  openId: string | null;
  onOpen: (id: string) => void;
}

export function HighlightList({ placed, orphans, openId, onOpen }: HighlightListProps) {
  return (
    <>
      {placed.length > 0 && (
        <section class="stack" aria-labelledby="highlights-heading">
          <h2 id="highlights-heading">Highlights</h2>
          <Passages list={placed} openId={openId} onOpen={onOpen} testId="highlight" />
        </section>
      )}
      {orphans.length > 0 && (
        <section class="stack" aria-labelledby="orphans-heading" data-testid="orphans">
          <h2 id="orphans-heading">Passages no longer found in this copy</h2>
          <p class="hint">The copy changed, or the passage was marked on the page itself: these are kept with their discussion.</p>
          <Passages list={orphans} openId={openId} onOpen={onOpen} testId="orphan" />
        </section>
      )}
    </>
  );
}

function Passages({
  list,
  openId,
  onOpen,
  testId,
}: {
  list: Highlight[];
  openId: string | null;
  onOpen: (id: string) => void;
  testId: string;
}) {
  return (
    <ul class="highlights">
      {list.map((h) => (
        <li key={h.id} data-testid={testId}>
          <button type="button" class="link" aria-expanded={openId === h.id} onClick={() => onOpen(h.id)}>
            “{shortQuote(h.exact)}”
          </button>{' '}
          <span class="hint">
            · {h.author.display_name} · {repliesLabel(h.reply_count)}
          </span>
        </li>
      ))}
    </ul>
  );
}
