import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { replies, resetProtocol, send, type ValueOf } from '@/tests/support/protocol-mock';
import { pendingInviteCode } from '@/utils/shared/storage';
import { GroupsManager } from './GroupsManager';
import { groups } from '@/components/testing/fixtures';

vi.mock('@/utils/shared/protocol', () => import('@/tests/support/protocol-mock'));

beforeEach(() => {
  fakeBrowser.reset();
  resetProtocol();
});
afterEach(cleanup);

describe('GroupsManager', () => {
  test('create a group, then invite: one Invite code field shows the code', async () => {
    let mine: typeof groups = [];
    replies(
      {
        listGroups: () => ({ ok: true, value: mine }),
        createGroup: (data) => {
          mine = [{ ...groups[0]!, name: data.name }];
          return { ok: true, value: { id: 'g1', name: data.name } };
        },
        createInvite: { ok: true, value: { code: 'ABCD-1234', group_id: 'g1' } as ValueOf<'createInvite'> },
        listInvites: { ok: true, value: [] },
      },
      { ok: false, error: { kind: 'server', message: 'unexpected' } },
    );
    render(<GroupsManager userId="u1" />);
    expect(await screen.findByText(/not in a group yet/)).toBeTruthy();
    expect(screen.getByLabelText('Invitation or invite code')).toBeTruthy(); // the join form, while I have no group
    fireEvent.input(screen.getByLabelText('Group name'), { target: { value: 'Thursday Circle' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create group' }));
    expect(await screen.findByText('Thursday Circle')).toBeTruthy();
    expect(send).toHaveBeenCalledWith('createGroup', { name: 'Thursday Circle' });
    fireEvent.click(screen.getByRole('button', { name: 'Invite' }));
    fireEvent.click(screen.getByRole('button', { name: 'Create invite' }));
    await waitFor(() => expect((screen.getByLabelText('Invite code') as HTMLInputElement).value).toBe('ABCD-1234'));
    expect(screen.getAllByLabelText(/Invite code/)).toHaveLength(1);
    expect(send).toHaveBeenCalledWith('createInvite', { groupId: 'g1', days: 7, maxUses: null });
    expect((screen.getByLabelText('Invite code') as HTMLInputElement).readOnly).toBe(true);
    expect(screen.getByRole('button', { name: 'Copy code' })).toBeTruthy();
  });

  test('with groups, the join form opens on request', async () => {
    send.mockResolvedValue({ ok: true, value: groups });
    render(<GroupsManager userId="u1" />);
    expect(await screen.findByText('Journal Club')).toBeTruthy();
    expect(screen.getAllByTestId('group')).toHaveLength(2);
    expect(screen.queryByLabelText('Invitation or invite code')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Join another group with a code' }));
    expect(screen.getByLabelText('Invitation or invite code')).toBeTruthy();
  });

  test('with groups, back from switching to an invitation’s server: the join form is open with the group shown', async () => {
    await pendingInviteCode.setValue('ABCD-EFGH');
    replies({
      listGroups: { ok: true, value: groups },
      previewInvite: { ok: true, value: { name: 'Far Circle', member_count: 2, already_member: false } },
    });
    render(<GroupsManager userId="u1" />);
    expect(await screen.findByRole('button', { name: 'Join Far Circle' })).toBeTruthy();
    expect((screen.getByLabelText('Invitation or invite code') as HTMLTextAreaElement).value).toBe('ABCD-EFGH');
  });

  test('joining from an invite link takes #join=CODE out of the address (a reload would offer it again)', async () => {
    history.replaceState(null, '', '/options.html#join=ABCD-EFGH');
    replies(
      {
        listGroups: { ok: true, value: [] },
        previewInvite: { ok: true, value: { name: 'Journal Club', member_count: 3, already_member: false } },
        joinGroup: { ok: true, value: { id: 'g2', name: 'Journal Club' } },
      },
      { ok: false, error: { kind: 'server', message: 'unexpected' } },
    );
    render(<GroupsManager userId="u1" joinCode="ABCD-EFGH" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Join Journal Club' }));
    await waitFor(() => expect(location.hash).toBe(''));
    expect(location.pathname).toBe('/options.html');
  });

  test('a refused group name is shown', async () => {
    replies({ listGroups: { ok: true, value: [] } }, { ok: false, error: { kind: 'invalid', message: 'Give the group a name.' } });
    render(<GroupsManager userId="u1" />);
    fireEvent.submit(screen.getByRole('button', { name: 'Create group' }).closest('form')!);
    expect((await screen.findByRole('alert')).textContent).toBe('Give the group a name.');
  });
});
