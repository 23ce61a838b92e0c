/** Draws its children once the member's groups are known; until then, or with none, says so. */
import type { ComponentChildren } from 'preact';
import type { GroupSummary } from '@/utils/api-types';
import { openOptions } from '@/utils/ui-browser';
import type { Groups } from '@/utils/ui-hooks';
import { Alert, Loading } from './Bits';

export interface GroupGateProps {
  state: Groups;
  /** Shown above the waiting line or the "no groups" note (the page being clipped). */
  before?: ComponentChildren;
  children: (groups: GroupSummary[], lastId: string | null) => ComponentChildren;
}

export function GroupGate({ state, before, children }: GroupGateProps) {
  const { groups, lastId, settled, error } = state;
  if (groups && groups.length > 0 && lastId !== undefined) return <>{children(groups, lastId)}</>;
  let note;
  if (groups === undefined || lastId === undefined || !settled) note = <Loading text="Loading your groups…" />;
  else if (error) note = <Alert error={error} />;
  else {
    note = (
      <div class="empty">
        <p>You're not in a reading group yet. Create one, or join with an invite code, in Options.</p>
        <button type="button" onClick={openOptions}>Open Options</button>
      </div>
    );
  }
  return <div class="stack">{before}{note}</div>;
}
