/** A labelled picker of the groups the person belongs to. */
import type { GroupSummary } from '@/utils/shared/api-types';
import { JoinFromPicker } from './JoinAnotherGroup';

export interface GroupSelectProps {
  groups: GroupSummary[];
  value: string;
  onChange: (groupId: string) => void;
  id?: string;
  label?: string;
}

export function GroupSelect({ groups, value, onChange, id = 'group-select', label = 'Group' }: GroupSelectProps) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {groups.map((group) => (
          <option key={group.id} value={group.id}>
            {group.name}
          </option>
        ))}
      </select>
      <JoinFromPicker />
    </div>
  );
}

/** The group to show: `preferred` if it is still one of mine, else the first. */
export function pickGroup(groups: GroupSummary[], preferred: string | null | undefined): GroupSummary | undefined {
  return groups.find((group) => group.id === preferred) ?? groups[0];
}
