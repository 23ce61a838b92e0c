/**
 * The background's answers for the queue: putting an item on it, reading it a page at a time,
 * and the changes to it (vote, read mark, move, take off; and removing a tag, which
 * discussion.ts answers through keepChange): sent at once, or kept in the outbox
 * (utils/background/outbox-changes.ts) and shown at once in the cached queue, so the side
 * panel draws the change before the server has it.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Reply } from '@/utils/shared/protocol';
import { callRpc, refreshCachedGroups, refreshCachedQueue } from '@/utils/background/rpc';
import { isWaiting } from '@/utils/background/outbox';
import { sendChange } from '@/utils/background/outbox-changes';
import { applyChange, type ChangeInput } from '@/utils/shared/outbox-overlay';
import { sendOrKeep } from '@/utils/background/outbox-send';
import { cachedQueues, type OutboxOpInput } from '@/utils/shared/storage';
import type { GetClient, Handlers } from './types';

/** The item's title (and the one a move goes before) as the page named it, or from the cached queues, for labels. */
async function titled(input: ChangeInput): Promise<ChangeInput> {
  const entries = Object.values(await cachedQueues.getValue()).flatMap((q) => q.queue);
  const title = (id: string | null, given?: string) => given || entries.find((e) => e.item_id === id)?.title;
  if (input.kind === 'move') {
    const { args } = input;
    return { ...input, args: { ...args, title: title(args.itemId, args.title), beforeTitle: title(args.beforeItemId, args.beforeTitle) } };
  }
  return { ...input, args: { ...input.args, title: title(input.args.itemId, input.args.title) } } as ChangeInput;
}

/** Send now; when it cannot be sent, keep it, show it in the cached queue and answer 'queued'. */
export async function keepChange<T>(getClient: () => Promise<SupabaseClient>, input: ChangeInput): Promise<Reply<T>> {
  const change = await titled(input);
  const op = { ...change, id: crypto.randomUUID(), groupId: '', itemKey: change.args.itemId } as Omit<OutboxOpInput, 'userId'>;
  // After an earlier change to this item that still waits, in order.
  const reply = await sendOrKeep(op, async () => sendChange(await getClient(), change), await isWaiting(change.args.itemId));
  if (!reply.ok && reply.error.kind === 'queued') {
    const queues = await cachedQueues.getValue();
    await cachedQueues.setValue(Object.fromEntries(Object.entries(queues).map(([id, q]) => [id, applyChange(q, change)])));
  }
  return reply as Reply<T>;
}

type Names = 'queueItem' | 'groupQueue' | 'voteItem' | 'markRead' | 'moveQueueEntry' | 'unqueueItem';

export function queueHandlers(getClient: GetClient): Pick<Handlers, Names> {
  return {
    async queueItem({ itemId }) {
      // queue_item is harmless when already queued, so the outbox may keep and resend it.
      const op = { kind: 'queue' as const, id: crypto.randomUUID(), groupId: '', itemKey: itemId, args: { itemId } };
      return sendOrKeep(
        op,
        async () => {
          const client = await getClient();
          const reply = await callRpc(client, 'queue_item', { p_item_id: itemId });
          // The group's queue count changed; the side panel refreshes its queue when shown.
          if (reply.ok) await refreshCachedGroups(client);
          return reply;
        },
        await isWaiting(itemId),
      );
    },
    async groupQueue({ groupId, offset, count, order }) {
      return refreshCachedQueue(await getClient(), groupId, { offset, count, order });
    },
    async voteItem({ itemId, vote, title }) {
      return keepChange(getClient, { kind: 'vote', args: { itemId, vote, title } });
    },
    async markRead({ itemId, read, title }) {
      return keepChange(getClient, { kind: 'read', args: { itemId, read, title } });
    },
    async moveQueueEntry({ itemId, beforeItemId, title, beforeTitle }) {
      return keepChange(getClient, { kind: 'move', args: { itemId, beforeItemId, title, beforeTitle } });
    },
    async unqueueItem({ itemId, title }) {
      return keepChange(getClient, { kind: 'unqueue', args: { itemId, title } });
    },
  };
}
