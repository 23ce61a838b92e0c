/**
 * Live changes for the side panel (issue 5, part 7), in the background. Against a real
 * Supabase project the background subscribes to Postgres changes of the group's rows
 * (Supabase Realtime postgres_changes; RLS decides what each member hears) and moves
 * groupChangedAt, which the side panel watches and refreshes on. A backend without
 * Realtime (the local stand-in) fails the subscription once; then only the side panel's
 * refresh on focus and every 10 s applies, and this backend is not asked again.
 */
import type { RealtimeChannel, SupabaseClient } from '@supabase/supabase-js';
import { groupChangedAt } from './storage';

/** Tables whose rows carry group_id and whose changes the side panel shows. */
export const LIVE_TABLES = ['items', 'comments', 'queue_entries', 'queue_votes', 'meetings'] as const;
const SUBSCRIBE_WAIT_MS = 5_000;

// Background-only state (one service worker): the channel watched and backends found without Realtime.
let watching: { client: SupabaseClient; groupId: string; channel: RealtimeChannel; live: Promise<boolean> } | null = null;
const withoutRealtime = new WeakSet<SupabaseClient>();

async function touch(groupId: string): Promise<void> {
  await groupChangedAt.setValue({ ...(await groupChangedAt.getValue()), [groupId]: Date.now() });
}

/** Subscribe to one group's changes (dropping the last group's); true when the backend pushes them. */
export function watchGroupLive(client: SupabaseClient, groupId: string, waitMs = SUBSCRIBE_WAIT_MS): Promise<boolean> {
  if (withoutRealtime.has(client)) return Promise.resolve(false);
  if (watching && watching.client === client && watching.groupId === groupId) return watching.live;
  if (watching) void watching.client.removeChannel(watching.channel);
  let channel = client.channel(`readclub:group:${groupId}`);
  for (const table of LIVE_TABLES) {
    channel = channel.on('postgres_changes', { event: '*', schema: 'public', table, filter: `group_id=eq.${groupId}` }, () => void touch(groupId));
  }
  // Deletes cannot be filtered by column: any queue removal makes the panel look again.
  channel = channel.on('postgres_changes', { event: 'DELETE', schema: 'public', table: 'queue_entries' }, () => void touch(groupId));
  const live = new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), waitMs);
    channel.subscribe((status) => {
      if (status === 'SUBSCRIBED') return clearTimeout(timer), resolve(true);
      if (status === 'CHANNEL_ERROR' || status === 'TIMED_OUT' || status === 'CLOSED') clearTimeout(timer), resolve(false);
    });
  }).then((ok) => {
    if (!ok) {
      // No Realtime here: stop the socket's reconnect attempts; the panel's polling carries on.
      withoutRealtime.add(client);
      void client.removeChannel(channel);
      if (watching?.channel === channel) watching = null;
    }
    return ok;
  });
  watching = { client, groupId, channel, live };
  return live;
}
