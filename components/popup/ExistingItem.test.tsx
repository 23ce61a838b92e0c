import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { replies, resetProtocol, send } from '@/tests/support/protocol-mock';
import { ExistingItem } from './ExistingItem';
import { detail, groups } from '@/components/testing/fixtures';

vi.mock('@/utils/shared/protocol', () => import('@/tests/support/protocol-mock'));
beforeEach(() => {
  resetProtocol();
});
afterEach(cleanup);
const ben = { id: 'u-ben', display_name: 'Ben' };

describe('ExistingItem', () => {
  test('shows the item already saved: title, who added it, tags, queue place, comments', () => {
    render(<ExistingItem detail={detail} group={groups[0]!} />);
    const item = screen.getByRole('article', { name: 'Already saved' });
    expect(within(item).getByText('Already in Thursday Circle')).toBeTruthy();
    expect(within(item).getByRole('heading', { name: 'Reading Circles at Work' })).toBeTruthy();
    expect(item.textContent).toMatch(/Example Journal.*5 min read.*added by Ada/);
    // Each tag has its remove button (×).
    expect(within(item).getByRole('list', { name: 'Tags' }).textContent).toBe('leadership×');
    expect(screen.getByRole('button', { name: 'Remove tag leadership' })).toBeTruthy();
    expect(within(item).getByText(/Number 1 in the queue, queued by Ada/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Queue for discussion' })).toBeNull();
    expect(screen.getAllByTestId('comment')).toHaveLength(1);
  });

  test('adds tags, a comment, and queues it', async () => {
    replies(
      {
        tagItem: { ok: true, value: ['focus', 'leadership'] },
        addComment: { ok: true, value: { id: 'c2', body: 'Me too.', author: ben, created_at: detail.item.created_at } },
        queueItem: { ok: true, value: { position: 4, queued_by: ben, queued_at: detail.item.created_at } },
      },
      { ok: false, error: { kind: 'server', message: 'unexpected' } },
    );
    render(<ExistingItem detail={{ ...detail, queue: null }} group={groups[0]!} />);
    expect(screen.getByText('Not in the discussion queue.')).toBeTruthy();

    fireEvent.input(screen.getByLabelText('Add tags'), { target: { value: 'focus' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add tags' }));
    await waitFor(() => expect(screen.getByRole('list', { name: 'Tags' }).textContent).toBe('focus×leadership×'));

    fireEvent.input(screen.getByLabelText('Add a comment'), { target: { value: 'Me too.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Comment' }));
    await waitFor(() => expect(screen.getAllByTestId('comment')).toHaveLength(2));
    expect(send.mock.calls.some((c) => c[0] === 'itemDetail')).toBe(false); // the comment came back with add_comment

    fireEvent.click(screen.getByRole('button', { name: 'Queue for discussion' }));
    expect(await screen.findByText(/Number 4 in the queue, queued by Ben/)).toBeTruthy();
    expect(send).toHaveBeenCalledWith('queueItem', { itemId: 'i1' });
  });

  test('a failed queueing says why and keeps the button', async () => {
    send.mockResolvedValue({ ok: false, error: { kind: 'network', message: "Can't reach the Readclub server." } });
    render(<ExistingItem detail={{ ...detail, queue: null }} group={groups[0]!} />);
    fireEvent.click(screen.getByRole('button', { name: 'Queue for discussion' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Can't reach/);
    expect(screen.getByRole('button', { name: 'Queue for discussion' })).toBeTruthy();
  });

  test('whoever may (can_delete) deletes it after confirming; the popup is told', async () => {
    send.mockResolvedValue({ ok: true, value: null });
    const onDeleted = vi.fn();
    render(<ExistingItem detail={{ ...detail, can_delete: true }} group={groups[0]!} onDeleted={onDeleted} />);
    fireEvent.click(screen.getByRole('button', { name: 'Delete from library' }));
    expect(screen.getByRole('group', { name: 'Confirm delete' }).textContent).toMatch(/from Thursday Circle’s library/);
    fireEvent.click(screen.getByRole('button', { name: 'Delete it' }));
    await waitFor(() => expect(onDeleted).toHaveBeenCalled());
    expect(send).toHaveBeenCalledWith('deleteItem', { itemId: 'i1', groupId: 'g1' });
  });

  test("someone else's item (can_delete false, or not said) offers no delete", () => {
    render(<ExistingItem detail={{ ...detail, can_delete: false }} group={groups[1]!} onDeleted={vi.fn()} />);
    expect(screen.queryByRole('button', { name: 'Delete from library' })).toBeNull();
    cleanup();
    render(<ExistingItem detail={detail} group={groups[1]!} onDeleted={vi.fn()} />);
    expect(screen.queryByRole('button', { name: 'Delete from library' })).toBeNull();
  });

  test('the adder\'s picture sits beside "added by"', () => {
    const withPicture = {
      ...detail,
      item: { ...detail.item, added_by: { id: 'u-ada', display_name: 'Ada', avatar_url: 'https://example.org/ada.png' } },
    };
    render(<ExistingItem detail={withPicture} group={groups[0]!} />);
    const img = within(screen.getByRole('article', { name: 'Already saved' })).getByRole('img', { name: 'Ada' });
    expect(img.getAttribute('src')).toBe('https://example.org/ada.png');
    expect(img.getAttribute('referrerpolicy')).toBe('no-referrer');
  });
  test('a long discussion: the popup shows the latest page and fetches the earlier comments on request', async () => {
    const at = (n: number) => `2025-03-01T10:0${n}:00.000Z`;
    const early = { id: 'e1', body: 'The very first word.', author: ben, created_at: at(1), updated_at: at(1), parent_id: null };
    replies({ itemComments: { ok: true, value: { comments: [early], top_comment_count: 2, earlier_comment_count: 0 } } });
    render(<ExistingItem detail={{ ...detail, top_comment_count: 2, earlier_comment_count: 1 }} group={groups[0]!} />);
    expect(screen.getAllByTestId('comment')).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Show 1 earlier comment (1 not shown)' }));
    await waitFor(() => expect(screen.getAllByTestId('comment')).toHaveLength(2));
    expect(screen.getAllByTestId('comment')[0]!.textContent).toContain('The very first word.');
    const [top] = detail.comments;
    expect(send).toHaveBeenCalledWith('itemComments', { itemId: 'i1', before: { id: top!.id, createdAt: top!.created_at }, limit: 50 });
    expect(screen.queryByRole('button', { name: /earlier comments/ })).toBeNull();
  });
});
