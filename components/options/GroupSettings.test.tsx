import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { resetProtocol, send } from '@/tests/support/protocol-mock';
import { GroupSettings } from './GroupSettings';
import { groups } from '@/components/testing/fixtures';

vi.mock('@/utils/shared/protocol', () => import('@/tests/support/protocol-mock'));

beforeEach(resetProtocol);
afterEach(cleanup);

describe('GroupSettings', () => {
  test('renames the group and sets its description', async () => {
    send.mockResolvedValue({ ok: true, value: { id: 'g1', name: 'Friday Circle', description: 'Essays' } });
    const onChanged = vi.fn();
    render(<GroupSettings group={groups[0]!} onChanged={onChanged} />);
    fireEvent.input(screen.getByLabelText('Name'), { target: { value: 'Friday Circle' } });
    fireEvent.input(screen.getByLabelText('Description'), { target: { value: 'Essays' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save group' }));
    expect(await screen.findByRole('status')).toBeTruthy();
    expect(send).toHaveBeenCalledWith('updateGroup', { groupId: 'g1', name: 'Friday Circle', description: 'Essays' });
    expect(onChanged).toHaveBeenCalled();
  });

  test('starts from the saved description, so saving a new name keeps it', () => {
    render(<GroupSettings group={groups[0]!} onChanged={vi.fn()} />);
    expect((screen.getByLabelText('Description') as HTMLTextAreaElement).value).toBe('Short essays on quiet leadership');
  });

  test('Delete group works only after typing the exact name', async () => {
    send.mockResolvedValue({ ok: true, value: null });
    const onChanged = vi.fn();
    render(<GroupSettings group={groups[0]!} onChanged={onChanged} />);
    const del = screen.getByRole('button', { name: 'Delete group' }) as HTMLButtonElement;
    const confirm = screen.getByLabelText(/to delete the group/);
    fireEvent.input(confirm, { target: { value: 'Thursday' } });
    expect(del.disabled).toBe(true);
    fireEvent.input(confirm, { target: { value: 'Thursday Circle' } });
    expect(del.disabled).toBe(false);
    fireEvent.click(del);
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(send).toHaveBeenCalledWith('deleteGroup', { groupId: 'g1', confirmName: 'Thursday Circle' });
  });

  test('an admin can rename but not delete; a refusal is shown', async () => {
    send.mockResolvedValue({ ok: false, error: { kind: 'invalid', message: 'A group name needs 1 to 80 characters.' } });
    render(<GroupSettings group={{ ...groups[0]!, role: 'admin' }} onChanged={vi.fn()} />);
    expect(screen.queryByRole('button', { name: 'Delete group' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Save group' }));
    expect((await screen.findByRole('alert')).textContent).toBe('A group name needs 1 to 80 characters.');
  });
});
