/** Options: the name (and optional picture) other members see next to my items and comments. */
import { useState } from 'preact/hooks';
import type { Account, UserError } from '@/utils/protocol';
import { ask } from '@/utils/ui-ask';
import { Alert } from './Bits';

export function ProfileForm({ account, onSaved }: { account: Account; onSaved: (account: Account) => void }) {
  const [name, setName] = useState(account.displayName);
  const [avatar, setAvatar] = useState('');
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<UserError | null>(null);

  async function save(event: Event) {
    event.preventDefault();
    setError(null);
    setSaved(false);
    const reply = await ask('updateProfile', { displayName: name, avatarUrl: avatar || null });
    if (!reply.ok) return setError(reply.error);
    setSaved(true);
    onSaved(reply.value);
  }

  return (
    <form class="stack" aria-label="Profile" onSubmit={save}>
      <div class="field">
        <label for="display-name">Display name</label>
        <input id="display-name" required maxLength={80} value={name} onInput={(e) => (setName(e.currentTarget.value), setSaved(false))} />
      </div>
      <div class="field">
        <label for="avatar-url">Picture address (optional)</label>
        <input id="avatar-url" type="url" placeholder="https://…" value={avatar} onInput={(e) => setAvatar(e.currentTarget.value)} />
      </div>
      <Alert error={error} />
      <div class="row">
        <button type="submit">Save profile</button>
        {saved && <p class="ok" role="status">Saved. Your group sees you as {name.trim()}.</p>}
      </div>
    </form>
  );
}
