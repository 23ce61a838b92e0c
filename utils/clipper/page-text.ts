/**
 * Small readers for values pages write by hand and often get wrong: dates, language
 * tags and the text direction they imply, and word counts across scripts.
 */

/** Earliest and latest year taken as a real publication date; outside is garbage ("0000-00-00", "9999"). */
const MIN_YEAR = 1000;
const MAX_YEAR = 2200;

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

function checked(date: Date, year: number, month?: number, day?: number): string | null {
  if (Number.isNaN(date.getTime()) || year < MIN_YEAR || year > MAX_YEAR) return null;
  // Date rolls 2024-02-30 over to March; a date that does not exist is garbage.
  if (month !== undefined && day !== undefined && (date.getUTCMonth() + 1 !== month || date.getUTCDate() !== day)) return null;
  return date.toISOString();
}

/**
 * An ISO 8601 timestamp for a date as pages write it: ISO (with or without time or zone;
 * no zone is read as UTC, so the result does not depend on where it runs),
 * citation_date's 2020/05/13, 2020-05, 2020, 20200513, or an English date with a
 * month name ("Tue, 24 Feb 2015 19:56:33 GMT", "February 24, 2015"). Null for anything else.
 */
/** Whitespace runs as one space, ends trimmed: text as a reader sees it, for comparing. */
export const squash = (text: string | null | undefined): string => (text ?? '').replace(/\s+/g, ' ').trim();

export function isoDate(raw: string | null | undefined): string | null {
  const text = (raw ?? '').trim();
  if (!text || text.length > 64) return null;
  const iso = ISO.exec(text);
  if (iso) {
    const [, y = '', mo = '', d = '', h = '00', mi = '00', s = '00', frac = '', zone = 'Z'] = iso;
    const offset = zone.toUpperCase() === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
    const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${frac}${offset}`);
    return offset === 'Z' ? checked(date, +y, +mo, +d) : checked(date, +y);
  }
  const parts = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text) ?? /^(\d{4})(?:-(\d{2}))?$/.exec(text);
  if (parts) {
    const [y = 0, mo = 1, d = 1] = parts.slice(1).map((p) => (p === undefined ? undefined : Number(p)));
    return checked(new Date(Date.UTC(y, mo - 1, d)), y, mo, d);
  }
  // Free text: only with a month name and a four-digit year, which Date.parse reads reliably.
  const month = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b/i.test(text);
  const year = /\b(\d{4})\b/.exec(text);
  if (!month || !year) return null;
  const zoned = /\b(gmt|utc|z)\b|[+-]\d{2}:?\d{2}\s*$/i.test(text);
  return checked(new Date(zoned ? text : `${text} UTC`), Number(year[1]));
}

/** A BCP 47-looking language tag ("en", "pt-BR", og:locale's "en_US" → "en-US"), first of a list; else null. */
export function langTag(raw: string | null | undefined): string | null {
  const tag = ((raw ?? '').split(',')[0] ?? '').trim().replace(/_/g, '-');
  return /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i.test(tag) ? tag : null;
}

const RTL_SCRIPTS = new Set(['arab', 'hebr', 'syrc', 'thaa', 'nkoo', 'adlm', 'rohg', 'mand', 'samr', 'mend']);
const RTL_LANGS = new Set([
  'ar',
  'arc',
  'azb',
  'bal',
  'bqi',
  'ckb',
  'dv',
  'fa',
  'glk',
  'he',
  'iw',
  'ji',
  'khw',
  'ks',
  'lrc',
  'mzn',
  'nqo',
  'pnb',
  'prs',
  'ps',
  'sd',
  'sdh',
  'syr',
  'ug',
  'ur',
  'yi',
]);

/** The direction a language's script is written in: rtl for Arabic, Hebrew, Persian, Urdu…; null without a tag. */
export function langDir(tag: string | null | undefined): 'ltr' | 'rtl' | null {
  const parts = (langTag(tag) ?? '').toLowerCase().split('-');
  if (!parts[0]) return null;
  const script = parts.slice(1).find((p) => p.length === 4 && /^[a-z]+$/.test(p));
  if (script) return RTL_SCRIPTS.has(script) ? 'rtl' : 'ltr';
  return RTL_LANGS.has(parts[0]) ? 'rtl' : 'ltr';
}

/** Scripts written without spaces between words: each character counts as a word. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/gu;
const WORDLIKE = /[\p{L}\p{N}]/u;

/**
 * Words in `text`, for reading time: runs of letters or digits between spaces, plus one
 * per Chinese, Japanese, Thai, Lao, Khmer or Burmese character (those scripts put no
 * spaces between words). Punctuation alone is not a word.
 */
export function countWords(text: string): number {
  let count = 0;
  const spaced = text.replace(UNSPACED, () => {
    count += 1;
    return ' ';
  });
  for (const token of spaced.split(/\s+/)) if (WORDLIKE.test(token)) count += 1;
  return count;
}

/** Elements whose edges separate words even when the HTML has no space there (<p>a</p><p>b</p>). */
const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'caption',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
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
  'hr',
  'li',
  'main',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'td',
  'th',
  'tr',
  'ul',
]);

/** The text of `root` with `edge` at every block edge (and <br>), unless `skip` says to leave an element out. */
function textWithEdges(root: Node, edge: string, skip?: (el: Element) => boolean): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === 3) parts.push(node.textContent ?? '');
    else if (node.nodeType === 1 || node.nodeType === 11) {
      if (node.nodeType === 1 && skip?.(node as Element)) return;
      const block = node.nodeType === 1 && BLOCKS.has((node as Element).localName.toLowerCase());
      if (block) parts.push(edge);
      for (const child of Array.from(node.childNodes)) walk(child);
      if (block) parts.push(edge);
    }
  };
  walk(root);
  return parts.join('');
}

/** The text of `root` with a space at every block edge, whitespace collapsed: what a reader reads. */
export function readableText(root: Node): string {
  return textWithEdges(root, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * The lines of `root`'s text: a <br> or a block edge ends a line, so "Jo March<br>5 May 2024"
 * is two lines where textContent runs them together. Whitespace collapsed, empty lines dropped;
 * elements `skip` accepts are left out.
 */
export function textLines(root: Node, skip?: (el: Element) => boolean): string[] {
  return textWithEdges(root, '\n', skip)
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}
