/** After a save: what was saved and where (and whether it was already there), and a way to the discussion queue. */
import { useEffect, useRef } from 'preact/hooks';
import type { ClipItemResult, GroupSummary } from '@/utils/shared/api-types';
import { currentWindowId, openQueuePanel } from '@/utils/ui/browser';

export function SavedNotice({ result, group, title }: { result: ClipItemResult; group: GroupSummary; title?: string }) {
  const named = title?.trim();
  const windowId = useRef<number | undefined>(undefined);
  useEffect(() => {
    currentWindowId().then((id) => (windowId.current = id));
  }, []);

  // Called straight from the click: the side panel may only open on a user gesture.
  const openQueue = () => {
    openQueuePanel(windowId.current).catch(() => {});
  };

  return (
    <div class="stack saved" role="status">
      <p class="saved-title">{named ? `Saved “${named}” to ${group.name}.` : `Saved to ${group.name}.`}</p>
      {!result.created && <p class="hint">Already in {group.name} — your tags and comment were added.</p>}
      {result.queued && <p class="hint">It's in the queue for the next discussion.</p>}
      <button type="button" onClick={openQueue}>
        Open queue
      </button>
    </div>
  );
}

/** The save could not reach the server (or the session ended): the clip is kept on this device. */
export function QueuedNotice({ message, group }: { message: string; group: GroupSummary }) {
  return (
    <div class="stack saved queued" role="status">
      <p class="saved-title">Kept for {group.name}</p>
      <p class="hint">{message}</p>
      <p class="hint">It is listed under “Waiting to send” until then; nothing you typed was lost.</p>
    </div>
  );
}
