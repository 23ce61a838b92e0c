/**
 * Finding a highlighted passage again in an item's stored copy, as Hypothesis anchors its
 * annotations (its match-quote.ts, with the same library, approx-string-match):
 *
 * 1. the stored position, if the text there is still the quote;
 * 2. else the quote itself, exactly, where it occurs with the most agreeing context (prefix and
 *    suffix) nearest the old position; the search runs on whitespace-collapsed text, so a copy
 *    sanitised or laid out again (other line breaks, indents, markup) still matches exactly;
 * 3. else fuzzily, allowing up to min(256, quote length / 2) edits, scored by how alike the
 *    quote is (weight 50), its prefix (20) and suffix (20), and nearness to the old place (2);
 *    the best is taken only when convincing (see `convincing`);
 * 4. else nowhere: the highlight is an orphan, shown apart and never dropped.
 *
 * Pure functions over a string (the textContent of the reader's article root); the DOM side is
 * utils/ui/highlight-dom.ts.
 */
import search from 'approx-string-match';
import { describeQuote, type QuoteTarget } from './quote-target';

export { describeQuote as describe };

export interface TextSpan {
  start: number;
  end: number;
}

/** Hypothesis's weights (match-quote.ts). */
const WEIGHTS = { quote: 50, prefix: 20, suffix: 20, position: 2 };
const MAX_ERRORS = 256;

/** `text` with each run of whitespace as one space, and for each kept character its offset in `text`. */
function collapse(text: string): { text: string; at: number[] } {
  let out = '';
  const at: number[] = [];
  let space = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      if (space) continue;
      space = true;
      out += ' ';
    } else {
      space = false;
      out += ch;
    }
    at.push(i);
  }
  at.push(text.length);
  return { text: out, at };
}

const squash = (s: string) => s.replace(/\s+/g, ' ');

interface Candidate extends TextSpan {
  errors: number;
}

function exactMatches(text: string, quote: string): Candidate[] {
  const found: Candidate[] = [];
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) {
    found.push({ start: at, end: at + quote.length, errors: 0 });
  }
  return found;
}

/** How alike `expected` is to `actual` (1: the same, 0: nothing alike or either empty). */
function similarity(expected: string, actual: string): number {
  if (expected.length === 0 || actual.length === 0) return 0;
  const best = search(actual, expected, expected.length)[0];
  return best ? Math.max(0, 1 - best.errors / expected.length) : 0;
}

interface Scored {
  match: Candidate;
  /** How alike the quote is (1 - errors / length). */
  quote: number;
  /** How alike the context given is (prefix and suffix; 0 when none was given). */
  context: number;
}

function best(text: string, quote: string, candidates: Candidate[], prefix: string, suffix: string, hint: number | null): Scored | null {
  let top: Scored | null = null;
  let topScore = -Infinity;
  for (const c of candidates) {
    const quoteScore = 1 - c.errors / quote.length;
    const prefixScore = prefix ? similarity(prefix, text.slice(Math.max(0, c.start - prefix.length), c.start)) : 1;
    const suffixScore = suffix ? similarity(suffix, text.slice(c.end, c.end + suffix.length)) : 1;
    const positionScore = hint === null ? 1 : 1 - Math.abs(c.start - hint) / Math.max(1, text.length);
    const score =
      WEIGHTS.quote * quoteScore + WEIGHTS.prefix * prefixScore + WEIGHTS.suffix * suffixScore + WEIGHTS.position * positionScore;
    const given = [prefix && prefixScore, suffix && suffixScore].filter((v): v is number => typeof v === 'number');
    const context = given.length ? given.reduce((a, b) => a + b, 0) / given.length : 0;
    if (score > topScore) [top, topScore] = [{ match: c, quote: quoteScore, context }, score];
  }
  return top;
}

/**
 * A fuzzy match is taken when the quote is mostly there (at least 3/4 alike), or half there
 * in agreeing context (at least 3/4 alike). Hypothesis takes any match within its error
 * budget; here a short quote from elsewhere on the page ("Subscribe") would then land on any
 * word a few edits away, where an orphan is the honest answer.
 */
const convincing = (s: Scored) => s.quote >= 0.75 || s.context >= 0.75;

/** Where `target` is in `text` now, or null (an orphan). */
export function anchor(text: string, target: QuoteTarget): TextSpan | null {
  const { exact, start, end } = target;
  if (exact.trim() === '') return null;
  if (start !== null && end !== null && text.slice(start, end) === exact) return { start, end };

  const flat = collapse(text);
  const quote = squash(exact).trim();
  const prefix = squash(target.prefix + exact.slice(0, exact.length - exact.trimStart().length)).trimStart();
  const suffix = squash(exact.slice(exact.trimEnd().length) + target.suffix).trimEnd();
  // The old position in the collapsed text (binary search over the kept offsets).
  const hint = start === null ? null : flatIndex(flat.at, start);

  let found = best(flat.text, quote, exactMatches(flat.text, quote), prefix, suffix, hint);
  if (!found) {
    const maxErrors = Math.min(MAX_ERRORS, Math.floor(quote.length / 2));
    found = best(flat.text, quote, search(flat.text, quote, maxErrors), prefix, suffix, hint);
    if (found && !convincing(found)) return null;
  }
  if (!found) return null;
  return { start: flat.at[found.match.start]!, end: flat.at[found.match.end - 1]! + 1 };
}

function flatIndex(at: number[], offset: number): number {
  let lo = 0;
  let hi = at.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (at[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Each target anchored in `text`: those found (in text order) and the orphans (in the order given). */
export function anchorAll<T extends QuoteTarget>(text: string, targets: T[]): { placed: Array<T & { span: TextSpan }>; orphans: T[] } {
  const placed: Array<T & { span: TextSpan }> = [];
  const orphans: T[] = [];
  for (const target of targets) {
    const span = anchor(text, target);
    if (span) placed.push({ ...target, span });
    else orphans.push(target);
  }
  placed.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  return { placed, orphans };
}
