import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { replies, resetProtocol, send } from '@/tests/support/protocol-mock';
import { JoinGroupForm } from './JoinGroupForm';

vi.mock('@/utils/shared/protocol', () => import('@/tests/support/protocol-mock'));

beforeEach(resetProtocol);
afterEach(cleanup);

describe('JoinGroupForm', () => {
  test('shows the group first, then joins it', async () => {
    replies({
      previewInvite: { ok: true, value: { name: 'Thursday Circle', member_count: 3, already_member: false } },
      joinGroup: { ok: true, value: { id: 'g1', name: 'Thursday Circle' } },
    });
    const onJoined = vi.fn();
    render(<JoinGroupForm onJoined={onJoined} />);
    expect(screen.getByRole('form', { name: 'Join a group' })).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Invite code'), { target: { value: 'chrome-extension://x/options.html#join=DEMO-CIRCLE' } });
    fireEvent.click(screen.getByRole('button', { name: 'Join group' }));
    expect(await screen.findByText('3 members')).toBeTruthy();
    expect(send).toHaveBeenCalledWith('previewInvite', { code: 'chrome-extension://x/options.html#join=DEMO-CIRCLE' });
    expect(send).not.toHaveBeenCalledWith('joinGroup', expect.anything());
    fireEvent.click(screen.getByRole('button', { name: 'Join Thursday Circle' }));
    await waitFor(() => expect(onJoined).toHaveBeenCalledWith({ id: 'g1', name: 'Thursday Circle' }));
    expect(send).toHaveBeenCalledWith('joinGroup', { code: 'chrome-extension://x/options.html#join=DEMO-CIRCLE' });
  });

  test('opened from an invite link: the code is filled in and its group shown at once, ready to join', async () => {
    replies({
      previewInvite: { ok: true, value: { name: 'Thursday Circle', member_count: 3, already_member: false } },
      joinGroup: { ok: true, value: { id: 'g1', name: 'Thursday Circle' } },
    });
    const onJoined = vi.fn();
    render(<JoinGroupForm onJoined={onJoined} initialCode="ABCD" />);
    expect((screen.getByLabelText('Invite code') as HTMLInputElement).value).toBe('ABCD');
    expect(await screen.findByRole('group', { name: 'Invitation' })).toBeTruthy();
    expect(send).toHaveBeenCalledWith('previewInvite', { code: 'ABCD' });
    expect(send).not.toHaveBeenCalledWith('joinGroup', expect.anything());
    fireEvent.click(screen.getByRole('button', { name: 'Join Thursday Circle' }));
    await waitFor(() => expect(onJoined).toHaveBeenCalledWith({ id: 'g1', name: 'Thursday Circle' }));
  });

  test('without a code from a link nothing is asked before the member types one', () => {
    render(<JoinGroupForm onJoined={vi.fn()} />);
    expect(send).not.toHaveBeenCalled();
  });

  test.each([
    'That invite code is not valid.',
    'That invite code has expired. Ask for a new one.',
    'That invite has been used as many times as it allows. Ask for a new one.',
    'That invite has been withdrawn. Ask for a new one.',
    'Too many wrong codes; try again in 12 minutes.',
  ])('a refused code says why and is kept: %s', async (message) => {
    replies({ previewInvite: { ok: false, error: { kind: 'invalid', message } } });
    render(<JoinGroupForm onJoined={vi.fn()} />);
    fireEvent.input(screen.getByLabelText('Invite code'), { target: { value: 'NOPE' } });
    fireEvent.click(screen.getByRole('button', { name: 'Join group' }));
    expect((await screen.findByRole('alert')).textContent).toBe(message);
    expect((screen.getByLabelText('Invite code') as HTMLInputElement).value).toBe('NOPE');
    expect(screen.queryByRole('button', { name: /Join .*Circle/ })).toBeNull();
  });

  test('a code for a group the member is already in says so, and offers no join', async () => {
    replies({ previewInvite: { ok: true, value: { name: 'Thursday Circle', member_count: 4, already_member: true } } });
    const onJoined = vi.fn();
    render(<JoinGroupForm onJoined={onJoined} />);
    fireEvent.input(screen.getByLabelText('Invite code'), { target: { value: 'ABCD' } });
    fireEvent.click(screen.getByRole('button', { name: 'Join group' }));
    expect((await screen.findByRole('status')).textContent).toBe('You are already a member of Thursday Circle.');
    expect(screen.queryByRole('button', { name: 'Join Thursday Circle' })).toBeNull();
    expect(screen.queryByText(/You joined/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('status')).toBeNull();
    expect(send).not.toHaveBeenCalledWith('joinGroup', expect.anything());
    expect(onJoined).not.toHaveBeenCalled();
  });

  test('changing the code drops the preview', async () => {
    replies({ previewInvite: { ok: true, value: { name: 'Thursday Circle', member_count: 1, already_member: false } } });
    render(<JoinGroupForm onJoined={vi.fn()} />);
    fireEvent.input(screen.getByLabelText('Invite code'), { target: { value: 'ABCD' } });
    fireEvent.click(screen.getByRole('button', { name: 'Join group' }));
    expect(await screen.findByRole('button', { name: 'Join Thursday Circle' })).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Invite code'), { target: { value: 'ABCE' } });
    expect(screen.queryByRole('button', { name: 'Join Thursday Circle' })).toBeNull();
  });
});
