import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { replies, resetProtocol, send } from '@/tests/support/protocol-mock';
import { pendingInviteCode } from '@/utils/shared/storage';
import { JoinAnotherGroup, JoinContext, JoinFromPicker } from './JoinAnotherGroup';

vi.mock('@/utils/shared/protocol', () => import('@/tests/support/protocol-mock'));
beforeEach(() => {
  fakeBrowser.reset();
  resetProtocol();
  replies(
    { previewInvite: { ok: true, value: { name: 'Journal Club', member_count: 5, already_member: false } } },
    { ok: true, value: { id: 'g2', name: 'Journal Club' } },
  );
});
afterEach(cleanup);

async function joinWith(code: string) {
  fireEvent.input(screen.getByLabelText('Invitation or invite code'), { target: { value: code } });
  fireEvent.click(screen.getByRole('button', { name: 'Join group' }));
  expect((await screen.findByRole('group', { name: 'Invitation' })).textContent).toMatch(/Journal Club.*5 members/);
  fireEvent.click(screen.getByRole('button', { name: 'Join Journal Club' }));
}

describe('JoinAnotherGroup', () => {
  test('a link opens the form in place; preview, join, and the form closes', async () => {
    const onJoined = vi.fn();
    render(<JoinAnotherGroup onJoined={onJoined} />);
    expect(screen.queryByLabelText('Invitation or invite code')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Join with an invite code' }));
    await joinWith('CODE-1');
    await waitFor(() => expect(onJoined).toHaveBeenCalledWith({ id: 'g2', name: 'Journal Club' }));
    expect(screen.queryByLabelText('Invitation or invite code')).toBeNull();
  });

  test('Close folds it away without asking anything', () => {
    render(<JoinAnotherGroup onJoined={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Join with an invite code' }));
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByLabelText('Invitation or invite code')).toBeNull();
    expect(send).not.toHaveBeenCalled();
  });

  test('beside a picker only inside a GroupGate (JoinContext); elsewhere nothing', async () => {
    const { container } = render(<JoinFromPicker />);
    expect(container.textContent).toBe('');
    cleanup();
    const onJoined = vi.fn();
    render(
      <JoinContext.Provider value={onJoined}>
        <JoinFromPicker />
      </JoinContext.Provider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Join with an invite code' }));
    await joinWith('CODE-2');
    await waitFor(() => expect(onJoined).toHaveBeenCalledWith({ id: 'g2', name: 'Journal Club' }));
  });

  test('back from switching to an invitation’s server: the form opens by itself, the group shown', async () => {
    await pendingInviteCode.setValue('ABCD-EFGH');
    render(<JoinAnotherGroup onJoined={vi.fn()} />);
    expect((await screen.findByRole('group', { name: 'Invitation' })).textContent).toMatch(/Journal Club/);
    expect(send).toHaveBeenCalledWith('previewInvite', { code: 'ABCD-EFGH' });
  });
});
