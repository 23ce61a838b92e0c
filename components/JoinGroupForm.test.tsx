import { afterEach, beforeEach, describe, expect, test, vi, type Mock } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { sendMessage } from '@/utils/protocol';
import { JoinGroupForm } from './JoinGroupForm';

vi.mock('@/utils/protocol', () => ({ sendMessage: vi.fn() }));
const send = sendMessage as unknown as Mock;

beforeEach(() => send.mockReset());
afterEach(cleanup);

describe('JoinGroupForm', () => {
  test('joins with the code', async () => {
    send.mockResolvedValue({ ok: true, value: { id: 'g1', name: 'Thursday Circle' } });
    const onJoined = vi.fn();
    render(<JoinGroupForm onJoined={onJoined} />);
    expect(screen.getByRole('form', { name: 'Join a group' })).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Invite code'), { target: { value: 'DEMO-CIRCLE' } });
    fireEvent.click(screen.getByRole('button', { name: 'Join group' }));
    await waitFor(() => expect(onJoined).toHaveBeenCalledWith({ id: 'g1', name: 'Thursday Circle' }));
    expect(send).toHaveBeenCalledWith('joinGroup', { code: 'DEMO-CIRCLE' });
  });

  test('a wrong code says so and keeps the code', async () => {
    send.mockResolvedValue({ ok: false, error: { kind: 'invalid', message: 'That invite code is not valid.' } });
    render(<JoinGroupForm onJoined={vi.fn()} />);
    fireEvent.input(screen.getByLabelText('Invite code'), { target: { value: 'NOPE' } });
    fireEvent.click(screen.getByRole('button', { name: 'Join group' }));
    expect((await screen.findByRole('alert')).textContent).toBe('That invite code is not valid.');
    expect((screen.getByLabelText('Invite code') as HTMLInputElement).value).toBe('NOPE');
  });
});
