import { describe, expect, test } from 'vitest';
import type { GroupQueue, QueueEntry } from './api-types';
import {
  appendPage,
  dropTarget,
  durationLabel,
  hasMore,
  queueTotals,
  stepTarget,
  totalMinutes,
  withEntry,
  withFirstPage,
  afterRefresh,
} from './queue-order';

const entry = (id: string, position: number, votes: number, minutes = 10) =>
  ({ item_id: id, position, votes, reading_minutes: minutes }) as QueueEntry;
const queue = [entry('a', 1, 0, 5), entry('b', 2, 2, 50), entry('c', 3, 1, 10), entry('d', 4, 2, 60)];
const group = { id: 'g', name: 'G', role: 'member' as const };
const page = (entries: QueueEntry[], total?: number, minutes?: number): GroupQueue => ({
  group,
  queue: entries,
  total,
  total_minutes: minutes,
});

describe('queue order', () => {
  test('total reading time and its label', () => {
    expect(totalMinutes(queue)).toBe(125);
    expect(durationLabel(125)).toBe('2 h 5 min');
    expect(durationLabel(45)).toBe('45 min');
    expect(durationLabel(120)).toBe('2 h');
  });

  test('one place up goes before the one above; down before the one two below, or the end', () => {
    expect(stepTarget(queue, 'c', -1)).toBe('b');
    expect(stepTarget(queue, 'b', 1)).toBe('d');
    expect(stepTarget(queue, 'c', 1)).toBeNull();
    expect(stepTarget(queue, 'a', -1)).toBeUndefined();
    expect(stepTarget(queue, 'd', 1)).toBeUndefined();
  });

  test('with more of the queue on the server, a move down never lands at "the end" (regression: it sent the 49th of 500 to number 500)', () => {
    expect(stepTarget(queue, 'c', 1, true)).toBeUndefined();
    expect(stepTarget(queue, 'b', 1, true)).toBe('d');
    expect(stepTarget(queue, 'c', -1, true)).toBe('b');
  });

  test('a drop takes the target place: before it moving up, after it moving down', () => {
    expect(dropTarget(queue, 'd', 'b')).toBe('b');
    expect(dropTarget(queue, 'a', 'c')).toBe('d');
    expect(dropTarget(queue, 'a', 'd')).toBeNull();
    expect(dropTarget(queue, 'a', 'a')).toBeUndefined();
    expect(dropTarget(queue, 'a', 'd', true)).toBeUndefined();
  });
});

describe('pages', () => {
  test("the totals are the server's for the whole queue; a queue cached before pages counts its entries", () => {
    expect(queueTotals(page(queue.slice(0, 2), 500, 3000))).toEqual({ count: 500, minutes: 3000 });
    expect(queueTotals(page(queue))).toEqual({ count: 4, minutes: 125 });
  });

  test('more is on the server while fewer are loaded than the total', () => {
    expect(hasMore(page(queue.slice(0, 2), 4))).toBe(true);
    expect(hasMore(page(queue, 4))).toBe(false);
    expect(hasMore(page(queue))).toBe(false);
  });

  test('the next page is appended, an entry already loaded is not drawn twice, totals come from the newer answer', () => {
    const next = appendPage(page(queue.slice(0, 2), 4, 125), { ...page([queue[1]!, queue[2]!, queue[3]!], 5, 130), offset: 1 });
    expect(next.queue.map((e) => e.item_id)).toEqual(['a', 'b', 'c', 'd']);
    expect(next).toMatchObject({ total: 5, total_minutes: 130, offset: 0 });
  });

  test('a first page answered after a change keeps the rest of what was loaded, without repeats', () => {
    const first = page([queue[1]!, queue[0]!], 4, 125);
    const guess = page([queue[1]!, queue[0]!, queue[2]!, queue[3]!], 4, 125);
    expect(withFirstPage(first, guess).queue.map((e) => e.item_id)).toEqual(['b', 'a', 'c', 'd']);
    expect(withFirstPage(first, page([queue[1]!]))).toBe(first);
  });
});

describe('withEntry', () => {
  test("sets one entry's counts from the server's answer and leaves the rest as they were", () => {
    const q = {
      group: { id: 'g', name: 'G', role: 'member' as const },
      queue: [
        { item_id: 'a', votes: 1 },
        { item_id: 'b', votes: 4 },
      ] as QueueEntry[],
    };
    const next = withEntry(q, 'b', { votes: 5, voted: true });
    expect(next.queue.map((e) => [e.item_id, e.votes, e.voted])).toEqual([
      ['a', 1, undefined],
      ['b', 5, true],
    ]);
    expect(next.queue[0]).toBe(q.queue[0]);
  });
});

describe('afterRefresh', () => {
  const q = (ids: string[], total = 200) => ({
    group: { id: 'g', name: 'G', role: 'member' as const },
    total,
    queue: ids.map((item_id) => ({ item_id })) as QueueEntry[],
  });

  // Regression: a refresh answering just after "Show 50 more" dropped the list back to what it had asked for.
  test('keeps the pages loaded while the refresh was on its way, after its answer, once each', () => {
    expect(afterRefresh(q(['b', 'a']), q(['a', 'b', 'c', 'd']), 2).queue.map((e) => e.item_id)).toEqual(['b', 'a', 'c', 'd']);
    expect(afterRefresh(q(['b', 'c'], 3), q(['a', 'b', 'c', 'd']), 2).queue.map((e) => e.item_id)).toEqual(['b', 'c', 'd']);
  });

  test('without such pages the answer stands, so an entry gone from the server goes', () => {
    const answer = q(['a', 'b'], 2);
    expect(afterRefresh(answer, q(['a', 'b', 'x']), 3)).toBe(answer);
    expect(afterRefresh(answer, undefined, 50)).toBe(answer);
  });
});
