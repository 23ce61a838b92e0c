/**
 * Whether extracted content reads like prose. App pages, home pages and sign-in forms give
 * Readability lists of short links or labels; even a short article has a real paragraph.
 */
import { squash } from './page-text';

/** A block this long, mostly not links, is a paragraph of prose. */
const MIN_PARAGRAPH_CHARS = 80;
const MAX_LINK_SHARE = 0.5;

/** Characters of text in `root`'s prose paragraphs (p, blockquote, pre, dd). */
export function proseChars(root: Element): number {
  let total = 0;
  for (const block of Array.from(root.querySelectorAll('p, blockquote, pre, dd'))) {
    if (block.querySelector('p, blockquote, pre, dd')) continue; // count the innermost block once
    const text = squash(block.textContent).length;
    if (text < MIN_PARAGRAPH_CHARS) continue;
    const links = Array.from(block.querySelectorAll('a')).reduce((sum, a) => sum + squash(a.textContent).length, 0);
    if (links <= text * MAX_LINK_SHARE) total += text;
  }
  return total;
}

/** Text this long that is mostly not links reads as an article even without long paragraphs. */
const MIN_PLAIN_CHARS = 500;
const MAX_PLAIN_LINK_SHARE = 0.25;

/** Share of `root`'s text that is link text. */
export function linkShare(root: Element): number {
  const text = squash(root.textContent).length;
  if (!text) return 0;
  return Array.from(root.querySelectorAll('a')).reduce((sum, a) => sum + squash(a.textContent).length, 0) / text;
}

/** The page says it is an article: og:type article, or a schema.org article type in its JSON-LD. */
export function declaresArticle(doc: Document): boolean {
  const og = doc.querySelector('meta[property="og:type" i]')?.getAttribute('content') ?? '';
  if (/\barticle\b/i.test(og)) return true;
  return Array.from(doc.querySelectorAll('script[type="application/ld+json"]')).some((script) =>
    /"@type"\s*:\s*\[?\s*"(?:[\w:/.]*[/:])?(?:News|Blog|Scholarly|Tech|Opinion|Report)?(?:Article|Posting)"/i.test(
      script.textContent ?? '',
    ),
  );
}

/**
 * Whether content Readability found on a page isProbablyReaderable doubts is still an
 * article: enough prose paragraphs, or enough text that is not links, or the page says so.
 * App pages, home pages and sign-in forms have none of these.
 */
export function doubtfulPageIsArticle(root: Element, doc: Document, textLength: number, minChars: number, minProse: number): boolean {
  if (textLength >= minChars || proseChars(root) >= minProse) return true;
  if (textLength >= MIN_PLAIN_CHARS && linkShare(root) < MAX_PLAIN_LINK_SHARE) return true;
  return declaresArticle(doc);
}
