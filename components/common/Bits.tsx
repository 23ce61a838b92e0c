/** Small shared pieces: an error line, tag chips, a quiet loading line. */
import type { UserError } from '@/utils/shared/protocol';

export function Alert({ error }: { error: UserError | string | null | undefined }) {
  if (!error) return null;
  const message = typeof error === 'string' ? error : error.message;
  return (
    <p class="alert" role="alert">
      {message}
    </p>
  );
}

export function TagChips({ tags, label = 'Tags' }: { tags: string[]; label?: string }) {
  if (tags.length === 0) return null;
  return (
    <ul class="chips" aria-label={label}>
      {tags.map((tag) => (
        <li class="chip" key={tag}>
          {tag}
        </li>
      ))}
    </ul>
  );
}

export function Loading({ text }: { text: string }) {
  return (
    <p class="loading" role="status">
      {text}
    </p>
  );
}
