/**
 * A group export (export_group) as a Markdown file people can read anywhere: the group,
 * its members, the queue, the meetings, then every item with its details, tags, read marks,
 * comments and highlights (the passage, the marker's comment, the replies). The saved copies of articles are only in the JSON file (Markdown gets the
 * link).
 *
 * Everything members or pages wrote is escaped, so a title or comment cannot turn into a
 * link, an image, HTML or a heading when the file is rendered.
 */
import type { ExportedItem, GroupExport } from '@/utils/shared/api-types';
import { day, escapeMarkdown, markdownLink, quote } from './export-markdown-text';
import { meetingsMarkdown } from './export-meetings-markdown';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function itemSection(item: ExportedItem): string {
  const lines = [`### ${escapeMarkdown(item.title)}`, ''];
  const link = markdownLink(item.url);
  const facts: Array<[string, string | null]> = [
    ['Link', link],
    ['Site', item.site_name && escapeMarkdown(item.site_name)],
    ['By', item.byline && escapeMarkdown(item.byline)],
    ['Published', item.published_at && day(item.published_at)],
    ['Kind', item.kind + (item.selection ? ' (selection)' : '')],
    ['Reading time', `${item.reading_minutes} min`],
    ['Added by', `${escapeMarkdown(item.added_by.display_name)} on ${day(item.created_at)}`],
    ['Tags', item.tags.length ? item.tags.map((t) => escapeMarkdown(t.tag)).join(', ') : null],
    ['Queue', item.queue ? `#${item.queue.position}, queued by ${escapeMarkdown(item.queue.queued_by.display_name)}` : null],
    ['Read by', item.read_count ? `${plural(item.read_count, 'member')}${item.read_at ? `, you on ${day(item.read_at)}` : ''}` : null],
  ];
  for (const [label, value] of facts) if (value) lines.push(`- ${label}: ${value}`);
  if (item.excerpt?.trim()) lines.push('', quote(item.excerpt));
  if (item.comments.length) {
    lines.push('', `#### Comments (${item.comments.length})`);
    for (const c of item.comments) {
      const who = `**${escapeMarkdown(c.author.display_name)}**${c.parent_id ? ' (reply)' : ''}, ${day(c.created_at)}:`;
      lines.push('', who, '', c.deleted ? '> (deleted)' : quote(c.body));
    }
  }
  const highlights = item.highlights ?? [];
  if (highlights.length) {
    lines.push('', `#### Highlights (${highlights.length})`);
    for (const h of highlights) {
      lines.push('', `**${escapeMarkdown(h.author.display_name)}** marked, ${day(h.created_at)}:`, '', quote(h.exact));
      if (h.body.trim()) lines.push('', 'Their comment:', '', quote(h.body));
      for (const r of h.replies ?? []) {
        lines.push('', `**${escapeMarkdown(r.author.display_name)}** (reply), ${day(r.created_at)}:`, '', quote(r.body));
      }
    }
  }
  return lines.join('\n');
}

export function renderExportMarkdown(data: GroupExport): string {
  const { group } = data;
  const out = [`# ${escapeMarkdown(group.name)}`, ''];
  if (group.description.trim()) out.push(quote(group.description), '');
  out.push(
    `Exported from Readclub by ${escapeMarkdown(data.exported_by.display_name)} (${group.my_role}) on ${day(data.exported_at)}: ` +
      `${data.members.length} members, ${data.items.length} items, ${data.queue.length} in the queue.`,
    '',
    '## Members',
    '',
    ...data.members.map((m) => `- ${escapeMarkdown(m.display_name)}: ${m.role}, joined ${day(m.joined_at)}`),
    '',
    '## Queue',
    '',
  );
  data.queue.forEach((q, i) => {
    const votes = q.votes ? `, ${plural(q.votes, 'vote')}${q.voted ? ' (yours among them)' : ''}` : '';
    out.push(`${i + 1}. ${escapeMarkdown(q.title)} (queued by ${escapeMarkdown(q.queued_by.display_name)}${votes})`);
  });
  if (!data.queue.length) out.push('Nothing is queued.');
  out.push('', ...meetingsMarkdown(data.meetings), '## Library', '');
  if (!data.items.length) out.push('The library is empty.', '');
  for (const item of data.items) out.push(itemSection(item), '');
  return `${out.join('\n').trimEnd()}\n`;
}

/** readclub-tuesday-readers-2026-12-01.md: the group's name, made safe for any file system. */
export function exportFileName(data: GroupExport, extension: 'json' | 'md'): string {
  const slug =
    data.group.name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'group';
  return `readclub-${slug}-${data.exported_at.slice(0, 10)}.${extension}`;
}
