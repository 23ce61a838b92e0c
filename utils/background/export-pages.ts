/**
 * A group's export read page by page (background only). export_group with p_limit answers
 * one page of items and the marker of the next; the first page also carries the group,
 * members, queue and meetings. Each page is its own short statement, so a large group's
 * export never meets the statement timeout a hosted project gives signed-in calls (8 s),
 * and no single answer holds every saved copy at once.
 *
 * The pages joined give what export_group without p_limit gives in one answer: the first
 * page's fields, in their order, with `items` holding every page's items and no `next`.
 * So the JSON and Markdown files the member downloads are the same either way.
 */
import type { ExportedItem, GroupExport, GroupExportPage } from '@/utils/shared/api-types';
import { EXPORT_PAGE } from '@/utils/shared/api-types';
import type { Reply } from '@/utils/shared/protocol';

/** One export_group call (the caller adds the client and session handling). */
export type ExportPageCall = (args: { p_group_id: string; p_after: string | null; p_limit: number }) => Promise<Reply<GroupExportPage>>;

export interface ExportPagesOptions {
  pageSize?: number;
  /** Most pages read before giving up (a server that never says "last page"). */
  maxPages?: number;
}

const broken = (message: string): Reply<never> => ({ ok: false, error: { kind: 'server', message } });

/** Reads every page of the group's export and joins them into one GroupExport. */
export async function fetchGroupExport(
  call: ExportPageCall,
  groupId: string,
  options: ExportPagesOptions = {},
): Promise<Reply<GroupExport>> {
  const pageSize = options.pageSize ?? EXPORT_PAGE;
  const maxPages = options.maxPages ?? 100_000;
  const first = await call({ p_group_id: groupId, p_after: null, p_limit: pageSize });
  if (!first.ok) return first;
  if (first.value.format !== 'readclub-export' || !Array.isArray(first.value.items)) {
    return broken('The server sent an export this version of Readclub does not read.');
  }
  const items: ExportedItem[] = [...first.value.items];
  const seen = new Set<string>();
  let next = first.value.next ?? null;
  for (let pages = 1; next !== null; pages++) {
    // A marker seen before (or pages without end) would loop forever: stop with a clear message.
    if (seen.has(next) || pages >= maxPages) return broken('The export stopped making progress. Try again later.');
    seen.add(next);
    const page = await call({ p_group_id: groupId, p_after: next, p_limit: pageSize });
    if (!page.ok) return page;
    if (!Array.isArray(page.value.items)) return broken('The server sent an export page this version of Readclub does not read.');
    items.push(...page.value.items);
    next = page.value.next ?? null;
  }
  // The first page's fields in their order (the same keys and order as the one-answer export),
  // with every item in `items` and no page marker.
  const joined: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(first.value)) {
    if (key === 'next') continue;
    joined[key] = key === 'items' ? items : value;
  }
  return { ok: true, value: joined as unknown as GroupExport };
}
