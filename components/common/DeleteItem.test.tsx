import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { resetProtocol, send } from '@/tests/support/protocol-mock';
import { DeleteItem } from './DeleteItem';

vi.mock('@/utils/shared/protocol', () => import('@/tests/support/protocol-mock'));

beforeEach(resetProtocol);
afterEach(cleanup);

const props = { itemId: 'i1', groupId: 'g1', title: 'Deep Work Notes', groupName: 'Thursday Circle' };

describe('DeleteItem', () => {
  test('asks first; only "Delete it" sends, then says it is done', async () => {
    send.mockResolvedValue({ ok: true, value: null });
    const onDeleted = vi.fn();
    render(<DeleteItem {...props} onDeleted={onDeleted} />);
    fireEvent.click(screen.getByRole('button', { name: 'Delete from library' }));
    expect(send).not.toHaveBeenCalled();
    expect(screen.getByRole('group', { name: 'Confirm delete' }).textContent).toMatch(
      /Delete “Deep Work Notes” from Thursday Circle’s library\? Its tags, comments and place in the queue go with it/,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Delete it' }));
    await waitFor(() => expect(onDeleted).toHaveBeenCalled());
    expect(send).toHaveBeenCalledWith('deleteItem', { itemId: 'i1', groupId: 'g1' });
  });

  test('"Keep it" backs out without sending', () => {
    render(<DeleteItem {...props} onDeleted={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Delete from library' }));
    fireEvent.click(screen.getByRole('button', { name: 'Keep it' }));
    expect(screen.queryByRole('group', { name: 'Confirm delete' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Delete from library' })).toBeTruthy();
    expect(send).not.toHaveBeenCalled();
  });

  test('a refusal is shown and the item is not reported gone', async () => {
    send.mockResolvedValue({
      ok: false,
      error: { kind: 'invalid', message: 'Only whoever added this article, or an owner or admin, can remove it.' },
    });
    const onDeleted = vi.fn();
    render(<DeleteItem {...props} onDeleted={onDeleted} />);
    fireEvent.click(screen.getByRole('button', { name: 'Delete from library' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete it' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Only whoever added this article/);
    expect(onDeleted).not.toHaveBeenCalled();
    expect((screen.getByRole('button', { name: 'Delete it' }) as HTMLButtonElement).disabled).toBe(false);
  });
});
