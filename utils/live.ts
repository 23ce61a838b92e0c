/**
 * Live changes for the side panel (issue 5, part 7), in the background. Against a real
 * Supabase project the background subscribes to Postgres changes of the group's rows
 * (Supabase Realtime postgres_changes; RLS decides what each member hears) and moves
 * groupChangedAt, which the side panel watches and refreshes on. A backend without
 * Realtime (the local stand-in) fails the subscription once; then only the side panel's
 * refresh on focus and every 10 s applies, and this backend (by URL, in storage, so a
 * restarted service worker remembers too) is not asked again for a day (an hour when the
 * subscription just never answered).
 */
import type { RealtimeChannel, SupabaseClient } from '@supabase/supabase-js';
import { backendUrl, backendsWithoutRealtime, groupChangedAt } from './storage';

/** Tables whose rows carry group_id and whose changes the side panel shows. */
export const LIVE_TABLES = ['items', 'comments', 'queue_entries', 'queue_votes', 'meetings'] as const;
const SUBSCRIBE_WAIT_MS = 5_000;
/** How long a backend that refused a subscription is left alone (Realtime may be switched on later). */
export const RETRY_REALTIME_AFTER_MS = 24 * 60 * 60 * 1000;
/**
 * A subscription that never answered (the stand-in's socket just fails to connect; or a slow
 * network) is not tried again for an hour: meanwhile the panel polls, as it would anyway.
 */
export const RETRY_SILENT_AFTER_MS = 60 * 60 * 1000;

// Background-only state (one service worker): the channel watched and backends found without Realtime.
let watching: { client: SupabaseClient; groupId: string; channel: RealtimeChannel; live: Promise<boolean> } | null = null;
const withoutRealtime = new WeakSet<SupabaseClient>();

async function touch(groupId: string): Promise<void> {
  await groupChangedAt.setValue({ ...(await groupChangedAt.getValue()), [groupId]: Date.now() });
}

async function knownWithoutRealtime(url: string): Promise<boolean> {
  const until = (await backendsWithoutRealtime.getValue())[url];
  return until !== undefined && Date.now() < until;
}

async function rememberWithoutRealtime(url: string, forMs: number): Promise<void> {
  await backendsWithoutRealtime.setValue({ ...(await backendsWithoutRealtime.getValue()), [url]: Date.now() + forMs });
}

/** Subscribe to one group's changes (dropping the last group's); true when the backend pushes them. */
export async function watchGroupLive(client: SupabaseClient, groupId: string, waitMs = SUBSCRIBE_WAIT_MS): Promise<boolean> {
  if (withoutRealtime.has(client)) return false;
  const url = await backendUrl.getValue();
  if (await knownWithoutRealtime(url)) return withoutRealtime.add(client), false;
  if (watching && watching.client === client && watching.groupId === groupId) return watching.live;
  if (watching) void watching.client.removeChannel(watching.channel);
  let channel = client.channel(`readclub:group:${groupId}`);
  for (const table of LIVE_TABLES) {
    channel = channel.on('postgres_changes', { event: '*', schema: 'public', table, filter: `group_id=eq.${groupId}` }, () => void touch(groupId));
  }
  // Deletes cannot be filtered by column: any queue removal makes the panel look again.
  channel = channel.on('postgres_changes', { event: 'DELETE', schema: 'public', table: 'queue_entries' }, () => void touch(groupId));
  const live = new Promise<'live' | 'refused' | 'silent'>((resolve) => {
    const timer = setTimeout(() => resolve('silent'), waitMs);
    channel.subscribe((status) => {
      if (status === 'SUBSCRIBED') return clearTimeout(timer), resolve('live');
      if (status === 'CHANNEL_ERROR') return clearTimeout(timer), resolve('refused');
      if (status === 'TIMED_OUT' || status === 'CLOSED') clearTimeout(timer), resolve('silent');
    });
  }).then((outcome) => {
    if (outcome !== 'live') {
      // No Realtime here: stop the socket's reconnect attempts; the panel's polling carries on.
      withoutRealtime.add(client);
      // Remembered across restarts; silence for less long, as a slow network is not the backend's doing.
      void rememberWithoutRealtime(url, outcome === 'refused' ? RETRY_REALTIME_AFTER_MS : RETRY_SILENT_AFTER_MS).catch(() => {});
      void client.removeChannel(channel);
      if (watching?.channel === channel) watching = null;
    }
    return outcome === 'live';
  });
  watching = { client, groupId, channel, live };
  return live;
}
