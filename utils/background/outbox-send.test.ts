import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { SupabaseClient } from '@supabase/supabase-js';
import { EMPTY_CLIP } from '@/utils/shared/link-clip';
import { AUTH_STORAGE_KEY } from './session';
import { outbox } from '@/utils/shared/storage';
import { OUTBOX_ALARM, recoverInterrupted, waitingOps } from './outbox';
import { registerOutboxDelivery, sendOrKeep } from './outbox-send';

const user = { id: 'u1', email: 'ada@example.com', user_metadata: {} };
const session = { access_token: 'a', refresh_token: 'r', expires_at: 9_999_999_999, user };
const down = { ok: false as const, error: { kind: 'network' as const, message: 'down' } };
const clipOp = (id: string) => ({
  kind: 'clip' as const,
  id,
  groupId: 'g1',
  itemKey: id,
  args: {
    p_client_id: id,
    p_group_id: 'g1',
    p_clip: { ...EMPTY_CLIP, kind: 'link' as const, url: 'https://example.com/a', title: 'A' },
    p_tags: [],
    p_comment: null,
    p_queue: false,
  },
});

function client() {
  const rpc = vi.fn(async (name: string) => ({
    data: name === 'clip_item' ? { item_id: 'i1', created: true, queued: false, comment_id: null } : [],
    error: null,
    status: 200,
  }));
  const auth = { getSession: vi.fn(async () => ({ data: { session }, error: null })) };
  return { rpc, client: { rpc, auth } as unknown as SupabaseClient };
}

beforeEach(() => fakeBrowser.reset());

describe('sendOrKeep', () => {
  it('keeps nothing when nobody was signed in (there is no one to send it for)', async () => {
    expect(await sendOrKeep(clipOp('a'), async () => down)).toEqual(down);
    expect(await outbox.getValue()).toEqual([]);
  });

  it("keeps a change that may pass, for the member who made it, and sets the outbox's alarm", async () => {
    await fakeBrowser.storage.local.set({ [AUTH_STORAGE_KEY]: JSON.stringify(session) });
    expect(await sendOrKeep(clipOp('a'), async () => down)).toMatchObject({ ok: false, error: { kind: 'queued' } });
    expect(await outbox.getValue()).toMatchObject([{ id: 'a', userId: 'u1' }]);
    expect(await fakeBrowser.alarms.get(OUTBOX_ALARM)).toBeDefined();
  });

  it('a change sent directly after all leaves the outbox', async () => {
    await fakeBrowser.storage.local.set({ [AUTH_STORAGE_KEY]: JSON.stringify(session) });
    await sendOrKeep(clipOp('a'), async () => down);
    expect(await sendOrKeep(clipOp('a'), async () => ({ ok: true, value: 1 }))).toEqual({ ok: true, value: 1 });
    expect(await outbox.getValue()).toEqual([]);
  });
});

// Regression: a change was written to the outbox only after its
// first attempt failed, so a worker stopped during that attempt lost it.
describe('sendOrKeep writes ahead', () => {
  const signedIn = () => fakeBrowser.storage.local.set({ [AUTH_STORAGE_KEY]: JSON.stringify(session) });

  it('the change is stored, hidden from pages and the alarm set while it is being sent', async () => {
    await signedIn();
    let during: unknown[] = [];
    let alarm: unknown;
    await sendOrKeep(clipOp('a'), async () => {
      during = await outbox.getValue();
      alarm = await fakeBrowser.alarms.get(OUTBOX_ALARM);
      return { ok: true, value: 1 };
    });
    expect(during).toMatchObject([{ id: 'a', userId: 'u1', attempts: 0, sendingIn: expect.any(String) }]);
    expect(waitingOps(during as never)).toEqual([]);
    expect(alarm).toBeDefined();
    // Sent: nothing waits, and no alarm wakes the worker for nothing.
    expect(await outbox.getValue()).toEqual([]);
    expect(await fakeBrowser.alarms.get(OUTBOX_ALARM)).toBeUndefined();
  });

  it('a change the server refuses is not kept (the member is shown why)', async () => {
    await signedIn();
    const refused = { ok: false as const, error: { kind: 'invalid' as const, message: 'Too large' } };
    expect(await sendOrKeep(clipOp('a'), async () => refused)).toEqual(refused);
    expect(await outbox.getValue()).toEqual([]);
  });

  it('a kept change saved again and refused stays kept', async () => {
    await signedIn();
    await sendOrKeep(clipOp('a'), async () => down);
    await sendOrKeep(clipOp('a'), async () => ({ ok: false, error: { kind: 'invalid', message: 'no' } }));
    expect(await outbox.getValue()).toMatchObject([{ id: 'a', attempts: 1 }]);
    expect((await outbox.getValue())[0]!.sendingIn).toBeUndefined();
  });

  it('what a stopped worker was sending is sent when the next worker starts, once', async () => {
    await signedIn();
    const { rpc, client: c } = client();
    let stop: () => void = () => {};
    // The first worker's call never returns: it was stopped mid-send.
    void sendOrKeep(clipOp('a'), () => new Promise((resolve) => (stop = () => resolve(down))));
    await vi.waitFor(async () => expect(await outbox.getValue()).toHaveLength(1));
    const [op] = await outbox.getValue();
    await outbox.setValue([{ ...op!, sendingIn: 'a-stopped-worker' }]);
    registerOutboxDelivery(async () => c);
    await vi.waitFor(async () => expect(await outbox.getValue()).toEqual([]));
    expect(rpc.mock.calls.filter(([name]) => name === 'clip_item')).toHaveLength(1);
    stop();
  });

  it('recoverInterrupted leaves what this worker is sending alone', async () => {
    await signedIn();
    await outbox.setValue([
      { ...clipOp('a'), userId: 'u1', createdAt: 1, attempts: 0, nextAttemptAt: 9e12, lastError: null, failed: false, sendingIn: 'mine' },
    ]);
    expect(await recoverInterrupted('mine')).toBe(0);
    expect(await recoverInterrupted('another', 5)).toBe(1);
    expect(await outbox.getValue()).toMatchObject([{ id: 'a', nextAttemptAt: 5, lastError: { kind: 'network' } }]);
    expect(waitingOps(await outbox.getValue())).toHaveLength(1);
  });
});

describe('registerOutboxDelivery', () => {
  it("delivers on the outbox's alarm and when the browser starts", async () => {
    await fakeBrowser.storage.local.set({ [AUTH_STORAGE_KEY]: JSON.stringify(session) });
    const { rpc, client: c } = client();
    registerOutboxDelivery(async () => c);
    await sendOrKeep(clipOp('a'), async () => down);
    await fakeBrowser.alarms.onAlarm.trigger({ name: 'something-else', scheduledTime: 0 } as never);
    expect(rpc).not.toHaveBeenCalled();
    // Browser start sends everything waiting, due or not.
    await fakeBrowser.runtime.onStartup.trigger();
    await vi.waitFor(async () => expect(await outbox.getValue()).toEqual([]));
    expect(rpc).toHaveBeenCalledWith('clip_item', clipOp('a').args);

    await sendOrKeep(clipOp('b'), async () => down);
    const [op] = await outbox.getValue();
    await outbox.setValue([{ ...op!, nextAttemptAt: Date.now() - 1 }]);
    await fakeBrowser.alarms.onAlarm.trigger({ name: OUTBOX_ALARM, scheduledTime: Date.now() } as never);
    await vi.waitFor(async () => expect(await outbox.getValue()).toEqual([]));
  });
});
