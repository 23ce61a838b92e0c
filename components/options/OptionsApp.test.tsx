import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { resetProtocol, send } from '@/tests/support/protocol-mock';
import { cachedAccount } from '@/utils/shared/storage';
import { OptionsApp } from './OptionsApp';
import { ada, groups } from '@/components/testing/fixtures';

vi.mock('@/utils/shared/protocol', () => import('@/tests/support/protocol-mock'));

beforeEach(() => {
  fakeBrowser.reset();
  resetProtocol();
});
afterEach(cleanup);

describe('OptionsApp', () => {
  test('signed out: backend and sign-in sections, no groups; signing in shows groups', async () => {
    send.mockImplementation(async (name: string) => {
      if (name === 'verifySignInCode') return { ok: true, value: ada };
      if (name === 'listGroups') return { ok: true, value: groups };
      if (name === 'myProfile') return { ok: true, value: { id: ada.userId, display_name: 'Ada', avatar_url: null } };
      return { ok: true, value: null };
    });
    render(<OptionsApp />);
    expect(await screen.findByRole('region', { name: 'Backend' })).toBeTruthy();
    expect(await screen.findByLabelText('Backend URL')).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Groups' })).toBeNull();
    fireEvent.input(await screen.findByLabelText('Email'), { target: { value: 'ada@example.org' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send code' }));
    fireEvent.input(await screen.findByLabelText('Sign-in code'), { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('ada@example.org')).toBeTruthy();
    expect(await screen.findByText('Thursday Circle')).toBeTruthy();
  });

  test('signed in: email and Sign out', async () => {
    await cachedAccount.setValue(ada);
    send.mockImplementation(async (name: string) =>
      name === 'listGroups'
        ? { ok: true, value: [] }
        : name === 'myProfile'
          ? { ok: true, value: { id: ada.userId, display_name: 'Ada', avatar_url: null } }
          : { ok: true, value: ada },
    );
    render(<OptionsApp />);
    expect(await screen.findByText('ada@example.org')).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Sign out' })).toBeTruthy());
    expect(screen.getByLabelText('Group name')).toBeTruthy();
  });

  test('signed out, opened from an invite link: sign in, then the group is shown ready to join, no paste', async () => {
    history.replaceState(null, '', '#join=INVITE-CODE-1234');
    try {
      send.mockImplementation(async (name: string) => {
        if (name === 'verifySignInCode') return { ok: true, value: ada };
        if (name === 'listGroups') return { ok: true, value: [] };
        if (name === 'previewInvite') return { ok: true, value: { name: 'Journal Club', member_count: 5, already_member: false } };
        if (name === 'joinGroup') return { ok: true, value: { id: 'g2', name: 'Journal Club' } };
        if (name === 'myProfile') return { ok: true, value: { id: ada.userId, display_name: 'Ada', avatar_url: null } };
        return { ok: true, value: null };
      });
      render(<OptionsApp />);
      expect((await screen.findByTestId('invited')).textContent).toMatch(/invited to a reading group. Sign in/);
      expect(send).not.toHaveBeenCalledWith('previewInvite', expect.anything());
      fireEvent.input(await screen.findByLabelText('Email'), { target: { value: 'ada@example.org' } });
      fireEvent.click(screen.getByRole('button', { name: 'Send code' }));
      fireEvent.input(await screen.findByLabelText('Sign-in code'), { target: { value: '123456' } });
      fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
      expect((await screen.findByRole('group', { name: 'Invitation' })).textContent).toMatch(/Journal Club.*5 members/);
      expect(send).toHaveBeenCalledWith('previewInvite', { code: 'INVITE-CODE-1234' });
      fireEvent.click(screen.getByRole('button', { name: 'Join Journal Club' }));
      expect(await screen.findByText('You joined Journal Club.')).toBeTruthy();
      expect(send).toHaveBeenCalledWith('joinGroup', { code: 'INVITE-CODE-1234' });
    } finally {
      history.replaceState(null, '', location.pathname);
    }
  });

  test('opened by the popup for an invitation to another server: the Join form asks to switch, here', async () => {
    history.replaceState(null, '', '#code=ABCD-EFGH&backend=https%3A%2F%2Fother.example.org&key=sb_publishable_other');
    try {
      send.mockImplementation(async (name: string) => {
        if (name === 'listGroups') return { ok: true, value: [] };
        if (name === 'myProfile') return { ok: true, value: { id: ada.userId, display_name: 'Ada', avatar_url: null } };
        return { ok: true, value: null };
      });
      await cachedAccount.setValue(ada);
      render(<OptionsApp />);
      const prompt = await screen.findByRole('group', { name: 'Another server' });
      expect(prompt.textContent).toContain('This group is on other.example.org');
      expect(screen.getByRole('button', { name: 'Switch to other.example.org' })).toBeTruthy();
      expect(send).not.toHaveBeenCalledWith('previewInvite', expect.anything());
    } finally {
      history.replaceState(null, '', location.pathname);
    }
  });
});
