import { afterEach, beforeEach, describe, expect, test, vi, type Mock } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { sendMessage } from '@/utils/protocol';
import { cachedAccount, cachedGroups } from '@/utils/storage';
import { PopupApp } from './PopupApp';
import { ada, article, groups } from './testing/fixtures';

vi.mock('@/utils/protocol', () => ({ sendMessage: vi.fn() }));
const send = sendMessage as unknown as Mock;

beforeEach(() => {
  fakeBrowser.reset();
  send.mockReset();
});
afterEach(cleanup);

describe('PopupApp', () => {
  test('signed out: the sign-in form, and no clipping', async () => {
    send.mockResolvedValue({ ok: true, value: null });
    render(<PopupApp />);
    expect(await screen.findByLabelText('Email')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Send code' })).toBeTruthy();
    expect(send).not.toHaveBeenCalledWith('clipTab', expect.anything());
  });

  test('signed in: clips, and the footer shows the email, Sign out and Options', async () => {
    await cachedAccount.setValue(ada);
    await cachedGroups.setValue(groups);
    send.mockImplementation(async (name: string) => {
      if (name === 'getAccount') return { ok: true, value: ada };
      if (name === 'clipTab') return { ok: true, value: { ok: true, clip: article } };
      if (name === 'listGroups') return { ok: true, value: groups };
      return { ok: true, value: null };
    });
    render(<PopupApp tabId={3} />);
    expect(await screen.findByText('ada@example.org')).toBeTruthy();
    expect(await screen.findByRole('heading', { name: 'Reading Circles at Work' })).toBeTruthy();
    expect(send).toHaveBeenCalledWith('clipTab', { tabId: 3 });
    expect(screen.getByRole('button', { name: 'Options' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(send).toHaveBeenCalledWith('signOut', undefined));
    expect(await screen.findByLabelText('Email')).toBeTruthy();
  });
});
