/** One of my groups: its name and size, and for owners and admins the invites. */
import { useState } from 'preact/hooks';
import type { GroupSummary } from '@/utils/api-types';
import { InvitePanel } from './InvitePanel';

export function GroupCard({ group }: { group: GroupSummary }) {
  const [open, setOpen] = useState<'invites' | null>(null);
  const manages = group.role === 'owner' || group.role === 'admin';
  const toggle = (panel: 'invites') => setOpen((now) => (now === panel ? null : panel));
  return (
    <li class="card stack" data-testid="group" aria-label={group.name}>
      <div class="row">
        <strong style="flex: 1">{group.name}</strong>
        <span class="hint">{group.member_count === 1 ? '1 member' : `${group.member_count} members`}</span>
        {manages && (
          <button type="button" class="secondary" aria-expanded={open === 'invites'} onClick={() => toggle('invites')}>Invite</button>
        )}
      </div>
      {open === 'invites' && <InvitePanel groupId={group.id} groupName={group.name} />}
    </li>
  );
}
