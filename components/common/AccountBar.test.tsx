import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { resetProtocol, send } from '@/tests/support/protocol-mock';
import { AccountBar } from './AccountBar';
import { ada } from '@/components/testing/fixtures';

vi.mock('@/utils/shared/protocol', () => import('@/tests/support/protocol-mock'));

beforeEach(resetProtocol);
afterEach(cleanup);

describe('AccountBar', () => {
  test('email, Sign out (asks the background), Options', async () => {
    send.mockResolvedValue({ ok: true, value: null });
    const onSignedOut = vi.fn();
    render(<AccountBar account={ada} onSignedOut={onSignedOut} />);
    expect(screen.getByText('ada@example.org')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Options' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(onSignedOut).toHaveBeenCalled());
    expect(send).toHaveBeenCalledWith('signOut', undefined);
  });

  test('no Options button on the options page', () => {
    render(<AccountBar account={ada} onSignedOut={vi.fn()} showOptions={false} />);
    expect(screen.queryByRole('button', { name: 'Options' })).toBeNull();
  });
});
