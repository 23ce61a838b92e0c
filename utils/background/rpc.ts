/**
 * The group library over RPC: one typed call per Postgres function in api-types.ts,
 * each checked for a session first, plus the cache refreshes that let pages draw the
 * last known state before the network answers.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import {
  QUEUE_PAGE,
  QUEUE_PAGE_MAX,
  type Comment,
  type GroupQueue,
  type GroupSummary,
  type QueueOrder,
  type Rpcs,
} from '@/utils/shared/api-types';
import type { Account, Reply } from '@/utils/shared/protocol';
import {
  cachedAccount,
  cachedGroups,
  cachedQueues,
  lastGroupId,
  outbox,
  panelGroupId,
  pendingSignInEmail,
  savedPages,
} from '@/utils/shared/storage';
import { applyChange, overlayWaiting } from '@/utils/shared/outbox-overlay';
import { appendPage } from '@/utils/shared/queue-order';
import { forgetMember } from './outbox';
import { errorReply, signedOutReply } from './errors';
import { clearLocalSession, isSessionOver } from './session';

export type RpcName = keyof Rpcs;
export type RpcArgs<N extends RpcName> = Rpcs[N][0];
export type RpcResult<N extends RpcName> = Rpcs[N][1];

/**
 * Call one RPC. Without a session, answers signed-out without touching the network
 * (getSession only refreshes an expired token, which is the one network call allowed).
 */
export async function callRpc<N extends RpcName>(client: SupabaseClient, name: N, args: RpcArgs<N>): Promise<Reply<RpcResult<N>>> {
  try {
    const { data: auth, error: authError } = await client.auth.getSession();
    if (authError) {
      // Refused refresh token, expired access token: sign-in again is the only way on.
      if (isSessionOver(authError)) await clearLocalSession();
      return errorReply(authError);
    }
    if (!auth.session) return signedOutReply();
    const { data, error, status } = await client.rpc(name, args);
    if (error) return errorReply(error, status);
    return { ok: true, value: data as RpcResult<N> };
  } catch (e) {
    return errorReply(e);
  }
}

/** my_groups, and remember them. */
export async function refreshCachedGroups(client: SupabaseClient): Promise<Reply<GroupSummary[]>> {
  const reply = await callRpc(client, 'my_groups', {});
  if (reply.ok) await cachedGroups.setValue(reply.value ?? []);
  return reply;
}

/** Which part of the queue to read: `count` entries after `offset`, in queue order or most wanted first. */
export interface QueueSpan {
  offset?: number;
  count?: number;
  order?: QueueOrder;
}

/**
 * group_queue for `count` entries from `offset` (default: the first page), asked at most 200
 * at a time (what the server allows), with this member's changes still in the outbox on top.
 * The first page in queue order is remembered under the group's id, and only that: the
 * side panel draws it from storage before the network answers (a 1,000-entry
 * cache was ~300 KB read before anything showed).
 */
export async function refreshCachedQueue(client: SupabaseClient, groupId: string, span: QueueSpan = {}): Promise<Reply<GroupQueue>> {
  const offset = Math.max(0, Math.floor(span.offset ?? 0)) || 0;
  const count = Math.max(1, Math.floor(span.count ?? QUEUE_PAGE)) || QUEUE_PAGE;
  const order = span.order ?? 'queue';
  const page = (from: number, limit: number) =>
    callRpc(client, 'group_queue', { p_group_id: groupId, p_limit: Math.min(limit, QUEUE_PAGE_MAX), p_offset: from, p_order: order });
  const first = await page(offset, count);
  if (!first.ok) return first;
  let read: GroupQueue = first.value;
  while (read.queue.length < count && offset + read.queue.length < (read.total ?? 0)) {
    const next = await page(offset + read.queue.length, count - read.queue.length);
    if (!next.ok) return next;
    if (next.value.queue.length === 0) break; // the queue shrank meanwhile: nothing more to read
    read = { ...appendPage(read, next.value), offset };
  }
  const queue = overlayWaiting(read, await outbox.getValue(), (await cachedAccount.getValue())?.userId);
  if (offset === 0 && order === 'queue') {
    const queues = await cachedQueues.getValue();
    await cachedQueues.setValue({ ...queues, [groupId]: firstPage(queue) });
  }
  return { ok: true, value: queue };
}

/** What is cached of a queue: its first page and the whole queue's totals. */
export const firstPage = (queue: GroupQueue): GroupQueue =>
  queue.queue.length <= QUEUE_PAGE ? queue : { ...queue, queue: queue.queue.slice(0, QUEUE_PAGE), limit: QUEUE_PAGE };

/**
 * After a group was created or joined: refresh the list, or if that fails, add the group
 * to the cached list so it at least shows up.
 */
export async function rememberGroup(
  client: SupabaseClient,
  group: { id: string; name: string },
  role: GroupSummary['role'],
): Promise<void> {
  const refreshed = await refreshCachedGroups(client);
  if (refreshed.ok) return;
  const groups = await cachedGroups.getValue();
  if (groups.some((g) => g.id === group.id)) return;
  await cachedGroups.setValue([...groups, { id: group.id, name: group.name, role, member_count: 1, queue_count: 0 }]);
}

/** Run a membership change, then refresh the cached groups (names, counts, who is in what). */
export async function afterGroupChange<T>(
  client: SupabaseClient,
  change: (client: SupabaseClient) => Promise<Reply<T>>,
): Promise<Reply<T>> {
  const reply = await change(client);
  if (reply.ok) await refreshCachedGroups(client);
  return reply;
}

/** Left or deleted: drop the group's cached queue, and stop saving to it by default. */
export async function forgetGroup(groupId: string): Promise<void> {
  const groups = await cachedGroups.getValue();
  if (groups.some((g) => g.id === groupId)) await cachedGroups.setValue(groups.filter((g) => g.id !== groupId));
  const { [groupId]: _gone, ...queues } = await cachedQueues.getValue();
  await cachedQueues.setValue(queues);
  if ((await lastGroupId.getValue()) === groupId) await lastGroupId.setValue(null);
}

/**
 * The account was deleted: nothing of it stays in this browser. Its waiting changes go
 * (nobody can ever send them); other members' kept changes on this browser stay.
 */
export async function forgetAccount(userId: string): Promise<void> {
  await forgetMember(userId);
  await Promise.all([
    cachedAccount.setValue(null),
    cachedGroups.setValue([]),
    cachedQueues.setValue({}),
    lastGroupId.setValue(null),
    panelGroupId.setValue(null),
    pendingSignInEmail.setValue(null),
    savedPages.setValue({}),
  ]);
}

/**
 * The profile's new name, also on the session's user (where the account is read from);
 * the backend may not offer that, so the cached account is updated either way.
 */
export async function rememberProfile(client: SupabaseClient, displayName: string): Promise<Account> {
  try {
    await client.auth.updateUser({ data: { display_name: displayName } });
  } catch {
    // The profile row is what others see; the session's copy only names the account here.
  }
  const { data } = await client.auth.getSession();
  const before = await cachedAccount.getValue();
  const user = data.session?.user;
  const account: Account = { userId: user?.id ?? before?.userId ?? '', email: user?.email ?? before?.email ?? '', displayName };
  await cachedAccount.setValue(account);
  return account;
}

/** A comment was added: bump the count on every cached queue row for that item. */
export async function countCachedComment(itemId: string, _comment: Comment): Promise<void> {
  const queues = await cachedQueues.getValue();
  let changed = false;
  const next: Record<string, GroupQueue> = {};
  for (const [groupId, q] of Object.entries(queues)) {
    if (q.queue.some((e) => e.item_id === itemId)) {
      changed = true;
      next[groupId] = { ...q, queue: q.queue.map((e) => (e.item_id === itemId ? { ...e, comment_count: e.comment_count + 1 } : e)) };
    } else {
      next[groupId] = q;
    }
  }
  if (changed) await cachedQueues.setValue(next);
}

/**
 * An item was removed: it leaves every cached queue at once (the server's queue follows), and
 * the badge forgets the pages it held, so they read as not saved.
 */
export async function forgetCachedItem(itemId: string): Promise<void> {
  const queues = await cachedQueues.getValue();
  if (Object.values(queues).some((q) => q.queue.some((e) => e.item_id === itemId))) {
    // As taking it off the queue: gone from the page, and from the totals.
    const next = Object.fromEntries(
      Object.entries(queues).map(([groupId, q]) => [groupId, applyChange(q, { kind: 'unqueue', args: { itemId } })]),
    );
    await cachedQueues.setValue(next);
  }
  const marks = await savedPages.getValue();
  if (Object.values(marks).some((m) => m.itemId === itemId)) {
    await savedPages.setValue(Object.fromEntries(Object.entries(marks).filter(([, m]) => m.itemId !== itemId)));
  }
}

/** Tags were added to an item: show its full tag list on every cached queue row for it. */
export async function tagCachedItem(itemId: string, tags: string[]): Promise<void> {
  const queues = await cachedQueues.getValue();
  const hasItem = (q: GroupQueue) => q.queue.some((e) => e.item_id === itemId);
  if (!Object.values(queues).some(hasItem)) return;
  const next = Object.fromEntries(
    Object.entries(queues).map(([groupId, q]) => [
      groupId,
      hasItem(q) ? { ...q, queue: q.queue.map((e) => (e.item_id === itemId ? { ...e, tags } : e)) } : q,
    ]),
  );
  await cachedQueues.setValue(next);
}
