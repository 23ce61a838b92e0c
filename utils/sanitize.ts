/**
 * A small allowlist sanitiser for the article HTML Readability hands back, and the size
 * cap that keeps a clip under the database's limit. It edits a DOM subtree in place with
 * plain DOM calls, so it runs the same in a page (the clipper) and over linkedom (tests).
 *
 * Unknown elements are unwrapped (their text stays); active or embedded content is
 * dropped with everything inside; every attribute not listed is removed; URLs are made
 * absolute and kept only when http(s) (or mailto: for links).
 */

/** Dropped together with their contents. */
const DROP = new Set([
  'script', 'noscript', 'style', 'template', 'link', 'meta', 'base', 'title', 'head',
  'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'param', 'portal', 'fencedframe',
  'canvas', 'svg', 'math', 'video', 'audio', 'source', 'track', 'area',
  'input', 'button', 'select', 'option', 'optgroup', 'textarea', 'datalist', 'output',
  'progress', 'meter', 'dialog', 'slot',
]);

/** Kept (with only the allowed attributes); anything else not in DROP is unwrapped. */
const KEEP = new Set([
  'a', 'abbr', 'address', 'article', 'aside', 'b', 'bdi', 'bdo', 'blockquote', 'br', 'caption',
  'cite', 'code', 'col', 'colgroup', 'data', 'dd', 'del', 'details', 'dfn', 'div', 'dl', 'dt',
  'em', 'figcaption', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup',
  'hr', 'i', 'img', 'ins', 'kbd', 'li', 'main', 'mark', 'ol', 'p', 'pre', 'q', 'rp', 'rt', 'ruby',
  's', 'samp', 'section', 'small', 'span', 'strong', 'sub', 'summary', 'sup', 'table', 'tbody',
  'td', 'tfoot', 'th', 'thead', 'time', 'tr', 'u', 'ul', 'var', 'wbr',
]);

const GLOBAL_ATTRS = ['title', 'lang', 'dir'];
const TAG_ATTRS: Record<string, string[]> = {
  a: ['href'],
  img: ['src', 'alt', 'width', 'height'],
  td: ['colspan', 'rowspan', 'headers'],
  th: ['colspan', 'rowspan', 'headers', 'scope', 'abbr'],
  col: ['span'],
  colgroup: ['span'],
  ol: ['start', 'reversed', 'type'],
  li: ['value'],
  time: ['datetime'],
  data: ['value'],
  blockquote: ['cite'],
  q: ['cite'],
  del: ['cite', 'datetime'],
  ins: ['cite', 'datetime'],
  details: ['open'],
};
const URL_ATTRS = new Set(['href', 'src', 'cite']);

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** `raw` resolved against `base`, or null unless the result is http(s) (or mailto: when allowed). */
export function resolveWebUrl(raw: string | null | undefined, base: string, allowMailto = false): string | null {
  if (!raw || !raw.trim()) return null;
  try {
    const url = new URL(raw.trim(), base);
    if (url.protocol === 'http:' || url.protocol === 'https:' || (allowMailto && url.protocol === 'mailto:')) {
      return url.href;
    }
  } catch {
    // not a URL at all
  }
  return null;
}

function unwrap(el: Element): void {
  const parent = el.parentNode;
  if (!parent) return;
  while (el.firstChild) parent.insertBefore(el.firstChild, el);
  parent.removeChild(el);
}

function cleanAttributes(el: Element, tag: string, base: string): boolean {
  const allowed = TAG_ATTRS[tag] ?? [];
  for (const name of Array.from(el.attributes, (attr) => attr.name)) {
    const lower = name.toLowerCase();
    if (!GLOBAL_ATTRS.includes(lower) && !allowed.includes(lower)) {
      el.removeAttribute(name);
      continue;
    }
    if (URL_ATTRS.has(lower)) {
      const url = resolveWebUrl(el.getAttribute(name), base, tag === 'a');
      if (url) el.setAttribute(name, url);
      else el.removeAttribute(name);
    }
  }
  // An image with nothing safe to show is dropped rather than left as a broken box.
  return !(tag === 'img' && !el.hasAttribute('src'));
}

function cleanChildren(parent: Node, base: string): void {
  for (const node of Array.from(parent.childNodes)) {
    if (node.nodeType === TEXT_NODE) continue;
    if (node.nodeType !== ELEMENT_NODE) {
      parent.removeChild(node); // comments, processing instructions, CDATA
      continue;
    }
    const el = node as Element;
    const tag = el.localName.toLowerCase();
    if (DROP.has(tag)) {
      parent.removeChild(el);
      continue;
    }
    cleanChildren(el, base);
    if (!KEEP.has(tag)) unwrap(el);
    else if (!cleanAttributes(el, tag, base)) parent.removeChild(el);
  }
}

/**
 * Sanitises the children of `root` in place (root itself is the container and is not
 * serialised): see the file comment for the rules. `base` resolves relative URLs.
 */
export function sanitizeContent(root: Element, base: string): void {
  cleanChildren(root, base);
}

/** UTF-8 size of a string, without allocating an encoded copy. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4; // a surrogate pair: one 4-byte character
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function serializedLength(node: Node): number {
  if (node.nodeType === ELEMENT_NODE) return utf8Length((node as Element).outerHTML);
  if (node.nodeType === TEXT_NODE) return utf8Length(escapeText(node.textContent ?? ''));
  return 0;
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\u00a0/g, '&nbsp;');
}

/**
 * Keeps the children of `el` in document order while their serialised size fits
 * `budget` bytes, descending into the first one that does not fit, and removes the rest.
 * Cuts fall between elements or inside text, so the HTML stays well formed.
 */
function keepWithin(el: Element, budget: number): void {
  let used = 0;
  const children = Array.from(el.childNodes);
  let cut = children.length;
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    const size = serializedLength(child);
    if (used + size <= budget) {
      used += size;
      continue;
    }
    const room = budget - used;
    if (child.nodeType === ELEMENT_NODE) {
      const inner = child as Element;
      const overhead = size - utf8Length(inner.innerHTML);
      if (room > overhead) {
        keepWithin(inner, room - overhead);
        cut = i + 1;
      } else cut = i;
    } else if (child.nodeType === TEXT_NODE) {
      const text = child.textContent ?? '';
      let n = Math.floor((text.length * room) / size);
      while (n > 0 && utf8Length(escapeText(text.slice(0, n))) > room) n = Math.floor(n * 0.9);
      if (n > 0 && /[\ud800-\udbff]/.test(text.charAt(n - 1))) n--; // never split a surrogate pair
      child.textContent = text.slice(0, n);
      cut = i + 1;
    } else cut = i;
    break;
  }
  for (const child of children.slice(cut)) el.removeChild(child);
}

/**
 * Shortens the content of `root` so its innerHTML is at most `maxBytes` of UTF-8, and
 * says whether it had to. The caller adds a note that the clip was shortened.
 */
export function truncateContent(root: Element, maxBytes: number): boolean {
  if (utf8Length(root.innerHTML) <= maxBytes) return false;
  keepWithin(root, maxBytes);
  return true;
}
