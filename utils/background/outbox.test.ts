import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ClipItemArgs } from '@/utils/shared/api-types';
import type { Reply, UserError } from '@/utils/shared/protocol';
import { EMPTY_CLIP } from '@/utils/shared/link-clip';
import { outbox, outboxLanded, type OutboxOpInput } from '@/utils/shared/storage';
import {
  backoffMs,
  deliver,
  discard,
  enqueue,
  FIRST_RETRY_MS,
  isWaiting,
  LAST_RETRY_MS,
  MAX_SERVER_ATTEMPTS,
  OUTBOX_ALARM,
  summarise,
  waitingFor,
  type Send,
} from './outbox';

const down: UserError = { kind: 'network', message: 'down' };
const clipArgs = (id: string, title = 'An essay'): ClipItemArgs => ({
  p_client_id: id,
  p_group_id: 'g1',
  p_clip: { ...EMPTY_CLIP, kind: 'link', url: `https://example.com/${id}`, title },
  p_tags: [],
  p_comment: null,
  p_queue: false,
});
const clip = (id: string): OutboxOpInput => ({ kind: 'clip', id, groupId: 'g1', itemKey: id, userId: 'u1', args: clipArgs(id) });
const comment = (id: string, itemId: string | null, clipId?: string): OutboxOpInput => ({
  kind: 'comment',
  id,
  groupId: 'g1',
  itemKey: itemId ?? clipId ?? '',
  userId: 'u1',
  args: { itemId, clipId, body: `comment ${id}` },
});

/** A pretend server: answers per op id, records what was sent (and for which item). */
function server(answers: Record<string, () => Reply<unknown>> = {}) {
  const sent: Array<{ id: string; itemId: string | null }> = [];
  const send: Send = vi.fn(async (op, itemId): Promise<Reply<unknown>> => {
    sent.push({ id: op.id, itemId });
    return answers[op.id]?.() ?? { ok: true, value: op.kind === 'clip' ? { item_id: `item-of-${op.id}` } : {} };
  });
  return { send, sent };
}

let clock = 1_000_000;
const now = () => clock;
const t0 = clock;

beforeEach(() => {
  fakeBrowser.reset();
  clock = t0;
});

// Regression: a comment sent again after its worker stopped
// mid-send waited behind its own earlier try, and the member was told it was only kept.
describe('isWaiting', () => {
  it('an earlier change to the item waits; the same change tried again does not wait behind itself', async () => {
    await enqueue(comment('c1', 'i1'), down);
    expect(await isWaiting('i1')).toBe(true);
    expect(await isWaiting('i1', 'c2')).toBe(true);
    expect(await isWaiting('i1', 'c1')).toBe(false);
    expect(await isWaiting('i2')).toBe(false);
  });
});

describe('backoffMs', () => {
  it('starts at 30 s, doubles, stops at 30 min, with ±20 % jitter', () => {
    expect(backoffMs(1, () => 0.5)).toBe(FIRST_RETRY_MS);
    expect(backoffMs(2, () => 0.5)).toBe(2 * FIRST_RETRY_MS);
    expect(backoffMs(4, () => 0.5)).toBe(8 * FIRST_RETRY_MS);
    expect(backoffMs(20, () => 0.5)).toBe(LAST_RETRY_MS);
    expect(backoffMs(1, () => 0)).toBe(0.8 * FIRST_RETRY_MS);
    expect(backoffMs(1, () => 1)).toBe(1.2 * FIRST_RETRY_MS);
  });
});

describe('outbox delivery', () => {
  it('waits for the backoff, then sends, forgets it and clears the alarm', async () => {
    await enqueue(clip('a'), down, clock);
    const alarmAt = (await outbox.getValue())[0]!.nextAttemptAt;
    expect(alarmAt).toBeGreaterThanOrEqual(clock + 0.8 * FIRST_RETRY_MS);
    const { send, sent } = server();
    await deliver(send, { userId: 'u1', now });
    expect(sent).toEqual([]);
    expect(await fakeBrowser.alarms.get(OUTBOX_ALARM)).toMatchObject({ scheduledTime: alarmAt });
    clock = alarmAt;
    await deliver(send, { userId: 'u1', now });
    expect(sent).toEqual([{ id: 'a', itemId: null }]);
    expect(await outbox.getValue()).toEqual([]);
    expect(await fakeBrowser.alarms.get(OUTBOX_ALARM)).toBeUndefined();
  });

  it('a failure that may pass waits longer each time', async () => {
    await enqueue(clip('a'), down, clock);
    const { send } = server({ a: () => ({ ok: false, error: down }) });
    await deliver(send, { userId: 'u1', force: true, now, random: () => 0.5 });
    await deliver(send, { userId: 'u1', force: true, now, random: () => 0.5 });
    const [op] = await outbox.getValue();
    expect(op).toMatchObject({ attempts: 3, failed: false, lastError: down, nextAttemptAt: clock + 4 * FIRST_RETRY_MS });
  });

  it('sends each operation exactly once even when deliveries overlap', async () => {
    await enqueue(clip('a'), down, clock);
    await enqueue(clip('b'), down, clock + 1);
    const { send, sent } = server();
    await Promise.all([deliver(send, { userId: 'u1', force: true, now }), deliver(send, { userId: 'u1', force: true, now })]);
    expect(sent.map((s) => s.id)).toEqual(['a', 'b']);
    expect(await outbox.getValue()).toEqual([]);
  });

  it('keeps order per item: a comment waits while an earlier one for the same item fails', async () => {
    await enqueue(comment('c1', 'i1'), down, clock);
    await enqueue(comment('c2', 'i1'), down, clock + 1);
    await enqueue(comment('c3', 'i2'), down, clock + 2);
    const { send, sent } = server({ c1: () => ({ ok: false, error: { kind: 'server', message: '500' } }) });
    await deliver(send, { userId: 'u1', force: true, now });
    expect(sent.map((s) => s.id)).toEqual(['c1', 'c3']);
    expect((await outbox.getValue()).map((o) => o.id)).toEqual(['c1', 'c2']);
  });

  it('a comment on a clip still waiting goes after the clip, to the item the clip made', async () => {
    await enqueue(clip('k'), down, clock);
    await enqueue(comment('c1', null, 'k'), down, clock + 1);
    const { send, sent } = server();
    await deliver(send, { userId: 'u1', force: true, now });
    expect(sent).toEqual([
      { id: 'k', itemId: null },
      { id: 'c1', itemId: 'item-of-k' },
    ]);
    expect(await outbox.getValue()).toEqual([]);
    // Remembered only while a comment waits for it.
    expect(await outboxLanded.getValue()).toEqual({});
  });

  it('one operation the server refuses is marked failed and does not block the rest', async () => {
    await enqueue(comment('bad', 'i1'), down, clock);
    await enqueue(comment('next', 'i1'), down, clock + 1);
    await enqueue(clip('other'), down, clock + 2);
    const refused: UserError = { kind: 'invalid', message: 'A comment can be at most 4000 characters.' };
    const { send, sent } = server({ bad: () => ({ ok: false, error: refused }) });
    await deliver(send, { userId: 'u1', force: true, now });
    expect(sent.map((s) => s.id)).toEqual(['bad', 'next', 'other']);
    expect(await outbox.getValue()).toMatchObject([{ id: 'bad', failed: true, lastError: refused }]);
    // A failed one is not retried by itself, only when the member asks.
    await deliver(send, { userId: 'u1', force: true, now });
    expect(sent).toHaveLength(3);
    await deliver(send, { userId: 'u1', retryId: 'bad', now });
    expect(sent.map((s) => s.id)).toEqual(['bad', 'next', 'other', 'bad']);
  });

  it('a comment whose clip was refused fails with a reason instead of waiting forever', async () => {
    await enqueue(clip('k'), down, clock);
    await enqueue(comment('c1', null, 'k'), down, clock + 1);
    const { send, sent } = server({ k: () => ({ ok: false, error: { kind: 'invalid', message: 'Too large.' } }) });
    await deliver(send, { userId: 'u1', force: true, now });
    expect(sent.map((s) => s.id)).toEqual(['k']);
    expect(await outbox.getValue()).toMatchObject([
      { id: 'k', failed: true },
      { id: 'c1', failed: true },
    ]);
  });

  it('a server error that keeps coming back is given up after a few tries', async () => {
    await enqueue(clip('a'), down, clock);
    const { send } = server({ a: () => ({ ok: false, error: { kind: 'server', message: '500' } }) });
    for (let i = 1; i < MAX_SERVER_ATTEMPTS; i++) await deliver(send, { userId: 'u1', force: true, now });
    expect(await outbox.getValue()).toMatchObject([{ failed: true, attempts: MAX_SERVER_ATTEMPTS }]);
  });

  it('unreachable: stops at the first failure instead of trying everything', async () => {
    await enqueue(clip('a'), down, clock);
    await enqueue(clip('b'), down, clock + 1);
    const { send, sent } = server({ a: () => ({ ok: false, error: down }) });
    await deliver(send, { userId: 'u1', force: true, now });
    expect(sent.map((s) => s.id)).toEqual(['a']);
  });

  it("sends only the signed-in member's changes; the others wait for them", async () => {
    await enqueue(clip('a'), down, clock);
    await enqueue({ ...clip('b'), userId: 'u2' }, down, clock + 1);
    const { send, sent } = server();
    await deliver(send, { userId: null, force: true, now });
    expect(sent).toEqual([]);
    // Signed out: no alarm keeps waking the worker; signing in sends them.
    expect(await fakeBrowser.alarms.get(OUTBOX_ALARM)).toBeUndefined();
    await deliver(send, { userId: 'u2', force: true, now });
    expect(sent.map((s) => s.id)).toEqual(['b']);
    expect((await outbox.getValue()).map((o) => o.id)).toEqual(['a']);
  });

  it('discard forgets a change and the comments waiting for it', async () => {
    await enqueue(clip('k'), down, clock);
    await enqueue(comment('c1', null, 'k'), down, clock + 1);
    await enqueue(comment('c2', 'i2'), down, clock + 2);
    await discard('k');
    expect((await outbox.getValue()).map((o) => o.id)).toEqual(['c2']);
  });

  // Regression: on a shared browser the next member to sign in saw, and could discard, the
  // changes another member had kept for later.
  it('a member sees and discards only their own kept changes; with nobody named, all are only counted', async () => {
    await enqueue(clip('mine'), down, clock);
    await enqueue({ ...clip('theirs'), userId: 'u2' }, down, clock + 1);
    const ops = await outbox.getValue();
    expect(waitingFor(ops, 'u1')).toMatchObject({ mine: [{ id: 'mine' }], others: 1 });
    expect(waitingFor(ops, null)).toEqual({ mine: [], others: 2 });
    await discard('theirs', 'u1');
    await discard('theirs', null);
    expect((await outbox.getValue()).map((o) => o.id)).toEqual(['mine', 'theirs']);
    await discard('theirs', 'u2');
    expect((await outbox.getValue()).map((o) => o.id)).toEqual(['mine']);
  });

  it('a change discarded while a delivery is under way is not sent', async () => {
    await enqueue(clip('a'), down, clock);
    await enqueue(clip('b'), down, clock + 1);
    const sent: string[] = [];
    const send: Send = async (op) => {
      sent.push(op.id);
      if (op.id === 'a') await discard('b');
      return { ok: true, value: { item_id: 'x' } };
    };
    await deliver(send, { userId: 'u1', force: true, now });
    expect(sent).toEqual(['a']);
    expect(await outbox.getValue()).toEqual([]);
  });

  it('enqueueing the same client id again updates it instead of adding a second', async () => {
    await enqueue(clip('a'), down, clock);
    await enqueue(clip('a'), down, clock + 5);
    expect(await outbox.getValue()).toMatchObject([{ id: 'a', attempts: 2, createdAt: clock }]);
  });

  it('summarise shows a title or the start of a comment', () => {
    const long = { ...comment('c', 'i'), args: { itemId: 'i', body: 'x'.repeat(200) } } as OutboxOpInput;
    const op = { ...long, createdAt: 1, attempts: 1, nextAttemptAt: 2, lastError: null, failed: false };
    expect(summarise(op).label).toHaveLength(80);
    expect(summarise({ ...op, ...clip('a') }).label).toBe('An essay');
  });

  it('summarise names a highlight by its passage (cut at 60 characters, spaces joined) and its comment', () => {
    const base = {
      id: 'h',
      groupId: 'g',
      itemKey: 'i',
      userId: 'u1',
      createdAt: 1,
      attempts: 1,
      nextAttemptAt: 2,
      lastError: null,
      failed: false,
    };
    const target = { exact: `A\n  passage ${'x'.repeat(80)}`, prefix: '', suffix: '', start: null, end: null };
    const op = { ...base, kind: 'highlight' as const, args: { itemId: 'i', target, body: '' } };
    expect(summarise(op)).toMatchObject({ kind: 'highlight', label: `“A passage ${'x'.repeat(49)}…”` });
    expect(summarise({ ...op, args: { ...op.args, target: { ...target, exact: 'Short' }, body: 'Mine' } }).label).toBe('“Short” Mine');
  });
});
