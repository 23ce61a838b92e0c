/**
 * Join a group with the invitation someone sent: the whole message, its link, the old
 * extension link or the bare code. First see which group (or, for a group on another
 * server, switch to it), then join. In Options, and in the popup.
 */
import { useEffect, useState } from 'preact/hooks';
import type { InvitePreview } from '@/utils/shared/api-types';
import type { UserError } from '@/utils/shared/protocol';
import { parseInvitation, sameBackend, type InvitationBackend } from '@/utils/shared/invitation';
import { backendUrl, pendingInviteCode } from '@/utils/shared/storage';
import { ask } from '@/utils/ui/ask';
import { Alert } from './Bits';
import { InvitationCard } from './InvitationCard';
import { OtherServer } from './OtherServer';

export interface JoinGroupFormProps {
  onJoined: (group: { id: string; name: string }) => void;
  /** A code from an opened invite link: its group is shown at once, ready to join. */
  initialCode?: string;
  /** In Options (a tab): switching to an invitation's server happens here; elsewhere Options opens for it. */
  switchInPlace?: boolean;
}

export function JoinGroupForm({ onJoined, initialCode = '', switchInPlace = false }: JoinGroupFormProps) {
  const [text, setText] = useState(initialCode);
  const [code, setCode] = useState('');
  const [preview, setPreview] = useState<InvitePreview | null>(null);
  const [other, setOther] = useState<InvitationBackend | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UserError | string | null>(null);

  async function look(pasted: string) {
    setError(null);
    setOther(null);
    const parsed = parseInvitation(pasted);
    if (!parsed.ok) return setError(parsed.message);
    setCode(parsed.value.code);
    const server = parsed.value.backend;
    if (server && !sameBackend(server.url, await backendUrl.getValue())) return setOther(server);
    setBusy(true);
    const reply = await ask('previewInvite', { code: parsed.value.code });
    setBusy(false);
    if (reply.ok) setPreview(reply.value);
    else setError(reply.error);
  }

  // Opened from an invite link, or back after switching to the invitation's server and
  // signing in there: no second paste, no extra click.
  useEffect(() => {
    if (initialCode.trim()) return void look(initialCode);
    pendingInviteCode.getValue().then((pending) => {
      if (!pending) return;
      setText(pending);
      look(pending);
    });
  }, [initialCode]);

  async function join() {
    setBusy(true);
    setError(null);
    const reply = await ask('joinGroup', { code });
    setBusy(false);
    if (!reply.ok) return setError(reply.error);
    setText('');
    setPreview(null);
    await pendingInviteCode.removeValue();
    onJoined(reply.value);
  }

  const dismiss = () => (setPreview(null), setOther(null), pendingInviteCode.removeValue());
  return (
    <form class="stack" onSubmit={(event) => (event.preventDefault(), look(text))} aria-label="Join a group">
      <h3>Join a group</h3>
      <div class="field">
        <label for="join-code">Invitation or invite code</label>
        <textarea
          id="join-code"
          required
          rows={2}
          autoComplete="off"
          spellcheck={false}
          value={text}
          placeholder="Paste the invitation you were sent, its link, or the code"
          onInput={(e) => (setText(e.currentTarget.value), setPreview(null), setOther(null))}
        />
      </div>
      <Alert error={error} />
      {other ? (
        <OtherServer server={other} code={code} onCancel={dismiss} inPlace={switchInPlace} />
      ) : preview ? (
        <InvitationCard preview={preview} busy={busy} onJoin={join} onClose={dismiss} />
      ) : (
        <button type="submit" disabled={busy}>
          Join group
        </button>
      )}
    </form>
  );
}
