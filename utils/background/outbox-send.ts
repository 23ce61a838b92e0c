/**
 * Background: the calls the outbox makes (the same ones the popup's Save and Comment make,
 * with the same follow-ups), the "try now, else keep it" step the handlers use, and when
 * the outbox is delivered (alarm, browser start; sign-in and calls that worked via handlers).
 */
import { browser } from '#imports';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { ClipItemArgs, ClipItemResult, Comment, Highlight, HighlightTarget } from '@/utils/shared/api-types';
import type { Reply } from '@/utils/shared/protocol';
import { callRpc, countCachedComment, refreshCachedGroups, tagCachedItem } from './rpc';
import { sendChange } from './outbox-changes';
import { addHighlightArgs } from './highlight-args';
import { markSaved } from './saved-badge';
import { readStoredAccount } from './session';
import { cachedAccount, lastGroupId, outbox, type OutboxOpInput } from '@/utils/shared/storage';
import {
  deliver,
  doneSending,
  enqueue,
  forget,
  isRetryable,
  keepWhileSending,
  OUTBOX_ALARM,
  queuedError,
  recoverInterrupted,
  scheduleAlarm,
  type Send,
} from './outbox';

export async function saveClipNow(client: SupabaseClient, args: ClipItemArgs): Promise<Reply<ClipItemResult>> {
  const reply = await callRpc(client, 'clip_item', args);
  if (reply.ok) {
    await lastGroupId.setValue(args.p_group_id);
    // The toolbar's "already saved" mark knows at once, without asking find_item.
    await markSaved(args.p_group_id, [args.p_clip.url, args.p_clip.canonical_url], reply.value.item_id);
    // No follow-up calls: a clip is one request, and the popup and side
    // panel ask for groups and the queue themselves whenever they open.
  }
  return reply;
}

export async function addCommentNow(
  client: SupabaseClient,
  itemId: string,
  body: string,
  clientId: string,
  parentId?: string | null,
  highlightId?: string,
): Promise<Reply<Comment>> {
  const args = {
    p_item_id: itemId,
    p_body: body,
    p_client_id: clientId,
    ...(parentId ? { p_parent_id: parentId } : {}),
    ...(highlightId ? { p_highlight_id: highlightId } : {}),
  };
  const reply = await callRpc(client, 'add_comment', args);
  // A reply on a highlight is not one of the item's comments: the queue's count stays.
  if (reply.ok && !highlightId) await countCachedComment(itemId, reply.value);
  return reply;
}

/** add_highlight with the change's client id, so a repeat send answers the first highlight. */
export function addHighlightNow(
  client: SupabaseClient,
  itemId: string,
  target: HighlightTarget,
  body: string,
  clientId: string,
): Promise<Reply<Highlight>> {
  return callRpc(client, 'add_highlight', addHighlightArgs(itemId, target, body, clientId));
}

export function outboxSender(getClient: () => Promise<SupabaseClient>): Send {
  return async (op, itemId) => {
    const client = await getClient();
    if (op.kind === 'clip') return saveClipNow(client, op.args);
    if (op.kind === 'comment')
      return addCommentNow(client, itemId ?? op.args.itemId ?? '', op.args.body, op.id, op.args.parentId, op.args.highlightId);
    if (op.kind === 'highlight') return addHighlightNow(client, op.args.itemId, op.args.target, op.args.body, op.id);
    if (op.kind === 'tag') {
      const reply = await callRpc(client, 'tag_item', { p_item_id: op.args.itemId, p_tags: op.args.tags });
      if (reply.ok) await tagCachedItem(op.args.itemId, reply.value);
      return reply;
    }
    if (op.kind === 'queue') {
      const reply = await callRpc(client, 'queue_item', { p_item_id: op.args.itemId });
      if (reply.ok) await refreshCachedGroups(client);
      return reply;
    }
    return sendChange(client, op);
  };
}

/** Deliver what waits for whoever is signed in now; `force` ignores the backoff. */
export function outboxKicker(getClient: () => Promise<SupabaseClient>) {
  const send = outboxSender(getClient);
  return async (force = false, retryId?: string): Promise<void> => {
    if ((await outbox.getValue()).length === 0) return;
    const account = await readStoredAccount();
    await deliver(send, { userId: account?.userId ?? null, force, retryId });
  };
}

/**
 * Send once; on a failure that may pass, keep the change in the outbox and answer 'queued'.
 * `waitBehind`: something earlier for the same item still waits, so this waits too.
 */
export async function sendOrKeep<T>(
  op: Omit<OutboxOpInput, 'userId'>,
  attempt: () => Promise<Reply<T>>,
  waitBehind = false,
): Promise<Reply<T>> {
  // Whose change this is, read before the call: a failed refresh drops the session.
  const userId = (await readStoredAccount())?.userId ?? (await cachedAccount.getValue())?.userId ?? null;
  // Written ahead, with the alarm set: if the worker is stopped during the call, the change
  // is still here and the alarm (or the next start) sends it.
  const wasWaiting = userId && !waitBehind ? await keepWhileSending({ ...op, userId } as OutboxOpInput) : false;
  if (userId && !waitBehind) await scheduleAlarm();
  const reply: Reply<T> = waitBehind
    ? { ok: false, error: { kind: 'network', message: 'Waiting behind an earlier change.' } }
    : await attempt();
  if (reply.ok) {
    if ((await outbox.getValue()).some((o) => o.id === op.id)) {
      await forget(op.id);
      await scheduleAlarm();
    }
    return reply;
  }
  if (!isRetryable(reply.error) || !userId) {
    // Refused: the member sees why. Only a change that was waiting before stays waiting.
    if (userId && !waitBehind) await (wasWaiting ? doneSending(op.id) : forget(op.id));
    return reply;
  }
  await enqueue({ ...op, userId } as OutboxOpInput, reply.error);
  await scheduleAlarm();
  return { ok: false, error: queuedError(reply.error) };
}

/** Background start: deliver on the outbox's alarm, when the browser starts, and what a stopped worker left. */
export function registerOutboxDelivery(getClient: () => Promise<SupabaseClient>): (force?: boolean) => Promise<void> {
  const kick = outboxKicker(getClient);
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === OUTBOX_ALARM) void kick();
  });
  browser.runtime.onStartup.addListener(() => void kick(true));
  // Every worker start: what a stopped worker was sending goes again now.
  void recoverInterrupted()
    .then((found) => (found > 0 ? kick(true) : undefined))
    .catch(() => {});
  return kick;
}
