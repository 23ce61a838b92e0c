/**
 * Every address the extension turns into a link (an item's page, a meeting's place, an
 * exported Markdown link) goes through webHref: only an http(s) address becomes a link,
 * whatever the backend answered. The database refuses other schemes too, but a changed,
 * old or hostile backend must not be able to put `javascript:` or `data:` into a page of
 * the extension.
 */

/** The address as a link target when it is an http(s) URL, else null. */
export function webHref(url: string | null | undefined): string | null {
  if (typeof url !== 'string') return null;
  const trimmed = url.trim();
  if (!/^https?:\/\/[^\s]/i.test(trimmed)) return null;
  try {
    const parsed = new URL(trimmed);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}
