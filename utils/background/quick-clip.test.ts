import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ClipItemArgs, ClipPayload } from '@/utils/shared/api-types';
import type { Reply, TabClip } from '@/utils/shared/protocol';
import { EMPTY_CLIP, linkClip } from '@/utils/shared/link-clip';
import { AUTH_STORAGE_KEY } from './session';
import { NETWORK_MESSAGE, SIGNED_OUT_MESSAGE } from './errors';
import { cachedGroups, lastGroupId } from '@/utils/shared/storage';
import {
  CLIP_COMMAND,
  NO_GROUP_MESSAGE,
  NO_SELECTION_MESSAGE,
  NOTIFICATION_ID,
  QUICK_NETWORK_MESSAGE,
  SIGN_IN_MESSAGE,
  chooseClip,
  quickClip,
  registerShortcut,
  type QuickClipHandlers,
} from './quick-clip';

const session = { access_token: 'a', refresh_token: 'r', expires_at: 9_999_999_999, user: { id: 'u1', email: 'ada@example.com' } };
const article: ClipPayload = {
  ...EMPTY_CLIP,
  kind: 'article',
  url: 'https://example.com/essay',
  title: 'An essay',
  content_html: '<p>Long</p>',
  text_length: 4,
};
const selection: ClipPayload = { ...article, content_html: '<p>Lo</p>', text_length: 2, selection: true };
const link = linkClip('https://example.com/video', 'A video');
const saved = { item_id: 'i1', created: true, queued: false, comment_id: null };
const TAB = 7;

function handlersFor(tabClip: TabClip, save: Reply<typeof saved> = { ok: true, value: saved }) {
  return {
    clipTab: vi.fn(async () => ({ ok: true, value: tabClip }) as const),
    saveClip: vi.fn(async (_args: ClipItemArgs) => save),
  } satisfies QuickClipHandlers;
}

const badge = () => fakeBrowser.action.getBadgeText({ tabId: TAB });
const title = () => fakeBrowser.action.getTitle({ tabId: TAB });
let notifications: ReturnType<typeof vi.spyOn>;

beforeEach(async () => {
  fakeBrowser.reset();
  notifications = vi.spyOn(fakeBrowser.notifications, 'create');
  await fakeBrowser.storage.local.set({ [AUTH_STORAGE_KEY]: JSON.stringify(session) });
  await lastGroupId.setValue('g1');
  await cachedGroups.setValue([{ id: 'g1', name: 'Tuesday readers', role: 'owner', member_count: 2, queue_count: 0 }]);
});

function notified(): { title: string; message: string } {
  const call = notifications.mock.calls.at(-1) as [string, { title: string; message: string }];
  expect(call[0]).toBe(NOTIFICATION_ID);
  return call[1];
}

describe('quickClip', () => {
  it('saves the article into the last group, untagged, uncommented and not queued, with a fresh client id', async () => {
    const h = handlersFor({ ok: true, clip: article, selection: null });
    const outcome = await quickClip(h, TAB, 'auto', () => 'client-1');
    expect(h.clipTab).toHaveBeenCalledWith({ tabId: TAB });
    expect(h.saveClip).toHaveBeenCalledWith({
      p_client_id: 'client-1',
      p_group_id: 'g1',
      p_clip: article,
      p_tags: [],
      p_comment: null,
      p_queue: false,
    });
    expect(outcome).toEqual({ ok: true, message: 'Added “An essay” to Tuesday readers.', itemId: 'i1' });
    expect(await badge()).toBe('✓');
    expect(await title()).toBe('Saved to Tuesday readers');
    expect(notified()).toMatchObject({
      type: 'basic',
      title: 'Saved to Tuesday readers',
      message: outcome.message,
      iconUrl: expect.stringMatching(/^data:image\/png/),
    });
  });

  it('every clip gets its own client id, so two clips are never taken for a retry', async () => {
    const h = handlersFor({ ok: true, clip: article, selection: null });
    await quickClip(h, TAB, 'page');
    await quickClip(h, TAB, 'page');
    const ids = h.saveClip.mock.calls.map(([args]) => args.p_client_id);
    expect(new Set(ids).size).toBe(2);
  });

  it('the shortcut (auto) clips the selection when there is one; the page menu clips the page', async () => {
    const h = handlersFor({ ok: true, clip: article, selection });
    await quickClip(h, TAB, 'auto');
    expect(h.saveClip.mock.calls[0]?.[0].p_clip).toBe(selection);
    expect(notified().message).toBe('Added the selection from “An essay” to Tuesday readers.');
    await quickClip(h, TAB, 'page');
    expect(h.saveClip.mock.calls[1]?.[0].p_clip).toBe(article);
  });

  it('says when the selection was already in the library', async () => {
    const h = handlersFor({ ok: true, clip: article, selection }, { ok: true, value: { ...saved, created: false } });
    expect((await quickClip(h, TAB, 'selection')).message).toBe('“An essay” was already in Tuesday readers.');
  });

  it('saves a page that is not an article as a link card', async () => {
    const h = handlersFor({ ok: false, error: { kind: 'unclippable', message: 'not an article' }, link, selection: null });
    const outcome = await quickClip(h, TAB, 'auto');
    expect(h.saveClip.mock.calls[0]?.[0].p_clip).toBe(link);
    expect(outcome.message).toBe('Added a link to “A video” to Tuesday readers.');
  });

  it('refuses an unclippable page with its own message and saves nothing', async () => {
    const message = "This is one of your browser's own pages, which extensions can't read or save. Open an article and try again.";
    const h = handlersFor({ ok: false, error: { kind: 'unclippable', message }, link: null, selection: null });
    expect(await quickClip(h, TAB, 'auto')).toEqual({ ok: false, message });
    expect(h.saveClip).not.toHaveBeenCalled();
    expect(await badge()).toBe('!');
    expect(notified()).toMatchObject({ title: 'Not saved', message });
  });

  it('the selection menu without a readable selection says so', async () => {
    const h = handlersFor({ ok: true, clip: article, selection: null });
    expect(await quickClip(h, TAB, 'selection')).toEqual({ ok: false, message: NO_SELECTION_MESSAGE });
    expect(h.saveClip).not.toHaveBeenCalled();
  });

  it('signed out: asks to sign in without reading the page', async () => {
    await fakeBrowser.storage.local.remove(AUTH_STORAGE_KEY);
    const h = handlersFor({ ok: true, clip: article, selection: null });
    expect(await quickClip(h, TAB, 'auto')).toEqual({ ok: false, message: SIGN_IN_MESSAGE });
    expect(h.clipTab).not.toHaveBeenCalled();
    expect(notified().message).toMatch(/sign in/i);
  });

  it('a session the server no longer accepts also asks to sign in', async () => {
    const h = handlersFor(
      { ok: true, clip: article, selection: null },
      { ok: false, error: { kind: 'signed-out', message: SIGNED_OUT_MESSAGE } },
    );
    expect(await quickClip(h, TAB, 'auto')).toEqual({ ok: false, message: SIGN_IN_MESSAGE });
  });

  it('no group yet: says how to choose one', async () => {
    await lastGroupId.setValue(null);
    const h = handlersFor({ ok: true, clip: article, selection: null });
    expect(await quickClip(h, TAB, 'auto')).toEqual({ ok: false, message: NO_GROUP_MESSAGE });
    expect(h.clipTab).not.toHaveBeenCalled();
  });

  it('offline: says the page was not saved', async () => {
    const h = handlersFor(
      { ok: true, clip: article, selection: null },
      { ok: false, error: { kind: 'network', message: NETWORK_MESSAGE } },
    );
    expect(await quickClip(h, TAB, 'auto')).toEqual({ ok: false, message: QUICK_NETWORK_MESSAGE });
    expect(await badge()).toBe('!');
    expect(await title()).toBe(`Not saved: ${QUICK_NETWORK_MESSAGE}`);
  });

  it('kept in the outbox: says it is not sent yet but kept, not that it was lost', async () => {
    const kept = 'Saved on this device. Readclub will send it when it can reach the server.';
    const h = handlersFor({ ok: true, clip: article, selection: null }, { ok: false, error: { kind: 'queued', message: kept } });
    expect(await quickClip(h, TAB, 'auto')).toEqual({ ok: false, message: `“${article.title}”: ${kept}` });
    expect(await title()).toBe(`Not sent yet: “${article.title}”: ${kept}`);
  });

  it('never throws, even when a handler does', async () => {
    const h = { clipTab: vi.fn(async () => Promise.reject(new Error('boom'))), saveClip: vi.fn() } as unknown as QuickClipHandlers;
    expect(await quickClip(h, TAB, 'auto')).toMatchObject({ ok: false, message: expect.stringMatching(/went wrong/) });
  });
});

describe('chooseClip', () => {
  it('passes on the clipper’s reason when there is nothing to save', () => {
    expect(chooseClip({ ok: false, error: { kind: 'unclippable', message: 'why' }, link: null, selection: null }, 'page')).toEqual({
      error: 'why',
    });
    expect(chooseClip({ ok: false, error: { kind: 'unclippable', message: 'why' }, link, selection: null }, 'selection')).toEqual({
      error: 'why',
    });
  });
});

describe('registerShortcut', () => {
  it('answers only its own command, with the tab the browser names', async () => {
    let listener: ((command: string, tab?: { id?: number }) => void) | undefined;
    vi.spyOn(fakeBrowser.commands.onCommand, 'addListener').mockImplementation((fn) => {
      listener = fn as never;
    });
    const clip = vi.fn(async () => ({ ok: true, message: 'ok' }));
    const onCommand = registerShortcut(clip);
    listener?.(CLIP_COMMAND, { id: 3 });
    expect(clip).toHaveBeenCalledWith(3, 'auto');
    expect(await onCommand('something-else', { id: 3 })).toBeNull();
    expect(clip).toHaveBeenCalledTimes(1);
  });
});
