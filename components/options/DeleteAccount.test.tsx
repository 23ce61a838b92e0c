import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { resetProtocol, send } from '@/tests/support/protocol-mock';
import { confirmsDeletion, DeleteAccount } from './DeleteAccount';
import { ada } from '@/components/testing/fixtures';

vi.mock('@/utils/shared/protocol', () => import('@/tests/support/protocol-mock'));

beforeEach(resetProtocol);
afterEach(cleanup);

const button = () => screen.getByRole('button', { name: 'Delete my account' }) as HTMLButtonElement;
const type = (value: string) =>
  fireEvent.input(screen.getByLabelText('Type DELETE or your email address to confirm'), { target: { value } });

describe('DeleteAccount', () => {
  test('stays disabled until DELETE or the email is typed', () => {
    render(<DeleteAccount account={ada} onDeleted={vi.fn()} />);
    expect(button().disabled).toBe(true);
    type('delete');
    expect(button().disabled).toBe(true);
    type(' ADA@example.org ');
    expect(button().disabled).toBe(false);
    type('DELETE');
    expect(button().disabled).toBe(false);
  });

  test('deletes and tells the page what went', async () => {
    const result = { deleted_groups: 0, deleted_comments: 3, deleted_items: 1, kept_items: 2 };
    send.mockResolvedValue({ ok: true, value: result });
    const onDeleted = vi.fn();
    render(<DeleteAccount account={ada} onDeleted={onDeleted} />);
    type('DELETE');
    fireEvent.click(button());
    await waitFor(() => expect(onDeleted).toHaveBeenCalledWith(result));
    expect(send).toHaveBeenCalledWith('deleteAccount', { confirm: 'DELETE' });
  });

  test('the last owner is told to hand over first, and nothing is deleted', async () => {
    const message = 'You are the last owner of Thursday Circle: make another member an owner first, or delete the group.';
    send.mockResolvedValue({ ok: false, error: { kind: 'invalid', message } });
    const onDeleted = vi.fn();
    render(<DeleteAccount account={ada} onDeleted={onDeleted} />);
    type('DELETE');
    fireEvent.click(button());
    expect((await screen.findByRole('alert')).textContent).toBe(message);
    expect(onDeleted).not.toHaveBeenCalled();
  });

  test('confirmsDeletion matches what the server accepts', () => {
    expect(confirmsDeletion('DELETE', '')).toBe(true);
    expect(confirmsDeletion('Delete', 'a@b.c')).toBe(false);
    expect(confirmsDeletion('A@B.C', 'a@b.c')).toBe(true);
    expect(confirmsDeletion('', '')).toBe(false);
  });
});
