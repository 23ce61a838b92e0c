import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { resetProtocol, send } from '@/tests/support/protocol-mock';
import { cachedAccount, outbox, sessionEndedFor, type OutboxOp } from '@/utils/shared/storage';
import { OutboxList } from './OutboxList';
import { article } from '@/components/testing/fixtures';

vi.mock('@/utils/shared/protocol', () => import('@/tests/support/protocol-mock'));

const base = { groupId: 'g1', userId: 'u1', createdAt: 1, attempts: 1, nextAttemptAt: Date.now() + 60_000, failed: false };
const clipOp: OutboxOp = {
  ...base,
  kind: 'clip',
  id: 'k1',
  itemKey: 'k1',
  lastError: { kind: 'network', message: 'down' },
  args: { p_client_id: 'k1', p_group_id: 'g1', p_clip: article, p_tags: [], p_comment: null, p_queue: true },
};
const refused: OutboxOp = {
  ...base,
  kind: 'comment',
  id: 'c1',
  itemKey: 'i1',
  failed: true,
  lastError: { kind: 'invalid', message: 'A comment can be at most 4000 characters.' },
  args: { itemId: 'i1', body: 'Long thoughts' },
};
const signedOut: OutboxOp = {
  ...base,
  kind: 'comment',
  id: 'c2',
  itemKey: 'i2',
  lastError: { kind: 'signed-out', message: 'x' },
  args: { itemId: 'i2', body: 'Later' },
};

const ada = { userId: 'u1', email: 'ada@example.com', displayName: 'Ada' };

beforeEach(async () => {
  fakeBrowser.reset();
  resetProtocol();
  await cachedAccount.setValue(ada); // the changes below are Ada's (base.userId)
});
afterEach(cleanup);

describe('OutboxList', () => {
  test('shows nothing when nothing waits', async () => {
    const { container } = render(<OutboxList />);
    await new Promise((r) => setTimeout(r, 10));
    expect(container.textContent).toBe('');
  });

  test('a change being sent this moment is not listed as waiting', async () => {
    await outbox.setValue([clipOp, { ...signedOut, sendingIn: 'worker-life' }]);
    render(<OutboxList />);
    expect(await screen.findByRole('region', { name: 'Waiting to send (1)' })).toBeTruthy();
  });

  test('a labelled list of what waits, with why, each with Retry and Discard', async () => {
    await outbox.setValue([clipOp, refused, signedOut]);
    render(<OutboxList />);
    const list = await screen.findByRole('region', { name: 'Waiting to send (3)' });
    const entries = list.querySelectorAll('[data-testid="outbox-entry"]');
    expect(entries[0]!.textContent).toMatch(new RegExp(`Clip: ${article.title}.*Will try again by`));
    expect(entries[1]!.textContent).toContain('Not sent: A comment can be at most 4000 characters.');
    expect(entries[2]!.textContent).toContain('Waits for you to sign in again.');
    expect(screen.getByRole('button', { name: `Retry sending ${article.title}` })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Discard Long thoughts' })).toBeTruthy();
  });

  test('a kept highlight is named by its passage and comment', async () => {
    const target = { exact: 'Small groups read better.', prefix: '', suffix: '', start: 0, end: 25 };
    await outbox.setValue([
      { ...base, kind: 'highlight', id: 'h1', itemKey: 'i1', lastError: null, args: { itemId: 'i1', target, body: 'True' } },
    ]);
    render(<OutboxList />);
    expect((await screen.findByTestId('outbox-entry')).textContent).toMatch(/^Highlight: “Small groups read better\.” True/);
  });

  // Regression: on a shared browser the next member to sign in saw another member's kept clip by title.
  test("signed in, only that member's changes are listed; another member's are counted, never named", async () => {
    await cachedAccount.setValue({ userId: 'u2', email: 'ben@example.com', displayName: 'Ben' });
    await outbox.setValue([clipOp, { ...refused, userId: 'u2' }]);
    const { container } = render(<OutboxList />);
    await screen.findByRole('region', { name: 'Waiting to send (1)' });
    expect(screen.getByTestId('outbox-others').textContent).toBe('1 change waits on this browser until the member who made it signs in.');
    expect(container.textContent).not.toContain(article.title);
  });

  test('signed out: the changes of the member whose session ended are named; after a deliberate sign-out, only counted', async () => {
    await cachedAccount.setValue(null);
    await sessionEndedFor.setValue('u1');
    await outbox.setValue([signedOut]);
    const { container } = render(<OutboxList />);
    expect((await screen.findByTestId('outbox-entry')).textContent).toContain('Waits for you to sign in again.');
    await sessionEndedFor.setValue(null);
    await waitFor(() => expect(screen.queryByTestId('outbox-entry')).toBeNull());
    expect(screen.getByTestId('outbox-others').textContent).toBe('1 change waits on this browser until the member who made it signs in.');
    expect(container.textContent).not.toContain('Later');
  });

  test("only another member's changes: no list, just the count", async () => {
    const ben = { userId: 'u2', email: 'ben@example.com', displayName: 'Ben' };
    await cachedAccount.setValue(ben);
    // The popup passes what it read before its first render: the first render already counts, never names.
    const { container } = render(<OutboxList cached={[clipOp, refused]} account={ben} />);
    expect(screen.getByTestId('outbox-others').textContent).toBe('2 changes wait on this browser until the members who made them sign in.');
    await outbox.setValue([clipOp, refused]);
    await new Promise((r) => setTimeout(r, 10));
    expect(screen.queryByRole('heading', { name: /Waiting to send/ })).toBeNull();
    expect(container.textContent).not.toContain('Long thoughts');
  });

  test('Retry and Discard ask the background for that one change', async () => {
    await outbox.setValue([clipOp, refused]);
    send.mockResolvedValue({ ok: true, value: [] });
    render(<OutboxList />);
    fireEvent.click(await screen.findByRole('button', { name: 'Retry sending Long thoughts' }));
    await waitFor(() => expect(send).toHaveBeenCalledWith('retryOutbox', { id: 'c1' }));
    fireEvent.click(screen.getByRole('button', { name: `Discard ${article.title}` }));
    await waitFor(() => expect(send).toHaveBeenCalledWith('discardOutbox', { id: 'k1' }));
  });

  test('follows the outbox as it changes: gone once delivered', async () => {
    await outbox.setValue([clipOp]);
    render(<OutboxList />);
    await screen.findByRole('heading', { name: 'Waiting to send (1)' });
    await outbox.setValue([]);
    await waitFor(() => expect(screen.queryByRole('heading', { name: /Waiting to send/ })).toBeNull());
  });

  test('a failed Retry says why', async () => {
    await outbox.setValue([clipOp]);
    send.mockResolvedValue({ ok: false, error: { kind: 'network', message: "Readclub isn't answering." } });
    render(<OutboxList />);
    fireEvent.click(await screen.findByRole('button', { name: `Retry sending ${article.title}` }));
    expect((await screen.findByRole('alert')).textContent).toBe("Readclub isn't answering.");
  });

  // Regression: votes, moves and read marks were never kept, so they had no label.
  test('a vote, a move and a refused move read as sentences, with Retry and Discard', async () => {
    await outbox.setValue([
      {
        ...base,
        kind: 'vote',
        id: 'v1',
        itemKey: 'i1',
        lastError: { kind: 'network', message: 'down' },
        args: { itemId: 'i1', vote: true, title: 'Deep Work' },
      },
      {
        ...base,
        kind: 'move',
        id: 'm1',
        itemKey: 'i2',
        failed: true,
        lastError: { kind: 'invalid', message: 'Another member just took that article off the queue, so it cannot be moved.' },
        args: { itemId: 'i2', beforeItemId: null, title: 'Slow Reading' },
      },
    ]);
    render(<OutboxList />);
    await screen.findByRole('region', { name: 'Waiting to send (2)' });
    expect(screen.getAllByTestId('outbox-entry').map((li) => li.querySelector('span')!.textContent)).toEqual([
      'Vote for Deep Work',
      'Move Slow Reading to the end',
    ]);
    expect(screen.getByText(/Not sent: Another member just took that article off the queue/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Discard Move Slow Reading to the end' })).toBeTruthy();
  });
});
