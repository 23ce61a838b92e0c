/**
 * The Join form's question when an invitation's group is on another server than the one in
 * use: switch to it (the browser asks the member to allow that host), keeping the invite code
 * so the form opens with it once the member has signed in there.
 */
import { useState } from 'preact/hooks';
import type { InvitationBackend } from '@/utils/shared/invitation';
import { pendingInviteCode } from '@/utils/shared/storage';
import { changeBackend, openInvitationInOptions, requestBackendAccess } from '@/utils/ui/backend-access';
import { Alert } from './Bits';

export interface OtherServerProps {
  server: InvitationBackend;
  code: string;
  onCancel: () => void;
  /** Options (a tab): switch here. Elsewhere (the popup): Options opens with the invitation to switch there. */
  inPlace?: boolean;
}

export function OtherServer({ server, code, onCancel, inPlace = false }: OtherServerProps) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const host = new URL(server.url).host;

  async function switchInOptions() {
    await openInvitationInOptions({ code, backend: server });
    window.close();
  }

  async function switchServer() {
    // First await of the click: the browser shows its permission prompt only in a user gesture.
    if (!(await requestBackendAccess(server.url))) {
      return setError(`Readclub needs your permission to reach ${host} to join this group; nothing was changed. Choose Switch and Allow.`);
    }
    setError(null);
    setBusy(true);
    await pendingInviteCode.setValue(code);
    const failed = await changeBackend(server.url, server.key);
    setBusy(false);
    if (failed) setError(failed);
  }

  return (
    <div class="card stack" role="group" aria-label="Another server">
      <p>
        This group is on <strong>{host}</strong>, not the server Readclub uses now. Switch to it? You'll sign in there with your email.
      </p>
      {!inPlace && <p class="hint">Readclub's Options page opens, where your browser asks you to allow {host}.</p>}
      <Alert error={error} />
      <div class="row">
        {inPlace ? (
          <button type="button" disabled={busy} onClick={switchServer}>
            Switch to {host}
          </button>
        ) : (
          <button type="button" onClick={switchInOptions}>
            Switch in Options
          </button>
        )}
        <button type="button" class="link" onClick={onCancel}>
          Not now
        </button>
      </div>
    </div>
  );
}
