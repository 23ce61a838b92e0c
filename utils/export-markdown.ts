/**
 * A group export (export_group) as a Markdown file people can read anywhere: the group,
 * its members, the queue, then every item with its details, tags and comments. The
 * saved copies of articles are only in the JSON file (Markdown gets the link).
 *
 * Everything members or pages wrote is escaped, so a title or comment cannot turn into a
 * link, an image, HTML or a heading when the file is rendered.
 */
import type { ExportedItem, GroupExport } from './api-types';

/**
 * One line of text as literal Markdown: emphasis, code, links, images and HTML are escaped
 * anywhere; a heading, quote or list marker only at the start (where it would act).
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_[\]~<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c] ?? `\\${c}`)
    .replace(/^[#+=-]/, '\\$&')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/** Several lines as a block quote, each line escaped (blank lines kept as paragraph breaks). */
function quote(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => (line.trim() ? `> ${escapeMarkdown(line)}` : '>'))
    .join('\n');
}

/** Only http(s) addresses become links, in the <…> form, with anything that could end it encoded. */
export function markdownLink(url: string | null): string | null {
  if (!url || !/^https?:\/\/[^\s]+$/i.test(url)) return null;
  return `<${url.replace(/[<>\s]/g, (c) => encodeURIComponent(c))}>`;
}

/** 2026-12-01 09:30 UTC: the same on every machine. */
export function day(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

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
  if (data.queue.length) data.queue.forEach((q, i) => out.push(`${i + 1}. ${escapeMarkdown(q.title)} (queued by ${escapeMarkdown(q.queued_by.display_name)})`));
  else out.push('Nothing is queued.');
  out.push('', '## Library', '');
  if (!data.items.length) out.push('The library is empty.', '');
  for (const item of data.items) out.push(itemSection(item), '');
  return `${out.join('\n').trimEnd()}\n`;
}

/** readclub-tuesday-readers-2026-12-01.md: the group's name, made safe for any file system. */
export function exportFileName(data: GroupExport, extension: 'json' | 'md'): string {
  const slug = data.group.name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'group';
  return `readclub-${slug}-${data.exported_at.slice(0, 10)}.${extension}`;
}
