import { describe, expect, it } from 'vitest';
import { median, percentile, summarise } from './stats';

describe('bench statistics', () => {
  it('takes the middle value, or the mean of the two middle ones, whatever the input order', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('p95 is a measured value by nearest rank, so one slow run out of twenty is not it but two are', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => i + 1); // 1..20
    expect(percentile(twenty, 95)).toBe(19);
    expect(percentile([...twenty.slice(0, 19), 1000], 95)).toBe(19);
    expect(percentile([...twenty.slice(0, 18), 1000, 1000], 95)).toBe(1000);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([3, 1, 2], 0)).toBe(1);
  });

  it('summarises count, median, p95, min and max', () => {
    expect(summarise([3, 1, 2])).toEqual({ n: 3, median: 2, p95: 3, min: 1, max: 3 });
  });
});
