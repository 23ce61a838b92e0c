/**
 * A meeting's agenda (before) or notes (after) as Markdown, to paste into a chat or keep.
 * Everything members or pages wrote is escaped (escapeMarkdown), so a title or takeaway
 * cannot become a link, an image or HTML; links are the items' own http(s) addresses. Each
 * item lists its highlighted passages to discuss as block quotes with who marked them.
 */
import type { AgendaItem, Meeting } from '@/utils/shared/api-types';
import { escapeMarkdown, quote } from './export-markdown-text';
import { webHref } from './links';

export function meetingWhen(iso: string, locale?: string): string {
  return new Date(iso).toLocaleString(locale, { dateStyle: 'full', timeStyle: 'short' });
}

function itemLink(title: string, url: string | null): string {
  const text = escapeMarkdown(title);
  return url && /^https?:\/\//i.test(url) && webHref(url) ? `[${text}](<${url.replace(/[<>\s]/g, encodeURIComponent)}>)` : text;
}

/** An item's highlights as quotes under it, most discussed first, each with who marked it. */
function passages(lines: string[], highlights: NonNullable<AgendaItem['highlights']>): void {
  if (highlights.length === 0) return;
  lines.push('', '   Passages to discuss:', '');
  // Each quote under the line that names who marked it (a quote there may follow a line directly).
  for (const h of highlights) {
    const replies = h.reply_count === 1 ? '1 reply' : `${h.reply_count} replies`;
    lines.push(`   ${escapeMarkdown(h.author.display_name)} marked (${replies}):`, quote(h.exact, '   '), '');
  }
}

export function meetingMarkdown(meeting: Meeting, groupName: string, locale?: string): string {
  const notes = meeting.ended_at !== null;
  const lines = [`# ${escapeMarkdown(meeting.title ?? `${groupName} meeting`)}`, ''];
  lines.push(`- When: ${escapeMarkdown(meetingWhen(meeting.starts_at, locale))}`);
  if (meeting.place) lines.push(`- Where: ${escapeMarkdown(meeting.place)}`);
  if (meeting.lead) lines.push(`- Discussion lead: ${escapeMarkdown(meeting.lead.display_name)}`);
  lines.push('', notes ? '## Notes' : '## Agenda', '');
  if (meeting.agenda.length === 0) lines.push('Nothing on the agenda.');
  meeting.agenda.forEach((a, i) => {
    const mark = notes ? (a.discussed ? ' (discussed)' : ' (carried over)') : '';
    lines.push(`${i + 1}. ${itemLink(a.title, a.url)} · ${a.reading_minutes} min${mark}`);
    if (a.takeaway) lines.push(`   > ${escapeMarkdown(a.takeaway)}`);
    passages(lines, a.highlights ?? []);
  });
  return `${lines.join('\n')}\n`;
}

/** A file name for the download: group, date, agenda or notes. */
export function meetingFileName(meeting: Meeting, groupName: string): string {
  const slug =
    groupName
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, '') || 'group';
  return `${slug}-${meeting.starts_at.slice(0, 10)}-${meeting.ended_at ? 'notes' : 'agenda'}.md`;
}
