import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import axe from 'axe-core';
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
    const vote = screen.getByRole('button', { name: 'Voted: take back your vote for Reading Circles at Work (2 votes)' });
    expect(vote.getAttribute('aria-pressed')).toBe('true');
  });

  test('a member sees their own vote: outlined "Vote" before, filled "Voted" after, both readable', async () => {
    // The real stylesheet, so the computed colours are the ones the side panel shows.
    const style = document.createElement('style');
    style.textContent = readFileSync('components/common/styles.css', 'utf8');
    document.head.append(style);
    try {
      draw();
      const before = screen.getByRole('button', { name: 'Vote for Reading Circles at Work (1 vote)' });
      const beforeLook = look(before);
      cleanup();
      draw({ entry: { ...entry, voted: true, votes: 2 } });
      const after = screen.getByRole('button', { name: 'Voted: take back your vote for Reading Circles at Work (2 votes)' });
      const afterLook = look(after);

      expect(before.textContent).toBe(' Vote');
      expect(after.textContent).toBe(' Voted');
      expect(beforeLook.background).toBe('transparent');
      expect(afterLook.background).not.toBe('transparent');
      expect(afterLook.background).not.toBe(beforeLook.background);
      // WCAG AA for text: 4.5:1 in both states (the outlined one on the page's background).
      const page = getComputedStyle(document.documentElement).backgroundColor;
      expect(contrast(beforeLook.color, page)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(afterLook.color, afterLook.background)).toBeGreaterThanOrEqual(4.5);

      // The name starts with the words shown; no ARIA misuse.
      const { violations } = await axe.run(document.body, {
        runOnly: ['button-name', 'aria-allowed-attr', 'aria-valid-attr-value', 'label-content-name-mismatch'],
      });
      expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    } finally {
      style.remove();
    }
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

function look(element: Element) {
  const css = getComputedStyle(element);
  return { color: css.color, background: css.backgroundColor };
}

/** WCAG contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
    if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
    const [r, g, b] = match.slice(1).map((h) => {
      const c = parseInt(h, 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
