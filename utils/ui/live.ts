/**
 * The side panel's half of live updates: ask the background to watch the group (Realtime
 * when the backend has it, utils/background/live.ts) and refresh when it reports a change. Without
 * Realtime the panel's 10 s refresh and refresh on focus carry it.
 */
import { useEffect, useRef } from 'preact/hooks';
import { ask } from './ask';

/** How often the panel asks again, so a restarted background worker joins the group's channel again. */
const REWATCH_MS = 60_000;

/**
 * Calls onChange when the background reports a new change in the group (groupChangedAt), as
 * useLive does for the panel: for a view that shows part of a group the panel already
 * watches (an open item). The time a group is first seen with (once storage is read) is the
 * past, not a change.
 */
export function useGroupChanged(groupId: string | null, changedAt: Record<string, number> | undefined, onChange: () => void): void {
  const seen = useRef<{ groupId: string | null; at: number | undefined } | null>(null);
  const at = groupId ? changedAt?.[groupId] : undefined;
  useEffect(() => {
    if (!changedAt) return; // not read from storage yet
    const before = seen.current;
    seen.current = { groupId, at };
    if (groupId && before?.groupId === groupId && at !== undefined && at !== before.at) onChange();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new change time refreshes; onChange is the caller's function of that render
  }, [groupId, at, !changedAt]);
}

export function useLive(groupId: string | null, changedAt: Record<string, number> | undefined, refresh: () => void): void {
  useEffect(() => {
    if (!groupId) return;
    void ask('watchGroup', { groupId });
    // Asking again is free while the channel is up (or the backend is known to lack Realtime).
    const timer = setInterval(() => void ask('watchGroup', { groupId }), REWATCH_MS);
    return () => clearInterval(timer);
  }, [groupId]);
  const seen = useRef<number | undefined>(undefined);
  const at = groupId ? changedAt?.[groupId] : undefined;
  useEffect(() => {
    // The first value is the past; only a later change is news.
    if (seen.current !== undefined && at !== undefined && at !== seen.current) refresh();
    seen.current = at ?? 0;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new change time refreshes; refresh is the caller's function of that render
  }, [at]);
}
