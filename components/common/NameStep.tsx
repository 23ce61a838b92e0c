/**
 * First sign-in: "What should your group call you?". A new member is "New member" to
 * their groups (never a name made from their email) until they choose a name here or in
 * Options; shown in the popup and Options until then, saved with update_profile.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Account, UserError } from '@/utils/shared/protocol';
import { displayNameProblem, NAME_PLACEHOLDER } from '@/utils/ui/display-name';
import { namedAccounts } from '@/utils/shared/storage';
import { ask } from '@/utils/ui/ask';
import { Alert } from './Bits';

export interface NameStepProps {
  account: Account;
  onSaved: (account: Account) => void;
}

async function rememberNamed(userId: string): Promise<void> {
  const known = await namedAccounts.getValue();
  if (!known.includes(userId)) await namedAccounts.setValue([...known, userId]);
}

export function NameStep({ account, onSaved }: NameStepProps) {
  // null: not known yet (or the name is chosen); a string: the picture address to keep when saving.
  const [asking, setAsking] = useState<{ avatarUrl: string | null } | null>(null);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UserError | null>(null);

  useEffect(() => {
    let live = true;
    setAsking(null);
    (async () => {
      if ((await namedAccounts.getValue()).includes(account.userId)) return;
      const reply = await ask('myProfile');
      if (!live || !reply.ok) return; // offline: ask again next time
      if (reply.value?.name_set !== false) return void rememberNamed(account.userId);
      setAsking({ avatarUrl: reply.value.avatar_url });
    })();
    return () => {
      live = false;
    };
  }, [account.userId]);

  if (!asking) return null;

  async function save(event: Event) {
    event.preventDefault();
    const problem = displayNameProblem(name);
    if (problem) return setError({ kind: 'invalid', message: problem });
    setError(null);
    setBusy(true);
    const reply = await ask('updateProfile', { displayName: name, avatarUrl: asking!.avatarUrl });
    setBusy(false);
    if (!reply.ok) return setError(reply.error);
    await rememberNamed(account.userId);
    setAsking(null);
    onSaved(reply.value);
  }

  return (
    <form class="card stack" aria-label="Your name" data-testid="name-step" onSubmit={save}>
      <div class="field">
        <label for="first-name">What should your group call you?</label>
        <input
          id="first-name"
          required
          maxLength={80}
          autoComplete="name"
          value={name}
          disabled={busy}
          onInput={(e) => (setName(e.currentTarget.value), setError(null))}
        />
      </div>
      <p class="hint">Your group sees this name next to what you add and say. Until you choose one, they see “{NAME_PLACEHOLDER}”.</p>
      <Alert error={error} />
      <div class="row">
        <button type="submit" disabled={busy}>
          {busy ? 'Saving…' : 'Save name'}
        </button>
      </div>
    </form>
  );
}
