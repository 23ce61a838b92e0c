/** The queue's arithmetic for the side panel: most wanted order, total time, where a move lands. */
import type { QueueEntry } from './api-types';

/** Most votes first; ties keep the queue's order. */
export function mostWanted(entries: readonly QueueEntry[]): QueueEntry[] {
  return [...entries].sort((a, b) => (b.votes ?? 0) - (a.votes ?? 0) || a.position - b.position);
}

export function totalMinutes(entries: readonly QueueEntry[]): number {
  return entries.reduce((sum, e) => sum + e.reading_minutes, 0);
}

/** "45 min", "2 h", "1 h 5 min" of reading. */
export function durationLabel(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/**
 * The entry a move by one place goes before (move_queue_entry's p_before_item_id), or null
 * for the end; undefined when it cannot move that way (already first or last).
 */
export function stepTarget(entries: readonly QueueEntry[], itemId: string, step: -1 | 1): string | null | undefined {
  const at = entries.findIndex((e) => e.item_id === itemId);
  if (at < 0 || at + step < 0 || at + step >= entries.length) return undefined;
  // Up: before the one above. Down: before the one two below (null: to the end).
  return step < 0 ? entries[at - 1]!.item_id : (entries[at + 2]?.item_id ?? null);
}

/**
 * Dropping `dragged` on `target`: it takes the target's place. Moving down it goes after the
 * target, moving up before it. undefined when nothing moves.
 */
export function dropTarget(entries: readonly QueueEntry[], dragged: string, target: string): string | null | undefined {
  const from = entries.findIndex((e) => e.item_id === dragged);
  const to = entries.findIndex((e) => e.item_id === target);
  if (from < 0 || to < 0 || from === to) return undefined;
  return from > to ? target : (entries[to + 1]?.item_id ?? null);
}
