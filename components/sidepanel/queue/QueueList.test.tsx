import { afterEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { QueueList } from './QueueList';
import { bookEntry, queue } from '@/components/testing/fixtures';

afterEach(cleanup);

describe('QueueList', () => {
  test('entries in order with position, title link, site, time, clipper, tags and comments', () => {
    render(<QueueList entries={queue.queue} onOpen={vi.fn()} />);
    const list = screen.getByRole('list', { name: 'Discussion queue' });
    expect(list.dataset.testid).toBe('queue');
    const [first, second] = screen.getAllByTestId('queue-entry');
    const link = within(first!).getByRole('link', { name: 'Reading Circles at Work' }) as HTMLAnchorElement;
    expect(link.href).toBe('https://example.org/reading-circles');
    expect(link.target).toBe('_blank');
    expect(first!.textContent).toMatch(/^1Reading Circles at Work/);
    expect(first!.textContent).toMatch(/Example Journal.*5 min read.*added by Ada/);
    expect(within(first!).getByRole('list', { name: 'Tags' }).textContent).toBe('leadership');
    expect(within(first!).getByRole('button', { name: '1 comment' })).toBeTruthy();
    expect(second!.textContent).toMatch(/blog\.example\.com.*12 min read.*added by Ben.*2 comments/);
  });

  test('clicking an entry or its comment count opens it', () => {
    const onOpen = vi.fn();
    render(<QueueList entries={queue.queue} onOpen={onOpen} />);
    fireEvent.click(screen.getAllByTestId('queue-entry')[1]!);
    fireEvent.click(screen.getByRole('button', { name: '1 comment' }));
    expect(onOpen.mock.calls).toEqual([['i2'], ['i1']]);
  });

  test('a book has no link: its title is plain text and it says what it is', () => {
    const onOpen = vi.fn();
    render(<QueueList entries={[...queue.queue, bookEntry]} onOpen={onOpen} />);
    const book = screen.getAllByTestId('queue-entry')[2]!;
    expect(within(book).queryByRole('link')).toBeNull();
    expect(book.textContent).toMatch(/^3The Overstory/);
    expect(within(book).getByText('Book / print')).toBeTruthy();
    expect(book.textContent).not.toMatch(/min read/);
    fireEvent.click(within(book).getByText('The Overstory'));
    expect(onOpen).toHaveBeenCalledWith('i3');
  });

  test('a link says "Link only" instead of a reading time', () => {
    render(<QueueList entries={[{ ...queue.queue[1]!, kind: 'link' }]} onOpen={vi.fn()} />);
    expect(screen.getByTestId('queue-entry').textContent).toMatch(/blog\.example\.com.*Link only.*added by Ben/);
  });

  test('an empty queue has a friendly empty state', () => {
    render(<QueueList entries={[]} onOpen={vi.fn()} />);
    expect(screen.getByText('Nothing queued yet.')).toBeTruthy();
    expect(screen.queryByTestId('queue')).toBeNull();
  });
});

describe('QueueList with a long queue', () => {
  test('draws 50 entries of 1,000 and the next 50 on "Show 50 more items" (regression: all 1,000 at once took a third of a second)', () => {
    const base = queue.queue[0]!;
    const many = Array.from({ length: 1000 }, (_, i) => ({ ...base, item_id: `big${i}`, position: i + 1, title: `Entry ${i + 1}` }));
    render(<QueueList entries={many} onOpen={vi.fn()} />);
    expect(screen.getAllByTestId('queue-entry')).toHaveLength(50);
    fireEvent.click(screen.getByRole('button', { name: /^Show 50 more items \(950 not shown\)/ }));
    const entries = screen.getAllByTestId('queue-entry');
    expect(entries).toHaveLength(100);
    expect(entries[99]!.textContent).toMatch(/^100Entry 100/);
  });

  test("each entry shows the adder's picture, or their initials without one", () => {
    const withPicture = { ...queue.queue[0]!, added_by: { id: 'u-ada', display_name: 'Ada', avatar_url: 'https://example.org/ada.png' } };
    render(<QueueList entries={[withPicture, queue.queue[1]!]} onOpen={vi.fn()} />);
    const [first, second] = screen.getAllByTestId('queue-entry');
    expect(within(first!).getByRole('img', { name: 'Ada' }).getAttribute('src')).toBe('https://example.org/ada.png');
    expect(within(second!).getByRole('img', { name: 'Ben' }).textContent).toBe('B');
  });
});
