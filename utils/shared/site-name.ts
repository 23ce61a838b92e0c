/**
 * How Readclub names the site an item comes from, everywhere it shows one (popup preview,
 * queue, library, reader, item view, exports): the publisher's name when the page gave one,
 * else the page's host without "www.". A "name" that is only an address
 * ("http://www.tmz.com") is shown as its host, like a page without a name.
 */

/** The host of `url`, lower-case, without "www." and a trailing dot; null when `url` is not an absolute URL. */
export function hostLabel(url: string): string | null {
  try {
    const host = new URL(url).hostname
      .toLowerCase()
      .replace(/\.$/, '')
      .replace(/^www\./, '');
    return host || null;
  } catch {
    return null;
  }
}

/** "http://www.tmz.com", "www.example.org/": an address, not a name ("Factorio.com" is a name). */
const ADDRESS = /^(?:https?:\/\/|www\.)[^\s/]+\/?$/i;

/**
 * The site's name for an item with `siteName` (the publisher's, from the page) at `url`:
 * the name when there is one, else the host without "www."; `url` itself when it is not an
 * address; null when there is neither (a book).
 */
export function siteLabel(siteName: string | null | undefined, url: string | null | undefined): string | null {
  const name = (siteName ?? '').replace(/\s+/g, ' ').trim();
  if (name && !ADDRESS.test(name)) return name;
  if (name) return hostLabel(/^https?:/i.test(name) ? name : `http://${name}`) ?? name;
  if (!url) return null;
  return hostLabel(url) ?? url;
}
