import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { replies, resetProtocol } from '@/tests/support/protocol-mock';
import { GroupGate } from './GroupGate';
import { GroupSelect } from '@/components/common/GroupSelect';
import { groups } from '@/components/testing/fixtures';

vi.mock('@/utils/shared/protocol', () => import('@/tests/support/protocol-mock'));
beforeEach(() => {
  resetProtocol();
  replies(
    { previewInvite: { ok: true, value: { name: 'Journal Club', member_count: 5, already_member: false } } },
    { ok: true, value: { id: 'g2', name: 'Journal Club' } },
  );
});

afterEach(cleanup);
const list = (names: string[]) => <p>{names.join(' + ')}</p>;
const base = { groups, lastId: 'g2', settled: true, error: null };

describe('GroupGate', () => {
  test('draws the children with the groups and the last group', () => {
    render(<GroupGate state={base}>{(gs, last) => list([...gs.map((g) => g.name), String(last)])}</GroupGate>);
    expect(screen.getByText('Thursday Circle + Journal Club + g2')).toBeTruthy();
  });

  test('waits while nothing is known, with the page shown above', () => {
    render(
      <GroupGate state={{ ...base, groups: [], settled: false }} before={<p>Page</p>}>
        {() => list(['x'])}
      </GroupGate>,
    );
    expect(screen.getByRole('status').textContent).toBe('Loading your groups…');
    expect(screen.getByText('Page')).toBeTruthy();
  });

  test('no groups: join with a code right here, or create one in Options; a failed list says why', () => {
    const { rerender } = render(<GroupGate state={{ ...base, groups: [] }}>{() => list(['x'])}</GroupGate>);
    expect(screen.getByText(/not in a reading group yet/)).toBeTruthy();
    expect(screen.getByRole('form', { name: 'Join a group' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Create a group in Options' })).toBeTruthy();
    rerender(<GroupGate state={{ ...base, groups: [], error: { kind: 'network', message: 'Offline.' } }}>{() => list(['x'])}</GroupGate>);
    expect(screen.getByRole('alert').textContent).toBe('Offline.');
  });

  test('no groups: joining shows the group once the list has it, chosen', async () => {
    const { rerender } = render(
      <GroupGate state={{ ...base, groups: [], lastId: null }}>{(gs, last) => list([...gs.map((g) => g.name), String(last)])}</GroupGate>,
    );
    fireEvent.input(screen.getByLabelText('Invitation or invite code'), { target: { value: 'CODE' } });
    fireEvent.click(screen.getByRole('button', { name: 'Join group' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Join Journal Club' }));
    expect(await screen.findByText('You joined Journal Club. Loading it…')).toBeTruthy();
    rerender(
      <GroupGate state={{ ...base, groups: [groups[1]!], lastId: 'g2' }}>
        {(gs, last) => list([...gs.map((g) => g.name), String(last)])}
      </GroupGate>,
    );
    expect(screen.getByText('Journal Club + g2')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('You joined Journal Club.');
  });

  test('a group picker inside offers joining another group, and the joined group becomes the chosen one', async () => {
    const picker = (gs: typeof groups, last: string | null) => <GroupSelect groups={gs} value={last ?? gs[0]!.id} onChange={vi.fn()} />;
    const { rerender } = render(<GroupGate state={{ ...base, groups: [groups[0]!], lastId: 'g1' }}>{picker}</GroupGate>);
    expect((screen.getByLabelText('Group') as HTMLSelectElement).value).toBe('g1');
    fireEvent.click(screen.getByRole('button', { name: 'Join with an invite code' }));
    fireEvent.input(screen.getByLabelText('Invitation or invite code'), { target: { value: 'CODE' } });
    fireEvent.click(screen.getByRole('button', { name: 'Join group' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Join Journal Club' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('You joined Journal Club.'));
    rerender(<GroupGate state={{ ...base, groups, lastId: 'g1' }}>{picker}</GroupGate>);
    expect((screen.getByLabelText('Group') as HTMLSelectElement).value).toBe('g2');
  });
});
