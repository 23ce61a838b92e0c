import { expect, test } from 'vitest';
import { highlightLabel, repliesLabel, shortQuote } from './highlight-text';

test('a quote is shortened at a word, on one line', () => {
  expect(shortQuote('Small  groups\nread better.')).toBe('Small groups read better.');
  expect(shortQuote('Small groups read better than large ones do', 20)).toBe('Small groups read…');
  expect(shortQuote('x'.repeat(30), 10)).toBe(`${'x'.repeat(9)}…`);
});

test('a highlight is named by who marked it and its replies', () => {
  expect(repliesLabel(1)).toBe('1 reply');
  expect(highlightLabel({ author: { display_name: 'Ada' }, reply_count: 0 })).toBe('Highlight by Ada, 0 replies');
});
