import { afterEach, beforeEach, describe, expect, test, vi, type Mock } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { sendMessage } from '@/utils/protocol';
import { CommentThread } from './CommentThread';
import { detail } from './testing/fixtures';

vi.mock('@/utils/protocol', () => ({ sendMessage: vi.fn() }));
const send = sendMessage as unknown as Mock;

beforeEach(() => send.mockReset());
afterEach(cleanup);

describe('CommentThread', () => {
  test('lists comments with author and time', () => {
    render(<CommentThread itemId="i1" comments={detail.comments} onAdded={vi.fn()} />);
    const [comment] = screen.getAllByTestId('comment');
    expect(comment!.textContent).toMatch(/Ada.*Worth an hour on Thursday\./);
    expect(comment!.querySelector('time')!.getAttribute('datetime')).toBe('2025-03-01T10:00:00Z');
  });

  test('adds a comment and clears the box', async () => {
    const added = { id: 'c2', body: 'Yes!', author: { id: 'u-ben', display_name: 'Ben' }, created_at: new Date().toISOString() };
    send.mockResolvedValue({ ok: true, value: added });
    const onAdded = vi.fn();
    render(<CommentThread itemId="i1" comments={[]} onAdded={onAdded} />);
    expect(screen.getByText(/No comments yet/)).toBeTruthy();
    const box = screen.getByLabelText('Add a comment') as HTMLTextAreaElement;
    fireEvent.input(box, { target: { value: 'Yes!' } });
    fireEvent.click(screen.getByRole('button', { name: 'Comment' }));
    await waitFor(() => expect(onAdded).toHaveBeenCalledWith(added));
    expect(send).toHaveBeenCalledWith('addComment', { itemId: 'i1', body: 'Yes!' });
    expect(box.value).toBe('');
  });

  test('a failure keeps the text and says why', async () => {
    send.mockResolvedValue({ ok: false, error: { kind: 'network', message: 'Offline — nothing was lost.' } });
    render(<CommentThread itemId="i1" comments={[]} onAdded={vi.fn()} />);
    const box = screen.getByLabelText('Add a comment') as HTMLTextAreaElement;
    fireEvent.input(box, { target: { value: 'Keep me' } });
    fireEvent.click(screen.getByRole('button', { name: 'Comment' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Offline/);
    expect(box.value).toBe('Keep me');
  });

  test('a comment kept in the outbox empties the box (sending again would post it twice) and says so', async () => {
    send.mockResolvedValue({ ok: false, error: { kind: 'queued', message: 'Saved on this device. Readclub will send it when it can reach the server.' } });
    render(<CommentThread itemId="i1" comments={[]} onAdded={vi.fn()} />);
    const box = screen.getByLabelText('Add a comment') as HTMLTextAreaElement;
    fireEvent.input(box, { target: { value: 'Later' } });
    fireEvent.click(screen.getByRole('button', { name: 'Comment' }));
    expect((await screen.findByRole('status')).textContent).toMatch(/Saved on this device/);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(box.value).toBe('');
  });
});
