import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { replies, resetProtocol, send, sent } from '@/tests/support/protocol-mock';
import axe from 'axe-core';
import type { Comment, CommentPage } from '@/utils/shared/api-types';
import { cachedAccount, cachedGroups, groupChangedAt } from '@/utils/shared/storage';
import { ItemDetailView } from './ItemDetailView';
import { ada as adaAccount, bookDetail, detail, groups } from '@/components/testing/fixtures';

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

/**
 * A 200-comment discussion on a stand-in server: item_detail's latest page of 50 top comments
 * and itemComments' pages before a top comment, paged as the database pages them.
 */
function longDiscussion(tops = 200) {
  const minute = (n: number) => new Date(Date.UTC(2025, 2, 1, 10, n)).toISOString();
  const ada = { id: 'u-ada', display_name: 'Ada' };
  const all: Comment[] = Array.from({ length: tops }, (_, i) => ({
    id: `t${String(i + 1).padStart(3, '0')}`,
    body: `Comment ${i + 1}`,
    author: ada,
    created_at: minute(i + 1),
    updated_at: minute(i + 1),
    parent_id: null,
  }));
  all.push({ id: 'r010', body: 'A reply to comment 10', author: ada, created_at: minute(500), updated_at: minute(500), parent_id: 't010' });
  const page = (before?: { id: string; createdAt: string } | null, limit = 50): CommentPage => {
    const tops = all.filter((c) => !c.parent_id && (!before || c.created_at < before.createdAt));
    const shown = tops.slice(-limit);
    const ids = new Set(shown.map((c) => c.id));
    return {
      comments: all
        .filter((c) => ids.has(c.id) || (c.parent_id && ids.has(c.parent_id)))
        .sort((a, b) => a.created_at.localeCompare(b.created_at)),
      top_comment_count: tops.length === 0 ? 0 : all.filter((c) => !c.parent_id).length,
      earlier_comment_count: tops.length - shown.length,
    };
  };
  const server = { down: false };
  replies({
    itemDetail: () => ({ ok: true, value: { ...detail, ...page() } }),
    itemComments: ({ before, limit }) =>
      server.down
        ? { ok: false, error: { kind: 'network', message: 'The server could not be reached.' } }
        : { ok: true, value: page(before, limit) },
    editComment: ({ commentId, body }) => {
      const at = all.findIndex((x) => x.id === commentId);
      all[at] = { ...all[at]!, body, updated_at: new Date().toISOString() };
      return { ok: true, value: all[at]! };
    },
  });
  return { all, minute, server };
}

// Hundreds of comments drawn in happy-dom: slower than the 5 s default on a busy machine.
describe('ItemDetailView: a long discussion in pages', { timeout: 30_000 }, () => {
  beforeEach(async () => {
    await cachedAccount.setValue(adaAccount);
    await cachedGroups.setValue(groups);
  });
  const tops = () => screen.getAllByTestId('comment');
  /** The button, once the page before it has come (it is disabled while one is loading). */
  const earlierButton = async (name: string) => {
    const button = await screen.findByRole<HTMLButtonElement>('button', { name });
    await waitFor(() => expect(button.disabled).toBe(false));
    return button;
  };

  test('opens with the latest 50 top comments; "Show earlier comments" fetches the pages before, with the right counts', async () => {
    longDiscussion();
    render(<ItemDetailView itemId="i1" onBack={vi.fn()} />);
    await screen.findByRole('heading', { name: 'Reading Circles at Work' });
    expect(tops()).toHaveLength(50);
    expect(tops()[0]!.textContent).toContain('Comment 151');
    expect(sent('itemComments')).toHaveLength(0);

    fireEvent.click(screen.getByRole('button', { name: 'Show 50 earlier comments (150 not shown)' }));
    await waitFor(() => expect(tops()).toHaveLength(100));
    expect(sent('itemComments')).toEqual([{ itemId: 'i1', before: { id: 't151', createdAt: '2025-03-01T12:31:00.000Z' }, limit: 50 }]);
    expect(tops()[0]!.textContent).toContain('Comment 101');
    expect(tops()[50]!.textContent).toContain('Comment 151');

    fireEvent.click(await earlierButton('Show 50 earlier comments (100 not shown)'));
    await waitFor(() => expect(tops()).toHaveLength(150));
    fireEvent.click(await earlierButton('Show 50 earlier comments (50 not shown)'));
    await waitFor(() => expect(tops()).toHaveLength(200));
    expect(tops().map((t) => t.querySelector('.comment-body')?.textContent)).toEqual(
      Array.from({ length: 200 }, (_, i) => `Comment ${i + 1}`),
    );
    // A reply written long after its top comment is on that comment's (oldest) page.
    expect(within(tops()[9]!).getByTestId('reply').textContent).toContain('A reply to comment 10');
    expect(screen.queryByRole('button', { name: /earlier comments/ })).toBeNull();
    expect(sent('itemDetail')).toHaveLength(1);
  });

  test('an edit on an earlier page shows, and the pages drawn are read again from the newest', async () => {
    longDiscussion();
    render(<ItemDetailView itemId="i1" onBack={vi.fn()} />);
    fireEvent.click(await screen.findByRole('button', { name: /Show 50 earlier comments/ }));
    await waitFor(() => expect(tops()).toHaveLength(100));
    const earlier = tops()[10]!;
    expect(earlier.textContent).toContain('Comment 111');
    fireEvent.click(await within(earlier).findByRole('button', { name: 'Edit' }));
    fireEvent.input(within(earlier).getByLabelText('Edit your comment'), { target: { value: 'Comment 111, said better.' } });
    fireEvent.click(within(earlier).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(tops()[10]!.textContent).toContain('Comment 111, said better.'));
    expect(sent('editComment')).toEqual([{ commentId: 't111', body: 'Comment 111, said better.' }]);
    expect(sent('itemComments').slice(1)).toEqual([{ itemId: 'i1', before: null, limit: 100 }]);
    expect(tops()).toHaveLength(100);
    expect(screen.getByRole('button', { name: 'Show 50 earlier comments (100 not shown)' })).toBeTruthy();
  });

  test("another member's new comment arrives live with earlier pages drawn: none falls between the pages", async () => {
    await groupChangedAt.setValue({ [detail.item.group_id]: 1000 });
    const { all, minute } = longDiscussion();
    render(<ItemDetailView itemId="i1" onBack={vi.fn()} />);
    fireEvent.click(await screen.findByRole('button', { name: /Show 50 earlier comments/ }));
    await waitFor(() => expect(tops()).toHaveLength(100));
    all.push({ id: 't201', body: 'Ben was here.', author: { id: 'b', display_name: 'Ben' }, created_at: minute(201), parent_id: null });
    await groupChangedAt.setValue({ [detail.item.group_id]: 2000 });
    await waitFor(() => expect(tops()).toHaveLength(101));
    expect(tops().at(-1)!.textContent).toContain('Ben was here.');
    // Comment 151 left item_detail's latest page; it is still drawn, between 150 and 152.
    expect(
      tops()
        .map((t) => t.querySelector('.comment-body')?.textContent)
        .slice(49, 52),
    ).toEqual(['Comment 150', 'Comment 151', 'Comment 152']);
    expect(screen.getByRole('button', { name: 'Show 50 earlier comments (100 not shown)' })).toBeTruthy();
  });

  test('an earlier page that fails says why and keeps what is drawn; the thread passes axe', async () => {
    const { server } = longDiscussion();
    render(<ItemDetailView itemId="i1" onBack={vi.fn()} />);
    const button = await screen.findByRole('button', { name: 'Show 50 earlier comments (150 not shown)' });
    const { violations } = await axe.run(document.body, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    expect(violations.map((v) => v.id)).toEqual([]);
    server.down = true;
    fireEvent.click(button);
    expect((await screen.findByRole('alert')).textContent).toBe('The server could not be reached.');
    expect(tops()).toHaveLength(50);
    server.down = false;
    fireEvent.click(await earlierButton('Show 50 earlier comments (150 not shown)'));
    await waitFor(() => expect(tops()).toHaveLength(100));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
