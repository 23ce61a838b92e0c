/** Small, pure formatting helpers for the extension's pages. No browser APIs here. */

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

/** The site name, or the host of the URL without "www.". */
export function siteLabel(siteName: string | null, url: string): string {
  if (siteName?.trim()) return siteName.trim();
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
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
