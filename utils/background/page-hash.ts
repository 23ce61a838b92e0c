/**
 * What the extension tells the server when it asks "is this page already in the group's
 * library?" (find_item): not the address, but the SHA-256 of its normalised form (urlKey,
 * the same key as the database's private.url_key). The server keeps the same hash of every
 * saved item's addresses (items.url_key_hash, items.page_key_hash), so it can answer for a
 * saved page without ever seeing the address of a page nobody saved.
 */
import { urlKey } from '@/utils/shared/canonical-url';

/** Lower-case hex SHA-256 of the UTF-8 text, as private.url_hash computes it. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The hash find_item takes for a page's address: sha256Hex(urlKey(url)). */
export function pageHash(url: string): Promise<string> {
  return sha256Hex(urlKey(url));
}
