/**
 * Background: removing a tag, voting, marking read, moving and taking off the queue, kept in
 * the outbox like clips and comments when the server cannot be reached. Each RPC
 * is a set — vote_item(p_vote) and mark_read(p_read) say the state wanted, move_queue_entry
 * places X before Y in the queue as it is then, untag_item and unqueue_item do nothing the
 * second time — so sending one twice is harmless. An item that is gone is refused with the
 * server's words (marked failed, blocking nothing). The handlers are in handlers/queue.ts.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { GroupQueue } from '@/utils/shared/api-types';
import type { Reply } from '@/utils/shared/protocol';
import { callRpc, tagCachedItem } from './rpc';
import { overlayWaiting, type ChangeInput } from '@/utils/shared/outbox-overlay';
import { cachedAccount, cachedQueues, outbox } from '@/utils/shared/storage';

/** The one call a change makes, and what the cached queues learn from its answer. */
export async function sendChange(client: SupabaseClient, { kind, args }: ChangeInput): Promise<Reply<unknown>> {
  switch (kind) {
    case 'untag': {
      const reply = await callRpc(client, 'untag_item', { p_item_id: args.itemId, p_tag: args.tag });
      if (reply.ok) await tagCachedItem(args.itemId, reply.value);
      return reply;
    }
    case 'vote': {
      const reply = await callRpc(client, 'vote_item', { p_item_id: args.itemId, p_vote: args.vote });
      if (reply.ok) await patchCachedEntry(args.itemId, { votes: reply.value.votes, voted: reply.value.voted });
      return reply;
    }
    case 'read': {
      const reply = await callRpc(client, 'mark_read', { p_item_id: args.itemId, p_read: args.read });
      if (reply.ok) await patchCachedEntry(args.itemId, { read: reply.value.read, read_count: reply.value.read_count });
      return reply;
    }
    case 'move':
      return rememberQueue(await callRpc(client, 'move_queue_entry', { p_item_id: args.itemId, p_before_item_id: args.beforeItemId }));
    case 'unqueue':
      return rememberQueue(await callRpc(client, 'unqueue_item', { p_item_id: args.itemId }));
  }
}

/** A whole queue from the server, with what still waits on top, into the cache (and back). */
export async function rememberQueue(reply: Reply<GroupQueue>): Promise<Reply<GroupQueue>> {
  if (!reply.ok) return reply;
  const queue = overlayWaiting(reply.value, await outbox.getValue(), (await cachedAccount.getValue())?.userId);
  await cachedQueues.setValue({ ...(await cachedQueues.getValue()), [queue.group.id]: queue });
  return { ok: true, value: queue };
}

async function patchCachedEntry(itemId: string, values: Partial<GroupQueue['queue'][number]>) {
  const queues = await cachedQueues.getValue();
  const next = Object.fromEntries(
    Object.entries(queues).map(([id, q]) => [id, { ...q, queue: q.queue.map((e) => (e.item_id === itemId ? { ...e, ...values } : e)) }]),
  );
  await cachedQueues.setValue(next);
}
