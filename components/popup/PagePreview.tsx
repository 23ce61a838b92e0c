/** The read tab above the form: "Clip selection only" when text is selected, then the clip or the link card. */
import type { TabClip } from '@/utils/shared/protocol';
import { clipToSave } from '@/utils/ui/clip';
import { ClipPreview } from './ClipPreview';
import { Unclippable } from './Unclippable';

export interface PagePreviewProps {
  tab: TabClip;
  selectionOnly: boolean;
  onSelectionOnly: (on: boolean) => void;
}

export function PagePreview({ tab, selectionOnly, onSelectionOnly }: PagePreviewProps) {
  const clip = clipToSave(tab, selectionOnly);
  const showingSelection = clip !== null && clip === tab.selection;
  return (
    <div class="stack">
      {tab.selection && (
        <label class="check">
          <input type="checkbox" checked={selectionOnly} onChange={(e) => onSelectionOnly(e.currentTarget.checked)} />
          Clip selection only
        </label>
      )}
      {!tab.ok && !showingSelection ? <Unclippable error={tab.error} link={clip} /> : clip && <ClipPreview clip={clip} />}
    </div>
  );
}
