import { afterEach, beforeEach, describe, expect, test, vi, type Mock } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { sendMessage } from '@/utils/protocol';
import { backendKey, backendUrl } from '@/utils/storage';
import { BackendSettings } from './BackendSettings';

vi.mock('@/utils/protocol', () => ({ sendMessage: vi.fn() }));
const send = sendMessage as unknown as Mock;
const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement;

beforeEach(() => {
  fakeBrowser.reset();
  send.mockReset();
});
afterEach(cleanup);

describe('BackendSettings', () => {
  test('shows the stored values, saves them and tells the background', async () => {
    await backendUrl.setValue('https://old.example');
    send.mockResolvedValue({ ok: true, value: null });
    const onBusy = vi.fn();
    render(<BackendSettings onBusy={onBusy} />);
    expect((await screen.findByLabelText('Backend URL') as HTMLInputElement).value).toBe('https://old.example');
    fireEvent.input(input('Backend URL'), { target: { value: ' https://new.supabase.co/ ' } });
    fireEvent.input(input('Public key'), { target: { value: 'anon-key' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save backend' }));
    expect((await screen.findByRole('status')).textContent).toBe('Saved.');
    expect(await backendUrl.getValue()).toBe('https://new.supabase.co');
    expect(await backendKey.getValue()).toBe('anon-key');
    expect(send).toHaveBeenCalledWith('backendChanged', undefined);
    expect(onBusy.mock.calls).toEqual([[true], [false]]);
  });

  test('refuses something that is not a URL', async () => {
    render(<BackendSettings />);
    fireEvent.input(await screen.findByLabelText('Backend URL'), { target: { value: 'nope' } });
    fireEvent.submit(screen.getByRole('button', { name: 'Save backend' }).closest('form')!);
    expect((await screen.findByRole('alert')).textContent).toMatch(/project URL/);
    await waitFor(() => expect(send).not.toHaveBeenCalled());
  });
});
