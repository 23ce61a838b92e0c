import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { resetProtocol, send } from '@/tests/support/protocol-mock';
import { GroupCard } from './GroupCard';
import { groups } from '@/components/testing/fixtures';

vi.mock('@/utils/shared/protocol', () => import('@/tests/support/protocol-mock'));

beforeEach(() => {
  resetProtocol();
  send.mockResolvedValue({ ok: true, value: [] });
});
afterEach(cleanup);

describe('GroupCard', () => {
  test('owners and admins get Invite, Members and Settings', () => {
    render(<GroupCard group={groups[0]!} userId="u-ada" onChanged={vi.fn()} />);
    for (const name of ['Invite', 'Members', 'Settings']) expect(screen.getByRole('button', { name })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    expect(screen.getByRole('form', { name: 'Group settings' })).toBeTruthy();
  });

  test('a member gets only Members (with Leave)', () => {
    render(<GroupCard group={groups[1]!} userId="u-ben" onChanged={vi.fn()} />);
    expect(screen.queryByRole('button', { name: 'Invite' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Settings' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Members' }));
    expect(screen.getByRole('button', { name: 'Leave group' })).toBeTruthy();
  });
});
