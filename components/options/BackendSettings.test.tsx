import { afterEach, beforeEach, describe, expect, test, vi, type Mock } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { resetProtocol, send } from '@/tests/support/protocol-mock';
import { backendKey, backendUrl } from '@/utils/shared/storage';
import { BackendSettings } from './BackendSettings';

vi.mock('@/utils/shared/protocol', () => import('@/tests/support/protocol-mock'));
const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement;

let request: Mock;
beforeEach(() => {
  fakeBrowser.reset();
  resetProtocol();
  vi.restoreAllMocks();
  request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true as never) as unknown as Mock;
  vi.spyOn(fakeBrowser.permissions, 'remove').mockResolvedValue(true as never);
});
afterEach(cleanup);

describe('BackendSettings', () => {
  test('shows the stored values, saves them and tells the background', async () => {
    await backendUrl.setValue('https://old.example');
    send.mockResolvedValue({ ok: true, value: null });
    const onBusy = vi.fn();
    render(<BackendSettings onBusy={onBusy} />);
    expect(((await screen.findByLabelText('Backend URL')) as HTMLInputElement).value).toBe('https://old.example');
    fireEvent.input(input('Backend URL'), { target: { value: ' https://new.supabase.co/ ' } });
    fireEvent.input(input('Public key'), { target: { value: 'anon-key' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save backend' }));
    // Asked synchronously within the click (nothing awaited first), or the browser refuses to prompt.
    expect(request).toHaveBeenCalledTimes(1);
    expect((await screen.findByRole('status')).textContent).toBe('Saved.');
    expect(await backendUrl.getValue()).toBe('https://new.supabase.co');
    expect(await backendKey.getValue()).toBe('anon-key');
    expect(send).toHaveBeenCalledWith('backendChanged', undefined);
    expect(onBusy.mock.calls).toEqual([[true], [false]]);
    // Access to the new backend's host only, asked for at the click; the old one given back.
    expect(request).toHaveBeenCalledWith({ origins: ['https://new.supabase.co/*'] });
    expect(fakeBrowser.permissions.remove).toHaveBeenCalledWith({ origins: ['https://old.example/*'] });
  });

  test('permission refused: a clear message, and the backend is not changed', async () => {
    await backendUrl.setValue('https://old.example');
    request.mockResolvedValue(false as never);
    render(<BackendSettings />);
    fireEvent.input(await screen.findByLabelText('Backend URL'), { target: { value: 'https://other.supabase.co' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save backend' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /needs your permission to reach other\.supabase\.co; the backend was not changed/,
    );
    expect(await backendUrl.getValue()).toBe('https://old.example');
    expect(send).not.toHaveBeenCalled();
  });

  test('refuses something that is not a URL', async () => {
    render(<BackendSettings />);
    fireEvent.input(await screen.findByLabelText('Backend URL'), { target: { value: 'nope' } });
    fireEvent.submit(screen.getByRole('button', { name: 'Save backend' }).closest('form')!);
    expect((await screen.findByRole('alert')).textContent).toMatch(/project URL/);
    await waitFor(() => expect(send).not.toHaveBeenCalled());
  });
});
