/**
 * "Delete from library" for someone allowed to (the database says so in can_delete: whoever
 * added the item, or an owner or admin), with a confirm step: tags, comments and the queue
 * place go with it, so one stray click must not.
 */
import { useState } from 'preact/hooks';
import type { UserError } from '@/utils/shared/protocol';
import { ask } from '@/utils/ui/ask';
import { Alert } from './Bits';

export interface DeleteItemProps {
  itemId: string;
  groupId: string;
  title: string;
  groupName?: string;
  onDeleted: () => void;
}

export function DeleteItem({ itemId, groupId, title, groupName, onDeleted }: DeleteItemProps) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UserError | null>(null);

  async function remove() {
    setBusy(true);
    setError(null);
    const reply = await ask('deleteItem', { itemId, groupId });
    setBusy(false);
    if (!reply.ok) return setError(reply.error);
    onDeleted();
  }

  if (!confirming) {
    return (
      <button type="button" class="link" onClick={() => setConfirming(true)}>
        Delete from library
      </button>
    );
  }
  return (
    <div class="card stack" role="group" aria-label="Confirm delete">
      <p>
        Delete “{title}” from {groupName ?? 'the group'}’s library? Its tags, comments and place in the queue go with it, for everyone.
      </p>
      <Alert error={error} />
      <div class="row">
        <button type="button" class="danger" disabled={busy} onClick={remove}>
          {busy ? 'Deleting…' : 'Delete it'}
        </button>
        <button type="button" class="link" disabled={busy} onClick={() => (setConfirming(false), setError(null))}>
          Keep it
        </button>
      </div>
    </div>
  );
}
