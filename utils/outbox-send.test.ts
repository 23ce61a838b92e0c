import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { SupabaseClient } from '@supabase/supabase-js';
import { EMPTY_CLIP } from './link-clip';
import { AUTH_STORAGE_KEY } from './session';
import { outbox } from './storage';
import { OUTBOX_ALARM } from './outbox';
import { registerOutboxDelivery, sendOrKeep } from './outbox-send';

const user = { id: 'u1', email: 'ada@example.com', user_metadata: {} };
const session = { access_token: 'a', refresh_token: 'r', expires_at: 9_999_999_999, user };
const down = { ok: false as const, error: { kind: 'network' as const, message: 'down' } };
const clipOp = (id: string) => ({
  kind: 'clip' as const, id, groupId: 'g1', itemKey: id,
  args: { p_client_id: id, p_group_id: 'g1', p_clip: { ...EMPTY_CLIP, kind: 'link' as const, url: 'https://example.com/a', title: 'A' }, p_tags: [], p_comment: null, p_queue: false },
});

function client() {
  const rpc = vi.fn(async (name: string) => ({ data: name === 'clip_item' ? { item_id: 'i1', created: true, queued: false, comment_id: null } : [], error: null, status: 200 }));
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
