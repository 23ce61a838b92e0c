/**
 * Turns a page into a clip: Mozilla Readability on a copy of the document (it mutates
 * what it reads), the page's own metadata for canonical URL and lead image, then the
 * allowlist sanitiser and the size cap. Pure: the same code runs in a tab (the clipper)
 * and over linkedom in tests.
 */
import { Readability, isProbablyReaderable } from '@mozilla/readability';
import type { ClipPayload } from './api-types';
import type { TabClip } from './protocol';
import { clippableUrl, unclippable } from './clippable';
import { resolveWebUrl, sanitizeContent, truncateContent } from './sanitize';
import { linkClip, MAX_TITLE, tidy } from './link-clip';
import {
  countWords, isoDate, linkCard, linkCardReason, readPageMetadata, splitAuthors, VIDEO_PAGE_MESSAGE,
  MAX_AUTHORS, MAX_EXCERPT, MAX_LANG, MAX_SHORT_FIELD, type PageMetadata,
} from './page-metadata';
import { selectionClip } from './selection-clip';
import { readableText } from './page-text';

/**
 * Most content_html may take, in UTF-8 bytes. The database refuses clips of about 2 MB;
 * this leaves room for the other fields and for JSON escaping of the HTML's quotes.
 */
export const MAX_CONTENT_BYTES = 1_500_000;
/** Fewer characters of text than this is not an article. */
export const MIN_ARTICLE_CHARS = 200;
/**
 * A page `isProbablyReaderable` doubts (app pages, home pages, forms) counts as an article
 * only with at least this much text: real articles it doubts usually have more.
 */
export const MIN_DOUBTFUL_ARTICLE_CHARS = 1000;

export const NO_ARTICLE_MESSAGE = 'Readclub could not find an article on this page. You can still save it as a link.';

/** Room kept under MAX_CONTENT_BYTES for the note that says a clip was shortened. */
const NOTE_RESERVE = 2048;

export type NoArticleReason =
  | 'no-content' // Readability found no candidate at all
  | 'too-short' // it found fewer than MIN_ARTICLE_CHARS of text
  | 'not-readerable' // the page does not look like an article and has little text
  | 'failed'; // Readability threw

export type ExtractResult =
  | {
      ok: true;
      clip: ClipPayload;
      /** content_html was cut at MAX_CONTENT_BYTES; it ends with a note saying so. */
      truncated: boolean;
    }
  | {
      ok: false;
      reason: NoArticleReason;
      /** For logs and tests; users see NO_ARTICLE_MESSAGE. */
      detail: string;
    };

/** Collapses whitespace and trims; cuts at `max` characters with an ellipsis; '' → null. */

/** The document's base URL: its <base href> resolved against the page URL, else the page URL. */
function baseUrlOf(doc: Document, url: string): string {
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

/**
 * Readability makes links absolute against `document.baseURI`, which a DOM outside a page
 * may not know (linkedom falls back to the global location), so the copy it reads gets a
 * single <base> holding the page's real, absolute base URL.
 */
function pinBaseUrl(copy: Document, base: string): void {
  for (const old of Array.from(copy.querySelectorAll('base'))) old.parentNode?.removeChild(old);
  const pinned = copy.createElement('base');
  pinned.setAttribute('href', base);
  const parent = copy.head ?? copy.documentElement;
  parent?.insertBefore(pinned, parent.firstChild);
}

function appendShortenedNote(root: Element, url: string): void {
  const doc = root.ownerDocument;
  const note = doc.createElement('p');
  const em = doc.createElement('em');
  em.appendChild(doc.createTextNode("Readclub shortened this clip to fit its size limit. The full article is on "));
  const link = doc.createElement('a');
  link.textContent = 'the original page';
  const href = resolveWebUrl(url, url);
  if (href) link.setAttribute('href', href);
  em.appendChild(link);
  em.appendChild(doc.createTextNode('.'));
  note.appendChild(em);
  root.appendChild(note);
}

/**
 * Reads the article in `doc`, the page at `url`. Never changes `doc`. `page` is the
 * page's metadata when the caller has read it already.
 */
export function extractArticle(doc: Document, url: string, page?: PageMetadata): ExtractResult {
  const base = baseUrlOf(doc, url);
  let parsed: ReturnType<Readability<Element>['parse']>;
  let readerable: boolean;
  try {
    readerable = isProbablyReaderable(doc);
    const copy = doc.cloneNode(true) as Document;
    pinBaseUrl(copy, base);
    parsed = new Readability<Element>(copy, { serializer: (node) => node as Element }).parse();
  } catch (error) {
    return { ok: false, reason: 'failed', detail: `Readability failed: ${String(error)}` };
  }
  const root = parsed?.content;
  if (!parsed || !root) return { ok: false, reason: 'no-content', detail: 'Readability found no article content.' };

  sanitizeContent(root, base);
  const truncated = truncateContent(root, MAX_CONTENT_BYTES - NOTE_RESERVE);
  if (truncated) appendShortenedNote(root, url);

  const textLength = (root.textContent ?? '').replace(/\s+/g, ' ').trim().length;
  if (textLength < MIN_ARTICLE_CHARS) {
    return { ok: false, reason: 'too-short', detail: `Only ${textLength} characters of text; an article has at least ${MIN_ARTICLE_CHARS}.` };
  }
  if (!readerable && textLength < MIN_DOUBTFUL_ARTICLE_CHARS) {
    return {
      ok: false,
      reason: 'not-readerable',
      detail: `The page does not look like an article and has only ${textLength} characters of text (at least ${MIN_DOUBTFUL_ARTICLE_CHARS} needed).`,
    };
  }

  // Readability's title, byline, excerpt, site and language first (its golden tests pin
  // them); the page's metadata fills what it lacks and everything it does not read.
  const meta = page ?? readPageMetadata(doc, url);
  const byline = tidy(parsed.byline, MAX_SHORT_FIELD);
  const dir = parsed.dir?.toLowerCase();
  const clip: ClipPayload = {
    kind: 'article',
    url,
    canonical_url: meta.canonical_url,
    title: tidy(parsed.title, MAX_TITLE) ?? meta.title ?? url,
    byline: byline ?? meta.byline,
    authors: meta.authors.length ? meta.authors : byline ? splitAuthors(byline).slice(0, MAX_AUTHORS) : [],
    site_name: tidy(parsed.siteName, MAX_SHORT_FIELD) ?? meta.site_name,
    excerpt: tidy(parsed.excerpt, MAX_EXCERPT) ?? meta.excerpt,
    content_html: root.innerHTML,
    text_length: textLength,
    word_count: countWords(readableText(root)),
    lang: tidy(parsed.lang, MAX_LANG) ?? meta.lang,
    dir: dir === 'ltr' || dir === 'rtl' ? dir : meta.dir,
    lead_image_url: meta.lead_image_url,
    favicon_url: meta.favicon_url,
    published_at: meta.published_at ?? isoDate(parsed.publishedTime),
    modified_at: meta.modified_at,
    selection: false,
    truncated,
  };
  return { ok: true, clip, truncated };
}

/**
 * What the clipper returns from a tab: the article, or why not plus the page as a link
 * card (any http(s) page: video pages, PDFs, paywalled teasers, pages with no article);
 * and in both cases the member's selection (`selected`, see selectionFragment) as its
 * own clip. A plain object, so it survives executeScript's structured clone.
 */
export function clipDocument(doc: Document, url: string, selected: DocumentFragment | null = null): TabClip {
  let where = clippableUrl(url);
  if (where.clippable && doc.contentType === 'application/pdf') where = unclippable('pdf', true);
  // saveAsLink holds exactly for http(s) pages: only those have an address the group can open.
  const meta = where.clippable || where.saveAsLink ? readPageMetadata(doc, url) : null;
  const link = meta && linkClip(url, meta.title ?? doc.title, linkCard(meta));
  const selection = meta && selectionClip(doc, url, selected, meta);
  const refuse = (message: string): TabClip => ({ ok: false, error: { kind: 'unclippable', message }, link, selection });
  if (!where.clippable) return refuse(where.message);
  if (meta?.hint === 'video') return refuse(VIDEO_PAGE_MESSAGE);
  const result = extractArticle(doc, url, meta ?? undefined);
  // A paywall teaser is often too short for an article: say it is a paywall, not "no article".
  const stub = meta && linkCardReason(meta, result.ok ? result.clip.text_length : 0);
  if (stub) return refuse(stub);
  return result.ok ? { ok: true, clip: result.clip, selection } : refuse(NO_ARTICLE_MESSAGE);
}
