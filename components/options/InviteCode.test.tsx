import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { parseInvitation } from '@/utils/shared/invitation';
import { backendKey, backendUrl } from '@/utils/shared/storage';
import { InviteCode } from './InviteCode';

const CODE = 'ABCD-EFGH-JKLM';
const message = async () => ((await screen.findByLabelText('Invitation message')) as HTMLTextAreaElement).value;

beforeEach(() => fakeBrowser.reset());
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('InviteCode', () => {
  test('the invitation message, one click to copy: the group, the code, the join page link; no extension link', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    render(<InviteCode code={CODE} groupName="Thursday Circle" />);
    const text = await message();
    expect(text).toContain('Join “Thursday Circle” on Readclub');
    expect(text).toContain(`Invite code: ${CODE}`);
    expect(text).toContain(`${backendUrl.fallback}/join#code=${CODE}`);
    expect(text).not.toMatch(/extension:\/\/|Server/);
    expect(parseInvitation(text)).toEqual({ ok: true, value: { code: CODE } });
    fireEvent.click(screen.getByRole('button', { name: 'Copy invitation' }));
    expect(await screen.findByRole('button', { name: 'Copied' })).toBeTruthy();
    expect(writeText).toHaveBeenCalledWith(text);
    expect(screen.queryByLabelText('Invite link')).toBeNull();
  });

  test('the code alone, read-only, with its own Copy button', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    render(<InviteCode code={CODE} groupName="Thursday Circle" />);
    const field = screen.getByLabelText('Invite code') as HTMLInputElement;
    expect(field.value).toBe(CODE);
    expect(field.readOnly).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Copy code' }));
    await screen.findByRole('button', { name: 'Copied' });
    expect(writeText).toHaveBeenCalledWith(CODE);
  });

  test('two invites on the page at once (two group cards): each label names its own field', async () => {
    const { container } = render(
      <>
        <InviteCode code="AAAA-AAAA" groupName="One" />
        <InviteCode code="BBBB-BBBB" groupName="Two" />
      </>,
    );
    await waitFor(() => expect(container.querySelectorAll('textarea')).toHaveLength(2));
    const labels = [...container.querySelectorAll('label')];
    expect(labels).toHaveLength(4);
    // The field a label's `for` finds in the document (the first with that id) is the one beside it.
    for (const label of labels) expect(document.getElementById(label.htmlFor)?.closest('.field')).toBe(label.closest('.field'));
  });

  test('a group on another server: the message carries its URL and public key', async () => {
    await backendUrl.setValue('https://abcd.supabase.co');
    await backendKey.setValue('sb_publishable_xyz');
    render(<InviteCode code={CODE} groupName="Circle" />);
    const text = await message();
    expect(text).toContain('Server: https://abcd.supabase.co\nServer key: sb_publishable_xyz');
    expect(parseInvitation(text)).toEqual({
      ok: true,
      value: { code: CODE, backend: { url: 'https://abcd.supabase.co', key: 'sb_publishable_xyz' } },
    });
  });

  test('a secret key set as the backend key: no message, a clear alert, the key shown nowhere', async () => {
    await backendUrl.setValue('https://abcd.supabase.co');
    await backendKey.setValue('sb_secret_do_not_share');
    const { container } = render(<InviteCode code={CODE} groupName="Circle" />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/secret server key/);
    expect(screen.queryByLabelText('Invitation message')).toBeNull();
    expect(container.innerHTML).not.toContain('sb_secret_do_not_share');
  });
});
