/** A search result's passage, the words found marked: text nodes and <mark>, never HTML. */
import { snippetParts } from '@/utils/ui/snippet';

export function Snippet({ snippet }: { snippet: string }) {
  return (
    <p class="snippet" data-testid="snippet">
      {snippetParts(snippet).map((part, i) => (part.mark ? <mark key={i}>{part.text}</mark> : part.text))}
    </p>
  );
}
