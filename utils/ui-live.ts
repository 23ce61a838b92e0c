/**
 * The side panel's half of live updates: ask the background to watch the group (Realtime
 * when the backend has it, utils/live.ts) and refresh when it reports a change. Without
 * Realtime the panel's 10 s refresh and refresh on focus carry it.
 */
import { useEffect, useRef } from 'preact/hooks';
import { ask } from './ui-ask';

export function useLive(groupId: string | null, changedAt: Record<string, number> | undefined, refresh: () => void): void {
  useEffect(() => {
    if (groupId) void ask('watchGroup', { groupId });
  }, [groupId]);
  const seen = useRef<number | undefined>(undefined);
  const at = groupId ? changedAt?.[groupId] : undefined;
  useEffect(() => {
    // The first value is the past; only a later change is news.
    if (seen.current !== undefined && at !== undefined && at !== seen.current) refresh();
    seen.current = at ?? 0;
  }, [at]);
}
