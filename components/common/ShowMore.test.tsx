import { afterEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { useShowMore, type ShowMoreOptions } from './ShowMore';

afterEach(cleanup);

function Numbers({ count, ...options }: { count: number } & ShowMoreOptions) {
  const { shown, more } = useShowMore(
    Array.from({ length: count }, (_, i) => i + 1),
    options,
  );
  return (
    <div>
      {options.from === 'end' && more}
      <ol>
        {shown.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ol>
      {options.from !== 'end' && more}
    </div>
  );
}

const drawn = () => screen.getAllByRole('listitem').map((li) => Number(li.textContent));

describe('useShowMore', () => {
  test('a short list is drawn whole, with no button', () => {
    render(<Numbers count={3} step={5} />);
    expect(drawn()).toEqual([1, 2, 3]);
    expect(screen.queryByRole('button')).toBeNull();
  });

  test('a long list draws the first page, then one more page per click, then no button', () => {
    render(<Numbers count={12} step={5} noun="items" />);
    expect(drawn()).toEqual([1, 2, 3, 4, 5]);
    fireEvent.click(screen.getByRole('button', { name: 'Show 5 more items (7 not shown)' }));
    expect(drawn()).toHaveLength(10);
    fireEvent.click(screen.getByRole('button', { name: 'Show 2 more items (2 not shown)' }));
    expect(drawn()).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(screen.queryByRole('button')).toBeNull();
  });

  test('from the end: the newest are drawn and earlier ones are offered', () => {
    render(<Numbers count={7} step={3} from="end" noun="comments" />);
    expect(drawn()).toEqual([5, 6, 7]);
    fireEvent.click(screen.getByRole('button', { name: 'Show 3 earlier comments (4 not shown)' }));
    expect(drawn()).toEqual([2, 3, 4, 5, 6, 7]);
  });

  test('one left is named in the singular: "Show 1 earlier comment", "Show 1 more result"', () => {
    render(<Numbers count={4} step={3} from="end" noun="comments" />);
    expect(screen.getByRole('button', { name: 'Show 1 earlier comment (1 not shown)' })).toBeTruthy();
    cleanup();
    render(<Numbers count={4} step={3} noun="results" />);
    expect(screen.getByRole('button', { name: 'Show 1 more result (1 not shown)' })).toBeTruthy();
    cleanup();
    render(<Numbers count={4} step={3} />);
    expect(screen.getByRole('button', { name: 'Show 1 more item (1 not shown)' })).toBeTruthy();
  });

  test('from the server: all loaded items are drawn, the count is of all there are, a click loads the next page', async () => {
    const load = vi.fn();
    function Loaded() {
      const [count, setCount] = useState(5);
      return <Numbers count={count} step={5} noun="items" server={{ total: 12, load: async () => (load(), setCount(count + 5)) }} />;
    }
    render(<Loaded />);
    expect(drawn()).toEqual([1, 2, 3, 4, 5]);
    fireEvent.click(screen.getByRole('button', { name: 'Show 5 more items (7 not shown)' }));
    await waitFor(() => expect(drawn()).toHaveLength(10));
    expect(load).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('button', { name: 'Show 2 more items (2 not shown)' })).toBeTruthy();
  });

  test('from the server: the button is busy while the page loads, so one click asks once', async () => {
    let finish = () => {};
    const load = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    render(<Numbers count={5} step={5} noun="items" server={{ total: 12, load }} />);
    const button = screen.getByRole('button', { name: 'Show 5 more items (7 not shown)' }) as HTMLButtonElement;
    fireEvent.click(button);
    await waitFor(() => expect(button.disabled).toBe(true));
    expect(button.getAttribute('aria-busy')).toBe('true');
    fireEvent.click(button);
    expect(load).toHaveBeenCalledTimes(1);
    finish();
    await waitFor(() => expect(button.disabled).toBe(false));
  });

  test('the whole queue of 1,000 is never drawn at once by default', () => {
    render(<Numbers count={1000} />);
    expect(drawn()).toHaveLength(50);
  });
});
