/**
 * A passage described the way Hypothesis (and the W3C Web Annotation model) stores it: the
 * quoted text with up to 32 characters of context either side (TextQuoteSelector) and its
 * offsets in the text (TextPositionSelector). Tiny on purpose: the clipper uses it on the live
 * page, so it must not pull in the matcher (utils/shared/anchoring.ts finds a passage again).
 */

import { HIGHLIGHT_CONTEXT_CHARS, type HighlightTarget } from './api-types';

/** Characters of context kept before and after a quote. */
export const QUOTE_CONTEXT_CHARS = HIGHLIGHT_CONTEXT_CHARS;

/** The quote (exact, prefix, suffix) and its offsets in the text (null when only the quote is known). */
export type QuoteTarget = HighlightTarget;

/** The passage text[start, end) with its context; positions are clamped into the text. */
export function describeQuote(text: string, start: number, end: number): QuoteTarget {
  const from = Math.max(0, Math.min(start, end, text.length));
  const to = Math.min(text.length, Math.max(start, end, 0));
  return {
    exact: text.slice(from, to),
    prefix: text.slice(Math.max(0, from - QUOTE_CONTEXT_CHARS), from),
    suffix: text.slice(to, to + QUOTE_CONTEXT_CHARS),
    start: from,
    end: to,
  };
}
