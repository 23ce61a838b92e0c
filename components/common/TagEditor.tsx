/** An item's tags, each removable, and the box to add more (popup and side panel). */
import { useState } from 'preact/hooks';
import type { UserError } from '@/utils/shared/protocol';
import { ask } from '@/utils/ui/ask';
import { Alert } from './Bits';
import { TagAdder } from './TagAdder';

export interface TagEditorProps {
  itemId: string;
  groupId: string;
  tags: string[];
  onChange: (tags: string[]) => void;
}

export function TagEditor({ itemId, groupId, tags, onChange }: TagEditorProps) {
  const [removing, setRemoving] = useState<string | null>(null);
  const [error, setError] = useState<UserError | null>(null);

  async function remove(tag: string) {
    setRemoving(tag);
    setError(null);
    const reply = await ask('untagItem', { itemId, tag });
    setRemoving(null);
    if (!reply.ok) {
      setError(reply.error);
      // Kept in the outbox: show the tag gone now; it goes on the server when it can be reached.
      if (reply.error.kind === 'queued') onChange(tags.filter((t) => t !== tag));
      return;
    }
    onChange(reply.value);
  }

  return (
    <div class="stack">
      {tags.length > 0 && (
        <ul class="chips" aria-label="Tags">
          {tags.map((tag) => (
            <li class="chip" key={tag}>
              {tag}
              <button
                type="button"
                class="chip-remove"
                aria-label={`Remove tag ${tag}`}
                disabled={removing === tag}
                onClick={() => remove(tag)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <Alert error={error} />
      <TagAdder itemId={itemId} groupId={groupId} tags={tags} onTagged={onChange} />
    </div>
  );
}
