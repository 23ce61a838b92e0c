import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { resetProtocol, send } from '@/tests/support/protocol-mock';
import { ProfileForm } from './ProfileForm';
import { ada } from '@/components/testing/fixtures';

vi.mock('@/utils/shared/protocol', () => import('@/tests/support/protocol-mock'));

const profile = { id: 'u-ada', display_name: 'Ada Lovelace', avatar_url: 'https://example.org/ada.png' };
/** myProfile answers `mine`; updateProfile answers `update`. */
function backend(mine: unknown, update: unknown = { ok: true, value: { ...ada, displayName: 'Ada L.' } }) {
  send.mockImplementation(async (name: string) => (name === 'myProfile' ? mine : update));
}

beforeEach(resetProtocol);
afterEach(cleanup);

describe('ProfileForm', () => {
  test('refuses a name with invisible characters (U+200B, U+202E, U+2066) before sending, with a clear message', async () => {
    backend({ ok: true, value: profile });
    render(<ProfileForm account={ada} onSaved={vi.fn()} />);
    const name = screen.getByLabelText('Display name') as HTMLInputElement;
    await waitFor(() => expect(name.value).toBe('Ada Lovelace'));
    for (const bad of ['Ada\u200B', '\u202Eada', 'Ada \u2066x']) {
      fireEvent.input(name, { target: { value: bad } });
      fireEvent.click(screen.getByRole('button', { name: 'Save profile' }));
      expect((await screen.findByRole('alert')).textContent).toMatch(/cannot hold invisible characters/);
    }
    expect(send).not.toHaveBeenCalledWith('updateProfile', expect.anything());
  });

  test('a member still called "New member" starts from an empty name, never the placeholder', async () => {
    backend({ ok: true, value: { ...profile, display_name: 'New member', avatar_url: null, name_set: false } });
    render(<ProfileForm account={ada} onSaved={vi.fn()} />);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Save profile' })).toBeTruthy());
    expect((screen.getByLabelText('Display name') as HTMLInputElement).value).toBe('');
  });

  test('starts from the saved name and picture, and shows the picture', async () => {
    backend({ ok: true, value: profile });
    render(<ProfileForm account={ada} onSaved={vi.fn()} />);
    await waitFor(() => expect((screen.getByLabelText('Display name') as HTMLInputElement).value).toBe('Ada Lovelace'));
    expect((screen.getByLabelText('Picture address (optional)') as HTMLInputElement).value).toBe('https://example.org/ada.png');
    expect(screen.getByRole('img', { name: 'Ada Lovelace' }).getAttribute('src')).toBe('https://example.org/ada.png');
  });

  test('regression: saving a new name with the picture untouched keeps the picture', async () => {
    backend({ ok: true, value: profile });
    const onSaved = vi.fn();
    render(<ProfileForm account={ada} onSaved={onSaved} />);
    const name = screen.getByLabelText('Display name') as HTMLInputElement;
    await waitFor(() => expect(name.value).toBe('Ada Lovelace'));
    fireEvent.input(name, { target: { value: 'Ada L.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save profile' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith({ ...ada, displayName: 'Ada L.' }));
    expect(send).toHaveBeenCalledWith('updateProfile', { displayName: 'Ada L.', avatarUrl: 'https://example.org/ada.png' });
    expect(screen.getByRole('status').textContent).toMatch(/Ada L\./);
  });

  test('until the saved profile is known nothing can be saved; a failed load offers Try again', async () => {
    backend({ ok: false, error: { kind: 'network', message: 'Readclub cannot reach the server.' } });
    render(<ProfileForm account={ada} onSaved={vi.fn()} />);
    expect((screen.getByRole('button', { name: 'Loading profile…' }) as HTMLButtonElement).disabled).toBe(true);
    expect((await screen.findByRole('alert')).textContent).toBe('Readclub cannot reach the server.');
    expect(screen.queryByRole('button', { name: 'Save profile' })).toBeNull();
    backend({ ok: true, value: { ...profile, avatar_url: null } });
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('button', { name: 'Save profile' })).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Ada Lovelace' }).textContent).toBe('AL');
  });

  test('a refused picture address says why and keeps the input', async () => {
    const message = 'A picture address must start with https:// (at most 2048 characters).';
    backend({ ok: true, value: profile }, { ok: false, error: { kind: 'invalid', message } });
    const onSaved = vi.fn();
    render(<ProfileForm account={ada} onSaved={onSaved} />);
    const picture = screen.getByLabelText('Picture address (optional)') as HTMLInputElement;
    await waitFor(() => expect(picture.value).toBe('https://example.org/ada.png'));
    fireEvent.input(picture, { target: { value: 'http://x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save profile' }));
    expect((await screen.findByRole('alert')).textContent).toBe(message);
    expect(picture.value).toBe('http://x');
    expect(onSaved).not.toHaveBeenCalled();
  });
});
