/**
 * What a page says about itself, for every clip and link card: JSON-LD, Open Graph,
 * Twitter cards, Dublin Core and citation_* tags (journal clubs clip papers), <time>,
 * <html lang dir>. Pure over a Document: runs in the tab and over linkedom in tests.
 * Every value is checked and tidied; garbage (a date of "TBD", a javascript: image) is
 * dropped, never passed on.
 */
import type { ClipPayload } from '@/utils/shared/api-types';
import { canonicalUrlOf, MAX_URL_LENGTH } from '@/utils/shared/canonical-url';
import { REFUSAL_MESSAGES } from '@/utils/shared/clippable';
import { readJsonLd, namesOf, notFree, textOf, typesOf, urlsOf, isVideoNode, type JsonLd } from './json-ld';
import { MAX_TITLE, tidy } from '@/utils/shared/link-clip';
import { resolveWebUrl } from '@/utils/shared/sanitize-rules';
import { isoDate, langDir, langTag } from './page-text';
import { headingsOf, hostName, readerTitle } from './page-title';
import { bylineLines, undatedByline } from './byline';

export const MAX_SHORT_FIELD = 200;
export const MAX_EXCERPT = 500;
export const MAX_LANG = 35;
/** Most authors kept, as items.authors allows (a physics paper can list hundreds). */
export const MAX_AUTHORS = 20;
/** Below this many characters of text, a page its JSON-LD calls paywalled is the teaser, not the article. */
export const PAYWALL_STUB_CHARS = 1500;

export { PAYWALLED_MESSAGE, VIDEO_PAGE_MESSAGE } from '@/utils/shared/clippable';

/**
 * What kind of page this is, when it is not simply something to read:
 * video: the page is a video (og:type video.*, JSON-LD VideoObject as its subject);
 * paywalled: JSON-LD says the article is not free to read (isAccessibleForFree: false).
 */
export type PageHint = 'video' | 'paywalled' | null;

export type PageMetadata = Pick<
  ClipPayload,
  | 'canonical_url'
  | 'authors'
  | 'byline'
  | 'site_name'
  | 'excerpt'
  | 'lang'
  | 'dir'
  | 'lead_image_url'
  | 'favicon_url'
  | 'published_at'
  | 'modified_at'
> & {
  /**
   * The page's own title from its metadata, else <title>, else its first heading, without a
   * part repeating the site's name, or the visible headline it adds words to (see readerTitle);
   * null when it has none.
   */
  title: string | null;
  hint: PageHint;
  /** Every name the page gives its site (publisher, og:site_name, application-name…) and its host's name: what titles repeat. */
  siteNames: string[];
  /** The page's visible headlines (<h1>, itemprop=headline), in page order. */
  headlines: string[];
};

type Meta = Map<string, string[]>;

/** One spelling per Dublin Core key: DC.title, dc:title → dc.title; dcterms:title, DCTERM.title → dcterms.title. */
function metaKey(raw: string): string {
  return raw.replace(/^dc:/, 'dc.').replace(/^dcterms?[:.]/, 'dcterms.');
}

/**
 * Every <meta> value by lower-cased key (property, name, http-equiv, itemprop as
 * "itemprop:x"). Values from `property` come first: RDFa's attribute is the deliberate one
 * when a page writes both (as Readability also prefers).
 */
function metaValues(doc: Document): Meta {
  const found: Meta = new Map();
  const metas = Array.from(doc.querySelectorAll('meta[content]'));
  const passes: Array<[string, string]> = [
    ['property', ''],
    ['name', ''],
    ['http-equiv', ''],
    ['itemprop', 'itemprop:'],
  ];
  for (const [attr, prefix] of passes) {
    for (const meta of metas) {
      const content = (meta.getAttribute('content') ?? '').trim();
      if (!content) continue;
      for (const key of (meta.getAttribute(attr) ?? '').toLowerCase().split(/\s+/)) {
        if (!key) continue;
        const list = found.get(prefix + metaKey(key));
        if (list) list.push(content);
        else found.set(prefix + metaKey(key), [content]);
      }
    }
  }
  return found;
}

/** Dublin Core keys of one term, as metaKey spells them. */
const dc = (term: string) => [`dc.${term}`, `dcterms.${term}`];

function firstOf(meta: Meta, keys: string[]): string | null {
  for (const key of keys) {
    for (const value of meta.get(key) ?? []) if (value.trim()) return value;
  }
  return null;
}

function allOf(meta: Meta, keys: string[]): string[] {
  return keys.flatMap((key) => meta.get(key) ?? []);
}

const looksLikeUrl = (text: string) => /^(https?:)?\/\/|^www\./i.test(text.trim());

/**
 * One author line split into people: "A. Writer and B. Writer", "A. Writer, B. Writer".
 * Kept whole unless every piece looks like a full name, so "Smith, Jane" and "Mac & i" stay one.
 */
export function splitAuthors(line: string): string[] {
  const clean = line
    .replace(/\s+/g, ' ')
    .replace(/^by\s+/i, '')
    .trim();
  if (!clean) return [];
  const pieces = clean.split(/\s*(?:,|;|\band\b)\s*/i).filter(Boolean);
  return pieces.length > 1 && pieces.every((p) => p.split(' ').length >= 2) ? pieces : [clean];
}

/** Author names marked up in the page itself (rel=author links, itemprop=author), for pages with no author metadata. */
function authorsInPage(doc: Document): string[] {
  const names: string[] = [];
  for (const el of Array.from(doc.querySelectorAll('[rel~="author"], [itemprop~="author"]')).slice(0, 10)) {
    const named = el.querySelector('[itemprop~="name"]') ?? el;
    if ((named.textContent ?? '').trim().length > 100) continue;
    // Line by line without dates: "Jo March<br>5 May 2024" is one name, not "Jo March5 May 2024".
    for (const line of bylineLines(named)) names.push(...splitAuthors(line));
  }
  return names;
}

function authorsOf(doc: Document, ld: JsonLd, meta: Meta): string[] {
  const main = ld.main;
  const fromLd = main ? namesOf(main.author ?? main.creator, ld.byId) : [];
  const lists = [
    fromLd,
    allOf(meta, ['citation_author']),
    allOf(meta, dc('creator')),
    allOf(meta, ['author', 'parsely-author', 'sailthru.author', 'article:author', 'byl']).flatMap((line) =>
      splitAuthors(undatedByline(line) ?? ''),
    ),
    authorsInPage(doc),
  ];
  const list = lists.find((l) => l.some((name) => name.trim() && !looksLikeUrl(name))) ?? [];
  const seen = new Set<string>();
  const authors: string[] = [];
  for (const raw of list) {
    const name = tidy(raw.replace(/^by\s+/i, ''), MAX_SHORT_FIELD);
    if (!name || looksLikeUrl(name) || seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    authors.push(name);
  }
  return authors.slice(0, MAX_AUTHORS);
}

/** Authors as one line; semicolons when a name has a comma in it ("Curie, Marie; Curie, Pierre"). */
export function bylineOf(authors: string[]): string | null {
  return tidy(authors.join(authors.some((a) => a.includes(',')) ? '; ' : ', '), MAX_SHORT_FIELD);
}

function titleOf(doc: Document, ld: JsonLd, meta: Meta, siteNames: string[], headlines: string[]): string | null {
  const main = ld.main;
  const articleLike = main && !typesOf(main).some((t) => t.endsWith('page'));
  const fromLd = main ? (articleLike ? (textOf(main.headline) ?? textOf(main.name)) : null) : null;
  const candidates = [
    fromLd,
    firstOf(meta, [...dc('title'), 'og:title', 'title', 'twitter:title', 'parsely-title', 'citation_title']),
    doc.title,
    doc.querySelector('h1')?.textContent,
    doc.querySelector('h2')?.textContent,
  ];
  for (const candidate of candidates) {
    const title = tidy(candidate, MAX_TITLE);
    if (title) return tidy(readerTitle(title, siteNames, headlines), MAX_TITLE) ?? title;
  }
  return null;
}

function webUrl(raw: string | null | undefined, base: string): string | null {
  const url = resolveWebUrl(raw, base);
  return url && url.length <= MAX_URL_LENGTH ? url : null;
}

function leadImageOf(ld: JsonLd, meta: Meta, doc: Document, base: string): string | null {
  const main = ld.main;
  const candidates = [
    ...allOf(meta, ['og:image:secure_url', 'og:image', 'og:image:url', 'twitter:image', 'twitter:image:src']),
    ...(main ? urlsOf(main.image ?? main.thumbnailUrl, ld.byId) : []),
    doc.querySelector('link[rel~="image_src"][href]')?.getAttribute('href'),
  ];
  for (const candidate of candidates) {
    const url = webUrl(candidate, base);
    if (url) return url;
  }
  return null;
}

/** Largest side of a `sizes` attribute ("32x32 16x16"); "any" (an SVG) counts as large. */
function iconSize(sizes: string | null): number | null {
  if (!sizes) return null;
  if (/\bany\b/i.test(sizes)) return 256;
  const sides = Array.from(sizes.matchAll(/(\d+)x(\d+)/gi), (m) => Math.max(Number(m[1]), Number(m[2])));
  return sides.length ? Math.max(...sides) : null;
}

/**
 * The site's icon for a link card: a rel=icon (the smallest at least 32px, else the
 * largest, else the first), else an apple-touch-icon, else /favicon.ico on the page's origin.
 */
function faviconOf(doc: Document, base: string, url: string): string | null {
  let best: { url: string; rank: number } | null = null;
  for (const link of Array.from(doc.querySelectorAll('link[rel][href]'))) {
    const rel = (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
    const touch = rel.some((r) => r.startsWith('apple-touch-icon'));
    if (!rel.includes('icon') && !touch) continue;
    const href = webUrl(link.getAttribute('href'), base);
    if (!href) continue;
    const size = iconSize(link.getAttribute('sizes'));
    const fit = size === null ? 500 : size >= 32 ? size : 1000 - size;
    const rank = (touch ? 10_000 : 0) + fit;
    if (!best || rank < best.rank) best = { url: href, rank };
  }
  if (best) return best.url;
  return webUrl('/favicon.ico', url);
}

function langOf(doc: Document, ld: JsonLd, meta: Meta): string | null {
  const inLanguage = ld.main?.inLanguage;
  const candidates = [
    doc.documentElement?.getAttribute('lang'),
    doc.documentElement?.getAttribute('xml:lang'),
    doc.body?.getAttribute('lang'),
    firstOf(meta, ['content-language', 'language', ...dc('language'), 'citation_language', 'og:locale']),
    textOf(inLanguage) ??
      (inLanguage && typeof inLanguage === 'object' ? textOf((inLanguage as Record<string, unknown>).alternateName) : null),
  ];
  for (const candidate of candidates) {
    const tag = langTag(candidate);
    if (tag && tag.length <= MAX_LANG) return tag;
  }
  return null;
}

function dirOf(doc: Document, lang: string | null): 'ltr' | 'rtl' | null {
  for (const el of [doc.documentElement, doc.body]) {
    const dir = (el?.getAttribute('dir') ?? '').trim().toLowerCase();
    if (dir === 'ltr' || dir === 'rtl') return dir;
  }
  return langDir(lang);
}

function dateOf(candidates: Array<string | null | undefined>): string | null {
  for (const candidate of candidates) {
    const iso = isoDate(candidate);
    if (iso) return iso;
  }
  return null;
}

const timeAttr = (doc: Document, selector: string) => doc.querySelector(selector)?.getAttribute('datetime');

function publishedOf(doc: Document, ld: JsonLd, meta: Meta): string | null {
  const main = ld.main;
  return dateOf([
    textOf(main?.datePublished),
    textOf(main?.uploadDate),
    textOf(main?.dateCreated),
    ...allOf(meta, [
      'article:published_time',
      'og:published_time',
      'parsely-pub-date',
      'citation_publication_date',
      'citation_date',
      'citation_online_date',
      ...dc('date'),
      ...dc('issued'),
      ...dc('created'),
      'dc.date.issued',
      'itemprop:datepublished',
      'pubdate',
      'publish-date',
      'publish_date',
      'date',
      'sailthru.date',
    ]),
    timeAttr(doc, 'time[itemprop~="datePublished"][datetime]'),
    timeAttr(doc, 'time[pubdate][datetime]'),
    timeAttr(doc, 'article time[datetime]'),
  ]);
}

function modifiedOf(doc: Document, ld: JsonLd, meta: Meta): string | null {
  return dateOf([
    textOf(ld.main?.dateModified),
    ...allOf(meta, ['article:modified_time', 'og:updated_time', ...dc('modified'), 'itemprop:datemodified', 'last-modified']),
    timeAttr(doc, 'time[itemprop~="dateModified"][datetime]'),
  ]);
}

function siteNameOf(ld: JsonLd, meta: Meta): string | null {
  const publisher = ld.main ? namesOf(ld.main.publisher, ld.byId)[0] : undefined;
  const website = ld.nodes.find((n) => typesOf(n).includes('website'));
  return tidy(
    publisher ??
      firstOf(meta, ['og:site_name']) ??
      textOf(website?.name) ??
      firstOf(meta, ['application-name', 'citation_journal_title', 'citation_conference_title', ...dc('publisher'), 'citation_publisher']),
    MAX_SHORT_FIELD,
  );
}

/**
 * Every name the page gives its site, for spotting it in titles: JSON-LD publisher,
 * og:site_name, application-name, apple-mobile-web-app-title, Dublin Core publisher, JSON-LD
 * WebSite and Organization names, an <h1> that only links to the front page, and the host's
 * own name ("ehow" for www.ehow.com).
 */
function siteNamesOf(ld: JsonLd, meta: Meta, url: string, headingNames: string[]): string[] {
  const main = ld.main;
  const sites = ld.nodes.filter((n) => typesOf(n).some((t) => t === 'website' || t === 'organization' || t === 'newsmediaorganization'));
  const names = [
    ...(main ? namesOf(main.publisher, ld.byId) : []),
    ...allOf(meta, ['og:site_name', 'application-name', 'apple-mobile-web-app-title', ...dc('publisher')]),
    ...sites.flatMap((n) => [textOf(n.name), textOf(n.alternateName)]),
    ...headingNames,
    hostName(url),
  ];
  const seen = new Set<string>();
  return names.flatMap((name) => {
    const clean = tidy(name, MAX_SHORT_FIELD);
    if (!clean || seen.has(clean.toLowerCase())) return [];
    seen.add(clean.toLowerCase());
    return [clean];
  });
}

function excerptOf(ld: JsonLd, meta: Meta): string | null {
  return tidy(
    textOf(ld.main?.description) ??
      firstOf(meta, [...dc('description'), 'og:description', 'description', 'twitter:description', 'citation_abstract']),
    MAX_EXCERPT,
  );
}

function hintOf(ld: JsonLd, meta: Meta): PageHint {
  if (/^video(\.|$)/i.test(firstOf(meta, ['og:type']) ?? '') || (ld.main && isVideoNode(ld.main))) return 'video';
  const pages = ld.nodes.filter((n) => typesOf(n).some((t) => t.endsWith('page')));
  return notFree(ld.main) || pages.some(notFree) ? 'paywalled' : null;
}

/** The page's base URL: its <base href> resolved against the page URL, else the page URL. */
export function baseUrlOf(doc: Document, url: string): string {
  const href = doc.querySelector('base[href]')?.getAttribute('href');
  if (href) {
    try {
      return new URL(href, url).href;
    } catch {
      // an unusable <base> is ignored, as browsers do
    }
  }
  return url;
}

/** Everything the page at `url` says about itself. Never changes `doc`. */
export function readPageMetadata(doc: Document, url: string): PageMetadata {
  const base = baseUrlOf(doc, url);
  const ld = readJsonLd(doc);
  const meta = metaValues(doc);
  const authors = authorsOf(doc, ld, meta);
  const lang = langOf(doc, ld, meta);
  const headings = headingsOf(doc, base);
  const siteNames = siteNamesOf(ld, meta, url, headings.siteNames);
  const headlines = headings.headlines;
  return {
    canonical_url: canonicalUrlOf(doc, url, base),
    title: titleOf(doc, ld, meta, siteNames, headlines),
    authors,
    byline: bylineOf(authors),
    site_name: siteNameOf(ld, meta),
    excerpt: excerptOf(ld, meta),
    lang,
    dir: dirOf(doc, lang),
    lead_image_url: leadImageOf(ld, meta, doc, base),
    favicon_url: faviconOf(doc, base, url),
    published_at: publishedOf(doc, ld, meta),
    modified_at: modifiedOf(doc, ld, meta),
    hint: hintOf(ld, meta),
    siteNames,
    headlines,
  };
}

/**
 * Why the page should be saved as a link card instead of its text, or null: a video page, or
 * a paywalled article of which only a teaser of `textLength` characters is on the page
 * (subscribers who see it all get the article).
 */
export function linkCardHint(meta: Pick<PageMetadata, 'hint'>, textLength: number): 'video' | 'paywalled' | null {
  if (meta.hint === 'video') return 'video';
  if (meta.hint === 'paywalled' && textLength < PAYWALL_STUB_CHARS) return 'paywalled';
  return null;
}

/** linkCardHint in words for the member. */
export function linkCardReason(meta: Pick<PageMetadata, 'hint'>, textLength: number): string | null {
  const hint = linkCardHint(meta, textLength);
  return hint && REFUSAL_MESSAGES[hint];
}

/** The link-card fields of a page's metadata, to spread into linkClip. */
export function linkCard(meta: PageMetadata): Partial<ClipPayload> {
  const { hint: _hint, title: _title, siteNames: _names, headlines: _headlines, ...card } = meta;
  return card;
}
