import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, test } from 'vitest';
import { NO_NEWS } from '@/utils/ui/news';
import { NewMark } from './NewMark';

afterEach(cleanup);

describe('NewMark', () => {
  test('nothing new: no mark', () => {
    const { container } = render(<NewMark itemId="i1" news={NO_NEWS} />);
    expect(container.textContent).toBe('');
  });

  test('says how many comments and highlights others added', () => {
    render(<NewMark itemId="i1" news={{ ...NO_NEWS, comments: { i1: 1 }, highlights: { i1: 2 } }} />);
    expect(screen.getByTestId('new-comments').textContent).toBe('1 new comment');
    expect(screen.getByTestId('new-highlights').textContent).toBe('2 new highlights');
  });

  test('a highlight alone is news', () => {
    render(<NewMark itemId="i1" news={{ ...NO_NEWS, highlights: { i1: 1 } }} />);
    expect(screen.getByTestId('new-highlights').textContent).toBe('1 new highlight');
    expect(screen.queryByTestId('new-item')).toBeNull();
  });
});
