/** A comment's text with its links and emphasis, built as DOM nodes (never innerHTML of member text). */
import { commentPieces } from '@/utils/shared/comment-text';

export function CommentBody({ body }: { body: string }) {
  return (
    <p class="comment-body">
      {commentPieces(body).map((piece, n) => {
        if (piece.kind === 'link') {
          return (
            <a key={n} href={piece.href} target="_blank" rel="noopener noreferrer nofollow">
              {piece.text}
            </a>
          );
        }
        if (piece.kind === 'em') return <em key={n}>{piece.text}</em>;
        if (piece.kind === 'strong') return <strong key={n}>{piece.text}</strong>;
        return piece.text;
      })}
    </p>
  );
}
