/**
 * Turns a page into a clip: Mozilla Readability on a copy of the document (it mutates
 * what it reads), the page's own metadata for canonical URL and lead image, then the
 * allowlist sanitiser and the size cap. Pure: the same code runs in a tab (the clipper)
 * and over linkedom in tests.
 */
import { Readability, isProbablyReaderable } from '@mozilla/readability';
import type { ClipPayload, HighlightTarget } from '@/utils/shared/api-types';
import type { ClipperResult, TabClip } from '@/utils/shared/protocol';
import { pageVerdict, wordedClip, type ClipRefusal } from '@/utils/shared/clippable';
import { resolveWebUrl } from '@/utils/shared/sanitize-rules';
import { sanitizeContent, truncateContent } from './sanitize-clip';
import { MAX_STORED_CONTENT_BYTES } from '@/utils/shared/api-types';
import { promoteLazyImages } from './lazy-images';
import { removeBoilerplate, removeTeaserLines } from './article-cleanup';
import { jsonLdArticleBody, paragraphsFrom } from './json-ld-body';
import { doubtfulPageIsArticle, linkShare, proseChars } from './article-shape';
import { counterpart, coverage, isolate, markedArticleBody, soleArticle } from './article-container';
import { headlineBox } from './article-headline';
import { ALL_RULES, fired, on, type Rules } from './rules';
import { standfirst } from './article-lede';
import { trimEdges } from './article-edges';
import { linkClip, MAX_TITLE, tidy } from '@/utils/shared/link-clip';
import {
  baseUrlOf,
  linkCard,
  linkCardHint,
  readPageMetadata,
  splitAuthors,
  MAX_AUTHORS,
  MAX_EXCERPT,
  MAX_LANG,
  MAX_SHORT_FIELD,
  type PageMetadata,
} from './page-metadata';
import { selectionClip } from './selection-clip';
import { readerTitle } from './page-title';
import { cleanByline } from './byline';
import { countWords, isoDate, readableText } from './page-text';
import { hasNoText, readableTextBound } from './extract-bound';

/** Most content_html may take, in UTF-8 bytes: what the database stores (the note included). */
export const MAX_CONTENT_BYTES = MAX_STORED_CONTENT_BYTES;
/** Fewer characters of text than this is not an article. */
export const MIN_ARTICLE_CHARS = 200;
/**
 * A page `isProbablyReaderable` doubts (app pages, home pages, forms) counts as an article
 * with at least this much text, or MIN_DOUBTFUL_PROSE_CHARS of it in real paragraphs, or
 * 500 characters that are mostly not links, or when it says it is one (og:type, JSON-LD):
 * short blog posts are doubted too; link lists and forms have none of these.
 */
export const MIN_DOUBTFUL_ARTICLE_CHARS = 1000;
export const MIN_DOUBTFUL_PROSE_CHARS = 150;
/** Content shorter than this is read again with relaxed Readability thresholds, and the longer kept. */
const RETRY_CHARS = 500;
/**
 * When Readability's result holds less than MIN_COVERAGE of the paragraphs of the page's
 * marked article body (itemprop=articleBody, .entry-content…) or sole <article>, that is read alone,
 * and used if it gives at least MIN_FOCUSED_SHARE as much text.
 */
const MIN_COVERAGE = 0.5;
const MIN_FOCUSED_SHARE = 0.5;
/**
 * A reading holding under WHOLE of the stated article's paragraphs, with INSIDE of its own in it,
 * is a part of it; the whole replaces it when under MAX_WHOLE_LINK_SHARE links (prose, not teasers).
 */
const WHOLE = 0.8;
const INSIDE = 0.9;
const MAX_WHOLE_LINK_SHARE = 0.1;
const MAX_STATED_LINK_SHARE = 0.25;
/**
 * A reading holding under AWAY of its paragraphs in the box around the page's title heading is
 * elsewhere (a footer, a shipping note, a sidebar, another article of a list): the box read alone
 * replaces it when it gives MIN_FOCUSED_SHARE of the reading's prose, so a header box holding a
 * long standfirst never replaces the article's body below it.
 */
const AWAY = 0.1;
/** JSON-LD's articleBody replaces Readability's text when Readability has less than this share of it. */
const JSON_LD_SHARE = 0.5;

export { NO_ARTICLE_MESSAGE } from '@/utils/shared/clippable';

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
      /** For logs and tests (the error, or the text's length in characters); users see NO_ARTICLE_MESSAGE. */
      detail: string;
    };

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
  em.appendChild(doc.createTextNode('Readclub shortened this clip to fit its size limit. The full article is on '));
  const link = doc.createElement('a');
  link.textContent = 'the original page';
  const href = resolveWebUrl(url, url);
  if (href) link.setAttribute('href', href);
  em.appendChild(link);
  em.appendChild(doc.createTextNode('.'));
  note.appendChild(em);
  root.appendChild(note);
}

type Parsed = NonNullable<ReturnType<Readability<Element>['parse']>>;

const textLength = (el: Element | null | undefined): number => (el?.textContent ?? '').replace(/\s+/g, ' ').trim().length;
const textOf = (parsed: Parsed | null): number => textLength(parsed?.content);

function readability(copy: Document, relaxed = false): Parsed | null {
  const options = relaxed ? { charThreshold: 100, nbTopCandidates: 10 } : {};
  // Classes stay until the sanitiser so the boilerplate pass can read them.
  return new Readability<Element>(copy, { ...options, keepClasses: true, serializer: (node) => node as Element }).parse();
}

/**
 * The article body. Readability reads a copy of the page with lazy images made real and
 * boilerplate removed. Little text: read again with relaxed thresholds. The page's stated
 * article when Readability misses most of it; JSON-LD's articleBody when Readability gets much less than the page
 * states. "Read also" lines and furniture at the edges dropped last. `doc` is only read:
 * each pass gets its own copy (Readability edits what it reads).
 */
function readBody(doc: Document, base: string, rules: Rules): Parsed | null {
  const copy = (): Document => {
    const fresh = doc.cloneNode(true) as Document;
    pinBaseUrl(fresh, base);
    promoteLazyImages(fresh);
    return fresh;
  };
  const cleaned = copy();
  if (cleaned.body) removeBoilerplate(cleaned.body, rules);
  // A body without text: every reading is null (Readability returns null when all attempts are empty).
  const empty = hasNoText(doc);
  let parsed = empty ? null : readability(cleaned);
  let length = textOf(parsed);
  // No later pass can read more text than the page holds (see readableTextBound): skip those that cannot win.
  let bound: number | undefined;
  const mayBeLonger = (than: number): boolean => !empty && (bound ??= readableTextBound(doc)) > than;
  if (on(rules, 'relaxed-retry') && length < RETRY_CHARS && mayBeLonger(length)) {
    const again = readability(copy(), true);
    if (textOf(again) > length && fired(rules, 'relaxed-retry')) parsed = again;
    length = textOf(parsed);
  }
  const marked = markedArticleBody(doc, rules);
  const sole = soleArticle(doc, rules);
  for (const stated of [marked, sole !== marked ? sole : null]) {
    if (!stated) continue;
    const reading = parsed?.content?.textContent ?? '';
    const covered = coverage(stated, reading);
    // Readability's reading is a part of the stated article (a row of a page builder's): the whole, when it is prose.
    const part =
      covered < WHOLE && on(rules, 'stated-whole') && !!parsed?.content && coverage(parsed.content, stated.textContent ?? '') >= INSIDE;
    if (covered >= MIN_COVERAGE && !part) continue;
    const content = isolate(doc, stated);
    // A list of teasers (a quarter of its text links) is no better than what Readability found.
    if (
      textLength(content) < length * MIN_FOCUSED_SHARE ||
      linkShare(content) >= (covered >= MIN_COVERAGE ? MAX_WHOLE_LINK_SHARE : MAX_STATED_LINK_SHARE)
    )
      continue;
    promoteLazyImages(content);
    parsed = { ...(parsed ?? NOTHING_PARSED), content };
    if (covered >= MIN_COVERAGE) fired(rules, 'stated-whole');
    else
      fired(
        rules,
        stated !== marked
          ? 'sole-article'
          : /\barticleBody\b/.test(stated.getAttribute('itemprop') ?? '')
            ? 'itemprop-body'
            : 'marked-body',
      );
    break;
  }
  // Readability's reading is away from the page's headline (a footer, a shipping note): the headline's box read alone.
  const box = on(rules, 'headline-box') && parsed?.content ? headlineBox(doc) : null;
  if (box && coverage(parsed!.content!, box.textContent ?? '') < AWAY) {
    const alone = copy();
    const target = counterpart(alone, box);
    if (alone.body && target) {
      alone.body.replaceChildren(target);
      removeBoilerplate(alone.body, rules);
      const near = readability(alone);
      if (
        near?.content &&
        linkShare(near.content) < MAX_STATED_LINK_SHARE &&
        textOf(near) >= proseChars(parsed!.content!) * MIN_FOCUSED_SHARE &&
        fired(rules, 'headline-box')
      )
        parsed = { ...parsed!, content: near.content };
    }
  }
  if (parsed?.content) removeBoilerplate(parsed.content, rules);
  const stated = on(rules, 'json-ld-body') ? jsonLdArticleBody(doc) : null;
  if (
    stated &&
    textOf(parsed) < stated.length * JSON_LD_SHARE &&
    (textOf(parsed) < MIN_ARTICLE_CHARS || onPage(stated, doc)) &&
    fired(rules, 'json-ld-body')
  ) {
    // Built in the cleaned copy, never in the page itself.
    const content = paragraphsFrom(stated, cleaned);
    parsed = parsed ? { ...parsed, content } : { ...NOTHING_PARSED, content };
  }
  if (parsed?.content) {
    removeTeaserLines(parsed.content, rules);
    trimEdges(parsed.content, rules);
    const lede = standfirst(doc, parsed.content.textContent ?? '', rules, parsed.excerpt, parsed.title);
    if (lede) {
      const p = parsed.content.ownerDocument.createElement('p');
      p.textContent = lede;
      parsed.content.insertBefore(p, parsed.content.firstChild);
    }
  }
  return parsed;
}

/** Whether the page shows `text` (its opening words): a JSON-LD body of another article does not count. */
function onPage(text: string, doc: Document): boolean {
  const opening = text.replace(/\s+/g, ' ').trim().slice(0, 60);
  return (doc.body?.textContent ?? '').replace(/\s+/g, ' ').includes(opening);
}

const NOTHING_PARSED: Omit<Parsed, 'content'> = {
  title: null,
  textContent: null,
  length: null,
  excerpt: null,
  byline: null,
  dir: null,
  siteName: null,
  lang: null,
  publishedTime: null,
};

/**
 * Reads the article in `doc`, the page at `url`. Never changes `doc`. `page` is the
 * page's metadata when the caller has read it already. `rules` switches rules of the passes
 * off, for the evaluation only (rules.ts); the clipper runs them all.
 */
export function extractArticle(doc: Document, url: string, page?: PageMetadata, rules: Rules = ALL_RULES): ExtractResult {
  const base = baseUrlOf(doc, url);
  let parsed: Parsed | null;
  let readerable: boolean;
  try {
    readerable = isProbablyReaderable(doc);
    parsed = readBody(doc, base, rules);
  } catch (error) {
    return { ok: false, reason: 'failed', detail: `Readability failed: ${String(error)}` };
  }
  const root = parsed?.content;
  if (!parsed || !root) return { ok: false, reason: 'no-content', detail: 'Readability found no article content.' };

  // Sanitising a huge page is slow: cut it to a generous size first (the sanitiser only
  // removes), then to the real cap once sanitised.
  const cut = truncateContent(root, MAX_CONTENT_BYTES * 4);
  sanitizeContent(root, base);
  const truncated = truncateContent(root, MAX_CONTENT_BYTES - NOTE_RESERVE) || cut;
  if (truncated) appendShortenedNote(root, url);

  const textLength = (root.textContent ?? '').replace(/\s+/g, ' ').trim().length;
  if (textLength < MIN_ARTICLE_CHARS) {
    return {
      ok: false,
      reason: 'too-short',
      detail: `${textLength} characters`,
    };
  }
  if (!readerable && !doubtfulPageIsArticle(root, doc, textLength, MIN_DOUBTFUL_ARTICLE_CHARS, MIN_DOUBTFUL_PROSE_CHARS)) {
    return {
      ok: false,
      reason: 'not-readerable',
      detail: `${textLength} characters`,
    };
  }

  // Readability's title, byline, excerpt, site and language first (its golden tests pin
  // them); the page's metadata fills what it lacks and everything it does not read.
  const meta = page ?? readPageMetadata(doc, url);
  // Readability's byline is an element's textContent, which runs a date set apart by <br> into the name.
  const byline = tidy(cleanByline(parsed.byline, doc), MAX_SHORT_FIELD);
  const title = tidy(parsed.title, MAX_TITLE);
  const dir = parsed.dir?.toLowerCase();
  const clip: ClipPayload = {
    kind: 'article',
    url,
    canonical_url: meta.canonical_url,
    title: (title && tidy(readerTitle(title, meta.siteNames, meta.headlines), MAX_TITLE)) ?? meta.title ?? url,
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
 * What the clipper returns from a tab: the article, or why not (the reason; the background
 * words it) plus the page as a link card (any http(s) page: video pages, PDFs, paywalled
 * teasers, pages with no article); and in both cases the member's selection (`selected`, see
 * selectionFragment) as its own clip, with `quote` (selectionQuote) to highlight it where the
 * page is saved already. A plain object, so it survives executeScript's structured clone.
 */
export function clipPage(
  doc: Document,
  url: string,
  selected: DocumentFragment | null = null,
  quote: HighlightTarget | null = null,
): ClipperResult {
  let where = pageVerdict(url);
  if (where.clippable && doc.contentType === 'application/pdf') where = { clippable: false, reason: 'pdf', saveAsLink: true };
  // saveAsLink holds exactly for http(s) pages: only those have an address the group can open.
  const meta = where.clippable || where.saveAsLink ? readPageMetadata(doc, url) : null;
  const link = meta && linkClip(url, meta.title ?? doc.title, linkCard(meta));
  const selection = meta && selectionClip(doc, url, selected, meta);
  const quoted = quote ? { quote } : {};
  const refuse = (reason: ClipRefusal): ClipperResult => ({
    ok: false,
    error: { kind: 'unclippable', reason },
    link,
    selection,
    ...quoted,
  });
  if (!where.clippable) return refuse(where.reason);
  if (meta?.hint === 'video') return refuse('video');
  const result = extractArticle(doc, url, meta ?? undefined);
  // A paywall teaser is often too short for an article: say it is a paywall, not "no article".
  const stub = meta && linkCardHint(meta, result.ok ? result.clip.text_length : 0);
  if (stub) return refuse(stub);
  return result.ok ? { ok: true, clip: result.clip, selection, ...quoted } : refuse('no-article');
}

/** clipPage with its refusal in words: the TabClip the background makes of it. */
export function clipDocument(
  doc: Document,
  url: string,
  selected: DocumentFragment | null = null,
  quote: HighlightTarget | null = null,
): TabClip {
  return wordedClip(clipPage(doc, url, selected, quote));
}
