import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { replies, resetProtocol, send, sent } from '@/tests/support/protocol-mock';
import { groupChangedAt } from '@/utils/shared/storage';
import { ItemDetailView } from './ItemDetailView';
import { bookDetail, detail } from '@/components/testing/fixtures';

vi.mock('@/utils/shared/protocol', () => import('@/tests/support/protocol-mock'));

beforeEach(async () => {
  resetProtocol();
  await groupChangedAt.setValue({});
});
afterEach(cleanup);

describe('ItemDetailView', () => {
  test("another member's new comment appears while the item is open, when the group changes live", async () => {
    await groupChangedAt.setValue({ [detail.item.group_id]: 1000 });
    const theirs = {
      ...detail,
      comments: [
        ...detail.comments,
        { id: 'c9', body: 'Ben was here.', author: { id: 'b', display_name: 'Ben' }, created_at: detail.item.created_at },
      ],
    };
    let answer = detail;
    replies({ itemDetail: () => ({ ok: true, value: answer }) });
    render(<ItemDetailView itemId="i1" onBack={vi.fn()} />);
    expect(await screen.findByRole('heading', { name: 'Reading Circles at Work' })).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 20));
    // The change time it opened with is the past: nothing is asked again for it.
    expect(sent('itemDetail')).toHaveLength(1);
    expect(screen.getAllByTestId('comment')).toHaveLength(1);

    answer = theirs;
    await groupChangedAt.setValue({ [detail.item.group_id]: 2000 });
    await waitFor(() => expect(screen.getAllByTestId('comment')).toHaveLength(2));
    expect(screen.getByText('Ben was here.')).toBeTruthy();
    expect(sent('itemDetail')).toHaveLength(2);

    // A change in another group is not this item's.
    await groupChangedAt.setValue({ [detail.item.group_id]: 2000, 'other-group': 3000 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sent('itemDetail')).toHaveLength(2);
  });

  test('shows the item and the comment just added, without reloading it', async () => {
    const more = {
      ...detail,
      comments: [
        ...detail.comments,
        { id: 'c2', body: 'Section two.', author: { id: 'b', display_name: 'Ben' }, created_at: detail.item.created_at },
      ],
    };
    replies(
      { itemDetail: () => ({ ok: true, value: sent('addComment').length > 0 ? more : detail }) },
      { ok: true, value: more.comments[1] },
    );
    const onBack = vi.fn();
    render(<ItemDetailView itemId="i1" onBack={onBack} />);
    expect(await screen.findByRole('heading', { name: 'Reading Circles at Work' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Reading Circles at Work' }).getAttribute('href')).toBe(detail.item.url);
    expect(screen.getByText('Grace H.')).toBeTruthy();
    expect(screen.getByText('Published 27 Feb 2025')).toBeTruthy();
    expect(screen.getByText('5 min read')).toBeTruthy();
    expect(screen.getByText(/Number 1 in the queue/)).toBeTruthy();
    expect(screen.getByText('leadership')).toBeTruthy();
    expect(screen.getAllByTestId('comment')).toHaveLength(1);
    fireEvent.input(screen.getByLabelText('Add a comment'), { target: { value: 'Section two.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Comment' }));
    await waitFor(() => expect(screen.getAllByTestId('comment')).toHaveLength(2));
    // Regression (a comment costs one request): the comment add_comment returned is drawn, item_detail is not asked again.
    expect(send.mock.calls.filter((c) => c[0] === 'itemDetail')).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: /Back to queue/ }));
    expect(onBack).toHaveBeenCalled();
  });

  test('a book: no link, all its authors, "Book / print", no publication date', async () => {
    send.mockResolvedValue({ ok: true, value: { ...bookDetail, item: { ...bookDetail.item, authors: ['A. Writer', 'B. Writer'] } } });
    render(<ItemDetailView itemId="i3" onBack={vi.fn()} />);
    expect(await screen.findByRole('heading', { name: 'The Overstory' })).toBeTruthy();
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.getByText('A. Writer, B. Writer')).toBeTruthy();
    expect(screen.getByText('Book / print')).toBeTruthy();
    expect(screen.queryByText(/Published/)).toBeNull();
    expect(screen.queryByText(/min read/)).toBeNull();
  });

  test('a failed load says why and still offers the way back', async () => {
    send.mockResolvedValue({ ok: false, error: { kind: 'server', message: 'Something went wrong.' } });
    render(<ItemDetailView itemId="i1" onBack={vi.fn()} />);
    expect((await screen.findByRole('alert')).textContent).toBe('Something went wrong.');
    expect(screen.getByRole('button', { name: /Back to queue/ })).toBeTruthy();
  });

  test('whoever may (can_delete) deletes the item after confirming, then goes back to the queue', async () => {
    replies({ itemDetail: { ok: true, value: { ...detail, can_delete: true } } }, { ok: true, value: null });
    const onBack = vi.fn();
    render(<ItemDetailView itemId="i1" onBack={onBack} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Delete from library' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete it' }));
    await waitFor(() => expect(onBack).toHaveBeenCalled());
    expect(send).toHaveBeenCalledWith('deleteItem', { itemId: 'i1', groupId: 'g1' });
  });

  test("someone else's item offers no delete; the adder shows with their initials", async () => {
    send.mockResolvedValue({ ok: true, value: { ...detail, can_delete: false } });
    render(<ItemDetailView itemId="i1" onBack={vi.fn()} />);
    expect(await screen.findByRole('heading', { name: 'Reading Circles at Work' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Delete from library' })).toBeNull();
    expect(within(screen.getByRole('article', { name: 'Item' })).getByRole('img', { name: 'Ada' }).textContent).toBe('A');
  });
});
