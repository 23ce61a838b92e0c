/** One of my groups: its name and size; its members (and Leave); for owners and admins invites and settings. */
import { useState } from 'preact/hooks';
import type { GroupSummary } from '@/utils/shared/api-types';
import { GroupSettings } from './GroupSettings';
import { InvitePanel } from './InvitePanel';
import { MembersPanel } from './MembersPanel';

type Panel = 'invites' | 'members' | 'settings';

export interface GroupCardProps {
  group: GroupSummary;
  userId: string;
  /** The group changed (renamed, someone removed, left, deleted): reload the list. */
  onChanged: () => void;
}

export function GroupCard({ group, userId, onChanged }: GroupCardProps) {
  const [open, setOpen] = useState<Panel | null>(null);
  const manages = group.role === 'owner' || group.role === 'admin';
  const button = (panel: Panel, label: string) => (
    <button type="button" class="secondary" aria-expanded={open === panel} onClick={() => setOpen((now) => (now === panel ? null : panel))}>
      {label}
    </button>
  );
  return (
    <li class="card stack" data-testid="group" aria-label={group.name}>
      <div class="row">
        <strong style="flex: 1">{group.name}</strong>
        <span class="hint">{group.member_count === 1 ? '1 member' : `${group.member_count} members`}</span>
        {manages && button('invites', 'Invite')}
        {button('members', 'Members')}
        {manages && button('settings', 'Settings')}
      </div>
      {open === 'invites' && <InvitePanel groupId={group.id} groupName={group.name} />}
      {open === 'members' && <MembersPanel group={group} userId={userId} onChanged={onChanged} />}
      {open === 'settings' && <GroupSettings group={group} onChanged={onChanged} />}
    </li>
  );
}
