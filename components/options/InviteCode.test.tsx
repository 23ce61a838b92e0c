import { afterEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { InviteCode, inviteLink } from './InviteCode';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('InviteCode', () => {
  test('a read-only labelled code with a Copy button', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    render(<InviteCode code="ABCD-1234" groupName="Thursday Circle" />);
    const field = screen.getByLabelText('Invite code') as HTMLInputElement;
    expect(field.value).toBe('ABCD-1234');
    expect(field.readOnly).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    expect(await screen.findByRole('button', { name: 'Copied' })).toBeTruthy();
    expect(writeText).toHaveBeenCalledWith('ABCD-1234');
  });

  test('the link form ends with the code, so pasting it to join works', () => {
    render(<InviteCode code="ABCD-1234" groupName="Thursday Circle" />);
    const link = (screen.getByLabelText('Invite link') as HTMLInputElement).value;
    expect(link.endsWith('#join=ABCD-1234')).toBe(true);
    expect(screen.getByRole('button', { name: 'Copy link' })).toBeTruthy();
  });

  test('inviteLink puts the code after the options page address', () => {
    expect(inviteLink('AB CD', 'chrome-extension://x/options.html')).toBe('chrome-extension://x/options.html#join=AB%20CD');
  });
});
