/**
 * Page bytes to text as a browser decodes them, for the extraction eval and the tests that
 * read non-UTF-8 pages: valid UTF-8 stays UTF-8, else the charset the page declares (even
 * in a late <meta>, which a browser honours by re-decoding), else windows-1252.
 */

/**
 * The charset a page declares in <meta charset> or <meta http-equiv content-type>, if any.
 * The whole page is searched: a browser's parser also honours a late <meta> (it re-decodes).
 */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes).toString('latin1');
  for (const meta of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const m = /\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(meta);
    if (m?.[1]) return m[1].toLowerCase();
  }
  return null;
}

/** What bytes 0x80–0x9F mean in windows-1252 (WHATWG's table; 0x81, 0x8D, 0x8F, 0x90, 0x9D stay as they are). */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * windows-1252 (also what the labels latin1 and iso-8859-1 mean on the web). Node 20's
 * TextDecoder reads 0x80–0x9F as C1 controls there, losing € ’ “ ” — œ, so those are mapped here.
 */
function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder('windows-1252').decode(bytes).replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

/** Decodes as a browser would: UTF-8 if valid, else the declared charset, else windows-1252. */
export function decode(bytes: Uint8Array): { html: string; charset: string } {
  try {
    return { html: new TextDecoder('utf-8', { fatal: true }).decode(bytes), charset: 'utf-8' };
  } catch {
    // not valid UTF-8
  }
  const declared = declaredCharset(bytes);
  if (declared) {
    // A page that declares UTF-8 but is not valid UTF-8 is still read as UTF-8 (with U+FFFD).
    try {
      const decoder = new TextDecoder(declared);
      if (decoder.encoding === 'windows-1252') return { html: decodeWindows1252(bytes), charset: declared };
      return { html: decoder.decode(bytes), charset: decoder.encoding === 'utf-8' ? 'utf-8 (lossy)' : declared };
    } catch {
      // a label this runtime does not know
    }
  }
  return { html: decodeWindows1252(bytes), charset: 'windows-1252' };
}
