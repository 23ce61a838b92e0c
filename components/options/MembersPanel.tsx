/** Who is in a group; owners and admins change roles and remove people; anyone can leave. */
import { useEffect, useState } from 'preact/hooks';
import type { GroupRole, GroupSummary, Member } from '@/utils/shared/api-types';
import type { UserError } from '@/utils/shared/protocol';
import { ask } from '@/utils/ui/ask';
import { Alert } from '@/components/common/Bits';

export interface MembersPanelProps {
  group: GroupSummary;
  userId: string;
  /** Someone was removed, or I left: the group list is out of date. */
  onChanged: () => void;
}

export function MembersPanel({ group, userId, onChanged }: MembersPanelProps) {
  const [members, setMembers] = useState<Member[] | null>(null);
  const [error, setError] = useState<UserError | null>(null);
  const [leaving, setLeaving] = useState(false);
  const manages = group.role === 'owner' || group.role === 'admin';

  async function reload() {
    const reply = await ask('groupMembers', { groupId: group.id });
    if (reply.ok) setMembers(reply.value);
    else setError(reply.error);
  }
  // eslint-disable-next-line react-hooks/exhaustive-deps -- runs again when these change, with this render's function (a new one each render)
  useEffect(() => void reload(), [group.id]);

  async function change(work: Promise<{ ok: boolean; error?: UserError }>, after?: () => void) {
    setError(null);
    const reply = await work;
    if (!reply.ok) return (setError(reply.error ?? null), reload());
    after ? after() : reload();
  }
  const setRole = (m: Member, role: GroupRole) => change(ask('setMemberRole', { groupId: group.id, userId: m.id, role }));
  const remove = (m: Member) => change(ask('removeMember', { groupId: group.id, userId: m.id }), () => (reload(), onChanged()));
  const leave = () => change(ask('leaveGroup', { groupId: group.id }), onChanged);

  return (
    <div class="stack">
      {members === null && !error && <p class="hint">Loading members…</p>}
      <ul class="stack" aria-label={`Members of ${group.name}`}>
        {(members ?? []).map((m) => (
          <li key={m.id} class="row">
            <span style="flex: 1">
              {m.display_name}
              {m.id === userId ? ' (you)' : ''}
            </span>
            {manages && m.id !== userId ? (
              <>
                <select
                  aria-label={`Role for ${m.display_name}`}
                  value={m.role}
                  onChange={(e) => setRole(m, e.currentTarget.value as GroupRole)}
                >
                  <option value="member">member</option>
                  <option value="admin">admin</option>
                  <option value="owner">owner</option>
                </select>
                <button type="button" class="secondary" onClick={() => remove(m)}>
                  Remove {m.display_name}
                </button>
              </>
            ) : (
              <span class="hint">{m.role}</span>
            )}
          </li>
        ))}
      </ul>
      <Alert error={error} />
      {leaving ? (
        <div class="row">
          <button type="button" onClick={leave}>
            Yes, leave {group.name}
          </button>
          <button type="button" class="link" onClick={() => setLeaving(false)}>
            Stay
          </button>
        </div>
      ) : (
        <button type="button" class="link" onClick={() => setLeaving(true)}>
          Leave group
        </button>
      )}
    </div>
  );
}
