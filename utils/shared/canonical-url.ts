/**
 * The address an item stands for. A group must see one item per article however it was
 * reached (a newsletter link with utm_ tags, an AMP copy, a #comments link), so the
 * clipper sends the page's canonical URL, cleaned the way the database's
 * private.url_key cleans it (supabase/schemas/30_library.sql).
 */
import { resolveWebUrl } from '@/utils/shared/sanitize-rules';

/** Longest URL the database stores (items_*_url_valid). */
export const MAX_URL_LENGTH = 2048;

/** Query parameters that only say where a click came from; keep in step with private.url_key. */
export const TRACKING_PARAMS: ReadonlySet<string> = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'mc_cid',
  'mc_eid',
  'igshid',
  'yclid',
]);

/** Whether a raw `name=value` query piece is a tracking parameter (utm_* or one of TRACKING_PARAMS). */
function isTracking(piece: string): boolean {
  const name = (piece.split('=', 1)[0] ?? '').toLowerCase();
  return name.startsWith('utm_') || TRACKING_PARAMS.has(name);
}

/**
 * An http(s) URL without tracking parameters and #fragment, other parameters kept as
 * written and in order (the page may need them); null when not a usable web address.
 * Unlike private.url_key it keeps www., the scheme and trailing slashes: the result must
 * still open the page.
 */
export function normaliseUrl(raw: string | null | undefined, base?: string): string | null {
  const resolved = resolveWebUrl(raw, base ?? raw ?? '');
  if (!resolved) return null;
  const url = new URL(resolved);
  url.hash = '';
  // Pieces are compared as written, not decoded, exactly as the SQL does.
  const kept = url.search
    .slice(1)
    .split('&')
    .filter((piece) => piece !== '' && !isTracking(piece));
  url.search = kept.length ? `?${kept.join('&')}` : '';
  return url.href.length <= MAX_URL_LENGTH ? url.href : null;
}

/** The same key as private.url_key: what the database compares to find duplicates. */
export function urlKey(raw: string): string {
  const parts = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(\?[^#]*)?/.exec(raw.trim());
  if (!parts) return raw.trim().toLowerCase();
  let scheme = (parts[1] ?? '').toLowerCase();
  let host = (parts[2] ?? '').toLowerCase().replace(/^.*@/, '');
  let port = /:([0-9]*)$/.exec(host)?.[1] ?? null;
  if (port !== null) {
    host = host.slice(0, host.length - port.length - 1);
    if (port === '' || (scheme === 'http' && port === '80') || (scheme === 'https' && port === '443')) port = null;
  }
  host = host.replace(/\.$/, '').replace(/^www\./, '');
  if (scheme === 'http') scheme = 'https';
  const path = (parts[3] ?? '').replace(/\/+$/, '');
  const params = (parts[4] ?? '')
    .slice(1)
    .split('&')
    .filter((piece) => piece !== '' && !isTracking(piece))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `${scheme}://${host}${port !== null ? `:${port}` : ''}${path}${params.length ? `?${params.join('&')}` : ''}`;
}

const HOME_PAGE = /^https?:\/\/[^/?#]+\/?([?#].*)?$/i;

/** Whether `url` is a site's home page (no path), as private.preferred_url decides it. */
export function isHomePage(url: string): boolean {
  return HOME_PAGE.test(url);
}

/**
 * Whether `canonical` may stand for the page at `pageUrl`: many sites point every page's
 * canonical link at their home page, which would merge all their articles into one item.
 * Mirrors private.preferred_url.
 */
export function usableCanonical(canonical: string, pageUrl: string): boolean {
  return !(isHomePage(canonical) && !isHomePage(pageUrl));
}

/**
 * The publisher's URL of a page read through Google's AMP cache or viewer
 * (https://www-example-com.cdn.ampproject.org/c/s/www.example.com/a, https://www.google.com/amp/s/www.example.com/a),
 * else null.
 */
export function ampCacheOrigin(pageUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(pageUrl);
  } catch {
    return null;
  }
  const host = url.hostname.toLowerCase();
  let rest: string | null = null;
  if (host.endsWith('.cdn.ampproject.org')) rest = /^\/[a-z]+\/(.*)$/i.exec(url.pathname)?.[1] ?? null;
  else if (/^(www\.)?google\.[a-z.]+$/.test(host) && url.pathname.startsWith('/amp/')) rest = url.pathname.slice('/amp/'.length);
  if (!rest) return null;
  // "s/" marks an https origin; without it the publisher's page is plain http.
  const publisher = rest.startsWith('s/') ? `https://${rest.slice(2)}` : `http://${rest}`;
  return normaliseUrl(publisher + url.search);
}

/** A host without a leading www. and trailing dot, lower-case. */
function bareHost(url: string): string | null {
  try {
    return new URL(url).hostname
      .toLowerCase()
      .replace(/\.$/, '')
      .replace(/^www\./, '');
  } catch {
    return null;
  }
}

/**
 * Whether two addresses are on the same site: the same host (www. aside), or one host a
 * subdomain of the other (amp.example.com and example.com, m.example.com and
 * www.example.com). Sibling subdomains (alice.github.io, bob.github.io) are not.
 */
export function sameSite(a: string, b: string): boolean {
  const x = bareHost(a);
  const y = bareHost(b);
  if (!x || !y) return false;
  return x === y || x.endsWith(`.${y}`) || y.endsWith(`.${x}`);
}

/**
 * Whether a page may name `canonical` as its canonical address. A page may speak only for
 * its own site: otherwise any page could make its clip land on another site's item (its
 * text shown under that site's address, its comments joining that item's). The one
 * exception is an AMP cache (cdn.ampproject.org, Google's AMP viewer), whose pages stand
 * for the publisher's; even there the canonical must be on the publisher's site.
 */
export function trustedCanonical(canonical: string, pageUrl: string): boolean {
  return sameSite(canonical, ampCacheOrigin(pageUrl) ?? pageUrl);
}

/** <link rel~=canonical> (the link an AMP page must carry to its canonical page), then og:url. */
function declaredCanonicals(doc: Document): string[] {
  const found: string[] = [];
  for (const link of Array.from(doc.querySelectorAll('link[rel][href]'))) {
    const rel = (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
    if (rel.includes('canonical')) found.push(link.getAttribute('href') ?? '');
  }
  for (const meta of Array.from(doc.querySelectorAll('meta[content]'))) {
    const keys = `${meta.getAttribute('property') ?? ''} ${meta.getAttribute('name') ?? ''}`.toLowerCase().split(/\s+/);
    if (keys.includes('og:url')) found.push(meta.getAttribute('content') ?? '');
  }
  return found;
}

/** Whether the document is an AMP page (<html amp> or <html ⚡>). */
export function isAmpPage(doc: Document): boolean {
  const html = doc.documentElement;
  return !!html && (html.hasAttribute('amp') || html.hasAttribute('⚡'));
}

/**
 * The regular page behind an AMP page's own address, for AMP pages that forgot their
 * rel=canonical link: /story/amp/, /story/amp, /story.amp.html, ?amp=1, ?outputType=amp.
 */
function ampPathCanonical(pageUrl: string): string | null {
  const url = new URL(pageUrl);
  const path = url.pathname.replace(/\/amp\/?$/i, '/').replace(/\.amp(\.html?)$/i, '$1');
  const query = url.search
    .slice(1)
    .split('&')
    .filter((piece) => !/^(amp(=1|=true)?|outputtype=amp)$/i.test(piece));
  if (path === url.pathname && query.join('&') === url.search.slice(1)) return null;
  url.pathname = path;
  url.search = query.length ? `?${query.join('&')}` : '';
  return normaliseUrl(url.href);
}

/**
 * The page's canonical URL, normalised: its rel=canonical link (on an AMP page, the
 * publisher's regular page), else og:url, else the publisher's URL behind an AMP cache
 * address or an AMP page's own address; resolved against `base` (the document's base
 * URL). Links that are not http(s), that name the site's home page for a page that is
 * not, or that name another site (trustedCanonical: only an AMP cache may), are skipped.
 * Null when the page declares nothing usable.
 */
export function canonicalUrlOf(doc: Document, pageUrl: string, base: string = pageUrl): string | null {
  for (const raw of declaredCanonicals(doc)) {
    const url = normaliseUrl(raw, base);
    if (url && usableCanonical(url, pageUrl) && trustedCanonical(url, pageUrl)) return url;
  }
  const cached = ampCacheOrigin(pageUrl);
  if (cached) return cached;
  return isAmpPage(doc) && normaliseUrl(pageUrl) ? ampPathCanonical(pageUrl) : null;
}
