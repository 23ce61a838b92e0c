import { afterEach, beforeEach, describe, expect, test, vi, type Mock } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { sendMessage } from '@/utils/protocol';
import { cachedQueues } from '@/utils/storage';
import { NO_NEWS } from '@/utils/ui-news';
import { QueuePane } from './QueuePane';
import { queue } from './testing/fixtures';

vi.mock('@/utils/protocol', () => ({ sendMessage: vi.fn() }));
const send = sendMessage as unknown as Mock;
beforeEach(() => send.mockReset());
afterEach(cleanup);

const voted = { ...queue, queue: [{ ...queue.queue[0]!, votes: 0 }, { ...queue.queue[1]!, votes: 2 }] };
const swapped = { ...voted, queue: [{ ...voted.queue[1]!, position: 1 }, { ...voted.queue[0]!, position: 2 }] };

describe('QueuePane', () => {
  test('total reading time, and most wanted puts the most votes first', () => {
    render(<QueuePane queue={voted} news={NO_NEWS} onOpen={() => {}} onChanged={() => {}} />);
    expect(screen.getByTestId('queue-total').textContent).toMatch(/^2 queued · \d+ min of reading$/);
    fireEvent.click(screen.getByLabelText('Most wanted first'));
    expect(screen.getAllByTestId('queue-entry')[0]!.textContent).toContain(voted.queue[1]!.title);
    // No moving in the most wanted order: it is not the queue's order.
    expect(screen.queryByRole('button', { name: /^Move / })).toBeNull();
  });

  test('Alt+ArrowDown moves the focused entry, tells the panel and announces it', async () => {
    send.mockResolvedValue({ ok: true, value: swapped });
    const onChanged = vi.fn();
    render(<QueuePane queue={voted} news={NO_NEWS} onOpen={() => {}} onChanged={onChanged} />);
    fireEvent.keyDown(screen.getAllByTestId('queue-entry')[0]!, { key: 'ArrowDown', altKey: true });
    await waitFor(() => expect(onChanged).toHaveBeenCalledWith(swapped));
    expect(send).toHaveBeenCalledWith('moveQueueEntry', { itemId: voted.queue[0]!.item_id, beforeItemId: null });
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

  test('a vote toggles through voteItem; a new item is marked', async () => {
    send.mockResolvedValue({ ok: true, value: { votes: 1, voted: true } });
    const news = { ...NO_NEWS, items: new Set([voted.queue[0]!.item_id]) };
    render(<QueuePane queue={voted} news={news} onOpen={() => {}} onChanged={() => {}} />);
    expect(screen.getAllByTestId('new-item')).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: `Vote for ${voted.queue[0]!.title} (0 votes)` }));
    await waitFor(() => expect(send).toHaveBeenCalledWith('voteItem', { itemId: voted.queue[0]!.item_id, vote: true }));
  });

  // Regression (issue 6, outbox): a vote made offline was only an error and the queue lost it.
  test('a vote kept in the outbox says so and hands the panel the cached queue that shows it', async () => {
    const withVote = { ...voted, queue: [{ ...voted.queue[0]!, votes: 1, voted: true }, voted.queue[1]!] };
    await cachedQueues.setValue({ [voted.group.id]: withVote });
    send.mockResolvedValue({ ok: false, error: { kind: 'queued', message: 'Saved on this device. Readclub will send it when it can reach the server.' } });
    const onChanged = vi.fn();
    render(<QueuePane queue={voted} news={NO_NEWS} onOpen={() => {}} onChanged={onChanged} />);
    fireEvent.click(screen.getByRole('button', { name: `Vote for ${voted.queue[0]!.title} (0 votes)` }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Saved on this device/);
    await waitFor(() => expect(onChanged).toHaveBeenCalledWith(withVote));
  });
});
