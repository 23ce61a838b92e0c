import { afterEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import type { QueueEntry } from '@/utils/shared/api-types';
import { useCardMoves } from './queue';

vi.mock('./ask', () => ({ ask: vi.fn() }));
afterEach(cleanup);

const entries = ['a', 'b', 'c'].map((item_id) => ({ item_id, title: item_id.toUpperCase() })) as QueueEntry[];

/** Three cards moved the way the queue moves them. */
function Cards({
  move,
  more = false,
  busy = false,
}: {
  move: (entry: QueueEntry, before: string | null | undefined) => void;
  more?: boolean;
  busy?: boolean;
}) {
  const { attrs } = useCardMoves(entries, more, busy, move);
  return (
    <ul>
      {entries.map((e) => (
        <li key={e.item_id} {...attrs(e)}>
          {e.title}
        </li>
      ))}
    </ul>
  );
}

describe('useCardMoves', () => {
  test('Alt+↑ moves a card before the one above, Alt+↓ before the one two below; plain arrows do nothing', () => {
    const move = vi.fn();
    render(<Cards move={move} />);
    fireEvent.keyDown(screen.getByText('B'), { key: 'ArrowUp', altKey: true });
    expect(move).toHaveBeenLastCalledWith(entries[1], 'a');
    fireEvent.keyDown(screen.getByText('A'), { key: 'ArrowDown', altKey: true });
    expect(move).toHaveBeenLastCalledWith(entries[0], 'c');
    fireEvent.keyDown(screen.getByText('A'), { key: 'ArrowDown' });
    expect(move).toHaveBeenCalledTimes(2);
  });

  test('dragging the first card onto the last moves it to the end, unless more of the queue is not loaded', () => {
    const move = vi.fn();
    const { unmount } = render(<Cards move={move} />);
    fireEvent.dragStart(screen.getByText('A'));
    fireEvent.drop(screen.getByText('C'));
    expect(move).toHaveBeenLastCalledWith(entries[0], null);
    unmount();
    render(<Cards move={move} more />);
    fireEvent.dragStart(screen.getByText('A'));
    fireEvent.drop(screen.getByText('C'));
    expect(move).toHaveBeenLastCalledWith(entries[0], undefined);
  });

  test('cards are focusable and announce their shortcut', () => {
    render(<Cards move={() => {}} />);
    const card = screen.getByText('A');
    expect(card.getAttribute('tabindex')).toBe('0');
    expect(card.getAttribute('aria-keyshortcuts')).toBe('Alt+ArrowUp Alt+ArrowDown');
  });
});
