/**
 * The capture-side sanitiser, run in the page by the clipper: the article is rebuilt into a
 * fresh tree holding only allowlisted elements (utils/shared/sanitize-rules.ts) and their allowed
 * attributes, URLs made absolute and kept only when http(s) (or mailto: for links). Nothing
 * is copied from the page but element names from the list, attribute values and text, so no
 * handler, style, namespace or customised built-in (`is`) survives. Small (the clipper is
 * injected on every click) and without string re-parsing; what is stored is still sanitised
 * again with DOMPurify before it is shown (sanitizeForDisplay), since a clip can be written
 * by hand through the RPC. Also the size cap that keeps a clip under the database's limit.
 */
import { attributeAllowed, DROP, KEEP, resolveWebUrl, URL_ATTRS } from '@/utils/shared/sanitize-rules';

const HTML_NS = 'http://www.w3.org/1999/xhtml';
const DROPPED = new Set(DROP);
const KEPT = new Set(KEEP);

/** The allowed attributes of `from` set on `to` (a `tag`), URLs resolved against `base`. */
function copyAttributes(from: Element, to: Element, tag: string, base: string): void {
  for (const attr of Array.from(from.attributes)) {
    const name = attr.name.toLowerCase();
    if (!attributeAllowed(tag, name)) continue;
    if (!URL_ATTRS.has(name)) to.setAttribute(name, attr.value);
    else {
      const url = resolveWebUrl(attr.value, base, tag === 'a');
      if (url) to.setAttribute(name, url);
    }
  }
}

/**
 * Replaces the children of `root` (the container, itself not serialised) with their
 * allowlisted copy: dropped elements go with their content, other unknown ones are
 * unwrapped (their text kept), comments go, and an image with no safe src goes. Iterative,
 * so a hostile nesting depth cannot overflow the stack.
 */
export function sanitizeContent(root: Element, base: string): void {
  const doc = root.ownerDocument;
  const fresh = doc.createDocumentFragment();
  const stack: [Node, Node][] = [];
  const pushChildren = (from: Node, into: Node): void => {
    for (let child = from.lastChild; child; child = child.previousSibling) stack.push([child, into]);
  };
  pushChildren(root, fresh);
  while (stack.length) {
    const [node, into] = stack.pop()!;
    if (node.nodeType === TEXT_NODE) {
      into.appendChild(doc.createTextNode(node.nodeValue ?? ''));
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE) continue; // comments, CDATA, processing instructions
    const el = node as Element;
    const tag = el.localName.toLowerCase();
    if ((el.namespaceURI && el.namespaceURI !== HTML_NS) || DROPPED.has(tag)) continue;
    if (!KEPT.has(tag)) {
      pushChildren(el, into);
      continue;
    }
    const copy = doc.createElement(tag);
    copyAttributes(el, copy, tag, base);
    if (tag === 'img' && !copy.hasAttribute('src')) continue;
    into.appendChild(copy);
    pushChildren(el, copy);
  }
  while (root.firstChild) root.removeChild(root.firstChild);
  root.appendChild(fresh);
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
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\u00a0/g, '&nbsp;');
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
  const html = root.innerHTML;
  // UTF-8 takes at most 3 bytes per UTF-16 unit: most clips fit without the count (a slow loop in a freshly injected script).
  if (html.length * 3 <= maxBytes || utf8Length(html) <= maxBytes) return false;
  keepWithin(root, maxBytes);
  return true;
}
