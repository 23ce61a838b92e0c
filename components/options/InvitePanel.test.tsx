import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { replies, resetProtocol, send, type ValueOf } from '@/tests/support/protocol-mock';
import type { InviteSummary } from '@/utils/shared/api-types';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { backendKey, backendUrl } from '@/utils/shared/storage';
import { InvitePanel } from './InvitePanel';

vi.mock('@/utils/shared/protocol', () => import('@/tests/support/protocol-mock'));

const person = { id: 'u1', display_name: 'Ada' };
const open: InviteSummary = {
  id: 'i1',
  hint: 'WXYZ',
  created_by: person,
  created_at: '2026-11-01T00:00:00Z',
  expires_at: '2026-12-01T00:00:00Z',
  max_uses: 5,
  uses: 2,
};

beforeEach(() => (resetProtocol(), fakeBrowser.reset()));
afterEach(cleanup);

describe('InvitePanel', () => {
  test('creates an invite with the chosen expiry and use limit and shows its code', async () => {
    replies({
      listInvites: { ok: true, value: [] },
      createInvite: { ok: true, value: { code: 'NEWCODE1', group_id: 'g1', expires_at: 'x', max_uses: 3 } as ValueOf<'createInvite'> },
    });
    render(<InvitePanel groupId="g1" groupName="Thursday Circle" />);
    fireEvent.change(screen.getByLabelText('Invite lasts'), { target: { value: '30' } });
    fireEvent.input(screen.getByLabelText('Most uses (optional)'), { target: { value: '3' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create invite' }));
    await waitFor(() => expect((screen.getByLabelText('Invite code') as HTMLInputElement).value).toBe('NEWCODE1'));
    expect(send).toHaveBeenCalledWith('createInvite', { groupId: 'g1', days: 30, maxUses: 3 });
    expect(((await screen.findByLabelText('Invitation message')) as HTMLTextAreaElement).value).toMatch(/Invite code: NEWCODE1$/);
  });

  test('on a custom server, the invitation to copy carries the code, the server and its public key', async () => {
    await backendUrl.setValue('https://group.example.org');
    await backendKey.setValue('sb_publishable_group');
    const writeText = vi.fn().mockResolvedValue(undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    replies({
      listInvites: { ok: true, value: [] },
      createInvite: { ok: true, value: { code: 'NEWCODE1', group_id: 'g1', expires_at: 'x', max_uses: null } as ValueOf<'createInvite'> },
    });
    render(<InvitePanel groupId="g1" groupName="Thursday Circle" />);
    fireEvent.click(screen.getByRole('button', { name: 'Create invite' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Copy invitation' }));
    await screen.findByRole('button', { name: 'Copied' });
    const copied = writeText.mock.calls[0]![0] as string;
    expect(copied).toContain('Invite code: NEWCODE1');
    expect(copied).toContain('Server: https://group.example.org\nServer key: sb_publishable_group');
    vi.unstubAllGlobals();
  });

  test('lists open invites with hint, expiry and uses; Revoke removes one', async () => {
    replies({ listInvites: { ok: true, value: [open] }, revokeInvite: { ok: true, value: { id: 'i1', revoked_at: 'now' } } });
    render(<InvitePanel groupId="g1" groupName="Thursday Circle" />);
    const list = await screen.findByRole('list', { name: 'Open invites' });
    expect(within(list).getByText(/Code ending WXYZ/)).toBeTruthy();
    expect(within(list).getByText(/2 of 5 uses/)).toBeTruthy();
    expect(within(list).getByText(/until/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Revoke invite ending WXYZ' }));
    await waitFor(() => expect(screen.queryByRole('list', { name: 'Open invites' })).toBeNull());
    expect(send).toHaveBeenCalledWith('revokeInvite', { inviteId: 'i1' });
  });

  test('a refused invite says why', async () => {
    replies(
      { listInvites: { ok: true, value: [] } },
      { ok: false, error: { kind: 'invalid', message: 'An invite allows 1 to 1000 uses, or any number.' } },
    );
    render(<InvitePanel groupId="g1" groupName="Thursday Circle" />);
    fireEvent.click(screen.getByRole('button', { name: 'Create invite' }));
    expect((await screen.findByRole('alert')).textContent).toBe('An invite allows 1 to 1000 uses, or any number.');
  });
});
