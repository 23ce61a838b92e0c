/**
 * Live changes for the side panel, in the background. The background joins the group's
 * private Broadcast channel, topic `group:<group id>` (Supabase Realtime; the database's
 * triggers send {table, operation} on it for every change to the group's library, queue,
 * votes, comments, tags and meetings, and RLS on realtime.messages lets only members join),
 * and on any message moves groupChangedAt, which the side panel watches and refreshes on.
 * A backend without Realtime fails the join once; then only the side panel's refresh on
 * focus and every 10 s applies, and this backend (by URL, in storage, so a restarted
 * service worker remembers too) is not asked again for a day (an hour when the join just
 * never answered). A join refused because this member may not read the group (the server
 * has Realtime; they just left the group, say) falls back to polling for now but is not
 * remembered against the backend.
 *
 * The Realtime socket is open only while a side panel watches: supabase-js builds its
 * Realtime client with the Supabase client but connects on the first join, and a watch the
 * panel stops renewing (it asks every minute while open) lapses, leaving the channel and
 * closing the socket. So a background with no panel open holds no socket. (Firefox's
 * background page at browser close: utils/background/page-lifecycle.ts.)
 */
import type { RealtimeChannel, SupabaseClient } from '@supabase/supabase-js';
import { backendUrl, backendsWithoutRealtime, groupChangedAt } from '@/utils/shared/storage';

/** The group's private topic (supabase/schemas/75_live.sql writes to it). */
export const groupTopic = (groupId: string) => `group:${groupId}`;
/** The Broadcast event the database sends on a group's topic. */
export const LIVE_EVENT = 'change';
/** How Realtime words a join refused by the policies (the member, not the backend, is the reason). */
const NOT_READABLE = /^Unauthorized: You do not have permissions to read/;
const SUBSCRIBE_WAIT_MS = 5_000;
/** How long a backend that refused a subscription is left alone (Realtime may be switched on later). */
export const RETRY_REALTIME_AFTER_MS = 24 * 60 * 60 * 1000;
/**
 * A subscription that never answered (the stand-in's socket just fails to connect; or a slow
 * network) is not tried again for an hour: meanwhile the panel polls, as it would anyway.
 */
export const RETRY_SILENT_AFTER_MS = 60 * 60 * 1000;
/** How long a watch lasts without the side panel asking again (utils/ui/live.ts asks every minute). */
export const WATCH_LEASE_MS = 150_000;

// Background-only state (one service worker): the channel watched and backends found without Realtime.
let watching: { client: SupabaseClient; groupId: string; channel: RealtimeChannel; live: Promise<boolean> } | null = null;
const withoutRealtime = new WeakSet<SupabaseClient>();
let lease: ReturnType<typeof setTimeout> | undefined;

function renewLease(): void {
  clearTimeout(lease);
  lease = setTimeout(() => void stopWatching(), WATCH_LEASE_MS);
}

/** Leaves the watched group's channel and closes the Realtime socket (no panel watches any more). */
export async function stopWatching(): Promise<void> {
  clearTimeout(lease);
  lease = undefined;
  const was = watching;
  watching = null;
  if (!was) return;
  await closeChannel(was.client, was.channel);
}

/** Leaves `channel`; with no channel left, closes the client's Realtime socket. */
async function closeChannel(client: SupabaseClient, channel: RealtimeChannel): Promise<void> {
  await Promise.resolve(client.removeChannel(channel)).catch(() => undefined);
  if (client.getChannels().length === 0) await Promise.resolve(client.realtime.disconnect()).catch(() => undefined);
}

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
  if (await knownWithoutRealtime(url)) return (withoutRealtime.add(client), false);
  // A private channel is authorised with the member's access token, which the join carries.
  const token = (await client.auth.getSession()).data.session?.access_token;
  if (!token) return false;
  if (watching && watching.client === client && watching.groupId === groupId) return (renewLease(), watching.live);
  if (watching) void closeChannel(watching.client, watching.channel);
  const channel = client
    .channel(groupTopic(groupId), { config: { private: true } })
    .on('broadcast', { event: LIVE_EVENT }, () => void touch(groupId));
  const joined = client.realtime
    .setAuth(token)
    .catch(() => undefined)
    .then(
      () =>
        new Promise<'live' | 'refused' | 'unreadable' | 'silent'>((resolve) => {
          const timer = setTimeout(() => resolve('silent'), waitMs);
          channel.subscribe((status, error) => {
            if (status !== 'SUBSCRIBED' && status !== 'CHANNEL_ERROR' && status !== 'TIMED_OUT' && status !== 'CLOSED') return;
            clearTimeout(timer);
            if (status === 'SUBSCRIBED') resolve('live');
            else if (status === 'CHANNEL_ERROR') resolve(NOT_READABLE.test(error?.message ?? '') ? 'unreadable' : 'refused');
            else resolve('silent');
          });
        }),
    );
  const live = joined.then((outcome) => {
    if (outcome !== 'live') {
      if (outcome !== 'unreadable') {
        // No Realtime here: stop the socket's reconnect attempts; the panel's polling carries on.
        withoutRealtime.add(client);
        // Remembered across restarts; silence for less long, as a slow network is not the backend's doing.
        void rememberWithoutRealtime(url, outcome === 'refused' ? RETRY_REALTIME_AFTER_MS : RETRY_SILENT_AFTER_MS).catch(() => {});
      }
      if (watching?.channel === channel) {
        watching = null;
        clearTimeout(lease);
      }
      void closeChannel(client, channel);
    }
    return outcome === 'live';
  });
  watching = { client, groupId, channel, live };
  renewLease();
  return live;
}
