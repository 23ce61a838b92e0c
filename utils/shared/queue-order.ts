/**
 * The queue's arithmetic for the side panel: totals, pages, where a move lands. The panel
 * holds the first pages of the queue (group_queue answers 50 at a time, "most wanted" sorted
 * by the server), so a move never aims past what is loaded.
 */
import type { GroupQueue, QueueEntry } from './api-types';

export function totalMinutes(entries: readonly QueueEntry[]): number {
  return entries.reduce((sum, e) => sum + e.reading_minutes, 0);
}

/** The whole queue's count and reading time: the server's totals, or (a queue cached before pages) the entries'. */
export function queueTotals(queue: GroupQueue): { count: number; minutes: number } {
  return { count: queue.total ?? queue.queue.length, minutes: queue.total_minutes ?? totalMinutes(queue.queue) };
}

/** More of the queue is on the server than is loaded here. */
export const hasMore = (queue: GroupQueue): boolean => queue.queue.length < queueTotals(queue).count;

/** The next page appended to what is loaded (an entry already loaded is not drawn twice); totals from the newer answer. */
export function appendPage(loaded: GroupQueue, page: GroupQueue): GroupQueue {
  const have = new Set(loaded.queue.map((e) => e.item_id));
  return { ...page, offset: 0, queue: [...loaded.queue, ...page.queue.filter((e) => !have.has(e.item_id))] };
}

/**
 * A change answered with the first page (move, take off): the server's page, then the rest
 * of what was loaded as `guess` (the loaded queue with the change applied) has it, so the
 * list does not shrink back to one page under the member's eyes.
 */
export function withFirstPage(first: GroupQueue, guess: GroupQueue): GroupQueue {
  if (guess.queue.length <= first.queue.length) return first;
  return appendPage(first, { ...first, queue: guess.queue.slice(first.queue.length) });
}

/**
 * A refresh's answer (the first `asked` entries, read again) with the pages loaded while it was
 * on its way ("Show 50 more") kept after it; without such pages, the answer as it is, so an
 * entry gone from the server goes from the list too.
 */
export function afterRefresh(answer: GroupQueue, loaded: GroupQueue | undefined, asked: number): GroupQueue {
  if (!loaded || loaded.queue.length <= asked) return answer;
  return appendPage(answer, { ...answer, queue: loaded.queue.slice(asked) });
}

/** The queue with one entry replaced by `fn` of it (the others kept as they are). */
export function patchEntry(queue: GroupQueue, itemId: string, fn: (e: QueueEntry) => QueueEntry): GroupQueue {
  return { ...queue, queue: queue.queue.map((e) => (e.item_id === itemId ? fn(e) : e)) };
}

/** The queue with one entry's counts as the server answered them (a vote's or a read mark's). */
export const withEntry = (queue: GroupQueue, itemId: string, counts: Partial<QueueEntry>): GroupQueue =>
  patchEntry(queue, itemId, (e) => ({ ...e, ...counts }));

/** "45 min", "2 h", "1 h 5 min" of reading. */
export function durationLabel(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/**
 * The entry a move by one place goes before (move_queue_entry's p_before_item_id), or null
 * for the end; undefined when it cannot move that way (already first or last, or down past
 * what is loaded when `more` of the queue is on the server).
 */
export function stepTarget(entries: readonly QueueEntry[], itemId: string, step: -1 | 1, more = false): string | null | undefined {
  const at = entries.findIndex((e) => e.item_id === itemId);
  if (at < 0 || at + step < 0 || at + step >= entries.length) return undefined;
  // Up: before the one above. Down: before the one two below (null: to the end). With `more`
  // of the queue not loaded, "the end" is not the end: no guess.
  if (step < 0) return entries[at - 1]!.item_id;
  return entries[at + 2]?.item_id ?? (more ? undefined : null);
}

/**
 * Dropping `dragged` on `target`: it takes the target's place. Moving down it goes after the
 * target, moving up before it. undefined when nothing moves (or, with `more` on the server, when
 * the place after the target is not loaded).
 */
export function dropTarget(entries: readonly QueueEntry[], dragged: string, target: string, more = false): string | null | undefined {
  const from = entries.findIndex((e) => e.item_id === dragged);
  const to = entries.findIndex((e) => e.item_id === target);
  if (from < 0 || to < 0 || from === to) return undefined;
  return from > to ? target : (entries[to + 1]?.item_id ?? (more ? undefined : null));
}
