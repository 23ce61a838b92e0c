/** Options: the name (and optional picture) other members see next to my items and comments. */
import { useEffect, useState } from 'preact/hooks';
import type { Account, UserError } from '@/utils/shared/protocol';
import { ask } from '@/utils/ui/ask';
import { Avatar } from '@/components/common/Avatar';
import { Alert } from '@/components/common/Bits';
import { displayNameProblem } from '@/utils/ui/display-name';

export function ProfileForm({ account, onSaved }: { account: Account; onSaved: (account: Account) => void }) {
  const [name, setName] = useState(account.displayName);
  const [avatar, setAvatar] = useState('');
  // Saving sends the picture too (null clears it), so the form waits for the saved one first.
  const [loaded, setLoaded] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<UserError | null>(null);

  async function load() {
    setError(null);
    const reply = await ask('myProfile');
    if (!reply.ok) return setError(reply.error);
    setName(reply.value.name_set === false ? '' : reply.value.display_name); // not "New member": a name to choose
    setAvatar(reply.value.avatar_url ?? '');
    setLoaded(true);
  }
  useEffect(() => {
    load();
  }, [account.userId]);

  async function save(event: Event) {
    event.preventDefault();
    setError(null);
    setSaved(false);
    const problem = displayNameProblem(name);
    if (problem) return setError({ kind: 'invalid', message: problem });
    const reply = await ask('updateProfile', { displayName: name, avatarUrl: avatar || null });
    if (!reply.ok) return setError(reply.error);
    setSaved(true);
    onSaved(reply.value);
  }

  return (
    <form class="stack" aria-label="Profile" onSubmit={save}>
      <div class="row">
        <Avatar person={{ display_name: name.trim() || account.displayName, avatar_url: avatar }} size={40} />
        <div class="field" style="flex: 1">
          <label for="display-name">Display name</label>
          <input
            id="display-name"
            required
            maxLength={80}
            disabled={!loaded}
            value={name}
            onInput={(e) => (setName(e.currentTarget.value), setSaved(false))}
          />
        </div>
      </div>
      <div class="field">
        <label for="avatar-url">Picture address (optional)</label>
        <input
          id="avatar-url"
          type="url"
          placeholder="https://…"
          disabled={!loaded}
          value={avatar}
          onInput={(e) => (setAvatar(e.currentTarget.value), setSaved(false))}
        />
      </div>
      <Alert error={error} />
      <div class="row">
        {loaded ? (
          <button type="submit">Save profile</button>
        ) : error ? (
          <button type="button" onClick={load}>
            Try again
          </button>
        ) : (
          <button type="submit" disabled>
            Loading profile…
          </button>
        )}
        {saved && (
          <p class="ok" role="status">
            Saved. Your group sees you as {name.trim()}.
          </p>
        )}
      </div>
    </form>
  );
}
