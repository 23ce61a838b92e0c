/**
 * The "Meetings" section of a group export's Markdown: the next meeting, then past ones
 * newest first, each with its time, place, lead and agenda; a past meeting's agenda says
 * what was discussed and quotes the takeaways. Escaped like the rest of the file.
 */
import type { GroupExport, Meeting } from '@/utils/shared/api-types';
import { day, escapeMarkdown, markdownLink, quote } from './export-markdown-text';

function meetingSection(meeting: Meeting, past: boolean): string {
  const title = meeting.title ? `: ${escapeMarkdown(meeting.title)}` : '';
  const lines = [`### ${past ? 'Met' : 'Next'} ${day(meeting.starts_at)}${title}`, ''];
  // A call link becomes a link only when it is http(s); any other place is text.
  if (meeting.place) lines.push(`- Where: ${markdownLink(meeting.place) ?? escapeMarkdown(meeting.place)}`);
  lines.push(`- Discussion lead: ${meeting.lead ? escapeMarkdown(meeting.lead.display_name) : 'nobody named'}`);
  lines.push(`- Scheduled by: ${escapeMarkdown(meeting.created_by.display_name)}`);
  if (meeting.ended_at) lines.push(`- Finished: ${day(meeting.ended_at)}`);
  lines.push('', past ? 'Agenda and what was discussed:' : 'Agenda:', '');
  if (!meeting.agenda.length) lines.push('Nothing was on the agenda.');
  meeting.agenda.forEach((a, i) => {
    const mark = past ? (a.discussed ? ' (discussed)' : ' (carried over)') : '';
    lines.push(`${i + 1}. ${escapeMarkdown(a.title)}${mark}`);
    if (a.takeaway?.trim()) lines.push('', quote(a.takeaway, '   '), '');
  });
  return lines.join('\n').trimEnd();
}

/** The section's lines: the next meeting (or that none is scheduled), then past meetings. */
export function meetingsMarkdown(meetings: GroupExport['meetings']): string[] {
  const out = ['## Meetings', ''];
  if (meetings.next) out.push(meetingSection(meetings.next, false), '');
  else out.push('No meeting is scheduled.', '');
  if (!meetings.past.length) out.push('The group has not met yet.', '');
  for (const m of meetings.past) out.push(meetingSection(m, true), '');
  return out;
}
