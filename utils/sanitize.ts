/**
 * The sanitiser for article HTML, and the size cap that keeps a clip under the database's
 * limit. DOMPurify does the sanitising, with an explicit allowlist (below); on top of it
 * every URL is made absolute against the page and kept only when http(s) (or mailto: for
 * links), attributes are allowed per element, and an image with nothing safe to show goes.
 * Images stay remote links (never inlined), so a clip never carries data: payloads.
 *
 * DOMPurify needs a real DOM: the page's window in the clipper and the side panel. In Node
 * it runs on jsdom; linkedom lacks document.implementation and NodeFilter, and happy-dom
 * reads every tag name as '' through DOMPurify's prototype getters. Rather than let
 * DOMPurify silently return its input, a window is checked once before it is trusted.
 */
import createDOMPurify, { type Config, type DOMPurify, type WindowLike } from 'dompurify';

/** Dropped together with their contents (anything else not allowed is unwrapped, its text kept). */
const DROP = [
  'script', 'noscript', 'style', 'template', 'link', 'meta', 'base', 'title', 'head',
  'iframe', 'frame', 'frameset', 'noframes', 'object', 'embed', 'applet', 'param', 'portal', 'fencedframe',
  'canvas', 'svg', 'math', 'video', 'audio', 'source', 'track', 'area', 'map',
  'input', 'button', 'select', 'option', 'optgroup', 'textarea', 'datalist', 'output',
  'progress', 'meter', 'dialog', 'slot', 'xmp', 'plaintext', 'noembed',
];

/** Kept, with only the attributes allowed for them. */
const KEEP = [
  'a', 'abbr', 'address', 'article', 'aside', 'b', 'bdi', 'bdo', 'blockquote', 'br', 'caption',
  'cite', 'code', 'col', 'colgroup', 'data', 'dd', 'del', 'details', 'dfn', 'div', 'dl', 'dt',
  'em', 'figcaption', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup',
  'hr', 'i', 'img', 'ins', 'kbd', 'li', 'main', 'mark', 'ol', 'p', 'pre', 'q', 'rp', 'rt', 'ruby',
  's', 'samp', 'section', 'small', 'span', 'strong', 'sub', 'summary', 'sup', 'table', 'tbody',
  'td', 'tfoot', 'th', 'thead', 'time', 'tr', 'u', 'ul', 'var', 'wbr',
];

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

const ALLOWED_ATTR = [...new Set([...GLOBAL_ATTRS, ...Object.values(TAG_ATTRS).flat()])];
const CONFIG: Config = {
  ALLOWED_TAGS: KEEP,
  ALLOWED_ATTR,
  // Only href, src and cite hold URLs; the rest ("2", "en") must not be read as one.
  ADD_URI_SAFE_ATTR: ALLOWED_ATTR.filter((name) => !URL_ATTRS.has(name)),
  FORBID_CONTENTS: DROP,
  KEEP_CONTENT: true,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
  WHOLE_DOCUMENT: false,
};

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

const PROBE_IN = '<p title="t">a<script>x()</script></p><b onclick="y()">b</b>';
const PROBE_OUT = '<p title="t">a</p><b>b</b>';
/** One checked DOMPurify per window (null: that window cannot run it). */
const purifiers = new WeakMap<object, DOMPurify | null>();

function purifierOn(win: unknown): DOMPurify | null {
  if (!win || typeof win !== 'object') return null;
  if (!purifiers.has(win)) {
    let purify: DOMPurify | null = null;
    try {
      const candidate = createDOMPurify(win as WindowLike);
      if (candidate.isSupported && candidate.sanitize(PROBE_IN, { ALLOWED_TAGS: ['p', 'b'], ALLOWED_ATTR: ['title'] }) === PROBE_OUT) {
        purify = candidate;
      }
    } catch {
      // not a window DOMPurify can use
    }
    purifiers.set(win, purify);
  }
  return purifiers.get(win) ?? null;
}

/** DOMPurify on `win` when one is given, else on `doc`'s window, else on the global one; throws if none works. */
function purifierFor(doc: Document | null | undefined, win?: unknown): DOMPurify {
  const purify =
    win !== undefined
      ? purifierOn(win)
      : (purifierOn(doc?.defaultView) ?? purifierOn((globalThis as { window?: unknown }).window));
  if (!purify) {
    throw new Error('No DOM here can run DOMPurify: pass a browser or jsdom window (linkedom and happy-dom cannot).');
  }
  return purify;
}

function purifyWith(purify: DOMPurify, html: string, base: string): string {
  purify.removeAllHooks();
  // A customised built-in (<section is="x-layout">) would be removed with its whole content
  // when DOMPurify strips `is` while returning a DOM; the element is fine without it, but
  // serialisers write an element's `is` even with the attribute gone, so it is rebuilt after.
  const customised: Element[] = [];
  purify.addHook('uponSanitizeElement', (node) => {
    const el = node as Element;
    if (el.nodeType === ELEMENT_NODE && el.hasAttribute('is')) {
      el.removeAttribute('is');
      customised.push(el);
    }
  });
  purify.addHook('uponSanitizeAttribute', (node, event) => {
    const name = event.attrName.toLowerCase();
    const tag = node.nodeName.toLowerCase();
    if (!GLOBAL_ATTRS.includes(name) && !(TAG_ATTRS[tag] ?? []).includes(name)) {
      event.keepAttr = false;
      return;
    }
    if (URL_ATTRS.has(name)) {
      const url = resolveWebUrl(event.attrValue, base, tag === 'a');
      if (url) event.attrValue = url;
      else event.keepAttr = false;
    }
  });
  try {
    const body = purify.sanitize(html, { ...CONFIG, RETURN_DOM: true });
    // An image with nothing safe to show is dropped rather than left as a broken box.
    for (const img of Array.from(body.querySelectorAll('img:not([src])'))) img.parentNode?.removeChild(img);
    for (const el of customised) if (body.contains(el)) rebuild(el);
    return body.innerHTML;
  } finally {
    purify.removeAllHooks();
  }
}

/** Replaces `el` with a plain element of the same name, attributes and children (no `is`). */
function rebuild(el: Element): void {
  const plain = el.ownerDocument.createElement(el.localName);
  for (const attr of Array.from(el.attributes)) plain.setAttribute(attr.name, attr.value);
  while (el.firstChild) plain.appendChild(el.firstChild);
  el.parentNode?.replaceChild(plain, el);
}

/**
 * `html` made safe to store and show: DOMPurify with the allowlist above, URLs absolute
 * against `base`. DOMPurify runs on `win` (jsdom's in Node), else on the global window.
 * The result is a string, so it can go into any DOM.
 */
export function sanitizeHtml(html: string, base: string, win?: unknown): string {
  return purifyWith(purifierFor(null, win), html, base);
}

/**
 * Sanitises the children of `root` in place (root itself is the container and is not
 * serialised); `base` resolves relative URLs. DOMPurify runs on `win`, else on root's
 * own window, else on the global one.
 */
export function sanitizeContent(root: Element, base: string, win?: unknown): void {
  root.innerHTML = purifyWith(purifierFor(root.ownerDocument, win), root.innerHTML, base);
}

/**
 * Stored article HTML sanitised again just before the side panel shows it: a clip comes
 * from another member's browser, so it is never trusted as stored. Relative URLs resolve
 * against `doc`'s base (the extension page), which keeps none of them.
 */
export function sanitizeForDisplay(html: string, doc: Document): string {
  return purifyWith(purifierFor(doc), html, doc.baseURI);
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

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
