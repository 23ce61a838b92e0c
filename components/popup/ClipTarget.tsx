/**
 * The group picker, and below it either the item already in that group's library for
 * this page (asked again whenever the group changes) or the preview and form for a new clip.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { ClipItemResult, ClipPayload, GroupSummary, HighlightTarget } from '@/utils/shared/api-types';
import { lookupUrl, useExistingItem } from '@/utils/ui/existing';
import { ClipForm } from './ClipForm';
import { ExistingItem } from './ExistingItem';
import { GroupSelect, pickGroup } from '@/components/common/GroupSelect';

export interface ClipTargetProps {
  clip: ClipPayload;
  groups: GroupSummary[];
  initialGroupId: string | null;
  /** What is about to be saved; hidden when the item is already there. */
  preview: ComponentChildren;
  onSaved: (result: ClipItemResult, group: GroupSummary, title: string) => void;
  /** The selection's quote, offered as a highlight when the group has the page already. */
  quote?: HighlightTarget | null;
}

export function ClipTarget({ clip, groups, initialGroupId, preview, onSaved, quote }: ClipTargetProps) {
  const [chosen, setChosen] = useState(initialGroupId);
  const group = pickGroup(groups, chosen)!;
  const existing = useExistingItem(group.id, lookupUrl(clip));
  // The item deleted from here: the page reads as not saved, and can be clipped again.
  const [deleted, setDeleted] = useState<string | null>(null);
  const picker = <GroupSelect groups={groups} value={group.id} onChange={setChosen} />;
  if (existing.state === 'found' && existing.detail.item.id !== deleted) {
    return (
      <div class="stack">
        {picker}
        <ExistingItem
          key={existing.detail.item.id}
          detail={existing.detail}
          group={group}
          quote={quote}
          onDeleted={() => setDeleted(existing.detail.item.id)}
        />
      </div>
    );
  }
  return (
    <div class="stack">
      {deleted && (
        <p class="note" role="status">
          Deleted from the library.
        </p>
      )}
      {preview}
      {picker}
      <ClipForm clip={clip} group={group} onSaved={onSaved} />
    </div>
  );
}
