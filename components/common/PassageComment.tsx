/** The selected passage, shortened, and an optional comment on it: the highlight forms of the popup and the reader. */
import { MAX_COMMENT_CHARS } from '@/utils/shared/api-types';
import { shortQuote } from '@/utils/ui/highlight-text';

export interface PassageCommentProps {
  /** The textarea's id (the popup and the side panel each have their own). */
  id: string;
  exact: string;
  body: string;
  onBody: (body: string) => void;
}

export function PassageComment({ id, exact, body, onBody }: PassageCommentProps) {
  return (
    <>
      <p class="hint">
        Selected: <q>{shortQuote(exact, 120)}</q>
      </p>
      <label for={id}>Comment on this passage (optional)</label>
      <textarea id={id} rows={2} maxLength={MAX_COMMENT_CHARS} value={body} onInput={(e) => onBody(e.currentTarget.value)} />
    </>
  );
}
