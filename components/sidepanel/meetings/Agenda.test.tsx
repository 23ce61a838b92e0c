import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { AgendaItem, Meeting } from '@/utils/shared/api-types';
import { resetProtocol, send } from '@/tests/support/protocol-mock';
import { cachedQueues } from '@/utils/shared/storage';
import { Agenda } from './Agenda';
import { queue } from '@/components/testing/fixtures';

vi.mock('@/utils/shared/protocol', () => import('@/tests/support/protocol-mock'));
beforeEach(async () => {
  fakeBrowser.reset();
  resetProtocol();
  await cachedQueues.setValue({ g1: queue });
});
afterEach(cleanup);

const person = (id: string, display_name: string) => ({ id, display_name });
const row = (item_id: string, title: string, position: number): AgendaItem => ({
  item_id,
  title,
  url: null,
  kind: 'article',
  reading_minutes: 5,
  position,
  discussed: false,
  takeaway: null,
});
const meeting: Meeting = {
  id: 'm1',
  group_id: 'g1',
  starts_at: '2099-12-03T18:30:00Z',
  title: 'December',
  place: null,
  lead: null,
  created_by: person('u1', 'Ada'),
  created_at: '2026-11-29T10:00:00Z',
  ended_at: null,
  agenda: [row('i1', 'Reading Circles at Work', 1), row('i9', 'Walls', 2), row('i8', 'Doors', 3)],
};

describe('Agenda', () => {
  test('an owner moves an item down (before the one after next) and up (before the one above)', async () => {
    send.mockResolvedValue({ ok: true, value: meeting });
    const onChanged = vi.fn();
    render(<Agenda meeting={meeting} groupId="g1" canManage onChanged={onChanged} />);
    expect(screen.queryByRole('button', { name: 'Move Reading Circles at Work up the agenda' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Move Doors down the agenda' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Move Reading Circles at Work down the agenda' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalledWith(meeting));
    expect(send).toHaveBeenCalledWith('editAgenda', { meetingId: 'm1', itemId: 'i1', action: 'move', beforeItemId: 'i8' });
    fireEvent.click(screen.getByRole('button', { name: 'Move Walls down the agenda' }));
    await waitFor(() =>
      expect(send).toHaveBeenCalledWith('editAgenda', { meetingId: 'm1', itemId: 'i9', action: 'move', beforeItemId: null }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Move Doors up the agenda' }));
    await waitFor(() =>
      expect(send).toHaveBeenCalledWith('editAgenda', { meetingId: 'm1', itemId: 'i8', action: 'move', beforeItemId: 'i9' }),
    );
  });

  test('adds from the queue only what is not on the agenda yet; records a takeaway as discussed', async () => {
    send.mockResolvedValue({ ok: true, value: meeting });
    render(<Agenda meeting={meeting} groupId="g1" canManage onChanged={() => {}} />);
    const add = await screen.findByLabelText('Add from the queue');
    expect([...add.querySelectorAll('option')].map((o) => o.textContent)).toEqual(['Choose an item…', 'Deep Work Notes']);
    fireEvent.change(add, { target: { value: 'i2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    await waitFor(() =>
      expect(send).toHaveBeenCalledWith('editAgenda', { meetingId: 'm1', itemId: 'i2', action: 'add', beforeItemId: undefined }),
    );
    fireEvent.input(screen.getByLabelText('Takeaway for Walls'), { target: { value: 'Good fences' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save takeaway for Walls' }));
    await waitFor(() =>
      expect(send).toHaveBeenCalledWith('recordDiscussed', { meetingId: 'm1', itemId: 'i9', discussed: true, takeaway: 'Good fences' }),
    );
  });

  test('a refused change shows the server’s words and asks for the meeting again', async () => {
    const message = 'That meeting is over; its notes can no longer change.';
    send.mockResolvedValue({ ok: false, error: { kind: 'invalid', message } });
    const onChanged = vi.fn();
    render(<Agenda meeting={meeting} groupId="g1" canManage onChanged={onChanged} />);
    fireEvent.click(screen.getByRole('button', { name: 'Remove: take Walls off the agenda' }));
    expect((await screen.findByRole('alert')).textContent).toBe(message);
    expect(onChanged).toHaveBeenCalledWith(null);
  });

  test('finish and cancel go to the server; a member, or a finished meeting, has no controls', async () => {
    send.mockResolvedValue({ ok: true, value: null });
    const onChanged = vi.fn();
    const { unmount } = render(<Agenda meeting={meeting} groupId="g1" canManage onChanged={onChanged} />);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel meeting' }));
    await waitFor(() => expect(send).toHaveBeenCalledWith('cancelMeeting', { meetingId: 'm1' }));
    fireEvent.click(screen.getByRole('button', { name: 'Finish meeting' }));
    await waitFor(() => expect(send).toHaveBeenCalledWith('finishMeeting', { meetingId: 'm1' }));
    unmount();
    render(<Agenda meeting={meeting} groupId="g1" canManage={false} onChanged={() => {}} />);
    expect(screen.queryAllByRole('button')).toHaveLength(0);
    expect(screen.getByRole('list', { name: 'Agenda' })).toBeTruthy();
    cleanup();
    render(<Agenda meeting={{ ...meeting, ended_at: '2099-12-03T20:00:00Z' }} groupId="g1" canManage onChanged={() => {}} />);
    expect(screen.queryAllByRole('button')).toHaveLength(0);
    expect(screen.getByRole('list', { name: 'What was on the agenda' }).textContent).toMatch(/Walls.*Carried over/);
  });

  test('an agenda item’s title opens its discussion when the panel offers it; an empty agenda says so', () => {
    const onOpen = vi.fn();
    const { unmount } = render(<Agenda meeting={meeting} groupId="g1" canManage={false} onChanged={() => {}} onOpen={onOpen} />);
    fireEvent.click(screen.getByRole('button', { name: 'Discussion: Walls' }));
    expect(onOpen).toHaveBeenCalledWith('i9');
    unmount();
    render(<Agenda meeting={{ ...meeting, agenda: [] }} groupId="g1" canManage onChanged={() => {}} />);
    expect(screen.getByText('Nothing on the agenda.')).toBeTruthy();
  });
});

describe('Agenda highlights', () => {
  test('each item shows its passages in the order given (most discussed first): quote shortened, who marked it, replies', () => {
    const long = `Small groups read better ${'and talk longer '.repeat(10)}than large ones.`;
    const withPassages: Meeting = {
      ...meeting,
      agenda: [
        {
          ...meeting.agenda[0]!,
          highlights: [
            { id: 'h1', exact: long, author: person('u2', 'Ben'), reply_count: 4 },
            { id: 'h2', exact: 'Circles meet weekly.', author: person('u1', 'Ada'), reply_count: 1 },
          ],
        },
        meeting.agenda[1]!,
      ],
    };
    render(<Agenda meeting={withPassages} groupId="g1" canManage={false} onChanged={vi.fn()} />);
    const list = screen.getByRole('list', { name: 'Passages to discuss in Reading Circles at Work' });
    const rows = Array.from(list.querySelectorAll('li')).map((li) => li.textContent);
    expect(rows[0]).toMatch(/^Small groups read better and talk longer .*… · Ben · 4 replies$/);
    expect(rows[0]!.length).toBeLessThan(long.length);
    expect(rows[1]).toBe('Circles meet weekly. · Ada · 1 reply');
    expect(screen.getAllByTestId('agenda-highlight')).toHaveLength(2);
  });
});
