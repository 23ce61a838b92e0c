import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { resetProtocol, send } from '@/tests/support/protocol-mock';
import { cachedAccount, cachedGroups } from '@/utils/shared/storage';
import { rememberedStart, rememberStart, withReading } from '@/utils/ui/popup-start';
import { PopupApp } from './PopupApp';
import { ada, article, groups } from '@/components/testing/fixtures';

vi.mock('@/utils/shared/protocol', () => import('@/tests/support/protocol-mock'));

beforeEach(() => {
  fakeBrowser.reset();
  resetProtocol();
});
afterEach(cleanup);

async function signedIn(clipTab: unknown) {
  await cachedAccount.setValue(ada);
  await cachedGroups.setValue(groups);
  send.mockImplementation(async (name: string) => {
    if (name === 'getAccount') return { ok: true, value: ada };
    if (name === 'clipTab') return { ok: true, value: clipTab };
    if (name === 'listGroups') return { ok: true, value: groups };
    if (name === 'saveClip') return { ok: true, value: { item_id: 'i3', created: true, queued: true, comment_id: null } };
    return { ok: true, value: null };
  });
}

describe('PopupApp', () => {
  test('signed out: the sign-in form, and no clipping', async () => {
    send.mockResolvedValue({ ok: true, value: null });
    render(<PopupApp />);
    expect(await screen.findByLabelText('Email')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Send code' })).toBeTruthy();
    expect(send).not.toHaveBeenCalledWith('clipTab', expect.anything());
    expect(screen.queryByRole('button', { name: 'Add a book or print article' })).toBeNull();
  });

  test('signed in: clips, and the footer shows the email, Sign out and Options', async () => {
    await signedIn({ ok: true, clip: article, selection: null });
    render(<PopupApp tabId={3} />);
    expect(await screen.findByText('ada@example.org')).toBeTruthy();
    expect(await screen.findByRole('heading', { name: 'Reading Circles at Work' })).toBeTruthy();
    expect(send).toHaveBeenCalledWith('clipTab', { tabId: 3 });
    expect(screen.getByRole('button', { name: 'Options' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(send).toHaveBeenCalledWith('signOut', undefined));
    expect(await screen.findByLabelText('Email')).toBeTruthy();
  });

  test('on a browser page, a book can still be added by hand, and back again', async () => {
    await signedIn({ ok: false, error: { kind: 'unclippable', message: 'Browser pages cannot be clipped.' }, link: null, selection: null });
    render(<PopupApp tabId={3} />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/cannot be clipped/);
    fireEvent.click(screen.getByRole('button', { name: 'Add a book or print article' }));
    fireEvent.input(await screen.findByLabelText('Title'), { target: { value: 'The Overstory' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Save to Thursday Circle' }));
    expect(await screen.findByText('Saved “The Overstory” to Thursday Circle.')).toBeTruthy();
    expect(send.mock.calls.find((call) => call[0] === 'saveClip')![1].p_clip).toMatchObject({
      kind: 'manual',
      url: null,
      title: 'The Overstory',
    });
  });

  test('Back from the manual entry shows the page again', async () => {
    await signedIn({ ok: true, clip: article, selection: null });
    render(<PopupApp />);
    fireEvent.click(await screen.findByRole('button', { name: 'Add a book or print article' }));
    fireEvent.click(await screen.findByRole('button', { name: /Back to this page/ }));
    expect(await screen.findByRole('heading', { name: 'Reading Circles at Work' })).toBeTruthy();
  });
});

describe('PopupApp from the start read before its first render (the cached UI draws within 100 ms)', () => {
  afterEach(() => localStorage.clear());

  test('the frame and the cached group list are in the first render, and the tab is read once, early', async () => {
    await signedIn({ ok: true, clip: article, selection: null });
    const start = withReading({ account: ada, groups, lastGroupId: 'g2' }, 3);
    render(<PopupApp tabId={3} start={start} />);
    expect((screen.getByLabelText('Group') as HTMLSelectElement).value).toBe('g2'); // no waiting
    expect(screen.getByText('ada@example.org')).toBeTruthy();
    expect(await screen.findByRole('heading', { name: 'Reading Circles at Work' })).toBeTruthy();
    expect(send.mock.calls.filter((call) => call[0] === 'clipTab')).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Add a book or print article' }));
    fireEvent.click(await screen.findByRole('button', { name: /Back to this page/ }));
    expect(await screen.findByRole('heading', { name: 'Reading Circles at Work' })).toBeTruthy();
    expect(send.mock.calls.filter((call) => call[0] === 'clipTab')).toHaveLength(2); // read anew
  });

  test('signed out since it was remembered: the sign-in form follows, and the remembered start is forgotten', async () => {
    send.mockResolvedValue({ ok: true, value: null });
    rememberStart({ account: ada, groups, lastGroupId: 'g2' });
    render(<PopupApp start={rememberedStart()} />);
    expect(screen.getByText('ada@example.org')).toBeTruthy();
    expect(await screen.findByLabelText('Email')).toBeTruthy();
    expect(screen.queryByText('ada@example.org')).toBeNull();
    expect(rememberedStart()).toBeUndefined();
  });
});
