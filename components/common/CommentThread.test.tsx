import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { resetProtocol, send } from '@/tests/support/protocol-mock';
import { cachedAccount, cachedGroups } from '@/utils/shared/storage';
import type { Comment } from '@/utils/shared/api-types';
import { CommentThread } from './CommentThread';
import { ada, detail, groups } from '@/components/testing/fixtures';

vi.mock('@/utils/shared/protocol', () => import('@/tests/support/protocol-mock'));
const ben = { id: 'u-ben', display_name: 'Ben' };
const at = '2025-03-01T10:00:00Z';
const thread: Comment[] = [
  { id: 'c1', body: 'Top by Ada', author: { id: 'u-ada', display_name: 'Ada' }, created_at: at, updated_at: at, parent_id: null },
  { id: 'c2', body: 'Reply by Ben', author: ben, created_at: at, updated_at: '2025-03-01T11:00:00Z', parent_id: 'c1' },
  { id: 'c3', body: '', author: ben, created_at: at, updated_at: at, parent_id: null, deleted: true },
  { id: 'c4', body: 'Reply under the deleted one', author: ben, created_at: at, updated_at: at, parent_id: 'c3' },
];

beforeEach(async () => {
  resetProtocol();
  await cachedAccount.setValue(ada);
  await cachedGroups.setValue(groups);
});
afterEach(cleanup);

describe('CommentThread', () => {
  test('lists comments with author and time', () => {
    render(<CommentThread itemId="i1" comments={detail.comments} onChanged={vi.fn()} />);
    const [comment] = screen.getAllByTestId('comment');
    expect(comment!.textContent).toMatch(/Ada.*Worth an hour on Thursday\./);
    expect(comment!.querySelector('time')!.getAttribute('datetime')).toBe('2025-03-01T10:00:00Z');
  });

  test('replies sit under their top comment; a deleted one with replies shows as deleted, its replies kept', () => {
    render(<CommentThread itemId="i1" groupId="g2" comments={thread} onChanged={vi.fn()} />);
    const [first, second] = screen.getAllByTestId('comment');
    expect(within(first!).getByRole('list', { name: 'Replies to Ada' }).textContent).toMatch(/Ben.*edited.*Reply by Ben/);
    expect(second!.textContent).toMatch(/^This comment was deleted\..*Reply under the deleted one/);
    expect(screen.getAllByTestId('reply')).toHaveLength(2);
  });

  test("I edit and delete only my own comments as a member; an owner may delete anyone's", async () => {
    render(<CommentThread itemId="i1" groupId="g2" comments={thread.slice(0, 2)} onChanged={vi.fn()} />);
    const [top] = screen.getAllByTestId('comment');
    await within(top!).findByRole('button', { name: 'Edit' });
    const reply = screen.getByTestId('reply');
    expect(within(reply).queryByRole('button', { name: 'Edit' })).toBeNull();
    expect(within(reply).queryByRole('button', { name: 'Delete' })).toBeNull();
    expect(within(top!).getAllByRole('button', { name: 'Edit' })).toHaveLength(1);
    cleanup();
    render(<CommentThread itemId="i1" groupId="g1" comments={thread.slice(0, 2)} onChanged={vi.fn()} />);
    expect(await within(screen.getByTestId('reply')).findByRole('button', { name: 'Delete' })).toBeTruthy();
  });

  test('a 200-comment thread draws its latest 50 top comments, with their replies; earlier ones 50 a click', () => {
    const long: Comment[] = Array.from({ length: 200 }, (_, i) => ({
      id: `t${i + 1}`,
      body: `Comment ${i + 1}`,
      author: ben,
      created_at: at,
      updated_at: at,
      parent_id: null,
    }));
    long.push({ id: 'r1', body: 'A reply to the last', author: ben, created_at: at, updated_at: at, parent_id: 't200' });
    render(<CommentThread itemId="i1" comments={long} onChanged={vi.fn()} />);
    const tops = () => screen.getAllByTestId('comment');
    expect(tops()).toHaveLength(50);
    expect(tops()[0]!.textContent).toContain('Comment 151');
    expect(tops().at(-1)!.textContent).toMatch(/Comment 200.*A reply to the last/);
    fireEvent.click(screen.getByRole('button', { name: 'Show 50 earlier comments (150 not shown)' }));
    expect(tops()).toHaveLength(100);
    expect(tops()[0]!.textContent).toContain('Comment 101');
    expect(screen.getByLabelText('Add a comment')).toBeTruthy();
  });

  test('adds a comment and clears the box', async () => {
    const added = { id: 'c9', body: 'Yes!', author: ben, created_at: new Date().toISOString() };
    send.mockResolvedValue({ ok: true, value: added });
    const onChanged = vi.fn();
    render(<CommentThread itemId="i1" comments={[]} onChanged={onChanged} />);
    expect(screen.getByText(/No comments yet/)).toBeTruthy();
    const box = screen.getByLabelText('Add a comment') as HTMLTextAreaElement;
    fireEvent.input(box, { target: { value: 'Yes!' } });
    fireEvent.click(screen.getByRole('button', { name: 'Comment' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalledWith(added));
    expect(send).toHaveBeenCalledWith('addComment', { itemId: 'i1', body: 'Yes!', clientId: expect.any(String) });
    expect(box.value).toBe('');
  });

  // Regression (worker lifecycle): the background made a new id per send, so sending
  // again after the worker stopped mid-send posted the comment twice (the outbox kept the first).
  test('sending the same text again after a failure is the same comment (same client id); a new one gets a new id', async () => {
    send.mockResolvedValueOnce({ ok: false, error: { kind: 'network', message: "Readclub isn't answering." } });
    const added = { id: 'c9', body: 'Once', author: ben, created_at: new Date().toISOString() };
    send.mockResolvedValue({ ok: true, value: added });
    const onChanged = vi.fn();
    render(<CommentThread itemId="i1" comments={[]} onChanged={onChanged} />);
    fireEvent.input(screen.getByLabelText('Add a comment'), { target: { value: 'Once' } });
    fireEvent.click(screen.getByRole('button', { name: 'Comment' }));
    await screen.findByRole('alert');
    fireEvent.click(screen.getByRole('button', { name: 'Comment' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    const ids = send.mock.calls.map(([, data]) => (data as { clientId: string }).clientId);
    expect(ids).toHaveLength(2);
    expect(ids[1]).toBe(ids[0]);
    fireEvent.input(screen.getByLabelText('Add a comment'), { target: { value: 'Once' } });
    fireEvent.click(screen.getByRole('button', { name: 'Comment' }));
    await waitFor(() => expect(send).toHaveBeenCalledTimes(3));
    expect((send.mock.calls[2]![1] as { clientId: string }).clientId).not.toBe(ids[0]);
  });

  test('Reply opens a box under the thread and sends with the top comment as parent', async () => {
    send.mockResolvedValue({ ok: true, value: { ...thread[1]!, id: 'c10' } });
    const onChanged = vi.fn();
    render(<CommentThread itemId="i1" groupId="g1" comments={thread.slice(0, 2)} onChanged={onChanged} />);
    // Reply on a reply answers the same thread (one level deep).
    fireEvent.click(within(screen.getByTestId('reply')).getByRole('button', { name: 'Reply' }));
    fireEvent.input(screen.getByLabelText('Reply to Ada'), { target: { value: 'Agreed' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send reply' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(send).toHaveBeenCalledWith('addComment', { itemId: 'i1', body: 'Agreed', parentId: 'c1', clientId: expect.any(String) });
    expect(screen.queryByLabelText('Reply to Ada')).toBeNull();
  });

  test('edit saves the new text; delete asks once more, then deletes', async () => {
    send.mockResolvedValue({ ok: true, value: null });
    const onChanged = vi.fn();
    render(<CommentThread itemId="i1" groupId="g1" comments={thread.slice(0, 1)} onChanged={onChanged} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    const box = screen.getByLabelText('Edit your comment') as HTMLTextAreaElement;
    expect(box.value).toBe('Top by Ada');
    fireEvent.input(box, { target: { value: 'Top by Ada, *edited*' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(send).toHaveBeenCalledWith('editComment', { commentId: 'c1', body: 'Top by Ada, *edited*' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Delete' }));
    expect(send).not.toHaveBeenCalledWith('deleteComment', expect.anything());
    fireEvent.click(screen.getByRole('button', { name: 'Yes, delete' }));
    await waitFor(() => expect(send).toHaveBeenCalledWith('deleteComment', { commentId: 'c1' }));
    expect(onChanged).toHaveBeenCalledTimes(2);
  });

  test('a failure keeps the text and says why', async () => {
    send.mockResolvedValue({ ok: false, error: { kind: 'network', message: 'Offline — nothing was lost.' } });
    render(<CommentThread itemId="i1" comments={[]} onChanged={vi.fn()} />);
    const box = screen.getByLabelText('Add a comment') as HTMLTextAreaElement;
    fireEvent.input(box, { target: { value: 'Keep me' } });
    fireEvent.click(screen.getByRole('button', { name: 'Comment' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Offline/);
    expect(box.value).toBe('Keep me');
  });

  test('a comment kept in the outbox empties the box (sending again would post it twice) and says so', async () => {
    send.mockResolvedValue({
      ok: false,
      error: { kind: 'queued', message: 'Saved on this device. Readclub will send it when it can reach the server.' },
    });
    render(<CommentThread itemId="i1" comments={[]} onChanged={vi.fn()} />);
    const box = screen.getByLabelText('Add a comment') as HTMLTextAreaElement;
    fireEvent.input(box, { target: { value: 'Later' } });
    fireEvent.click(screen.getByRole('button', { name: 'Comment' }));
    expect((await screen.findByRole('status')).textContent).toMatch(/Saved on this device/);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(box.value).toBe('');
  });
});
