/** The highlight messages through createHandlers: checks before the network, the RPCs' arguments, the outbox. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { GroupQueue, HighlightTarget } from '@/utils/shared/api-types';
import { createHandlers } from '@/utils/background/handlers';
import { clipTabContents } from '@/utils/background/clip-tab';
import { outboxSender } from '@/utils/background/outbox-send';
import { AUTH_STORAGE_KEY } from '@/utils/background/session';
import { cachedQueues, outbox, type OutboxOp } from '@/utils/shared/storage';
import { cleanTarget } from './highlights';

const user = { id: 'u1', email: 'ada@example.com', user_metadata: { display_name: 'Ada' } };
const session = { access_token: 'a', refresh_token: 'r', expires_at: 9_999_999_999, user };
const target: HighlightTarget = { exact: 'read better', prefix: 'Small groups ', suffix: '.', start: 13, end: 24 };
const highlight = (a: Record<string, unknown>) => ({
  id: 'h1',
  item_id: a.p_item_id,
  author: { id: 'u1', display_name: 'Ada' },
  exact: a.p_exact,
  prefix: a.p_prefix,
  suffix: a.p_suffix,
  start: a.p_start,
  end: a.p_end,
  body: a.p_body,
  created_at: 'now',
  updated_at: 'now',
  reply_count: 0,
});

type Impl = (args: Record<string, unknown>) => unknown;

function setup(rpcs: Record<string, Impl> = {}, down = false) {
  const rpc = vi.fn(async (name: string, args: Record<string, unknown>) => {
    if (down) throw new TypeError('Failed to fetch');
    const impl = rpcs[name];
    return impl
      ? { data: impl(args), error: null, status: 200 }
      : { data: null, error: { code: 'PGRST202', message: 'no such function' }, status: 404 };
  });
  const client = { auth: { getSession: vi.fn(async () => ({ data: { session }, error: null })) }, rpc } as unknown as SupabaseClient;
  const getClient = async () => client;
  return { rpc, getClient, h: createHandlers({ getClient, resetClient: vi.fn(), clipTab: clipTabContents }) };
}

beforeEach(() => {
  fakeBrowser.reset();
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => {
      throw new Error('unit tests must not touch the network');
    }),
  );
});

describe('cleanTarget', () => {
  it('keeps the passage as marked and cuts the context to its nearest 32 characters', () => {
    const long = 'a'.repeat(40);
    expect(cleanTarget({ exact: '  read  ', prefix: `${long}<`, suffix: `>${long}`, start: null, end: null })).toEqual({
      exact: '  read  ',
      prefix: `${'a'.repeat(31)}<`,
      suffix: `>${'a'.repeat(31)}`,
      start: null,
      end: null,
    });
  });

  it('refuses an empty or too long passage and offsets that disagree, with the reason', () => {
    const reason = (t: Partial<HighlightTarget>) => {
      const r = cleanTarget({ ...target, ...t });
      return 'ok' in r && !r.ok ? r.error.message : 'accepted';
    };
    expect(reason({ exact: ' \n ' })).toBe('Select a passage to highlight first.');
    expect(reason({ exact: 'x'.repeat(2001) })).toBe('A highlight can be at most 2,000 characters (this passage has 2,001): select less.');
    expect(reason({ exact: 'x'.repeat(2000), start: 0, end: 2000 })).toBe('accepted');
    expect(reason({ start: 3, end: null })).toBe('A highlight has both a start and an end, or neither.');
    expect(reason({ start: 5, end: 5 })).toBe('A highlight ends after it starts, at whole character offsets from 0.');
    expect(reason({ start: -1, end: 5 })).toMatch(/ends after it starts/);
    expect(reason({ start: 1.5, end: 5 })).toMatch(/whole character offsets/);
  });
});

describe('highlight handlers', () => {
  it('addHighlight sends the target, the trimmed comment and a client id to add_highlight', async () => {
    const { rpc, h } = setup({ add_highlight: highlight });
    const reply = await h.addHighlight({ itemId: 'i1', target, body: ' Yes! ' });
    expect(reply).toMatchObject({ ok: true, value: { id: 'h1', exact: 'read better', body: 'Yes!' } });
    expect(rpc).toHaveBeenCalledWith('add_highlight', {
      p_item_id: 'i1',
      p_exact: 'read better',
      p_prefix: 'Small groups ',
      p_suffix: '.',
      p_start: 13,
      p_end: 24,
      p_body: 'Yes!',
      p_client_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });

  it("keeps the page's client id, so a retry is the same highlight; a non-uuid one is replaced", async () => {
    const { rpc, h } = setup({ add_highlight: highlight });
    const id = '6f1c2d9e-1234-4abc-8def-0123456789ab';
    await h.addHighlight({ itemId: 'i1', target, clientId: id });
    await h.addHighlight({ itemId: 'i1', target, clientId: 'not-a-uuid' });
    expect(rpc.mock.calls.map((c) => (c[1] as { p_client_id: string }).p_client_id)).toEqual([id, expect.not.stringMatching('not-a-uuid')]);
    expect((rpc.mock.calls[0]![1] as { p_body: string }).p_body).toBe('');
  });

  it('bad input is answered before the network', async () => {
    const { rpc, h } = setup();
    expect(await h.addHighlight({ itemId: 'i1', target: { ...target, exact: '' } })).toMatchObject({
      ok: false,
      error: { kind: 'invalid' },
    });
    expect(await h.addHighlight({ itemId: 'i1', target, body: 'x'.repeat(4001) })).toEqual({
      ok: false,
      error: { kind: 'invalid', message: 'A comment can be at most 4,000 characters (this one has 4,001).' },
    });
    expect(await h.editHighlight({ highlightId: 'h1', body: 'x'.repeat(4001) })).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    expect(rpc).not.toHaveBeenCalled();
  });

  it('editHighlight and deleteHighlight call their RPCs; an empty comment clears it', async () => {
    const { rpc, h } = setup({ edit_highlight: (a) => ({ id: a.p_highlight_id, body: a.p_body }), delete_highlight: () => null });
    expect(await h.editHighlight({ highlightId: 'h1', body: '  ' })).toEqual({ ok: true, value: { id: 'h1', body: '' } });
    expect(await h.deleteHighlight({ highlightId: 'h1' })).toEqual({ ok: true, value: null });
    expect(rpc.mock.calls.map((c) => c.slice(0, 2))).toEqual([
      ['edit_highlight', { p_highlight_id: 'h1', p_body: '' }],
      ['delete_highlight', { p_highlight_id: 'h1' }],
    ]);
  });

  it('a reply on a highlight carries p_highlight_id and leaves the queue’s comment count alone', async () => {
    const queue = { group: { id: 'g1', name: 'G', role: 'owner' }, queue: [{ item_id: 'i1', comment_count: 2 }] } as unknown as GroupQueue;
    await cachedQueues.setValue({ g1: queue });
    const { rpc, h } = setup({
      add_comment: (a) => ({ id: 'c9', body: a.p_body, author: { id: 'u1', display_name: 'Ada' }, created_at: 'now' }),
    });
    expect(await h.addComment({ itemId: 'i1', body: 'Indeed', highlightId: 'h1' })).toMatchObject({ ok: true });
    expect(rpc).toHaveBeenCalledWith('add_comment', {
      p_item_id: 'i1',
      p_body: 'Indeed',
      p_client_id: expect.any(String),
      p_highlight_id: 'h1',
    });
    expect((await cachedQueues.getValue()).g1!.queue[0]!.comment_count).toBe(2);
    // An ordinary comment still counts.
    await h.addComment({ itemId: 'i1', body: 'On the whole piece' });
    expect((await cachedQueues.getValue()).g1!.queue[0]!.comment_count).toBe(3);
  });
});

describe('highlights in the outbox', () => {
  const signedIn = () => fakeBrowser.storage.local.set({ [AUTH_STORAGE_KEY]: JSON.stringify(session) });

  it('offline, a highlight waits in the outbox under its client id and is sent later with that id', async () => {
    await signedIn();
    const offline = setup({}, true);
    const id = '6f1c2d9e-1234-4abc-8def-0123456789ab';
    const reply = await offline.h.addHighlight({ itemId: 'i1', target, body: 'Later', clientId: id });
    expect(reply).toMatchObject({ ok: false, error: { kind: 'queued' } });
    const [kept] = await outbox.getValue();
    expect(kept).toMatchObject({ kind: 'highlight', id, itemKey: 'i1', userId: 'u1', args: { itemId: 'i1', target, body: 'Later' } });

    const online = setup({ add_highlight: highlight });
    expect(await outboxSender(online.getClient)(kept!, null)).toMatchObject({ ok: true, value: { id: 'h1' } });
    expect(online.rpc).toHaveBeenCalledWith('add_highlight', expect.objectContaining({ p_client_id: id, p_body: 'Later', p_start: 13 }));
  });

  it('a reply kept offline is sent later still on its highlight', async () => {
    await signedIn();
    const offline = setup({}, true);
    await offline.h.addComment({ itemId: 'i1', body: 'Agreed', highlightId: 'h1' });
    const [kept] = (await outbox.getValue()) as OutboxOp[];
    expect(kept).toMatchObject({ kind: 'comment', args: { itemId: 'i1', body: 'Agreed', highlightId: 'h1' } });
    const online = setup({ add_comment: (a) => ({ id: 'c1', body: a.p_body }) });
    await outboxSender(online.getClient)(kept!, null);
    expect(online.rpc).toHaveBeenCalledWith('add_comment', expect.objectContaining({ p_highlight_id: 'h1', p_client_id: kept!.id }));
  });
});
