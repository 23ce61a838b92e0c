/**
 * Draws its children once the member's groups are known; until then, or with none, says so.
 * With none, it offers joining with an invite code right here; with some, a group picker
 * inside it offers the same (JoinContext), and the group just joined becomes the chosen one.
 */
import { Fragment, type ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { GroupSummary } from '@/utils/shared/api-types';
import { openOptions } from '@/utils/ui/browser';
import type { Groups } from '@/utils/ui/hooks';
import { Alert, Loading } from '@/components/common/Bits';
import { JoinAnotherGroup, JoinContext } from '@/components/common/JoinAnotherGroup';

export interface GroupGateProps {
  state: Groups;
  /** Shown above the waiting line or the "no groups" note (the page being clipped). */
  before?: ComponentChildren;
  children: (groups: GroupSummary[], lastId: string | null) => ComponentChildren;
}

export function GroupGate({ state, before, children }: GroupGateProps) {
  const [joined, setJoined] = useState<{ id: string; name: string } | null>(null);
  const { groups, lastId, settled, error } = state;
  if (groups && groups.length > 0 && lastId !== undefined) {
    // Once the joined group is in the list, the children start over with it chosen.
    const listed = joined !== null && groups.some((g) => g.id === joined.id);
    return (
      <JoinContext.Provider value={setJoined}>
        {joined && (
          <p class="ok" role="status">
            You joined {joined.name}.
          </p>
        )}
        <Fragment key={listed ? joined.id : ''}>{children(groups, listed ? joined.id : lastId)}</Fragment>
      </JoinContext.Provider>
    );
  }
  let note;
  if (groups === undefined || lastId === undefined || !settled) note = <Loading text="Loading your groups…" />;
  else if (error) note = <Alert error={error} />;
  else if (joined) note = <Loading text={`You joined ${joined.name}. Loading it…`} />;
  else {
    note = (
      <div class="empty stack">
        <p>You're not in a reading group yet. Join one with the invite code you were sent, or create one in Options.</p>
        <JoinAnotherGroup open onJoined={setJoined} />
        <button type="button" class="secondary" onClick={openOptions}>
          Create a group in Options
        </button>
      </div>
    );
  }
  return (
    <div class="stack">
      {before}
      {note}
    </div>
  );
}
