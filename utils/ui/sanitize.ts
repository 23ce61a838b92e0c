/**
 * The display-side sanitiser for article HTML: DOMPurify with the same allowlist as the
 * clipper's rebuild (utils/shared/sanitize-rules.ts); on top of it every URL is made absolute and
 * kept only when http(s) (or mailto: for links), attributes are allowed per element, and an
 * image with nothing safe to show goes. Images stay remote links (never inlined), so a clip
 * never carries data: payloads. The clipper does not load this (DOMPurify is 12 KB gzipped):
 * it rebuilds the article with utils/clipper/sanitize-clip.ts, and every stored clip passes here
 * before it is shown.
 *
 * DOMPurify needs a real DOM: the page's window in the clipper and the side panel. In Node
 * it runs on jsdom; linkedom lacks document.implementation and NodeFilter, and happy-dom
 * reads every tag name as '' through DOMPurify's prototype getters. Rather than let
 * DOMPurify silently return its input, a window is checked once before it is trusted.
 */
import createDOMPurify, { type Config, type DOMPurify, type WindowLike } from 'dompurify';
import { attributeAllowed, DROP, GLOBAL_ATTRS, KEEP, resolveWebUrl, TAG_ATTRS, URL_ATTRS } from '@/utils/shared/sanitize-rules';

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
    win !== undefined ? purifierOn(win) : (purifierOn(doc?.defaultView) ?? purifierOn((globalThis as { window?: unknown }).window));
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
    if (!attributeAllowed(tag, name)) {
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
 * Stored article HTML sanitised again just before the side panel shows it: a clip comes
 * from another member's browser, so it is never trusted as stored. Relative URLs resolve
 * against `doc`'s base (the extension page), which keeps none of them.
 */
export function sanitizeForDisplay(html: string, doc: Document): string {
  return purifyWith(purifierFor(doc), html, doc.baseURI);
}

const ELEMENT_NODE = 1;
