/**
 * Lazy-loaded images, made real before Readability reads the page: sites ship a
 * placeholder in src (or none) and the picture in data-src, data-srcset, a <picture>'s
 * <source>, or a <noscript> copy that only renders without scripts. Readability and the
 * sanitiser keep only src, so the picture is moved there. Edits the copy it is given.
 */

/** Attributes lazy-loading libraries keep the real address in, most specific first. */
const LAZY_SRC = ['data-src', 'data-lazy-src', 'data-original', 'data-lazy', 'data-url', 'data-hi-res-src', 'data-full-src'];
const LAZY_SRCSET = ['data-srcset', 'data-lazy-srcset'];

/** A src that is only a stand-in: empty, inline data, or a named placeholder/spacer. */
function isPlaceholder(src: string | null): boolean {
  if (!src || !src.trim()) return true;
  return /^data:|\b(blank|spacer|placeholder|transparent|pixel|lazy|loading|grey|gray)\b[^/]*\.(gif|png|svg)/i.test(src.trim());
}

/** The first address in a srcset ("a.jpg 1x, b.jpg 2x" → the largest candidate). */
export function bestFromSrcset(srcset: string | null): string | null {
  if (!srcset) return null;
  let best: { url: string; size: number } | null = null;
  for (const part of srcset.split(/,\s+/)) {
    const [url, descriptor] = part.trim().split(/\s+/);
    if (!url || url.startsWith('data:')) continue;
    const size = descriptor ? parseFloat(descriptor) || 0 : 0;
    if (!best || size > best.size) best = { url, size };
  }
  return best?.url ?? null;
}

function realSource(img: Element): string | null {
  for (const name of LAZY_SRC) {
    const value = img.getAttribute(name);
    if (value && !isPlaceholder(value)) return value.trim();
  }
  for (const name of [...LAZY_SRCSET, 'srcset']) {
    const url = bestFromSrcset(img.getAttribute(name));
    if (url) return url;
  }
  const picture = img.parentElement?.localName === 'picture' ? img.parentElement : null;
  for (const source of picture ? Array.from(picture.querySelectorAll('source')) : []) {
    const url = bestFromSrcset(source.getAttribute('srcset') ?? source.getAttribute('data-srcset'));
    if (url) return url;
  }
  return null;
}

/** The <img> a <noscript> holds: parsed as elements in a DOM without scripts, as text in a browser. */
function noscriptImage(noscript: Element): Element | null {
  const direct = noscript.querySelector('img');
  if (direct) return direct;
  const markup = noscript.textContent ?? '';
  if (!/<img\b/i.test(markup)) return null;
  const holder = noscript.ownerDocument.createElement('template');
  holder.innerHTML = markup;
  const content = (holder as HTMLTemplateElement).content ?? holder;
  return content.querySelector('img');
}

/**
 * Replaces a placeholder <img> right before a <noscript> with the image inside it, or puts
 * the noscript image in the noscript's place when there is no placeholder.
 */
function promoteNoscript(noscript: Element): void {
  const img = noscriptImage(noscript);
  const parent = noscript.parentNode;
  if (!img || !parent) return;
  const src = img.getAttribute('src') ?? realSource(img);
  if (!src || isPlaceholder(src)) return;
  const doc = noscript.ownerDocument;
  const real = doc.createElement('img');
  real.setAttribute('src', src);
  const alt = img.getAttribute('alt');
  if (alt) real.setAttribute('alt', alt);
  let before = noscript.previousElementSibling;
  if (before?.localName === 'picture') before = before.querySelector('img');
  if (before?.localName === 'img' && (isPlaceholder(before.getAttribute('src')) || realSource(before))) {
    before.parentNode?.removeChild(before);
  }
  parent.replaceChild(real, noscript);
}

/** Moves every lazy image's real address into src, in `doc` or under an element of a copy (it is edited). */
export function promoteLazyImages(doc: Document | Element): void {
  const body = 'body' in doc ? (doc.body ?? doc.documentElement) : doc;
  if (!body) return;
  for (const noscript of Array.from(body.querySelectorAll('noscript'))) promoteNoscript(noscript);
  for (const img of Array.from(body.querySelectorAll('img'))) {
    const src = img.getAttribute('src');
    if (!isPlaceholder(src) && !img.hasAttribute('data-src')) continue;
    const real = realSource(img);
    if (real) img.setAttribute('src', real);
  }
}
