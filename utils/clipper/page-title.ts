/**
 * The article's title as a reader sees it. Share titles (og:title, <title>, JSON-LD) often
 * carry the site's name ("… | The Daily", "The Daily: …"), a section or blog name, or SEO
 * words around the headline ("…: news, photos, video"). Two general rules, no list of sites:
 * a first or last part that repeats the site's name is dropped; and when the page's visible
 * headline (an <h1>, or the element marked itemprop=headline) is the title with words added
 * around it, the headline is the title.
 */
import { hostLabel } from '@/utils/shared/site-name';
import { readableText } from './page-text';

/** Between a title and the names around it: " | ", " - ", " – ", " — ", " · ", " • ", " :: ", " » ", " / ", "_" (Chinese sites), "|". */
const SEPARATOR = /\s+(?:[|\-–—·•»«/\\~]|--|::)\s+|\s*[|｜]\s*|(?<=\S)_(?=\S)|\s+::|::\s+/gu;
/** "Site name: title": a colon ends a leading part only. */
const LEADING_COLON = /^([^:]{1,60}?)\s*[:：]\s+/u;
/** Shortest name compared by prefix ("Factorio" ~ "Factorio.com"); shorter ones must be equal. */
const MIN_PREFIX = 4;
/** A domain's ending on a name written as a domain ("Factorio.com", "Le Monde.fr"). */
const DOMAIN_ENDING = /\.[a-z]{2,6}$/i;
/** A headline shorter than this share of the title, or than MIN_HEADLINE characters, is not taken for it. */
const MIN_HEADLINE_SHARE = 1 / 3;
/** The share a headline needs when words come before it in the title. */
const MIN_LATER_HEADLINE_SHARE = 1 / 2;
const MIN_HEADLINE = 8;
const MAX_HEADLINES = 10;

/** Letters and digits only, lower-case: "The Guardian" ~ "theguardian.com" ~ "the-guardian". */
const squash = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * The site's own name as a host spells it: "ehow" for www.ehow.com, "bbc" for bbc.co.uk,
 * "wikipedia" for en.wikipedia.org (the label before the public suffix, roughly).
 */
export function hostName(url: string): string | null {
  const host = hostLabel(url);
  if (!host || /^[\d.]+$/.test(host) || !host.includes('.')) return null;
  const labels = host.split('.');
  labels.pop();
  const last = host.split('.').pop() ?? '';
  if (last.length === 2 && labels.length > 1 && /^(?:co|com|org|net|ac|gov|edu|ne|or|go|gv|nic)$/.test(labels[labels.length - 1]!))
    labels.pop();
  return labels.pop() ?? null;
}

/**
 * Whether `part` of a title repeats one of the site's `names`: equal once squashed, or the name
 * with more after it ("Wikipedia, the free encyclopedia"), or a name written as a domain
 * without its ending ("Factorio" for "Factorio.com").
 */
export function repeatsSiteName(part: string, names: string[]): boolean {
  const a = squash(part);
  if (!a) return false;
  return names.some((name) => {
    const b = squash(name);
    if (!b) return false;
    if (a === b) return true;
    if (Math.min(a.length, b.length) < MIN_PREFIX) return false;
    return a.startsWith(b) || a === squash(name.replace(DOMAIN_ENDING, ''));
  });
}

/** `title` without a first or last part (between separators) that repeats a site name; the rest is never dropped. */
export function withoutSiteName(title: string, names: string[]): string {
  let text = title.trim();
  if (names.length === 0) return text;
  for (;;) {
    const cuts = Array.from(text.matchAll(SEPARATOR));
    const first = cuts[0];
    const last = cuts[cuts.length - 1];
    if (last && last.index !== undefined && repeatsSiteName(text.slice(last.index + last[0].length), names)) {
      text = text.slice(0, last.index).trim();
      continue;
    }
    if (first && first.index !== undefined && repeatsSiteName(text.slice(0, first.index), names)) {
      text = text.slice(first.index + first[0].length).trim();
      continue;
    }
    const colon = LEADING_COLON.exec(text);
    if (colon && repeatsSiteName(colon[1]!, names) && text.length > colon[0].length) {
      text = text.slice(colon[0].length).trim();
      continue;
    }
    return text;
  }
}

/** For comparing a headline with a title: one kind of quote and dash, whitespace collapsed, lower-case. */
const comparable = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’‚‛′`´]/g, "'")
    .replace(/[“”„‟″«»]/g, '"')
    .replace(/[‐‑‒–—―]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();

const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * Where `title` is `headline` with words added before or after it (not inside a word): 'start'
 * when the headline opens the title, 'later' when words come before it, null when it is not in it.
 */
function headlineIn(title: string, headline: string): 'start' | 'later' | null {
  const t = comparable(title);
  const h = comparable(headline).replace(/[\s.:;,!]+$/u, '');
  if (!h || t === h || t.length <= h.length) return null;
  for (let at = t.indexOf(h); at !== -1; at = t.indexOf(h, at + 1)) {
    const before = t[at - 1];
    const after = t[at + h.length];
    if ((before === undefined || !WORD_CHAR.test(before)) && (after === undefined || !WORD_CHAR.test(after)))
      return at === 0 ? 'start' : 'later';
  }
  return null;
}

/**
 * Whether `href` (against `base`) leads to the front page of the site or of a part of it above
 * the page at `base`: "/", "index.html", "../": the path of a directory above the page's own.
 */
function isHomeLink(href: string | null, base: string): boolean {
  if (href === null) return false;
  try {
    const page = new URL(base);
    const link = new URL(href, page);
    const dir = link.pathname.replace(/\/index\.\w+$/i, '/');
    return link.host === page.host && dir.endsWith('/') && page.pathname.startsWith(dir) && page.pathname !== dir;
  } catch {
    return false;
  }
}

/**
 * The page's heading texts (<h1> elements and the element marked itemprop=headline), in page
 * order, sorted in two: `headlines`, what an article's headline may be; and `siteNames`, the
 * <h1> that is only a link to the front page, which is the site's name set as a heading
 * (Sphinx, many blogs).
 */
export function headingsOf(doc: Document, base: string): { headlines: string[]; siteNames: string[] } {
  const headlines: string[] = [];
  const siteNames: string[] = [];
  for (const el of Array.from(doc.querySelectorAll('h1, [itemprop~="headline"]')).slice(0, MAX_HEADLINES)) {
    if (el.localName.toLowerCase() === 'meta') continue;
    const text = readableText(el);
    if (!text) continue;
    const links = Array.from(el.querySelectorAll('a[href]'));
    const home = links.length === 1 && readableText(links[0]!) === text && isHomeLink(links[0]!.getAttribute('href'), base);
    (home ? siteNames : headlines).push(text);
  }
  return { headlines, siteNames };
}

/**
 * The title a reader sees for a page whose share title is `title`: without a part repeating
 * one of the site's `names`, and the visible headline from `headlines` instead when the title
 * is that headline with words added. A headline that is itself the site's name, or much shorter
 * than the title, is not taken; one that does not open the title must be at least half of it
 * (a short heading at the end of a title is more often the site's name than the article's).
 * A "site name" that is the page's headline and opens its title names the article (some pages
 * put their title in application-name or og:site_name) and is not used.
 */
export function readerTitle(title: string, names: string[], headlines: string[]): string {
  const opening = squash(title);
  const headline = new Set(headlines.map(squash));
  const siteNames = names.filter((name) => {
    const n = squash(name);
    return !(n && headline.has(n) && opening.startsWith(n));
  });
  // A title that is only the site's name is left as it is: there is no article's title in it to keep.
  if (siteNames.some((name) => squash(name) === opening)) return title;
  const trimmed = withoutSiteName(title, siteNames);
  for (const candidate of headlines) {
    const h = candidate.replace(/\s+/g, ' ').trim();
    if (h.length < MIN_HEADLINE || repeatsSiteName(h, siteNames)) continue;
    const where = headlineIn(trimmed, h);
    if (where && h.length >= trimmed.length * (where === 'start' ? MIN_HEADLINE_SHARE : MIN_LATER_HEADLINE_SHARE)) return h;
  }
  return trimmed;
}
