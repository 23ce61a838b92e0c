import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { resetProtocol, send } from '@/tests/support/protocol-mock';
import { cachedAccount, cachedGroups, cachedQueues, panelGroupId } from '@/utils/shared/storage';
import { SidePanelApp } from './SidePanelApp';
import { ada, detail, groups, queue } from '@/components/testing/fixtures';

vi.mock('@/utils/shared/protocol', () => import('@/tests/support/protocol-mock'));
const never = () => new Promise(() => {});

beforeEach(async () => {
  fakeBrowser.reset();
  resetProtocol();
  await cachedAccount.setValue(ada);
  await cachedGroups.setValue(groups);
});
afterEach(cleanup);

describe('SidePanelApp', () => {
  test('draws the cached queue of the first group before any reply', async () => {
    await cachedQueues.setValue({ g1: queue });
    send.mockImplementation(never);
    render(<SidePanelApp />);
    await waitFor(() => expect(screen.getAllByTestId('queue-entry')).toHaveLength(2));
    expect((screen.getByLabelText('Group') as HTMLSelectElement).value).toBe('g1');
  });

  test('refreshes the chosen group, then opens an item and goes back', async () => {
    await panelGroupId.setValue('g2');
    const journal = { group: { id: 'g2', name: 'Journal Club', role: 'member' }, queue: queue.queue.slice(1) };
    send.mockImplementation(async (name: string, data: { groupId?: string }) => {
      if (name === 'getAccount') return { ok: true, value: ada };
      if (name === 'listGroups') return { ok: true, value: groups };
      if (name === 'groupQueue') return { ok: true, value: data.groupId === 'g2' ? journal : queue };
      if (name === 'itemDetail') return { ok: true, value: detail };
      return never();
    });
    render(<SidePanelApp />);
    await waitFor(() => expect(screen.getAllByTestId('queue-entry')).toHaveLength(1));
    expect(send).toHaveBeenCalledWith('groupQueue', { groupId: 'g2', count: 50 });
    fireEvent.click(screen.getByTestId('queue-entry'));
    expect(await screen.findByLabelText('Add a comment')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /Back to queue/ }));
    expect(await screen.findByTestId('queue')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Group'), { target: { value: 'g1' } });
    await waitFor(() => expect(screen.getAllByTestId('queue-entry')).toHaveLength(2));
    expect(await panelGroupId.getValue()).toBe('g1');
  });

  test('after "Show 50 more", a refresh reads again as many entries as are shown, not just the first page', async () => {
    const entry = (n: number) => ({ ...queue.queue[0]!, item_id: `p${n}`, title: `Essay ${n}`, position: n });
    const page = (from: number) => ({
      ...queue,
      queue: Array.from({ length: 50 }, (_, i) => entry(from + i)),
      total: 120,
      total_minutes: 600,
    });
    send.mockImplementation(async (name: string, data: { offset?: number; count?: number }) => {
      if (name === 'listGroups') return { ok: true, value: groups };
      if (name === 'groupQueue')
        return {
          ok: true,
          value: data.offset ? page(51) : { ...page(1), queue: Array.from({ length: data.count ?? 50 }, (_, i) => entry(i + 1)) },
        };
      return never();
    });
    render(<SidePanelApp />);
    await waitFor(() => expect(screen.getAllByTestId('queue-entry')).toHaveLength(50));
    fireEvent.click(screen.getByRole('button', { name: 'Show 50 more items (70 not shown)' }));
    await waitFor(() => expect(screen.getAllByTestId('queue-entry')).toHaveLength(100));
    document.dispatchEvent(new Event('visibilitychange'));
    await waitFor(() => expect(send).toHaveBeenCalledWith('groupQueue', { groupId: 'g1', count: 100 }));
    expect(screen.getAllByTestId('queue-entry')).toHaveLength(100);
  }, 20_000); // draws 100 cards three times: slow in happy-dom on a loaded machine

  test('removed from the group it showed: says so, then shows the group still there', async () => {
    const journal = { group: { id: 'g2', name: 'Journal Club', role: 'member' }, queue: [] };
    send.mockImplementation(async (name: string) =>
      name === 'listGroups' ? { ok: true, value: [groups[1]] } : name === 'groupQueue' ? { ok: true, value: journal } : never(),
    );
    render(<SidePanelApp />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/no longer a member of Thursday Circle/);
    await waitFor(() => expect((screen.getByLabelText('Group') as HTMLSelectElement).value).toBe('g2'));
  });

  test('removed from the only group: says so above the way to join another', async () => {
    send.mockImplementation(async (name: string) => (name === 'listGroups' ? { ok: true, value: [] } : never()));
    render(<SidePanelApp />);
    expect(await screen.findByRole('button', { name: 'Open Options' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toMatch(/no longer a member of Thursday Circle/);
  });

  test('refreshes when the panel becomes visible again', async () => {
    send.mockImplementation(async (name: string) =>
      name === 'listGroups' ? { ok: true, value: groups } : name === 'groupQueue' ? { ok: true, value: { ...queue, queue: [] } } : never(),
    );
    render(<SidePanelApp />);
    expect(await screen.findByText('Nothing queued yet.')).toBeTruthy();
    const before = send.mock.calls.filter((c) => c[0] === 'groupQueue').length;
    document.dispatchEvent(new Event('visibilitychange'));
    await waitFor(() => expect(send.mock.calls.filter((c) => c[0] === 'groupQueue').length).toBeGreaterThan(before));
  });

  test('tabs: Queue first, then the Library and Meetings panes', async () => {
    await cachedQueues.setValue({ g1: queue });
    send.mockImplementation(never);
    render(<SidePanelApp />);
    expect(await screen.findByRole('tabpanel', { name: 'Queue' })).toBeTruthy();
    fireEvent.click(screen.getByRole('tab', { name: 'Library' }));
    expect(screen.getByRole('tabpanel', { name: 'Library' })).toBeTruthy();
    expect(screen.queryByTestId('queue')).toBeNull();
    fireEvent.click(screen.getByRole('tab', { name: 'Meetings' }));
    expect(screen.getByRole('tabpanel', { name: 'Meetings' })).toBeTruthy();
  });

  test('regression: the Library keeps its filter after an item is opened and closed; Back names the Library', async () => {
    await cachedQueues.setValue({ g1: queue });
    const entry = { ...queue.queue[0]!, excerpt: null, created_at: '2025-03-01T10:00:00Z', queue_position: 1 };
    send.mockImplementation(async (name: string, data: { tag?: string | null }) =>
      name === 'groupTags'
        ? { ok: true, value: [{ tag: 'leadership', count: 1 }] }
        : name === 'groupLibrary'
          ? {
              ok: true,
              value:
                data.tag === 'leadership'
                  ? { total: 1, entries: [entry] }
                  : { total: 2, entries: [entry, { ...entry, item_id: 'i2', title: 'Other' }] },
            }
          : name === 'itemDetail'
            ? { ok: true, value: detail }
            : never(),
    );
    render(<SidePanelApp />);
    fireEvent.click(await screen.findByRole('tab', { name: 'Library' }));
    await waitFor(() => expect(screen.getAllByTestId('library-entry')).toHaveLength(2));
    fireEvent.change(screen.getByLabelText('Filter by tag'), { target: { value: 'leadership' } });
    await waitFor(() => expect(screen.getAllByTestId('library-entry')).toHaveLength(1));
    const opener = screen.getByRole('button', { name: /1 comment: Reading Circles/ });
    opener.focus();
    fireEvent.click(opener);
    const back = await screen.findByRole('button', { name: '← Back to library' });
    // The opener is hidden under the item: focus moves to Back.
    expect(document.activeElement).toBe(back);
    fireEvent.click(back);
    expect(screen.getByRole('tab', { name: 'Library', selected: true })).toBeTruthy();
    expect((screen.getByLabelText('Filter by tag') as HTMLSelectElement).value).toBe('leadership');
    await waitFor(() => expect(screen.getAllByTestId('library-entry')).toHaveLength(1));
    // Focus returns to the button that opened the item.
    await waitFor(() => expect(document.activeElement).toBe(opener));
  });

  test('signed out: the sign-in form', async () => {
    await cachedAccount.setValue(null);
    send.mockImplementation(never);
    render(<SidePanelApp />);
    expect(await screen.findByLabelText('Email')).toBeTruthy();
  });
});
