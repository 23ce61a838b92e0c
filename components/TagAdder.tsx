/** Adds tags to an item already in the library (tagItem); hands back all its tags. */
import { useState } from 'preact/hooks';
import type { UserError } from '@/utils/protocol';
import { ask } from '@/utils/ui-ask';
import { parseTags } from '@/utils/ui-format';
import { Alert } from './Bits';

export function TagAdder({ itemId, onTagged }: { itemId: string; onTagged: (tags: string[]) => void }) {
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<UserError | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    const tags = parseTags(text);
    if (sending || tags.length === 0) return;
    setSending(true);
    setError(null);
    const reply = await ask('tagItem', { itemId, tags });
    setSending(false);
    if (!reply.ok) return setError(reply.error);
    setText('');
    onTagged(reply.value);
  }

  return (
    <form class="stack" onSubmit={submit}>
      <div class="field">
        <label for="add-tags">Add tags</label>
        <input id="add-tags" value={text} placeholder="leadership, remote work" aria-describedby="add-tags-hint"
          onInput={(e) => setText(e.currentTarget.value)} />
        <span id="add-tags-hint" class="hint">Separate tags with commas.</span>
      </div>
      <Alert error={error} />
      <button type="submit" class="secondary" disabled={sending}>
        {sending ? 'Adding…' : 'Add tags'}
      </button>
    </form>
  );
}
