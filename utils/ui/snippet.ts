/**
 * A search snippet as parts to draw: search_library marks the words found between
 * SNIPPET_MARK_START and SNIPPET_MARK_END. The parts are plain strings, drawn as text nodes
 * (a found word inside <mark>), never read as HTML.
 */
import { SNIPPET_MARK_END, SNIPPET_MARK_START } from '@/utils/shared/api-types';

export interface SnippetPart {
  text: string;
  /** A word the search found. */
  mark: boolean;
}

export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let rest = snippet;
  while (rest) {
    const start = rest.indexOf(SNIPPET_MARK_START);
    if (start < 0) break;
    const end = rest.indexOf(SNIPPET_MARK_END, start + 1);
    if (end < 0) break;
    if (start > 0) parts.push({ text: rest.slice(0, start), mark: false });
    if (end > start + 1) parts.push({ text: rest.slice(start + 1, end), mark: true });
    rest = rest.slice(end + 1);
  }
  // What is left (or a mark never closed): plain text, without stray marks.
  const tail = rest.split(SNIPPET_MARK_START).join('').split(SNIPPET_MARK_END).join('');
  if (tail) parts.push({ text: tail, mark: false });
  return parts;
}
