/** Small, pure formatting helpers for the extension's pages. No browser APIs here. */
import type { ItemKind } from '@/utils/shared/api-types';

/** "leadership, Remote work, , leadership" → ["leadership", "Remote work"]. */
export function parseTags(text: string): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const raw of text.split(',')) {
    const tag = raw.trim().replace(/^#+/, '').replace(/\s+/g, ' ').slice(0, 40);
    const key = tag.toLowerCase();
    if (!tag || seen.has(key)) continue;
    seen.add(key);
    tags.push(tag);
  }
  return tags;
}

export function minutesLabel(minutes: number): string {
  return `${Math.max(1, Math.round(minutes))} min read`;
}

export function commentsLabel(count: number): string {
  return count === 1 ? '1 comment' : `${count} comments`;
}

/** What kind of item, in the group's words: reading time for an article, else what it is. */
export function kindLabel(kind: ItemKind, minutes: number): string {
  if (kind === 'link') return 'Link only';
  if (kind === 'manual') return 'Book / print';
  return minutesLabel(minutes);
}

/** "27 Feb 2025", or null for a missing or unreadable date. */
export function dateLabel(iso: string | null): string | null {
  const date = iso ? new Date(iso) : null;
  if (!date || Number.isNaN(date.getTime())) return null;
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** "just now", "5 min ago", "3 h ago", "yesterday", then a date like "4 Mar 2025". */
export function relativeTime(iso: string, now: Date = new Date()): string {
  const then = new Date(iso);
  if (Number.isNaN(then.getTime())) return '';
  const minutes = Math.round((now.getTime() - then.getTime()) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  if (hours < 48) return 'yesterday';
  return then.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
}

/** The popup's target tab from `?tabId=N` (end-to-end tests open the popup as a tab). */
export function tabIdFromSearch(search: string): number | undefined {
  const raw = new URLSearchParams(search).get('tabId');
  if (raw === null || !/^\d+$/.test(raw)) return undefined;
  return Number(raw);
}
