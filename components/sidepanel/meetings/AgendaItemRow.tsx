/** One agenda item: its title and time, its highlighted passages; when the meeting is open, move, remove, discussed and a takeaway. */
import { useState } from 'preact/hooks';
import type { AgendaItem } from '@/utils/shared/api-types';
import { AgendaHighlights } from './AgendaHighlights';

export interface AgendaItemRowProps {
  item: AgendaItem;
  open: boolean;
  first: boolean;
  last: boolean;
  onMove?: (step: -1 | 1) => void;
  onRemove: () => void;
  onRecord: (discussed: boolean, takeaway: string) => void;
  /** Open the item's discussion (its title becomes a button). */
  onOpen?: () => void;
}

export function AgendaItemRow({ item, open, first, last, onMove, onRemove, onRecord, onOpen }: AgendaItemRowProps) {
  const [takeaway, setTakeaway] = useState(item.takeaway ?? '');
  const status = item.discussed ? 'Discussed' : open ? null : 'Carried over';
  return (
    <li data-testid="agenda-item">
      <span>
        <strong>
          {onOpen ? (
            <button type="button" class="link" onClick={onOpen} aria-label={`Discussion: ${item.title}`}>
              {item.title}
            </button>
          ) : (
            item.title
          )}
        </strong>{' '}
        <span class="hint">
          · {item.reading_minutes} min{status && ` · ${status}`}
        </span>
      </span>
      <AgendaHighlights item={item} />
      {!open && item.takeaway && <blockquote class="takeaway">{item.takeaway}</blockquote>}
      {open && (
        <>
          <div class="row">
            <label class="check">
              <input type="checkbox" checked={item.discussed} onChange={(e) => onRecord(e.currentTarget.checked, takeaway)} /> Discussed
            </label>
            {onMove && !first && (
              <button type="button" class="link" onClick={() => onMove(-1)} aria-label={`Move ${item.title} up the agenda`}>
                ↑
              </button>
            )}
            {onMove && !last && (
              <button type="button" class="link" onClick={() => onMove(1)} aria-label={`Move ${item.title} down the agenda`}>
                ↓
              </button>
            )}
            <button type="button" class="link" onClick={onRemove} aria-label={`Remove: take ${item.title} off the agenda`}>
              Remove
            </button>
          </div>
          <div class="row">
            <input
              aria-label={`Takeaway for ${item.title}`}
              maxLength={2000}
              placeholder="Takeaway (optional)"
              value={takeaway}
              onInput={(e) => setTakeaway(e.currentTarget.value)}
            />
            <button
              type="button"
              class="secondary small"
              onClick={() => onRecord(true, takeaway)}
              aria-label={`Save takeaway for ${item.title}`}
            >
              Save
            </button>
          </div>
        </>
      )}
    </li>
  );
}
