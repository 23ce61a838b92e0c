import { describe, expect, test } from 'vitest';
import type { QueueEntry } from './api-types';
import { dropTarget, durationLabel, mostWanted, stepTarget, totalMinutes } from './queue-order';

const entry = (id: string, position: number, votes: number, minutes = 10) =>
  ({ item_id: id, position, votes, reading_minutes: minutes }) as QueueEntry;
const queue = [entry('a', 1, 0, 5), entry('b', 2, 2, 50), entry('c', 3, 1, 10), entry('d', 4, 2, 60)];

describe('queue order', () => {
  test('most wanted: most votes first, ties in queue order', () => {
    expect(mostWanted(queue).map((e) => e.item_id)).toEqual(['b', 'd', 'c', 'a']);
  });

  test('a queue cached before votes sorts as zero votes', () => {
    expect(mostWanted([{ ...queue[1]!, votes: undefined }, queue[0]!]).map((e) => e.item_id)).toEqual(['a', 'b']);
  });

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

  test('a drop takes the target place: before it moving up, after it moving down', () => {
    expect(dropTarget(queue, 'd', 'b')).toBe('b');
    expect(dropTarget(queue, 'a', 'c')).toBe('d');
    expect(dropTarget(queue, 'a', 'd')).toBeNull();
    expect(dropTarget(queue, 'a', 'a')).toBeUndefined();
  });
});
