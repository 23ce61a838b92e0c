import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { GroupMeetings, Meeting } from '@/utils/shared/api-types';
import type { Reply } from '@/utils/shared/protocol';
import { replies, resetProtocol, send, unanswered } from '@/tests/support/protocol-mock';
import { MeetingsPane } from './MeetingsPane';

vi.mock('@/utils/shared/protocol', () => import('@/tests/support/protocol-mock'));
beforeEach(() => {
  fakeBrowser.reset();
  resetProtocol();
});
afterEach(cleanup);

const person = (id: string, display_name: string) => ({ id, display_name });
const meeting: Meeting = {
  id: 'm1',
  group_id: 'g1',
  starts_at: '2099-12-03T18:30:00Z',
  title: 'December',
  place: 'Library café',
  lead: person('u2', 'Ben'),
  created_by: person('u1', 'Ada'),
  created_at: '2026-11-29T10:00:00Z',
  ended_at: null,
  agenda: [
    { item_id: 'i1', title: 'Walls', url: null, kind: 'manual', reading_minutes: 12, position: 1, discussed: false, takeaway: null },
  ],
};
const none: GroupMeetings = { next: null, past: [], can_manage: true };

/** The group's meetings (read afresh each time when a function), Ben as the one other member, scheduling and editing answered with `schedule`; nothing else answers. */
function answer(meetings: GroupMeetings | (() => GroupMeetings), schedule?: Reply<Meeting>) {
  replies(
    {
      groupMeetings: () => ({ ok: true, value: typeof meetings === 'function' ? meetings() : meetings }),
      groupMembers: { ok: true, value: [{ ...person('u2', 'Ben'), avatar_url: null, role: 'member', joined_at: '' }] },
      ...(schedule && { scheduleMeeting: schedule, editMeeting: schedule }),
    },
    unanswered,
  );
}

describe('MeetingsPane', () => {
  test('an owner with no meeting sees the form; a time in the past gets the server’s clear message', async () => {
    answer(none, { ok: false, error: { kind: 'invalid', message: 'That time has already passed. Pick a time in the future.' } });
    render(<MeetingsPane groupId="g1" groupName="Circle" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Schedule' }));
    expect(screen.getByRole('alert').textContent).toBe('Pick a date and time for the meeting.');
    // A time already passed is refused here, before anything is sent…
    fireEvent.input(screen.getByLabelText('Date and time'), { target: { value: '2020-01-02T19:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Schedule' }));
    expect(screen.getByRole('alert').textContent).toBe('That time has already passed. Pick a time in the future.');
    expect(send).not.toHaveBeenCalledWith('scheduleMeeting', expect.anything());
    // …and the server's refusal (its clock is the one that counts) reads the same.
    fireEvent.input(screen.getByLabelText('Date and time'), { target: { value: '2099-01-02T19:00' } });
    await waitFor(() => expect(screen.getByLabelText('Discussion lead').textContent).toContain('Ben'));
    fireEvent.change(screen.getByLabelText('Discussion lead'), { target: { value: 'u2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Schedule' }));
    await waitFor(() =>
      expect(send).toHaveBeenCalledWith(
        'scheduleMeeting',
        expect.objectContaining({ groupId: 'g1', leadId: 'u2', startsAt: new Date('2099-01-02T19:00').toISOString() }),
      ),
    );
    expect(screen.getByRole('alert').textContent).toBe('That time has already passed. Pick a time in the future.');
  });

  test('a member sees the next meeting and its agenda, without the controls to run it', async () => {
    answer({ next: meeting, past: [], can_manage: false });
    render(<MeetingsPane groupId="g1" groupName="Circle" />);
    expect((await screen.findByTestId('next-meeting')).textContent).toContain('Led by Ben');
    expect(screen.getByTestId('agenda-item').textContent).toContain('Walls');
    expect(screen.queryByRole('button', { name: 'Finish meeting' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Copy agenda as Markdown' })).toBeTruthy();
  });

  test('an owner changes the next meeting in place: the form starts from it and the agenda stays', async () => {
    const moved = { ...meeting, place: 'Room 2' };
    // The server has the change once editMeeting was sent.
    const edited = () => send.mock.calls.some((c) => c[0] === 'editMeeting');
    answer(() => ({ next: edited() ? moved : meeting, past: [], can_manage: true }), { ok: true, value: moved });
    const onOpen = vi.fn();
    render(<MeetingsPane groupId="g1" groupName="Circle" onOpen={onOpen} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Change time, place or lead' }));
    expect((screen.getByLabelText('Title (optional)') as HTMLInputElement).value).toBe('December');
    fireEvent.input(screen.getByLabelText('Place or call link (optional)'), { target: { value: 'Room 2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(screen.getByTestId('next-meeting').textContent).toContain('Room 2'));
    expect(send).toHaveBeenCalledWith(
      'editMeeting',
      expect.objectContaining({ meetingId: 'm1', place: 'Room 2', title: 'December', leadId: 'u2' }),
    );
    expect(screen.getByTestId('agenda-item').textContent).toContain('Walls');
    fireEvent.click(screen.getByRole('button', { name: 'Discussion: Walls' }));
    expect(onOpen).toHaveBeenCalledWith('i1');
  });

  test('a past meeting shows what was discussed, its takeaway and what carried over', async () => {
    const done = {
      ...meeting,
      ended_at: '2099-12-03T20:00:00Z',
      agenda: [
        { ...meeting.agenda[0]!, discussed: true, takeaway: 'Good fences' },
        { ...meeting.agenda[0]!, item_id: 'i2', title: 'Doors', position: 2 },
      ],
    };
    answer({ next: null, past: [done], can_manage: false });
    render(<MeetingsPane groupId="g1" groupName="Circle" />);
    const past = await screen.findByTestId('past-meeting');
    expect(past.textContent).toMatch(/Walls.*Discussed.*Good fences.*Doors.*Carried over/);
    expect(screen.getByText(/Owners and admins schedule meetings/)).toBeTruthy();
  });
});
