import { afterEach, beforeEach, describe, expect, test, vi, type Mock } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { sendMessage } from '@/utils/shared/protocol';
import { namedAccounts } from '@/utils/shared/storage';
import { NameStep } from './NameStep';

vi.mock('@/utils/shared/protocol', () => ({ sendMessage: vi.fn() }));
const send = sendMessage as unknown as Mock;
const dan = { userId: 'u-dan', email: 'dan.private.person@example.org', displayName: 'dan.private.person' };
const profile = (nameSet: boolean) => ({ id: 'u-dan', display_name: nameSet ? 'Dana' : 'New member', avatar_url: null, name_set: nameSet });

beforeEach(() => {
  fakeBrowser.reset();
  send.mockReset();
});
afterEach(cleanup);

describe('NameStep', () => {
  test('asks a member without a chosen name what their group should call them, and saves it with updateProfile', async () => {
    send.mockImplementation(async (name: string, data: { displayName: string }) =>
      name === 'myProfile' ? { ok: true, value: profile(false) } : { ok: true, value: { ...dan, displayName: data.displayName.trim() } },
    );
    const onSaved = vi.fn();
    render(<NameStep account={dan} onSaved={onSaved} />);
    const input = (await screen.findByLabelText('What should your group call you?')) as HTMLInputElement;
    expect(input.value).toBe(''); // never pre-filled from the email
    expect(screen.getByText(/Until you choose one, they see “New member”/)).toBeTruthy();
    fireEvent.input(input, { target: { value: ' Dana ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save name' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith({ ...dan, displayName: 'Dana' }));
    expect(send).toHaveBeenCalledWith('updateProfile', { displayName: ' Dana ', avatarUrl: null });
    expect(screen.queryByTestId('name-step')).toBeNull();
    expect(await namedAccounts.getValue()).toEqual(['u-dan']);
  });

  test('refuses invisible characters before sending, with a clear message', async () => {
    send.mockResolvedValue({ ok: true, value: profile(false) });
    render(<NameStep account={dan} onSaved={vi.fn()} />);
    fireEvent.input(await screen.findByLabelText('What should your group call you?'), { target: { value: 'Dan\u202Eevil' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save name' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/cannot hold invisible characters/);
    expect(send).not.toHaveBeenCalledWith('updateProfile', expect.anything());
  });

  test('shows the server’s refusal and keeps what was typed', async () => {
    send.mockImplementation(async (name: string) =>
      name === 'myProfile'
        ? { ok: true, value: profile(false) }
        : { ok: false, error: { kind: 'network', message: 'Readclub could not reach the server.' } },
    );
    render(<NameStep account={dan} onSaved={vi.fn()} />);
    const input = (await screen.findByLabelText('What should your group call you?')) as HTMLInputElement;
    fireEvent.input(input, { target: { value: 'Dana' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save name' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/could not reach/);
    expect(input.value).toBe('Dana');
  });

  test('says nothing to a member who has a name, and stops asking the server once it knows', async () => {
    send.mockResolvedValue({ ok: true, value: profile(true) });
    render(<NameStep account={dan} onSaved={vi.fn()} />);
    await waitFor(async () => expect(await namedAccounts.getValue()).toEqual(['u-dan']));
    expect(screen.queryByTestId('name-step')).toBeNull();
    cleanup();
    send.mockClear();
    render(<NameStep account={dan} onSaved={vi.fn()} />);
    await new Promise((done) => setTimeout(done, 20));
    expect(send).not.toHaveBeenCalled();
  });
});
