/** Options: my groups (each a GroupCard); create a group; join one by code or link. */
import { useEffect, useState } from 'preact/hooks';
import type { GroupSummary } from '@/utils/shared/api-types';
import type { UserError } from '@/utils/shared/protocol';
import { cachedGroups, pendingInviteCode } from '@/utils/shared/storage';
import { ask } from '@/utils/ui/ask';
import { Alert } from '@/components/common/Bits';
import { GroupCard } from './GroupCard';
import { JoinGroupForm } from '@/components/common/JoinGroupForm';

/** Once joined, the invite link's #join=CODE goes from the address, so a reload doesn't offer it again. */
function forgetInviteLink() {
  if (/[#&](join|code)=/.test(location.hash)) history.replaceState(null, '', location.pathname + location.search);
}

/** joinCode: from an opened invite link (options.html#join=CODE). */
export function GroupsManager({ userId, joinCode = '' }: { userId: string; joinCode?: string }) {
  const [groups, setGroups] = useState<GroupSummary[] | null>(null);
  const [name, setName] = useState('');
  const [error, setError] = useState<UserError | null>(null);
  const [showJoin, setShowJoin] = useState(joinCode !== '');
  const [joined, setJoined] = useState<string | null>(null);

  async function reload() {
    const reply = await ask('listGroups');
    if (reply.ok) setGroups(reply.value);
    else setError(reply.error);
  }
  useEffect(() => {
    cachedGroups.getValue().then((cached) => setGroups((now) => now ?? (cached.length ? cached : null)));
    // An invitation the member switched servers for: its Join form opens with it.
    pendingInviteCode.getValue().then((pending) => pending && setShowJoin(true));
    reload();
  }, []);

  async function create(event: Event) {
    event.preventDefault();
    setError(null);
    const reply = await ask('createGroup', { name });
    if (!reply.ok) return setError(reply.error);
    setName('');
    setGroups((now) => [
      ...(now ?? []).filter((g) => g.id !== reply.value.id),
      { ...reply.value, description: null, role: 'owner', member_count: 1, queue_count: 0 },
    ]);
    reload();
  }

  const mine = groups ?? [];
  return (
    <div class="stack">
      {groups === null && !error && <p class="hint">Loading your groups…</p>}
      {groups !== null && mine.length === 0 && <p class="hint">You're not in a group yet. Create one, or join with a code.</p>}
      <ul class="stack" data-testid="groups" aria-label="My groups">
        {mine.map((group) => (
          <GroupCard key={group.id} group={group} userId={userId} onChanged={reload} />
        ))}
      </ul>
      <Alert error={error} />
      {joined && (
        <p class="ok" role="status">
          You joined {joined}.
        </p>
      )}
      <form class="row" onSubmit={create}>
        <label for="group-name">Group name</label>
        <input
          id="group-name"
          required
          value={name}
          placeholder="Thursday Circle"
          style="flex: 1"
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <button type="submit">Create group</button>
      </form>
      {mine.length === 0 || showJoin ? (
        <JoinGroupForm
          switchInPlace
          initialCode={joinCode}
          onJoined={(group) => (setJoined(group.name), setShowJoin(false), forgetInviteLink(), reload())}
        />
      ) : (
        <button type="button" class="link" onClick={() => setShowJoin(true)}>
          Join another group with a code
        </button>
      )}
    </div>
  );
}
