/** Owners and admins rename the group and set its description; the owner deletes it after typing its name. */
import { useState } from 'preact/hooks';
import type { GroupSummary } from '@/utils/shared/api-types';
import type { UserError } from '@/utils/shared/protocol';
import { ask } from '@/utils/ui/ask';
import { Alert } from '@/components/common/Bits';

export function GroupSettings({ group, onChanged }: { group: GroupSummary; onChanged: () => void }) {
  const [name, setName] = useState(group.name);
  const [description, setDescription] = useState(group.description ?? '');
  const [confirm, setConfirm] = useState('');
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<UserError | null>(null);

  async function save(event: Event) {
    event.preventDefault();
    setError(null);
    setSaved(false);
    const reply = await ask('updateGroup', { groupId: group.id, name, description });
    if (!reply.ok) return setError(reply.error);
    setSaved(true);
    onChanged();
  }

  async function remove(event: Event) {
    event.preventDefault();
    setError(null);
    const reply = await ask('deleteGroup', { groupId: group.id, confirmName: confirm });
    if (!reply.ok) return setError(reply.error);
    onChanged();
  }

  const id = (what: string) => `${what}-${group.id}`;
  return (
    <div class="stack">
      <form class="stack" aria-label="Group settings" onSubmit={save}>
        <div class="field">
          <label for={id('name')}>Name</label>
          <input id={id('name')} required maxLength={80} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for={id('description')}>Description</label>
          <textarea
            id={id('description')}
            maxLength={500}
            rows={2}
            value={description}
            placeholder="What the group reads, when it meets"
            onInput={(e) => setDescription(e.currentTarget.value)}
          />
        </div>
        <button type="submit">Save group</button>
        {saved && (
          <p class="ok" role="status">
            Saved.
          </p>
        )}
      </form>
      <Alert error={error} />
      {group.role === 'owner' && (
        <form class="stack" aria-label="Delete group" onSubmit={remove}>
          <label for={id('confirm')}>Type “{group.name}” to delete the group and its library</label>
          <input id={id('confirm')} autoComplete="off" value={confirm} onInput={(e) => setConfirm(e.currentTarget.value)} />
          <button type="submit" class="danger" disabled={confirm.trim() !== group.name}>
            Delete group
          </button>
        </form>
      )}
    </div>
  );
}
