import { afterEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import type { QueueEntry } from '@/utils/shared/api-types';
import { QueueEntryActions, type QueueEntryActionsProps } from './QueueEntryActions';
import { queue } from '@/components/testing/fixtures';

afterEach(cleanup);

const entry: QueueEntry = { ...queue.queue[0]!, votes: 1, voted: false, read: false, read_count: 0 };

function draw(props: Partial<QueueEntryActionsProps> = {}) {
  const handlers = { onVote: vi.fn(), onRead: vi.fn(), onMove: vi.fn(), onRemove: vi.fn() };
  const onCard = vi.fn();
  render(
    <div onClick={onCard}>
      <QueueEntryActions entry={entry} canMoveUp canMoveDown busy={false} {...handlers} {...props} />
    </div>,
  );
  return { ...handlers, onCard };
}

describe('QueueEntryActions', () => {
  test('the vote button says what a click does, with the count, and whether it is pressed', () => {
    const { onVote, onCard } = draw();
    const vote = screen.getByRole('button', { name: 'Vote for Reading Circles at Work (1 vote)' });
    expect(vote.getAttribute('aria-pressed')).toBe('false');
    // The name holds the words shown (axe: label in name); the count shows beside it.
    expect(vote.textContent).toBe(' Vote');
    expect(screen.getByTestId('vote-count').textContent).toBe('1');
    fireEvent.click(vote);
    expect(onVote).toHaveBeenCalledOnce();
    // The click stays off the card (which would open the item).
    expect(onCard).not.toHaveBeenCalled();
  });

  test('voting twice: with the vote cast, the same button takes it back', () => {
    draw({ entry: { ...entry, voted: true, votes: 2 } });
    const vote = screen.getByRole('button', { name: 'Take back your vote for Reading Circles at Work (2 votes)' });
    expect(vote.getAttribute('aria-pressed')).toBe('true');
  });

  test('read marks: mark, then unmark; how many read it', () => {
    const { onRead } = draw({ entry: { ...entry, read: true, read_count: 3 } });
    fireEvent.click(screen.getByRole('button', { name: 'Mark as not read: Reading Circles at Work' }));
    expect(onRead).toHaveBeenCalledOnce();
    expect(screen.getByText('3 read it')).toBeTruthy();
  });

  test('moves by one step either way, only where it can; remove takes it off the queue', () => {
    const { onMove, onRemove, onCard } = draw({ canMoveUp: false });
    expect(screen.queryByRole('button', { name: 'Move Reading Circles at Work up' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Move Reading Circles at Work down' }));
    expect(onMove).toHaveBeenCalledWith(1);
    fireEvent.click(screen.getByRole('button', { name: 'Remove: take Reading Circles at Work off the queue' }));
    expect(onRemove).toHaveBeenCalledOnce();
    expect(onCard).not.toHaveBeenCalled();
  });

  test('while a change is on its way every control waits (no double vote)', () => {
    draw({ busy: true });
    for (const button of screen.getAllByRole('button')) expect((button as HTMLButtonElement).disabled).toBe(true);
  });

  test('an entry cached before votes existed shows 0 votes', () => {
    const { votes: _v, voted: _d, ...old } = entry;
    draw({ entry: old as QueueEntry });
    expect(screen.getByRole('button', { name: 'Vote for Reading Circles at Work (0 votes)' })).toBeTruthy();
  });
});
