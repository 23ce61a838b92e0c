/** Options: join a group with the invite code someone sent. */
import { useState } from 'preact/hooks';
import type { UserError } from '@/utils/protocol';
import { ask } from '@/utils/ui-ask';
import { Alert } from './Bits';

export function JoinGroupForm({ onJoined }: { onJoined: (group: { id: string; name: string }) => void }) {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UserError | null>(null);

  async function join(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const reply = await ask('joinGroup', { code });
    setBusy(false);
    if (!reply.ok) return setError(reply.error);
    setCode('');
    onJoined(reply.value);
  }

  return (
    <form class="stack" onSubmit={join} aria-label="Join a group">
      <h3>Join a group</h3>
      <div class="field">
        <label for="join-code">Invite code</label>
        <input id="join-code" required autoComplete="off" spellcheck={false} value={code}
          onInput={(e) => setCode(e.currentTarget.value)} />
      </div>
      <Alert error={error} />
      <button type="submit" disabled={busy}>Join group</button>
    </form>
  );
}
