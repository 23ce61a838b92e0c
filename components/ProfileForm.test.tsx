import { afterEach, beforeEach, describe, expect, test, vi, type Mock } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { sendMessage } from '@/utils/protocol';
import { ProfileForm } from './ProfileForm';
import { ada } from './testing/fixtures';

vi.mock('@/utils/protocol', () => ({ sendMessage: vi.fn() }));
const send = sendMessage as unknown as Mock;

beforeEach(() => send.mockReset());
afterEach(cleanup);

describe('ProfileForm', () => {
  test('saves the display name and picture and tells the page', async () => {
    send.mockResolvedValue({ ok: true, value: { ...ada, displayName: 'Ada L.' } });
    const onSaved = vi.fn();
    render(<ProfileForm account={ada} onSaved={onSaved} />);
    const name = screen.getByLabelText('Display name') as HTMLInputElement;
    expect(name.value).toBe('Ada');
    fireEvent.input(name, { target: { value: 'Ada L.' } });
    fireEvent.input(screen.getByLabelText('Picture address (optional)'), { target: { value: 'https://example.org/a.png' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save profile' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith({ ...ada, displayName: 'Ada L.' }));
    expect(send).toHaveBeenCalledWith('updateProfile', { displayName: 'Ada L.', avatarUrl: 'https://example.org/a.png' });
    expect(screen.getByRole('status').textContent).toMatch(/Ada L\./);
  });

  test('a refused picture address says why and keeps the input', async () => {
    const message = 'A picture address must start with https:// (at most 2048 characters).';
    send.mockResolvedValue({ ok: false, error: { kind: 'invalid', message } });
    const onSaved = vi.fn();
    render(<ProfileForm account={ada} onSaved={onSaved} />);
    fireEvent.input(screen.getByLabelText('Picture address (optional)'), { target: { value: 'http://x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save profile' }));
    expect((await screen.findByRole('alert')).textContent).toBe(message);
    expect((screen.getByLabelText('Picture address (optional)') as HTMLInputElement).value).toBe('http://x');
    expect(onSaved).not.toHaveBeenCalled();
  });
});
