import { describe, expect, test } from 'vitest';
import { commentsLabel, dateLabel, kindLabel, minutesLabel, parseTags, relativeTime, tabIdFromSearch } from './format';

describe('ui-format', () => {
  test('parseTags trims, drops empties and duplicates, strips #', () => {
    expect(parseTags(' leadership, #Remote  work,, Leadership ,')).toEqual(['leadership', 'Remote work']);
    expect(parseTags('')).toEqual([]);
  });

  test('labels', () => {
    expect(minutesLabel(5)).toBe('5 min read');
    expect(minutesLabel(0)).toBe('1 min read');
    expect(commentsLabel(1)).toBe('1 comment');
    expect(commentsLabel(0)).toBe('0 comments');
    expect(commentsLabel(2)).toBe('2 comments');
  });

  test('kindLabel: reading time for an article, what it is otherwise', () => {
    expect(kindLabel('article', 7)).toBe('7 min read');
    expect(kindLabel('link', 0)).toBe('Link only');
    expect(kindLabel('manual', 1)).toBe('Book / print');
  });

  test('dateLabel', () => {
    expect(dateLabel('2025-02-27T09:00:00Z')).toBe('27 Feb 2025');
    expect(dateLabel('2025-02-27T23:30:00Z')).toBe('27 Feb 2025'); // the page's own day, not the reader's
    expect(dateLabel(null)).toBeNull();
    expect(dateLabel('soon')).toBeNull();
  });

  test('relativeTime', () => {
    const now = new Date('2025-03-10T12:00:00Z');
    expect(relativeTime('2025-03-10T11:59:50Z', now)).toBe('just now');
    expect(relativeTime('2025-03-10T11:55:00Z', now)).toBe('5 min ago');
    expect(relativeTime('2025-03-10T09:00:00Z', now)).toBe('3 h ago');
    expect(relativeTime('2025-03-09T10:00:00Z', now)).toBe('yesterday');
    expect(relativeTime('2025-03-04T10:00:00Z', now)).toBe('4 Mar 2025');
    expect(relativeTime('nonsense', now)).toBe('');
  });

  test('tabIdFromSearch', () => {
    expect(tabIdFromSearch('?tabId=42')).toBe(42);
    expect(tabIdFromSearch('?tabId=x')).toBeUndefined();
    expect(tabIdFromSearch('')).toBeUndefined();
  });
});
