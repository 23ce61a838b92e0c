/**
 * The side panel's queue, a page at a time: group_queue answers 50 entries and the
 * whole queue's totals, so "Show 50 more" asks the background for the next page, and "most
 * wanted" is its own list sorted by the server, read when it is turned on and again on every
 * refresh of the queue (as many entries as were shown).
 */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { QUEUE_PAGE, type GroupQueue, type QueueEntry, type QueueOrder } from '@/utils/shared/api-types';
import type { ChangeInput } from '@/utils/shared/outbox-overlay';
import type { Reply, UserError } from '@/utils/shared/protocol';
import { appendPage, dropTarget, stepTarget } from '@/utils/shared/queue-order';
import { ask } from './ask';

/** The page after what `loaded` holds, appended to it (totals from the newer answer). */
export async function nextPage(loaded: GroupQueue, order: QueueOrder = 'queue'): Promise<Reply<GroupQueue>> {
  const reply = await ask('groupQueue', { groupId: loaded.group.id, order, offset: loaded.queue.length, count: QUEUE_PAGE });
  return reply.ok ? { ok: true, value: appendPage(loaded, reply.value) } : reply;
}

/** Most wanted first, as far as loaded (null while off or before its first page), and `more` for the next page. */
export function useWanted(queue: GroupQueue, on: boolean, onError: (error: UserError) => void) {
  const [wanted, setWanted] = useState<GroupQueue | null>(null);
  const latest = useRef(wanted);
  latest.current = wanted;
  useEffect(() => {
    if (!on) {
      setWanted(null);
      return;
    }
    let live = true;
    const count = Math.max(QUEUE_PAGE, latest.current?.queue.length ?? 0);
    void ask('groupQueue', { groupId: queue.group.id, order: 'wanted', count }).then((reply) => {
      if (!live) return;
      if (reply.ok) setWanted(reply.value);
      else onError(reply.error);
    });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reads again for a new queue; onError is the caller's function of that render
  }, [on, queue]);
  async function more() {
    if (!latest.current) return;
    const reply = await nextPage(latest.current, 'wanted');
    if (reply.ok) setWanted(reply.value);
    else onError(reply.error);
  }
  return { wanted: on ? wanted : null, more };
}

/** Asks the background for one change to a queue entry (sent now, or kept in the outbox: 'queued'). */
export function askChange(change: ChangeInput): Promise<Reply<unknown>> {
  switch (change.kind) {
    case 'vote':
      return ask('voteItem', change.args);
    case 'read':
      return ask('markRead', change.args);
    case 'move':
      return ask('moveQueueEntry', change.args);
    case 'unqueue':
      return ask('unqueueItem', change.args);
    case 'untag':
      return ask('untagItem', change.args);
  }
}

/**
 * Moving queue cards without the buttons: drag and drop, and Alt+↑/↓ on a focused card. Each
 * ends in `move(entry, before)` with a target among the loaded entries (undefined: no move).
 * `step` is the target one place up or down, for the buttons too.
 */
export function useCardMoves(
  entries: QueueEntry[],
  more: boolean,
  busy: boolean,
  move: (entry: QueueEntry, before: string | null | undefined) => void,
) {
  const [dragged, setDragged] = useState<string | null>(null);
  const step = (entry: QueueEntry, by: -1 | 1) => stepTarget(entries, entry.item_id, by, more);
  const attrs = (entry: QueueEntry): JSX.HTMLAttributes<HTMLLIElement> => ({
    draggable: !busy,
    tabIndex: 0,
    'aria-keyshortcuts': 'Alt+ArrowUp Alt+ArrowDown',
    onDragStart: (e) => (setDragged(entry.item_id), e.dataTransfer?.setData('text/plain', entry.item_id)),
    onDragOver: (e) => e.preventDefault(),
    onDrop: (e) => {
      e.preventDefault();
      const from = entries.find((x) => x.item_id === dragged);
      if (from) move(from, dropTarget(entries, from.item_id, entry.item_id, more));
      setDragged(null);
    },
    onKeyDown: (e) => {
      if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') || e.target !== e.currentTarget) return;
      e.preventDefault();
      move(entry, step(entry, e.key === 'ArrowUp' ? -1 : 1));
    },
  });
  return { step, attrs };
}
