import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import type { Meeting } from '@/utils/shared/api-types';
import type { Reply } from '@/utils/shared/protocol';
import { replies, resetProtocol, send, unanswered } from '@/tests/support/protocol-mock';
import { MeetingForm, localInput } from './MeetingForm';

vi.mock('@/utils/shared/protocol', () => import('@/tests/support/protocol-mock'));
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
  agenda: [],
};
const PASSED = 'That time has already passed. Pick a time in the future.';

/** Ben is the one other member; scheduling and editing answer `save`; nothing else answers. */
function answer(save: Reply<Meeting>) {
  replies(
    {
      groupMembers: { ok: true, value: [{ ...person('u2', 'Ben'), avatar_url: null, role: 'member', joined_at: '' }] },
      scheduleMeeting: save,
      editMeeting: save,
    },
    unanswered,
  );
}
beforeEach(() => {
  resetProtocol();
});

describe('MeetingForm', () => {
  test('a meeting in the past is refused with a clear message before anything is sent, and what was typed stays', async () => {
    answer({ ok: true, value: meeting });
    const onSaved = vi.fn();
    render(<MeetingForm groupId="g1" onSaved={onSaved} />);
    fireEvent.input(screen.getByLabelText('Date and time'), { target: { value: '2020-01-02T19:00' } });
    fireEvent.input(screen.getByLabelText('Title (optional)'), { target: { value: 'January' } });
    fireEvent.click(screen.getByRole('button', { name: 'Schedule' }));
    expect(screen.getByRole('alert').textContent).toBe(PASSED);
    expect(send).not.toHaveBeenCalledWith('scheduleMeeting', expect.anything());
    expect(onSaved).not.toHaveBeenCalled();
    expect((screen.getByLabelText('Title (optional)') as HTMLInputElement).value).toBe('January');
  });

  test('schedules with the time as an instant and the lead chosen', async () => {
    answer({ ok: true, value: meeting });
    const onSaved = vi.fn();
    render(<MeetingForm groupId="g1" onSaved={onSaved} />);
    fireEvent.input(screen.getByLabelText('Date and time'), { target: { value: '2099-12-03T19:30' } });
    await waitFor(() => expect(screen.getByLabelText('Discussion lead').textContent).toContain('Ben'));
    fireEvent.change(screen.getByLabelText('Discussion lead'), { target: { value: 'u2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Schedule' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(meeting));
    expect(send).toHaveBeenCalledWith('scheduleMeeting', {
      groupId: 'g1',
      startsAt: new Date('2099-12-03T19:30').toISOString(),
      title: '',
      place: '',
      leadId: 'u2',
    });
  });

  test('editing starts from the meeting (its time in local time) and sends editMeeting; Keep as it was leaves it', async () => {
    answer({ ok: true, value: { ...meeting, title: 'Moved' } });
    const onSaved = vi.fn();
    const onCancel = vi.fn();
    render(<MeetingForm groupId="g1" meeting={meeting} onSaved={onSaved} onCancel={onCancel} />);
    expect(screen.getByRole('heading').textContent).toBe('Change the meeting');
    expect((screen.getByLabelText('Date and time') as HTMLInputElement).value).toBe(localInput(meeting.starts_at));
    expect(new Date(localInput(meeting.starts_at)).toISOString()).toBe('2099-12-03T18:30:00.000Z');
    await waitFor(() => expect((screen.getByLabelText('Discussion lead') as HTMLSelectElement).value).toBe('u2'));
    fireEvent.input(screen.getByLabelText('Title (optional)'), { target: { value: 'Moved' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(send).toHaveBeenCalledWith('editMeeting', {
      meetingId: 'm1',
      startsAt: '2099-12-03T18:30:00.000Z',
      title: 'Moved',
      place: 'Library café',
      leadId: 'u2',
    });
    fireEvent.click(screen.getByRole('button', { name: 'Keep as it was' }));
    expect(onCancel).toHaveBeenCalled();
  });

  test('a meeting under way keeps its passed time while its place changes; a new past time is refused', async () => {
    const started = { ...meeting, starts_at: new Date(Date.now() - 10 * 60_000).toISOString() };
    answer({ ok: true, value: started });
    const onSaved = vi.fn();
    render(<MeetingForm groupId="g1" meeting={started} onSaved={onSaved} />);
    fireEvent.input(screen.getByLabelText('Date and time'), { target: { value: '2020-01-02T19:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(screen.getByRole('alert').textContent).toBe(PASSED);
    fireEvent.input(screen.getByLabelText('Date and time'), { target: { value: localInput(started.starts_at) } });
    fireEvent.input(screen.getByLabelText('Place or call link (optional)'), { target: { value: 'Room 2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
  });

  test('the server’s refusal is shown in its words', async () => {
    answer({ ok: false, error: { kind: 'invalid', message: 'The discussion lead must be a member of the group.' } });
    render(<MeetingForm groupId="g1" meeting={meeting} onSaved={() => {}} />);
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The discussion lead must be a member of the group.');
  });
});
