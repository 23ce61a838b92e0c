import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { resetProtocol, send } from '@/tests/support/protocol-mock';
import type { GroupQueue, QueueEntry } from '@/utils/shared/api-types';
import { NO_NEWS } from '@/utils/ui/news';
import { QueuePane } from './QueuePane';
import { queue } from '@/components/testing/fixtures';

vi.mock('@/utils/shared/protocol', () => import('@/tests/support/protocol-mock'));
beforeEach(resetProtocol);
afterEach(cleanup);

const voted = {
  ...queue,
  queue: [
    { ...queue.queue[0]!, votes: 0 },
    { ...queue.queue[1]!, votes: 2 },
  ],
};
const swapped = {
  ...voted,
  queue: [
    { ...voted.queue[1]!, position: 1 },
    { ...voted.queue[0]!, position: 2 },
  ],
};
const [first, second] = voted.queue as [QueueEntry, QueueEntry];
/** The first page of a 120-entry queue (group_queue pages): 50 loaded, totals for all 120. */
const entryAt = (n: number): QueueEntry => ({ ...first, item_id: `p${n}`, title: `Essay ${n}`, position: n });
const firstPage = {
  ...queue,
  queue: Array.from({ length: 50 }, (_, i) => entryAt(i + 1)),
  total: 120,
  total_minutes: 1234,
  offset: 0,
  limit: 50,
};

describe('QueuePane', () => {
  test("the count and reading time are the whole queue's, from the server, not the loaded page's", () => {
    render(<QueuePane queue={firstPage} news={NO_NEWS} onOpen={() => {}} onChanged={() => {}} />);
    expect(screen.getByTestId('queue-total').textContent).toBe('120 queued · 20 h 34 min of reading');
    expect(screen.getAllByTestId('queue-entry')).toHaveLength(50);
  });

  test('a queue cached before pages still counts its own entries', () => {
    render(<QueuePane queue={voted} news={NO_NEWS} onOpen={() => {}} onChanged={() => {}} />);
    expect(screen.getByTestId('queue-total').textContent).toBe('2 queued · 17 min of reading');
  });

  test('"Show 50 more" asks the server for the next page and hands the panel the longer queue', async () => {
    const next = { ...firstPage, queue: Array.from({ length: 50 }, (_, i) => entryAt(i + 51)), offset: 50 };
    send.mockResolvedValue({ ok: true, value: next });
    const onChanged = vi.fn();
    render(<QueuePane queue={firstPage} news={NO_NEWS} onOpen={() => {}} onChanged={onChanged} />);
    fireEvent.click(screen.getByRole('button', { name: 'Show 50 more items (70 not shown)' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(send).toHaveBeenCalledWith('groupQueue', { groupId: 'g1', order: 'queue', offset: 50, count: 50 });
    expect((onChanged.mock.calls[0]![0] as GroupQueue).queue.map((e) => e.position)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  });

  test("most wanted is the server's order: asked for when ticked, drawn as answered, with no moving", async () => {
    send.mockResolvedValue({ ok: true, value: { ...firstPage, queue: [entryAt(77), entryAt(3)], order: 'wanted' } });
    render(<QueuePane queue={firstPage} news={NO_NEWS} onOpen={() => {}} onChanged={() => {}} />);
    fireEvent.click(screen.getByLabelText('Most wanted first'));
    await waitFor(() => expect(screen.getAllByTestId('queue-entry')).toHaveLength(2));
    expect(send).toHaveBeenCalledWith('groupQueue', { groupId: 'g1', order: 'wanted', count: 50 });
    expect(screen.getAllByTestId('queue-entry')[0]!.textContent).toContain('Essay 77');
    // No moving in the most wanted order: it is not the queue's order.
    expect(screen.queryByRole('button', { name: /^Move / })).toBeNull();
  });

  test('with more on the server, the last loaded entries cannot move down (regression: "down" sent the 49th to the end of all 120)', () => {
    render(<QueuePane queue={firstPage} news={NO_NEWS} onOpen={() => {}} onChanged={() => {}} />);
    expect(screen.getByRole('button', { name: 'Move Essay 48 down' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Move Essay 49 down' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Move Essay 50 down' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Move Essay 50 up' })).toBeTruthy();
  });

  test('a take-off answered with the first page keeps the pages loaded after it', async () => {
    const loaded = { ...firstPage, queue: Array.from({ length: 60 }, (_, i) => entryAt(i + 1)) };
    const answer = { ...firstPage, total: 119, queue: loaded.queue.filter((e) => e.item_id !== 'p2').slice(0, 50) };
    send.mockResolvedValue({ ok: true, value: answer });
    const onChanged = vi.fn();
    render(<QueuePane queue={loaded} news={NO_NEWS} onOpen={() => {}} onChanged={onChanged} />);
    fireEvent.click(screen.getByRole('button', { name: 'Remove: take Essay 2 off the queue' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(send).toHaveBeenCalledWith('unqueueItem', { itemId: 'p2', title: 'Essay 2' });
    const next = onChanged.mock.calls[0]![0] as GroupQueue;
    expect(next.queue).toHaveLength(59);
    expect(next.total).toBe(119);
    expect(next.queue.some((e) => e.item_id === 'p2')).toBe(false);
  });

  test('Alt+ArrowDown moves the focused entry, tells the panel and announces it', async () => {
    send.mockResolvedValue({ ok: true, value: swapped });
    const onChanged = vi.fn();
    render(<QueuePane queue={voted} news={NO_NEWS} onOpen={() => {}} onChanged={onChanged} />);
    fireEvent.keyDown(screen.getAllByTestId('queue-entry')[0]!, { key: 'ArrowDown', altKey: true });
    await waitFor(() => expect(onChanged).toHaveBeenCalledWith(swapped));
    expect(send).toHaveBeenCalledWith('moveQueueEntry', {
      itemId: first.item_id,
      beforeItemId: null,
      title: first.title,
      beforeTitle: undefined,
    });
    expect(screen.getByTestId('queue-announce').textContent).toBe(`${voted.queue[0]!.title} moved to number 2 of 2.`);
  });

  test('a refused move shows its message and asks for a fresh queue', async () => {
    const message = 'Another member just took that article off the queue, so it cannot be moved.';
    send.mockResolvedValue({ ok: false, error: { kind: 'invalid', message } });
    const onChanged = vi.fn();
    render(<QueuePane queue={voted} news={NO_NEWS} onOpen={() => {}} onChanged={onChanged} />);
    fireEvent.click(screen.getByRole('button', { name: `Move ${voted.queue[1]!.title} up` }));
    expect((await screen.findByRole('alert')).textContent).toBe(message);
    expect(onChanged).toHaveBeenCalledWith(null);
  });

  // Regression: a vote or read mark refetched the whole panel (4 requests more) although its answer holds the counts.
  test('a vote toggles through voteItem and its answer is drawn at once, no refresh; a new item is marked', async () => {
    send.mockResolvedValue({ ok: true, value: { votes: 3, voted: true } });
    const onChanged = vi.fn();
    const news = { ...NO_NEWS, items: new Set([voted.queue[0]!.item_id]) };
    render(<QueuePane queue={voted} news={news} onOpen={() => {}} onChanged={onChanged} />);
    expect(screen.getAllByTestId('new-item')).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: `Vote for ${voted.queue[0]!.title} (0 votes)` }));
    await waitFor(() => expect(send).toHaveBeenCalledWith('voteItem', { itemId: first.item_id, vote: true, title: first.title }));
    await waitFor(() => expect(onChanged).toHaveBeenCalledWith({ ...voted, queue: [{ ...first, votes: 3, voted: true }, second] }));
    expect(onChanged).not.toHaveBeenCalledWith(null);
  });

  // Regression (outbox): a vote made offline was only an error and the queue lost it.
  test('a vote kept in the outbox says so and hands the panel the queue that shows it', async () => {
    const withVote = { ...voted, queue: [{ ...first, votes: 1, voted: true }, second] };
    send.mockResolvedValue({
      ok: false,
      error: { kind: 'queued', message: 'Saved on this device. Readclub will send it when it can reach the server.' },
    });
    const onChanged = vi.fn();
    render(<QueuePane queue={voted} news={NO_NEWS} onOpen={() => {}} onChanged={onChanged} />);
    fireEvent.click(screen.getByRole('button', { name: `Vote for ${voted.queue[0]!.title} (0 votes)` }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Saved on this device/);
    await waitFor(() => expect(onChanged).toHaveBeenCalledWith(withVote));
  });
});
