import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { replies, resetProtocol, send } from '@/tests/support/protocol-mock';
import type { Member } from '@/utils/shared/api-types';
import { MembersPanel } from './MembersPanel';
import { groups } from '@/components/testing/fixtures';

vi.mock('@/utils/shared/protocol', () => import('@/tests/support/protocol-mock'));

const at = '2026-11-01T00:00:00Z';
const members: Member[] = [
  { id: 'u-ada', display_name: 'Ada', avatar_url: null, role: 'owner', joined_at: at },
  { id: 'u-ben', display_name: 'Ben', avatar_url: null, role: 'member', joined_at: at },
];
const owned = groups[0]!;
const joined = groups[1]!;

beforeEach(resetProtocol);
afterEach(cleanup);

/** These messages answered; the member list, and null for anything else, otherwise. */
function answer(map: Parameters<typeof replies>[0]) {
  replies(map, (name) => ({ ok: true, value: name === 'groupMembers' ? members : null }));
}

describe('MembersPanel', () => {
  test('an owner sees names and roles, changes a role and removes someone', async () => {
    answer({});
    const onChanged = vi.fn();
    render(<MembersPanel group={owned} userId="u-ada" onChanged={onChanged} />);
    const list = await screen.findByRole('list', { name: 'Members of Thursday Circle' });
    expect(within(list).getByText('Ada (you)')).toBeTruthy();
    expect(screen.queryByLabelText('Role for Ada')).toBeNull();
    fireEvent.change(screen.getByLabelText('Role for Ben'), { target: { value: 'admin' } });
    await waitFor(() => expect(send).toHaveBeenCalledWith('setMemberRole', { groupId: 'g1', userId: 'u-ben', role: 'admin' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove Ben' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(send).toHaveBeenCalledWith('removeMember', { groupId: 'g1', userId: 'u-ben' });
  });

  test('a member sees roles as text, no controls', async () => {
    answer({});
    render(<MembersPanel group={joined} userId="u-ben" onChanged={vi.fn()} />);
    expect(await screen.findByText('owner')).toBeTruthy();
    expect(screen.queryByRole('combobox')).toBeNull();
    expect(screen.queryByRole('button', { name: /Remove/ })).toBeNull();
  });

  test("leaving asks once more; the last owner gets the server's message", async () => {
    const message = "You are this group's last owner: make another member an owner before you leave, or delete the group.";
    answer({ leaveGroup: { ok: false, error: { kind: 'invalid', message } } });
    const onChanged = vi.fn();
    render(<MembersPanel group={owned} userId="u-ada" onChanged={onChanged} />);
    fireEvent.click(screen.getByRole('button', { name: 'Leave group' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, leave Thursday Circle' }));
    expect((await screen.findByRole('alert')).textContent).toBe(message);
    expect(onChanged).not.toHaveBeenCalled();
  });

  test('leaving tells the list', async () => {
    answer({});
    const onChanged = vi.fn();
    render(<MembersPanel group={joined} userId="u-ben" onChanged={onChanged} />);
    fireEvent.click(screen.getByRole('button', { name: 'Leave group' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, leave Journal Club' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(send).toHaveBeenCalledWith('leaveGroup', { groupId: 'g2' });
  });
});
