/**
 * Adds tags to an item already in the library (tagItem), suggesting the group's tags (with
 * how many items carry each) as the member types; hands back all the item's tags.
 */
import { useEffect, useState } from 'preact/hooks';
import type { TagCount } from '@/utils/shared/api-types';
import type { UserError } from '@/utils/shared/protocol';
import { ask } from '@/utils/ui/ask';
import { completeTag, splitTags, suggestTags, tagProblem } from '@/utils/shared/tag-rules';
import { Alert } from './Bits';

export interface TagAdderProps {
  itemId: string;
  /** The item's group: its tags are the suggestions. */
  groupId?: string;
  /** The tags the item has now (not suggested again; counted against the limit). */
  tags?: string[];
  onTagged: (tags: string[]) => void;
}

export function TagAdder({ itemId, groupId, tags = [], onTagged }: TagAdderProps) {
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<UserError | string | null>(null);
  const [known, setKnown] = useState<TagCount[]>([]);
  useEffect(() => {
    if (groupId) ask('groupTags', { groupId }).then((reply) => reply.ok && setKnown(reply.value));
  }, [groupId]);
  const suggestions = text.trim() ? suggestTags(known, text, tags) : [];

  async function submit(event: Event) {
    event.preventDefault();
    const wanted = splitTags(text);
    if (sending || wanted.length === 0) return;
    const problem = tagProblem(wanted, tags);
    if (problem) return setError(problem);
    setSending(true);
    setError(null);
    const reply = await ask('tagItem', { itemId, tags: wanted });
    setSending(false);
    if (!reply.ok) return setError(reply.error);
    setText('');
    onTagged(reply.value);
  }

  return (
    <form class="stack" onSubmit={submit}>
      <div class="field">
        <label for="add-tags">Add tags</label>
        <input
          id="add-tags"
          value={text}
          placeholder="leadership, remote work"
          autocomplete="off"
          aria-describedby="add-tags-hint"
          onInput={(e) => (setText(e.currentTarget.value), setError(null))}
        />
        <span id="add-tags-hint" class="hint">
          Separate tags with commas; up to 20 on an article.
        </span>
      </div>
      {suggestions.length > 0 && (
        <ul class="chips suggestions" aria-label="Tags in this group">
          {suggestions.map((s) => (
            <li key={s.tag}>
              <button type="button" class="chip-button" onClick={() => setText(completeTag(text, s.tag))}>
                {s.tag} <span class="count">({s.count})</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <Alert error={error} />
      <button type="submit" class="secondary" disabled={sending}>
        {sending ? 'Adding…' : 'Add tags'}
      </button>
    </form>
  );
}
