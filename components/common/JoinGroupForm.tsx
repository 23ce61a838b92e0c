/**
 * Join a group with the invite code (or link) someone sent: first see which group, then join.
 * In Options, and in the popup (no group yet, or beside the group picker).
 */
import { useEffect, useState } from 'preact/hooks';
import type { InvitePreview } from '@/utils/shared/api-types';
import type { UserError } from '@/utils/shared/protocol';
import { ask } from '@/utils/ui/ask';
import { Alert } from './Bits';

export interface JoinGroupFormProps {
  onJoined: (group: { id: string; name: string }) => void;
  /** A code from an opened invite link: its group is shown at once, ready to join. */
  initialCode?: string;
}

export function JoinGroupForm({ onJoined, initialCode = '' }: JoinGroupFormProps) {
  const [code, setCode] = useState(initialCode);
  const [preview, setPreview] = useState<InvitePreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UserError | null>(null);

  async function look(event?: Event) {
    event?.preventDefault();
    setBusy(true);
    setError(null);
    const reply = await ask('previewInvite', { code });
    setBusy(false);
    if (reply.ok) setPreview(reply.value);
    else setError(reply.error);
  }

  // Opened from an invite link (perhaps just after signing in): no second paste, no extra click.
  useEffect(() => {
    if (initialCode.trim()) look();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- looks once per code it was opened with; look reads this render's code
  }, [initialCode]);

  async function join() {
    setBusy(true);
    setError(null);
    const reply = await ask('joinGroup', { code });
    setBusy(false);
    if (!reply.ok) return setError(reply.error);
    setCode('');
    setPreview(null);
    onJoined(reply.value);
  }

  return (
    <form class="stack" onSubmit={look} aria-label="Join a group">
      <h3>Join a group</h3>
      <div class="field">
        <label for="join-code">Invite code</label>
        <input
          id="join-code"
          required
          autoComplete="off"
          spellcheck={false}
          value={code}
          placeholder="Code or invite link"
          onInput={(e) => (setCode(e.currentTarget.value), setPreview(null))}
        />
      </div>
      <Alert error={error} />
      {preview?.already_member ? (
        <div class="card stack" role="group" aria-label="Invitation">
          <p role="status">You are already a member of {preview.name}.</p>
          <div class="row">
            <button type="button" class="link" onClick={() => setPreview(null)}>
              Close
            </button>
          </div>
        </div>
      ) : preview ? (
        <div class="card stack" role="group" aria-label="Invitation">
          <p>
            <strong>{preview.name}</strong>{' '}
            <span class="hint">{preview.member_count === 1 ? '1 member' : `${preview.member_count} members`}</span>
          </p>
          <div class="row">
            <button type="button" disabled={busy} onClick={join}>
              Join {preview.name}
            </button>
            <button type="button" class="link" onClick={() => setPreview(null)}>
              Not now
            </button>
          </div>
        </div>
      ) : (
        <button type="submit" disabled={busy}>
          Join group
        </button>
      )}
    </form>
  );
}
