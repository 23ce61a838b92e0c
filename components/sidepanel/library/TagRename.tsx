/** Owners and admins rename a tag on every item of the group (into an existing tag: a merge). */
import { useState } from 'preact/hooks';
import type { UserError } from '@/utils/shared/protocol';
import { ask } from '@/utils/ui/ask';
import { splitTags, tagProblem } from '@/utils/shared/tag-rules';
import { Alert } from '@/components/common/Bits';

export interface TagRenameProps {
  groupId: string;
  tag: string;
  /** The tags it merges into when the new name is taken, for the note under the field. */
  others: string[];
  onRenamed: (tag: string, items: number) => void;
}

export function TagRename({ groupId, tag, others, onRenamed }: TagRenameProps) {
  const [to, setTo] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UserError | string | null>(null);
  const target = splitTags(to)[0] ?? '';
  const merging = target !== '' && target !== tag && others.includes(target);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    if (!target) return setError('Type the new name for the tag.');
    const problem = tagProblem([target]);
    if (problem) return setError(problem);
    setBusy(true);
    setError(null);
    const reply = await ask('renameTag', { groupId, from: tag, to: target });
    setBusy(false);
    if (!reply.ok) return setError(reply.error);
    setTo('');
    onRenamed(reply.value.tag, reply.value.items);
  }

  return (
    <form class="row" onSubmit={submit} aria-label={`Rename the tag ${tag}`}>
      <label for="rename-tag">Rename “{tag}” to</label>
      <input id="rename-tag" value={to} autocomplete="off" onInput={(e) => (setTo(e.currentTarget.value), setError(null))} />
      <button type="submit" class="secondary" disabled={busy}>
        {merging ? 'Merge' : 'Rename'}
      </button>
      {merging && <p class="hint">“{target}” exists: the two tags become one.</p>}
      <Alert error={error} />
    </form>
  );
}
