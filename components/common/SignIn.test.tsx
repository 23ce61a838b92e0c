import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { resetProtocol, send } from '@/tests/support/protocol-mock';
import { backendUrl, pendingSignInEmail } from '@/utils/shared/storage';
import { SignIn } from './SignIn';

vi.mock('@/utils/shared/protocol', () => import('@/tests/support/protocol-mock'));
const ada = { userId: 'u1', email: 'ada@example.org', displayName: 'Ada' };

beforeEach(() => {
  fakeBrowser.reset();
  resetProtocol();
});
afterEach(cleanup);

describe('SignIn', () => {
  test('email → Send code → code → Sign in, remembering the pending email', async () => {
    send.mockImplementation(async (name: string) => (name === 'verifySignInCode' ? { ok: true, value: ada } : { ok: true, value: null }));
    const onSignedIn = vi.fn();
    render(<SignIn onSignedIn={onSignedIn} />);
    fireEvent.input(await screen.findByLabelText('Email'), { target: { value: 'ada@example.org' } });
    expect(screen.queryByLabelText('Sign-in code')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Send code' }));
    const code = await screen.findByLabelText('Sign-in code');
    expect(send).toHaveBeenCalledWith('sendSignInCode', { email: 'ada@example.org' });
    expect(await pendingSignInEmail.getValue()).toBe('ada@example.org');
    fireEvent.input(code, { target: { value: ' 123456 ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith(ada));
    expect(send).toHaveBeenCalledWith('verifySignInCode', { email: 'ada@example.org', code: '123456' });
  });

  test('reopening continues at the code step; a wrong code shows the message', async () => {
    await pendingSignInEmail.setValue('ben@example.org');
    send.mockResolvedValue({ ok: false, error: { kind: 'invalid', message: 'That code is wrong or has expired.' } });
    render(<SignIn onSignedIn={vi.fn()} />);
    const code = await screen.findByLabelText('Sign-in code');
    expect((screen.getByLabelText('Email') as HTMLInputElement).value).toBe('ben@example.org');
    fireEvent.input(code, { target: { value: '000000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/wrong or has expired/);
    expect((screen.getByLabelText('Sign-in code') as HTMLInputElement).value).toBe('000000');
  });

  test('"Use a different email" goes back to the email step', async () => {
    await pendingSignInEmail.setValue('ben@example.org');
    render(<SignIn onSignedIn={vi.fn()} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Use a different email' }));
    await waitFor(() => expect(screen.queryByLabelText('Sign-in code')).toBeNull());
    expect((screen.getByLabelText('Email') as HTMLInputElement).value).toBe('');
    expect(await pendingSignInEmail.getValue()).toBeNull();
  });

  test('a network failure is shown and the email kept', async () => {
    send.mockResolvedValue({ ok: false, error: { kind: 'network', message: "Can't reach the Readclub server." } });
    render(<SignIn onSignedIn={vi.fn()} />);
    fireEvent.input(await screen.findByLabelText('Email'), { target: { value: 'ada@example.org' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send code' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Can't reach/);
    expect((screen.getByLabelText('Email') as HTMLInputElement).value).toBe('ada@example.org');
    expect(screen.queryByLabelText('Sign-in code')).toBeNull();
  });

  test('against the local backend, the code step says the code is in the terminal running npm run dev', async () => {
    await backendUrl.setValue('http://127.0.0.1:54331');
    await pendingSignInEmail.setValue('ada@readclub.test');
    render(<SignIn onSignedIn={vi.fn()} />);
    await screen.findByLabelText('Sign-in code');
    expect(screen.getByText(/Running locally: the code is printed in the terminal running npm run dev/)).toBeTruthy();
    expect(screen.queryByText(/Check your inbox/)).toBeNull();
  });

  test('against a hosted project, it says to check the inbox; switching backend in Options updates it', async () => {
    await backendUrl.setValue('https://abcd.supabase.co');
    await pendingSignInEmail.setValue('ada@example.org');
    render(<SignIn onSignedIn={vi.fn()} />);
    await screen.findByLabelText('Sign-in code');
    expect(screen.getByText(/Check your inbox for the code/)).toBeTruthy();
    expect(screen.queryByText(/Running locally/)).toBeNull();
    await backendUrl.setValue('http://localhost:54321');
    await screen.findByText(/Running locally/);
  });
});
