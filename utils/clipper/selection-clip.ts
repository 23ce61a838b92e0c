/**
 * The member's selected text as its own clip: a quote, a chapter of a long page, the one
 * post in a thread. Same sanitiser and size cap as whole articles; the page's metadata
 * (title, authors, canonical URL…) says where it came from.
 */
import {
  HIGHLIGHT_CONTEXT_CHARS,
  MAX_HIGHLIGHT_CHARS,
  MAX_STORED_CONTENT_BYTES,
  type ClipPayload,
  type HighlightTarget,
} from '@/utils/shared/api-types';
import { EMPTY_CLIP, tidy } from '@/utils/shared/link-clip';
import { baseUrlOf, readPageMetadata, linkCard, MAX_EXCERPT, type PageMetadata } from './page-metadata';
import { countWords, readableText } from './page-text';
import { sanitizeContent, truncateContent } from './sanitize-clip';

/** Room kept under the size cap for the note that says a selection was shortened. */
const NOTE_RESERVE = 1024;

/**
 * What the member has selected in `doc`, every range copied into one fragment (a
 * browser can hold several, e.g. table cells in Firefox; each goes in its own <div> so
 * their words do not run together); null when nothing is selected. Never changes the page.
 */
export function selectionFragment(doc: Document): DocumentFragment | null {
  const selection = doc.getSelection?.() ?? doc.defaultView?.getSelection() ?? null;
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const ranges = Array.from({ length: selection.rangeCount }, (_, i) => selection.getRangeAt(i)).filter((r) => !r.collapsed);
  if (ranges.length === 0) return null;
  const fragment = doc.createDocumentFragment();
  for (const range of ranges) {
    if (ranges.length === 1) {
      fragment.appendChild(range.cloneContents());
      continue;
    }
    const block = doc.createElement('div');
    block.appendChild(range.cloneContents());
    fragment.appendChild(block);
  }
  return fragment;
}

function appendShortenedNote(root: Element): void {
  const note = root.ownerDocument.createElement('p');
  const em = root.ownerDocument.createElement('em');
  em.textContent = 'Readclub shortened this selection to fit its size limit.';
  note.appendChild(em);
  root.appendChild(note);
}

/**
 * The selection `fragment` from the page at `url` as an article clip with
 * `selection: true`, or null when it holds no text. `meta` is the page's metadata when
 * the caller has read it already. Never changes `fragment`.
 */
export function selectionClip(
  doc: Document,
  url: string,
  fragment: DocumentFragment | null,
  meta: PageMetadata = readPageMetadata(doc, url),
): ClipPayload | null {
  if (!fragment) return null;
  const root = doc.createElement('div');
  root.appendChild(fragment.cloneNode(true));
  sanitizeContent(root, baseUrlOf(doc, url));
  const truncated = truncateContent(root, MAX_STORED_CONTENT_BYTES - NOTE_RESERVE);
  if (truncated) appendShortenedNote(root);
  const text = readableText(root);
  if (!text) return null;
  return {
    ...EMPTY_CLIP,
    ...linkCard(meta),
    kind: 'article',
    url,
    title: meta.title ?? url,
    excerpt: meta.excerpt ?? tidy(text, MAX_EXCERPT),
    content_html: root.innerHTML,
    text_length: text.length,
    word_count: countWords(text),
    selection: true,
    truncated,
  };
}

/**
 * The selected passage as a highlight's quote: its text and up to 32 characters of the
 * page's text either side (no position: the reader finds it by its words in the stored
 * copy). Null when nothing is selected, or more than a highlight may hold.
 */
export function selectionQuote(doc: Document): HighlightTarget | null {
  const selection = doc.getSelection?.() ?? null;
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed || !doc.body) return null;
  const range = selection.getRangeAt(0);
  const exact = range.toString();
  if (!exact.trim() || exact.length > MAX_HIGHLIGHT_CHARS) return null;
  const around = doc.createRange();
  around.selectNodeContents(doc.body);
  around.setEnd(range.startContainer, range.startOffset);
  const prefix = around.toString().slice(-HIGHLIGHT_CONTEXT_CHARS);
  around.selectNodeContents(doc.body);
  around.setStart(range.endContainer, range.endOffset);
  return { exact, prefix, suffix: around.toString().slice(0, HIGHLIGHT_CONTEXT_CHARS), start: null, end: null };
}
