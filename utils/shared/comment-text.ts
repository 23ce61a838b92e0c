/**
 * A comment is plain text. The page shows its web addresses as links and *words* between
 * single or double asterisks as emphasis, by splitting the text into pieces that become DOM
 * nodes (never HTML parsed from what a member wrote).
 */
export type CommentPiece =
  { kind: 'text'; text: string } | { kind: 'em' | 'strong'; text: string } | { kind: 'link'; text: string; href: string };

// http(s) only: a javascript: or data: address stays text.
const LINK = /\bhttps?:\/\/[^\s<>"'`]+/gi;
// Punctuation that ends a sentence, not the address.
const TRAILING = '.,;:!?)]}\'"';
const EMPHASIS = /\*\*(?=\S)([^*]*?\S)\*\*|\*(?=[^\s*])([^*]*?[^\s*])\*/g;

export function commentPieces(body: string): CommentPiece[] {
  const pieces: CommentPiece[] = [];
  let at = 0;
  for (const match of body.matchAll(LINK)) {
    const start = match.index ?? 0;
    const href = trimAddress(match[0]);
    pieces.push(...emphasis(body.slice(at, start)));
    pieces.push({ kind: 'link', text: href, href });
    at = start + href.length;
  }
  pieces.push(...emphasis(body.slice(at)));
  return pieces;
}

/** Drops sentence punctuation after an address, but keeps a ")" that closes a "(" in it (wiki links). */
function trimAddress(address: string): string {
  let href = address;
  const count = (c: string) => href.split(c).length - 1;
  while (href && TRAILING.includes(href.at(-1)!) && (href.at(-1) !== ')' || count(')') > count('('))) href = href.slice(0, -1);
  return href;
}

function emphasis(text: string): CommentPiece[] {
  const pieces: CommentPiece[] = [];
  let at = 0;
  for (const match of text.matchAll(EMPHASIS)) {
    const start = match.index ?? 0;
    if (start > at) pieces.push({ kind: 'text', text: text.slice(at, start) });
    pieces.push(match[1] !== undefined ? { kind: 'strong', text: match[1] } : { kind: 'em', text: match[2] ?? '' });
    at = start + match[0].length;
  }
  if (at < text.length) pieces.push({ kind: 'text', text: text.slice(at) });
  return pieces;
}
