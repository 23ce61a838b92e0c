/**
 * The outbox (background only): clips, comments, tags, votes, read marks and queue changes that could not be
 * sent (server unreachable, server error, session ended) wait in extension storage and are
 * sent later — on an alarm with backoff, on sign-in, on browser start and after any call
 * that worked. Exactly once: every operation carries its client id and every RPC it calls
 * is idempotent for it. In order per item: an operation waits while an earlier one for the
 * same item waits. One operation the server refuses is marked failed and blocks nothing.
 */
import { browser } from '#imports';
import type { Reply, UserError } from '@/utils/shared/protocol';
import { outbox, outboxLanded, type OutboxOp, type OutboxOpInput } from '@/utils/shared/storage';
// What pages list (pure, shared with them): kept beside the overlay, re-exported for the background.
export { summarise, waitingFor, waitingOps } from '@/utils/shared/outbox-overlay';

export const OUTBOX_ALARM = 'readclub-outbox';
export const FIRST_RETRY_MS = 30_000;
export const LAST_RETRY_MS = 30 * 60_000;
/** A server error that persists this many times is probably not passing: stop and show it. */
export const MAX_SERVER_ATTEMPTS = 8;

export const QUEUED_MESSAGE = 'Saved on this device. Readclub will send it when it can reach the server.';
export const QUEUED_SIGNED_OUT_MESSAGE = 'Saved on this device. Readclub will send it after you sign in again.';

/** Failures that may pass by themselves (or by signing in again). */
export function isRetryable(error: UserError): boolean {
  return error.kind === 'network' || error.kind === 'server' || error.kind === 'signed-out';
}

/** What the member is told when their change went into the outbox instead. */
export function queuedError(cause: UserError): UserError {
  return { kind: 'queued', message: cause.kind === 'signed-out' ? QUEUED_SIGNED_OUT_MESSAGE : QUEUED_MESSAGE };
}

/** 30 s, 60 s, 2 min … up to 30 min, each ±20 % so many browsers don't return at once. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(LAST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

// Every read-modify-write of the outbox goes through this chain, so an enqueue during a
// delivery never overwrites (or is overwritten by) it.
let chain: Promise<unknown> = Promise.resolve();
function change<T>(fn: (ops: OutboxOp[]) => { ops: OutboxOp[]; result: T } | Promise<{ ops: OutboxOp[]; result: T }>): Promise<T> {
  const next = chain.then(async () => {
    const { ops, result } = await fn(await outbox.getValue());
    await outbox.setValue(ops);
    return result;
  });
  chain = next.catch(() => {});
  return next;
}

/**
 * This service worker's life. A change marked as being sent by another life was in flight
 * when that worker stopped (Chrome stops idle workers, and may stop a busy one).
 */
const LIFE = crypto.randomUUID();

/**
 * Write-ahead: the change is in storage (due in 30 s, with the alarm set) before it is sent,
 * so a worker stopped mid-call loses nothing; its client id makes sending it twice harmless.
 * Returns whether it was already waiting (a repeat Save of a kept change).
 */
export function keepWhileSending(input: OutboxOpInput, now = Date.now()): Promise<boolean> {
  return change((ops) => {
    const before = ops.find((o) => o.id === input.id);
    const op = {
      ...input,
      createdAt: before?.createdAt ?? now,
      attempts: before?.attempts ?? 0,
      nextAttemptAt: now + FIRST_RETRY_MS,
      lastError: before?.lastError ?? null,
      failed: false,
      sendingIn: LIFE,
    } as OutboxOp;
    return { ops: before ? ops.map((o) => (o.id === op.id ? op : o)) : [...ops, op], result: Boolean(before) };
  });
}

/** The send finished without a verdict to keep (a refusal of a change that was waiting before). */
export const doneSending = (id: string) =>
  change((ops) => ({ ops: ops.map((o) => (o.id === id ? { ...o, sendingIn: undefined } : o)), result: undefined }));

/** Being sent by this worker right now (not by a stopped one). */
const inFlightHere = (op: OutboxOp) => op.sendingIn === LIFE;

/**
 * Worker start: changes a stopped worker was sending become ordinary waiting changes, due
 * now (the server may or may not have them; the client id sorts that out). Returns how many.
 */
export function recoverInterrupted(life: string = LIFE, now = Date.now()): Promise<number> {
  return change((ops) => {
    let found = 0;
    const next = ops.map((o) => {
      if (!o.sendingIn || o.sendingIn === life) return o;
      found += 1;
      const lastError = o.lastError ?? { kind: 'network' as const, message: 'Interrupted while sending; Readclub sends it again.' };
      return { ...o, sendingIn: undefined, nextAttemptAt: now, lastError };
    });
    return { ops: next, result: found };
  });
}

/** Put an operation in the outbox (or update it, same id), after a first failed attempt. */
export function enqueue(input: OutboxOpInput, cause: UserError, now = Date.now()): Promise<OutboxOp> {
  return change((ops) => {
    const before = ops.find((o) => o.id === input.id);
    const attempts = (before?.attempts ?? 0) + 1;
    const op: OutboxOp = {
      ...input,
      createdAt: before?.createdAt ?? now,
      attempts,
      nextAttemptAt: now + backoffMs(attempts),
      lastError: cause,
      failed: false,
      sendingIn: undefined,
    } as OutboxOp;
    return { ops: before ? ops.map((o) => (o.id === op.id ? op : o)) : [...ops, op], result: op };
  });
}

/**
 * Whether something for this item is still waiting (a new change for it must wait too).
 * `self`: the change asking, which never waits behind its own earlier try.
 */
export async function isWaiting(itemKey: string, self?: string): Promise<boolean> {
  return (await outbox.getValue()).some((o) => o.itemKey === itemKey && o.id !== self && !o.failed && !inFlightHere(o));
}

/**
 * Forget one operation (and any comment waiting for the clip it was). With `member` (who the
 * list names, or null for nobody), only theirs: nobody discards another member's kept change.
 */
export function discard(id: string, member?: string | null): Promise<void> {
  const gone = (o: OutboxOp) =>
    (o.id === id || (o.kind === 'comment' && o.args.clipId === id)) && (member === undefined || o.userId === member);
  return change((ops) => ({ ops: ops.filter((o) => !gone(o)), result: undefined }));
}

/** A change that just went through directly is no longer waiting. */
export const forget = (id: string) => change((ops) => ({ ops: ops.filter((o) => o.id !== id), result: undefined }));

/** A deleted account's changes can never be sent: drop them (other members' stay). */
export async function forgetMember(userId: string): Promise<void> {
  await change((ops) => ({ ops: ops.filter((o) => o.userId !== userId), result: undefined }));
  await pruneLanded();
}

/** Sends one operation; itemId is the item a comment on a waiting clip resolved to. */
export type Send = (op: OutboxOp, itemId: string | null) => Promise<Reply<unknown>>;

export interface DeliverOptions {
  /** Whose session is live now (operations of anyone else wait for them). */
  userId: string | null;
  /** Try every waiting operation now, backoff or not (sign-in, a call that worked, Retry). */
  force?: boolean;
  /** Retry also this failed operation. */
  retryId?: string;
  now?: () => number;
  random?: () => number;
}

let running: Promise<void> | null = null;
let rerun: DeliverOptions | null = null;

/** Send what is due, in order; at most one delivery runs at a time (a request meanwhile reruns it). */
export async function deliver(send: Send, options: DeliverOptions): Promise<void> {
  if (running) {
    rerun = { ...rerun, ...options, force: Boolean(rerun?.force || options.force) };
    return running;
  }
  running = (async () => {
    let next: DeliverOptions | null = options;
    while (next) {
      rerun = null;
      await deliverOnce(send, next);
      next = rerun;
    }
  })().finally(() => (running = null));
  return running;
}

async function deliverOnce(send: Send, { userId, force, retryId, now = Date.now, random = Math.random }: DeliverOptions) {
  if (retryId) await change((ops) => ({ ops: ops.map((o) => (o.id === retryId ? { ...o, failed: false } : o)), result: undefined }));
  // Order is per member and item: one member's waiting change never holds up another's.
  const blocked = new Set<string>();
  const key = (op: OutboxOp) => `${op.userId} ${op.itemKey}`;
  const ops = [...(await outbox.getValue())].sort((a, b) => a.createdAt - b.createdAt);
  for (const op of ops) {
    if (op.failed || blocked.has(key(op))) continue;
    // Its first send is under way in this worker: later changes to the item wait for it.
    if (inFlightHere(op) || op.userId !== userId || (!force && op.id !== retryId && op.nextAttemptAt > now())) {
      blocked.add(key(op));
      continue;
    }
    const itemId = await resolveItem(op);
    if (itemId === undefined) {
      blocked.add(key(op));
      continue;
    }
    if (itemId === 'lost') {
      await settle(op.id, {
        failed: true,
        lastError: { kind: 'invalid', message: 'Its clip was not saved, so this comment has nowhere to go.' },
      });
      continue;
    }
    // Discarded by the member while this run was under way: not sent.
    if (!(await outbox.getValue()).some((o) => o.id === op.id)) continue;
    const reply = await send(op, itemId);
    if (reply.ok) {
      if (op.kind === 'clip')
        await outboxLanded.setValue({ ...(await outboxLanded.getValue()), [op.id]: (reply.value as { item_id: string }).item_id });
      await forget(op.id);
      continue;
    }
    const attempts = op.attempts + 1;
    const giveUp = !isRetryable(reply.error) || (reply.error.kind === 'server' && attempts >= MAX_SERVER_ATTEMPTS);
    await settle(op.id, { attempts, failed: giveUp, lastError: reply.error, nextAttemptAt: now() + backoffMs(attempts, random) });
    if (giveUp) continue;
    blocked.add(key(op));
    // Unreachable or signed out: the rest would fail the same way; they wait for the next try.
    if (reply.error.kind !== 'server') break;
  }
  await pruneLanded();
  await scheduleAlarm(now(), userId);
}

/** Landed clips are remembered only while a comment still waits for them. */
async function pruneLanded() {
  const landed = await outboxLanded.getValue();
  const wanted = new Set((await outbox.getValue()).flatMap((o) => (o.kind === 'comment' && o.args.clipId ? [o.args.clipId] : [])));
  const kept = Object.fromEntries(Object.entries(landed).filter(([clipId]) => wanted.has(clipId)));
  if (Object.keys(kept).length !== Object.keys(landed).length) await outboxLanded.setValue(kept);
}

/** The item a comment goes to: its own, its clip's once landed, undefined while the clip waits, 'lost' if never. */
async function resolveItem(op: OutboxOp): Promise<string | null | undefined | 'lost'> {
  if (op.kind !== 'comment' || op.args.itemId) return null;
  const clipId = op.args.clipId;
  const landed = clipId ? (await outboxLanded.getValue())[clipId] : undefined;
  if (landed) return landed;
  const clip = (await outbox.getValue()).find((o) => o.id === clipId);
  return clip && !clip.failed ? undefined : 'lost';
}

function settle(id: string, patch: Partial<Pick<OutboxOp, 'attempts' | 'failed' | 'lastError' | 'nextAttemptAt'>>) {
  return change((ops) => ({ ops: ops.map((o) => (o.id === id ? ({ ...o, ...patch } as OutboxOp) : o)), result: undefined }));
}

/**
 * One alarm at the earliest retry; none when nothing waits. Given whose session is live,
 * only their changes count: others' wait for a sign-in, which sends them anyway.
 */
export async function scheduleAlarm(now = Date.now(), userId?: string | null): Promise<void> {
  const waiting = (await outbox.getValue()).filter((o) => !o.failed && (userId === undefined || o.userId === userId));
  const due = waiting.map((o) => o.nextAttemptAt);
  if (due.length === 0) {
    await browser.alarms.clear(OUTBOX_ALARM);
    return;
  }
  await browser.alarms.create(OUTBOX_ALARM, { when: Math.max(Math.min(...due), now + 1000) });
}
