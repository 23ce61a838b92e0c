/** A hostile backend's `javascript:`/`data:` meeting place and agenda address: never a link, in the pane or its Markdown. */
import { afterEach, beforeEach, describe, expect, test, vi, type Mock } from 'vitest';
import { cleanup, render, screen } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { sendMessage } from '@/utils/shared/protocol';
import type { GroupMeetings, Meeting } from '@/utils/shared/api-types';
import { meetingMarkdown } from '@/utils/ui/meeting-markdown';
import { MeetingsPane } from './MeetingsPane';

vi.mock('@/utils/shared/protocol', () => ({ sendMessage: vi.fn() }));
const send = sendMessage as unknown as Mock;
beforeEach(() => {
  fakeBrowser.reset();
  send.mockReset();
});
afterEach(cleanup);

const hrefs = () => [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')!);
function expectOnlyWebLinks() {
  for (const href of hrefs()) expect(href).toMatch(/^https?:\/\//);
}

describe.each(['javascript:alert(document.cookie)', 'data:text/html,<script>alert(1)</script>'])(
  'a backend answering the address %s',
  (url) => {
    test("a meeting's place is shown as text", async () => {
      const meeting: Meeting = {
        id: 'm1',
        group_id: 'g1',
        starts_at: '2099-12-03T18:30:00Z',
        title: 'December',
        place: url,
        lead: null,
        created_by: { id: 'u1', display_name: 'Ada' },
        created_at: '2026-11-29T10:00:00Z',
        ended_at: null,
        agenda: [
          { item_id: 'i1', title: 'Walls', url, kind: 'article', reading_minutes: 12, position: 1, discussed: false, takeaway: null },
        ],
      };
      const meetings: GroupMeetings = { next: null, past: [{ ...meeting, ended_at: '2099-12-03T20:00:00Z' }], can_manage: false };
      send.mockImplementation(async (name: string) => (name === 'groupMeetings' ? { ok: true, value: meetings } : new Promise(() => {})));
      render(<MeetingsPane groupId="g1" groupName="Circle" />);
      expect((await screen.findByTestId('past-meeting')).textContent).toContain(url);
      expectOnlyWebLinks();
      expect(meetingMarkdown(meeting, 'Circle')).not.toMatch(/\]\(<?(javascript|data|vbscript|\s*JavaScript)/i);
    });
  },
);
