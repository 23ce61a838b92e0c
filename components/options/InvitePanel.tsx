/** Owners and admins: make an invite (how long it lasts, how many may use it) and see or revoke the open ones. */
import { useEffect, useState } from 'preact/hooks';
import type { InviteSummary } from '@/utils/shared/api-types';
import type { UserError } from '@/utils/shared/protocol';
import { ask } from '@/utils/ui/ask';
import { Alert } from '@/components/common/Bits';
import { InviteCode } from './InviteCode';

function usesText(invite: InviteSummary): string {
  return invite.max_uses === null ? `${invite.uses} used` : `${invite.uses} of ${invite.max_uses} uses`;
}

export function InvitePanel({ groupId, groupName }: { groupId: string; groupName: string }) {
  const [days, setDays] = useState('7');
  const [maxUses, setMaxUses] = useState('');
  const [code, setCode] = useState<string | null>(null);
  const [invites, setInvites] = useState<InviteSummary[]>([]);
  const [error, setError] = useState<UserError | null>(null);

  async function reload() {
    const reply = await ask('listInvites', { groupId });
    if (reply.ok) setInvites(reply.value);
    else setError(reply.error);
  }
  // eslint-disable-next-line react-hooks/exhaustive-deps -- runs again when these change, with this render's function (a new one each render)
  useEffect(() => void reload(), [groupId]);

  async function create(event: Event) {
    event.preventDefault();
    setError(null);
    const reply = await ask('createInvite', { groupId, days: Number(days), maxUses: maxUses ? Number(maxUses) : null });
    if (!reply.ok) return setError(reply.error);
    setCode(reply.value.code);
    reload();
  }

  async function revoke(inviteId: string) {
    setError(null);
    const reply = await ask('revokeInvite', { inviteId });
    if (!reply.ok) return setError(reply.error);
    setInvites((now) => now.filter((i) => i.id !== inviteId));
  }

  return (
    <div class="stack">
      <form class="row" aria-label="New invite" onSubmit={create}>
        <label for={`days-${groupId}`}>Invite lasts</label>
        <select id={`days-${groupId}`} value={days} onChange={(e) => setDays(e.currentTarget.value)}>
          <option value="1">1 day</option>
          <option value="7">7 days</option>
          <option value="30">30 days</option>
        </select>
        <label for={`uses-${groupId}`}>Most uses (optional)</label>
        <input
          id={`uses-${groupId}`}
          type="number"
          min={1}
          max={1000}
          value={maxUses}
          style="width: 6em"
          onInput={(e) => setMaxUses(e.currentTarget.value)}
        />
        <button type="submit">Create invite</button>
      </form>
      {code && <InviteCode code={code} groupName={groupName} />}
      <Alert error={error} />
      {invites.length > 0 && (
        <ul class="stack" aria-label="Open invites">
          {invites.map((invite) => (
            <li key={invite.id} class="row">
              <span style="flex: 1">
                Code ending {invite.hint}
                <span class="hint">
                  {' · '}
                  {invite.expires_at ? `until ${new Date(invite.expires_at).toLocaleDateString()}` : 'no end date'} · {usesText(invite)}
                </span>
              </span>
              <button type="button" class="secondary" aria-label={`Revoke invite ending ${invite.hint}`} onClick={() => revoke(invite.id)}>
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
