/** Which clip of a read tab the popup saves. Pure, so the rule is tested without a page. */
import type { ClipPayload } from '@/utils/shared/api-types';
import type { TabClip } from '@/utils/shared/protocol';

/**
 * The member's selection while "Clip selection only" is ticked, else the article, else
 * the page's link card (null when the page has no address worth keeping).
 */
export function clipToSave(tab: TabClip, selectionOnly: boolean): ClipPayload | null {
  if (tab.selection && selectionOnly) return tab.selection;
  return tab.ok ? tab.clip : tab.link;
}
