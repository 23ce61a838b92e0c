/** Options: delete the account and one's own content, after typing DELETE or one's email. */
import { useState } from 'preact/hooks';
import type { AccountDeletion } from '@/utils/shared/api-types';
import type { Account, UserError } from '@/utils/shared/protocol';
import { ask } from '@/utils/ui/ask';
import { Alert } from '@/components/common/Bits';

/** What the server also accepts (delete_account): DELETE exactly, or the email in any case. */
export function confirmsDeletion(typed: string, email: string): boolean {
  const value = typed.trim();
  return value === 'DELETE' || (email !== '' && value.toLowerCase() === email.trim().toLowerCase());
}

export function DeleteAccount({ account, onDeleted }: { account: Account; onDeleted: (result: AccountDeletion) => void }) {
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UserError | null>(null);
  const ready = confirmsDeletion(typed, account.email) && !busy;

  async function remove(event: Event) {
    event.preventDefault();
    if (!ready) return;
    setBusy(true);
    setError(null);
    const reply = await ask('deleteAccount', { confirm: typed });
    setBusy(false);
    if (!reply.ok) return setError(reply.error);
    onDeleted(reply.value);
  }

  return (
    <form class="stack" aria-labelledby="delete-account-heading" onSubmit={remove}>
      <h3 id="delete-account-heading">Delete account</h3>
      <p class="hint">
        Deletes your sign-in, your profile, your comments, the tags you gave, and the items you added that nobody else commented on, tagged,
        clipped or queued (those stay for the group, without your name). Groups where you are the only member are deleted. If you are a
        group's last owner, make someone else an owner first. Export first if you want a copy. This cannot be undone.
      </p>
      <div class="field">
        <label for="delete-confirm">Type DELETE or your email address to confirm</label>
        <input id="delete-confirm" autoComplete="off" value={typed} onInput={(e) => setTyped(e.currentTarget.value)} />
      </div>
      <Alert error={error} />
      <div class="row">
        <button type="submit" class="danger" disabled={!ready}>
          {busy ? 'Deleting…' : 'Delete my account'}
        </button>
      </div>
    </form>
  );
}
