import { afterEach, beforeEach, describe, expect, test, vi, type Mock } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { replies, resetProtocol, send, sent } from '@/tests/support/protocol-mock';
import { invitationLink, invitationMessage, NO_INVITE_CODE, parseInvitation, SECRET_KEY } from '@/utils/shared/invitation';
import { backendKey, backendUrl, pendingInviteCode } from '@/utils/shared/storage';
import { JoinGroupForm } from './JoinGroupForm';

vi.mock('@/utils/shared/protocol', () => import('@/tests/support/protocol-mock'));

const CODE = 'K7QM-3XWD-PQRS';
const OTHER = { url: 'https://other.example.org', key: 'sb_publishable_other' };
const field = () => screen.getByLabelText('Invitation or invite code') as HTMLTextAreaElement;
const paste = (text: string) => {
  fireEvent.input(field(), { target: { value: text } });
  fireEvent.click(screen.getByRole('button', { name: 'Join group' }));
};
const message = (backend?: typeof OTHER) => {
  const made = invitationMessage({ code: CODE, groupName: 'Thursday Circle', joinPage: 'https://readclub.example/join', backend });
  if (!made.ok) throw new Error(made.message);
  return made.message;
};
const circle = { name: 'Thursday Circle', member_count: 3, already_member: false };

let request: Mock;
beforeEach(() => {
  fakeBrowser.reset();
  resetProtocol();
  vi.restoreAllMocks();
  request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true as never) as unknown as Mock;
  vi.spyOn(fakeBrowser.permissions, 'remove').mockResolvedValue(true as never);
});
afterEach(cleanup);

describe('JoinGroupForm', () => {
  test('shows the group first, then joins it', async () => {
    replies({ previewInvite: { ok: true, value: circle }, joinGroup: { ok: true, value: { id: 'g1', name: 'Thursday Circle' } } });
    const onJoined = vi.fn();
    render(<JoinGroupForm onJoined={onJoined} />);
    expect(screen.getByRole('form', { name: 'Join a group' })).toBeTruthy();
    paste('chrome-extension://x/options.html#join=DEMO-CIRCLE');
    expect(await screen.findByText('3 members')).toBeTruthy();
    expect(send).toHaveBeenCalledWith('previewInvite', { code: 'DEMO-CIRCLE' });
    expect(send).not.toHaveBeenCalledWith('joinGroup', expect.anything());
    fireEvent.click(screen.getByRole('button', { name: 'Join Thursday Circle' }));
    await waitFor(() => expect(onJoined).toHaveBeenCalledWith({ id: 'g1', name: 'Thursday Circle' }));
    expect(send).toHaveBeenCalledWith('joinGroup', { code: 'DEMO-CIRCLE' });
    expect(field().value).toBe('');
  });

  test.each([
    ['the whole invitation message', message()],
    ['the join page link', invitationLink('https://readclub.example/join', { code: CODE })],
    ['the bare code, lower case, without dashes, in quotes', `  "${CODE.toLowerCase().replace(/-/g, '')}"\n`],
  ])('pasting %s previews the group by its code', async (_, text) => {
    replies({ previewInvite: { ok: true, value: circle } });
    render(<JoinGroupForm onJoined={vi.fn()} />);
    paste(text);
    expect(await screen.findByRole('button', { name: 'Join Thursday Circle' })).toBeTruthy();
    expect(sent('previewInvite').map((d) => d.code.replace(/-/g, ''))).toEqual([CODE.replace(/-/g, '')]);
    expect(screen.queryByRole('group', { name: 'Another server' })).toBeNull();
  });

  test('junk: a clear message, what was typed stays, nothing is sent', async () => {
    render(<JoinGroupForm onJoined={vi.fn()} />);
    paste('hi, can you add me to the group?');
    expect((await screen.findByRole('alert')).textContent).toBe(NO_INVITE_CODE);
    expect(field().value).toBe('hi, can you add me to the group?');
    expect(send).not.toHaveBeenCalled();
  });

  test('opened from an invite link: the code is filled in and its group shown at once, ready to join', async () => {
    replies({ previewInvite: { ok: true, value: circle }, joinGroup: { ok: true, value: { id: 'g1', name: 'Thursday Circle' } } });
    const onJoined = vi.fn();
    render(<JoinGroupForm onJoined={onJoined} initialCode="ABCD-EFGH" />);
    expect(field().value).toBe('ABCD-EFGH');
    expect(await screen.findByRole('group', { name: 'Invitation' })).toBeTruthy();
    expect(send).toHaveBeenCalledWith('previewInvite', { code: 'ABCD-EFGH' });
    fireEvent.click(screen.getByRole('button', { name: 'Join Thursday Circle' }));
    await waitFor(() => expect(onJoined).toHaveBeenCalledWith({ id: 'g1', name: 'Thursday Circle' }));
  });

  test('without a code from a link nothing is asked before the member types one', async () => {
    render(<JoinGroupForm onJoined={vi.fn()} />);
    await new Promise((done) => setTimeout(done, 20));
    expect(send).not.toHaveBeenCalled();
  });

  test.each([
    'That invite code is not valid.',
    'That invite code has expired. Ask for a new one.',
    'That invite has been used as many times as it allows. Ask for a new one.',
    'That invite has been withdrawn. Ask for a new one.',
    'Too many wrong codes; try again in 12 minutes.',
  ])('a refused code says why and is kept: %s', async (text) => {
    replies({ previewInvite: { ok: false, error: { kind: 'invalid', message: text } } });
    render(<JoinGroupForm onJoined={vi.fn()} />);
    paste('NOPE-NOPE');
    expect((await screen.findByRole('alert')).textContent).toBe(text);
    expect(field().value).toBe('NOPE-NOPE');
    expect(screen.queryByRole('button', { name: /Join .*Circle/ })).toBeNull();
  });

  test('a code for a group the member is already in says so, and offers no join', async () => {
    replies({ previewInvite: { ok: true, value: { ...circle, already_member: true } } });
    const onJoined = vi.fn();
    render(<JoinGroupForm onJoined={onJoined} />);
    paste('ABCD-EFGH');
    expect((await screen.findByRole('status')).textContent).toBe('You are already a member of Thursday Circle.');
    expect(screen.queryByRole('button', { name: 'Join Thursday Circle' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('status')).toBeNull();
    expect(send).not.toHaveBeenCalledWith('joinGroup', expect.anything());
    expect(onJoined).not.toHaveBeenCalled();
  });

  test('changing the code drops the preview', async () => {
    replies({ previewInvite: { ok: true, value: { ...circle, member_count: 1 } } });
    render(<JoinGroupForm onJoined={vi.fn()} />);
    paste('ABCD-EFGH');
    expect(await screen.findByRole('button', { name: 'Join Thursday Circle' })).toBeTruthy();
    fireEvent.input(field(), { target: { value: 'ABCD-EFGJ' } });
    expect(screen.queryByRole('button', { name: 'Join Thursday Circle' })).toBeNull();
  });
});

describe('JoinGroupForm: an invitation to a group on another server', () => {
  test('says which server; Switch asks for that host at the click, saves it, tells the background and keeps the code', async () => {
    replies({ backendChanged: { ok: true, value: null } });
    render(<JoinGroupForm onJoined={vi.fn()} switchInPlace />);
    paste(message(OTHER));
    const prompt = await screen.findByRole('group', { name: 'Another server' });
    expect(prompt.textContent).toContain(
      "This group is on other.example.org, not the server Readclub uses now. Switch to it? You'll sign in there with your email.",
    );
    expect(sent('previewInvite')).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Switch to other.example.org' }));
    // Asked synchronously within the click (nothing awaited first), or the browser refuses to prompt.
    expect(request).toHaveBeenCalledWith({ origins: ['https://other.example.org/*'] });
    await waitFor(() => expect(send).toHaveBeenCalledWith('backendChanged', undefined));
    expect(await backendUrl.getValue()).toBe(OTHER.url);
    expect(await backendKey.getValue()).toBe(OTHER.key);
    expect(await pendingInviteCode.getValue()).toBe(CODE);
  });

  test('refused: a clear message, nothing changed, the invitation still in the field', async () => {
    request.mockResolvedValue(false as never);
    render(<JoinGroupForm onJoined={vi.fn()} switchInPlace />);
    paste(message(OTHER));
    fireEvent.click(await screen.findByRole('button', { name: 'Switch to other.example.org' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /needs your permission to reach other\.example\.org .*nothing was changed/,
    );
    expect(await backendUrl.getValue()).toBe(backendUrl.fallback);
    expect(await backendKey.getValue()).toBe(backendKey.fallback);
    expect(await pendingInviteCode.getValue()).toBeNull();
    expect(send).not.toHaveBeenCalled();
    expect(field().value).toBe(message(OTHER));
  });

  test('signed in on that server: the form opens with the kept code previewed; joining forgets it', async () => {
    await backendUrl.setValue(OTHER.url);
    await pendingInviteCode.setValue(CODE);
    replies({ previewInvite: { ok: true, value: circle }, joinGroup: { ok: true, value: { id: 'g1', name: 'Thursday Circle' } } });
    const onJoined = vi.fn();
    render(<JoinGroupForm onJoined={onJoined} switchInPlace />);
    fireEvent.click(await screen.findByRole('button', { name: 'Join Thursday Circle' }));
    await waitFor(() => expect(onJoined).toHaveBeenCalled());
    expect(field().value).toBe('');
    expect(await pendingInviteCode.getValue()).toBeNull();
  });

  test('asked once: a second invitation for the server now in use previews at once, no question, no prompt', async () => {
    replies({ backendChanged: { ok: true, value: null }, previewInvite: { ok: true, value: circle } });
    render(<JoinGroupForm onJoined={vi.fn()} switchInPlace />);
    paste(message(OTHER));
    fireEvent.click(await screen.findByRole('button', { name: 'Switch to other.example.org' }));
    await waitFor(() => expect(send).toHaveBeenCalledWith('backendChanged', undefined));
    cleanup();
    render(<JoinGroupForm onJoined={vi.fn()} switchInPlace />);
    await screen.findByRole('button', { name: 'Join Thursday Circle' }); // the kept code
    paste(message({ ...OTHER, url: `${OTHER.url}/` }).replaceAll(CODE, 'WXYZ-WXYZ-WXYZ'));
    await waitFor(() => expect(sent('previewInvite').at(-1)).toEqual({ code: 'WXYZ-WXYZ-WXYZ' }));
    expect(screen.queryByRole('group', { name: 'Another server' })).toBeNull();
    expect(request).toHaveBeenCalledTimes(1);
  });

  test('a secret key in the invitation is refused; nothing changed', async () => {
    render(<JoinGroupForm onJoined={vi.fn()} switchInPlace />);
    paste(`Invite code: ${CODE}\nServer: ${OTHER.url}\nServer key: sb_secret_leaked`);
    expect((await screen.findByRole('alert')).textContent).toBe(SECRET_KEY);
    expect(screen.queryByRole('group', { name: 'Another server' })).toBeNull();
    expect(request).not.toHaveBeenCalled();
  });

  test('in the popup: Options opens in a tab with the invitation, to switch there; nothing changes here', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create').mockResolvedValue({} as never);
    const close = vi.spyOn(window, 'close').mockImplementation(() => undefined);
    render(<JoinGroupForm onJoined={vi.fn()} />);
    paste(message(OTHER));
    expect((await screen.findByRole('group', { name: 'Another server' })).textContent).toContain('This group is on other.example.org');
    fireEvent.click(screen.getByRole('button', { name: 'Switch in Options' }));
    await waitFor(() => expect(close).toHaveBeenCalled());
    const url = (create.mock.calls[0]![0] as { url: string }).url;
    expect(url).toMatch(/\/options\.html#code=/);
    expect(parseInvitation(url)).toEqual({ ok: true, value: { code: CODE, backend: OTHER } });
    expect(request).not.toHaveBeenCalled();
    expect(await backendUrl.getValue()).toBe(backendUrl.fallback);
    expect(send).not.toHaveBeenCalled();
  });
});
