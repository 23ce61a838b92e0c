/**
 * The one allowlist for article HTML, shared by the capture-side rebuild in the page
 * (utils/clipper/sanitize-clip.ts) and DOMPurify before display (utils/ui/sanitize.ts), and the rule
 * for URLs: absolute against the page, http(s) only (or mailto: for links).
 */

/** Dropped together with their contents (anything else not allowed is unwrapped, its text kept). */
export const DROP = [
  'script',
  'noscript',
  'style',
  'template',
  'link',
  'meta',
  'base',
  'title',
  'head',
  'iframe',
  'frame',
  'frameset',
  'noframes',
  'object',
  'embed',
  'applet',
  'param',
  'portal',
  'fencedframe',
  'canvas',
  'svg',
  'math',
  'video',
  'audio',
  'source',
  'track',
  'area',
  'map',
  'input',
  'button',
  'select',
  'option',
  'optgroup',
  'textarea',
  'datalist',
  'output',
  'progress',
  'meter',
  'dialog',
  'slot',
  'xmp',
  'plaintext',
  'noembed',
];

/** Kept, with only the attributes allowed for them. */
export const KEEP = [
  'a',
  'abbr',
  'address',
  'article',
  'aside',
  'b',
  'bdi',
  'bdo',
  'blockquote',
  'br',
  'caption',
  'cite',
  'code',
  'col',
  'colgroup',
  'data',
  'dd',
  'del',
  'details',
  'dfn',
  'div',
  'dl',
  'dt',
  'em',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'i',
  'img',
  'ins',
  'kbd',
  'li',
  'main',
  'mark',
  'ol',
  'p',
  'pre',
  'q',
  'rp',
  'rt',
  'ruby',
  's',
  'samp',
  'section',
  'small',
  'span',
  'strong',
  'sub',
  'summary',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'time',
  'tr',
  'u',
  'ul',
  'var',
  'wbr',
];

export const GLOBAL_ATTRS = ['title', 'lang', 'dir'];
export const TAG_ATTRS: Record<string, string[]> = {
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
/** The only attributes that hold URLs; the rest ("2", "en") are never read as one. */
export const URL_ATTRS = new Set(['href', 'src', 'cite']);

/** Whether `name` (lower case) may stay on a `tag` element. */
export const attributeAllowed = (tag: string, name: string): boolean =>
  GLOBAL_ATTRS.includes(name) || (TAG_ATTRS[tag]?.includes(name) ?? false);

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
