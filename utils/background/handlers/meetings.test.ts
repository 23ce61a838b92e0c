/** meetings.ts: editMeeting checks the time before the network and sends every field. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { SupabaseClient } from '@supabase/supabase-js';
import { meetingHandlers } from './meetings';

function setup(answer: { data: unknown; error: unknown }) {
  const rpc = vi.fn(async () => ({ ...answer, status: answer.error ? 400 : 200 }));
  const session = { access_token: 'a', refresh_token: 'r', expires_at: 9_999_999_999, user: { id: 'u1' } };
  const client = { auth: { getSession: async () => ({ data: { session }, error: null }) }, rpc } as unknown as SupabaseClient;
  return { rpc, h: meetingHandlers(async () => client) };
}

beforeEach(() => fakeBrowser.reset());

describe('editMeeting', () => {
  it('an empty or unreadable time is refused before the network', async () => {
    const { rpc, h } = setup({ data: null, error: null });
    const refused = { ok: false, error: { kind: 'invalid', message: 'Pick a date and time for the meeting.' } };
    expect(await h.editMeeting({ meetingId: 'm1', startsAt: '', title: '', place: '', leadId: null })).toEqual(refused);
    expect(await h.editMeeting({ meetingId: 'm1', startsAt: 'next Tuesday', title: '', place: '', leadId: null })).toEqual(refused);
    expect(rpc).not.toHaveBeenCalled();
  });

  it('sends the time as an instant, trimmed title and place (empty clears), and the lead', async () => {
    const { rpc, h } = setup({ data: { id: 'm1' }, error: null });
    expect(await h.editMeeting({ meetingId: 'm1', startsAt: '2099-01-02T18:00:00Z', title: ' July ', place: '  ', leadId: 'u2' })).toEqual({
      ok: true,
      value: { id: 'm1' },
    });
    expect(rpc).toHaveBeenCalledWith('edit_meeting', {
      p_meeting_id: 'm1',
      p_starts_at: '2099-01-02T18:00:00.000Z',
      p_title: 'July',
      p_place: null,
      p_lead_id: 'u2',
    });
  });

  it('a time in the past comes back with the server’s words', async () => {
    const message = 'That time has already passed. Pick a time in the future.';
    const { h } = setup({ data: null, error: { code: '22023', message } });
    expect(await h.editMeeting({ meetingId: 'm1', startsAt: '2020-01-02T18:00:00Z', title: '', place: '', leadId: null })).toMatchObject({
      ok: false,
      error: { kind: 'invalid', message },
    });
  });
});
