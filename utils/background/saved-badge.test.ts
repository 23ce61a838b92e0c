import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ItemDetail } from '@/utils/shared/api-types';
import { AUTH_STORAGE_KEY } from './session';
import { cachedAccount, cachedGroups, checkSavedOnTabSwitch, lastGroupId, savedPages } from '@/utils/shared/storage';
import { DEFAULT_TITLE } from './toolbar';
import {
  MAX_MARKS,
  NOT_SAVED_FOR_MS,
  checkTab,
  markSaved,
  pageKey,
  recallSaved,
  registerSavedBadge,
  rememberLookup,
  type FindItem,
} from './saved-badge';

const session = { access_token: 'a', refresh_token: 'r', expires_at: 9_999_999_999, user: { id: 'u1', email: 'ada@example.com' } };
const URL_A = 'https://example.com/essay';
const found = { item: { id: 'i1' } } as ItemDetail;
const TAB = 7;

const badge = () => fakeBrowser.action.getBadgeText({ tabId: TAB });
const title = () => fakeBrowser.action.getTitle({ tabId: TAB });

function finder(value: ItemDetail | null = found) {
  return vi.fn<FindItem>(async () => ({ ok: true, value }));
}

beforeEach(async () => {
  fakeBrowser.reset();
  await fakeBrowser.storage.local.set({ [AUTH_STORAGE_KEY]: JSON.stringify(session) });
  await lastGroupId.setValue('g1');
  await cachedGroups.setValue([{ id: 'g1', name: 'Tuesday readers', role: 'owner', member_count: 2, queue_count: 0 }]);
});

describe('checkTab', () => {
  it('marks a page already in the last group: badge ✓ and "Already in <group>"', async () => {
    const findItem = finder();
    expect(await checkTab(findItem, TAB, URL_A)).toBe('saved');
    expect(findItem).toHaveBeenCalledWith({ groupId: 'g1', url: URL_A });
    expect(await badge()).toBe('✓');
    expect(await title()).toBe('Already in Tuesday readers');
  });

  it('asks the server once per page and group: switching back to the tab is answered from the cache', async () => {
    const findItem = finder();
    await checkTab(findItem, TAB, URL_A);
    await checkTab(findItem, TAB, `${URL_A}#section-2`);
    expect(findItem).toHaveBeenCalledTimes(1);
    await lastGroupId.setValue('g2');
    await checkTab(findItem, TAB, URL_A);
    expect(findItem).toHaveBeenCalledTimes(2);
  });

  it('clears the mark for a page the group does not have', async () => {
    await fakeBrowser.action.setBadgeText({ tabId: TAB, text: '✓' });
    expect(await checkTab(finder(null), TAB, URL_A)).toBe('not-saved');
    expect(await badge()).toBe('');
    expect(await title()).toBe(DEFAULT_TITLE);
  });

  it('sends nothing for file:, browser and extension pages', async () => {
    const findItem = finder();
    for (const url of ['file:///home/ada/a.html', 'chrome://version/', 'about:blank', 'moz-extension://x/p.html', undefined]) {
      expect(await checkTab(findItem, TAB, url)).toBe('unknown');
    }
    expect(findItem).not.toHaveBeenCalled();
  });

  it('sends nothing when signed out or before any group is chosen', async () => {
    const findItem = finder();
    await fakeBrowser.storage.local.remove(AUTH_STORAGE_KEY);
    expect(await checkTab(findItem, TAB, URL_A)).toBe('unknown');
    await fakeBrowser.storage.local.set({ [AUTH_STORAGE_KEY]: JSON.stringify(session) });
    await lastGroupId.setValue(null);
    expect(await checkTab(findItem, TAB, URL_A)).toBe('unknown');
    expect(findItem).not.toHaveBeenCalled();
  });

  it('offline: shows nothing and remembers nothing, so the next check asks again', async () => {
    const findItem = vi.fn<FindItem>(async () => ({ ok: false, error: { kind: 'network', message: 'offline' } }));
    expect(await checkTab(findItem, TAB, URL_A)).toBe('unknown');
    expect(await savedPages.getValue()).toEqual({});
  });
});

describe('the cache', () => {
  it('forgets "not saved" after a while, as another member may add the page', async () => {
    await markSaved('g1', [URL_A], null, 1000);
    expect(await recallSaved('g1', URL_A, 1000 + NOT_SAVED_FOR_MS - 1)).toEqual({ itemId: null, at: 1000 });
    expect(await recallSaved('g1', URL_A, 1000 + NOT_SAVED_FOR_MS)).toBeNull();
    await markSaved('g1', [URL_A], 'i1', 1000);
    expect(await recallSaved('g1', URL_A, 1000 + NOT_SAVED_FOR_MS)).toEqual({ itemId: 'i1', at: 1000 });
  });

  it(`keeps at most ${MAX_MARKS} pages, dropping the oldest`, async () => {
    for (let i = 0; i <= MAX_MARKS; i++) await markSaved('g1', [`https://example.com/${i}`], null, i);
    const keys = Object.keys(await savedPages.getValue());
    expect(keys).toHaveLength(MAX_MARKS);
    expect(keys).not.toContain(pageKey('g1', 'https://example.com/0'));
    expect(keys).toContain(pageKey('g1', `https://example.com/${MAX_MARKS}`));
  });
});

describe('registerSavedBadge', () => {
  it('by default asks no server when a tab becomes active or loads: it shows only what is known here', async () => {
    const tab = await fakeBrowser.tabs.create({ url: URL_A, active: true });
    const findItem = finder();
    registerSavedBadge(findItem);
    await fakeBrowser.tabs.onActivated.trigger({ tabId: tab.id!, windowId: tab.windowId });
    await fakeBrowser.tabs.onUpdated.trigger(tab.id!, { status: 'complete' }, { ...tab, url: URL_A, active: true, status: 'complete' });
    await new Promise((done) => setTimeout(done, 20));
    expect(findItem).not.toHaveBeenCalled();
    expect(await fakeBrowser.action.getBadgeText({ tabId: tab.id! })).toBe('');
    // The popup's lookup (or a clip) teaches it: the ✓ shows, still without asking.
    await rememberLookup('g1', URL_A, found);
    await fakeBrowser.tabs.onActivated.trigger({ tabId: tab.id!, windowId: tab.windowId });
    await vi.waitFor(async () => expect(await fakeBrowser.action.getBadgeText({ tabId: tab.id! })).toBe('✓'));
    expect(findItem).not.toHaveBeenCalled();
  });

  it('opted in, checks a tab when it becomes active and when the active tab finishes loading', async () => {
    await checkSavedOnTabSwitch.setValue(true);
    const tab = await fakeBrowser.tabs.create({ url: URL_A, active: true });
    const findItem = finder();
    registerSavedBadge(findItem);
    await fakeBrowser.tabs.onActivated.trigger({ tabId: tab.id!, windowId: tab.windowId });
    await vi.waitFor(() => expect(findItem).toHaveBeenCalledWith({ groupId: 'g1', url: URL_A }));
    await vi.waitFor(async () => expect(await fakeBrowser.action.getBadgeText({ tabId: tab.id! })).toBe('✓'));

    const other = 'https://example.com/other';
    await fakeBrowser.tabs.onUpdated.trigger(tab.id!, { status: 'loading' }, { ...tab, url: other, active: true });
    await fakeBrowser.tabs.onUpdated.trigger(tab.id!, { status: 'complete' }, { ...tab, url: other, active: false });
    expect(findItem).toHaveBeenCalledTimes(1); // still loading, or not the active tab
    await fakeBrowser.tabs.onUpdated.trigger(tab.id!, { status: 'complete' }, { ...tab, url: other, active: true });
    await vi.waitFor(() => expect(findItem).toHaveBeenCalledWith({ groupId: 'g1', url: other }));

    const pushed = 'https://example.com/pushed'; // history.pushState: a new address, no new load
    await fakeBrowser.tabs.onUpdated.trigger(tab.id!, { url: pushed }, { ...tab, url: pushed, active: true, status: 'complete' });
    await vi.waitFor(() => expect(findItem).toHaveBeenCalledWith({ groupId: 'g1', url: pushed }));
  });

  it('checkTab with ask=false never calls the server', async () => {
    const findItem = finder();
    expect(await checkTab(findItem, TAB, URL_A, false)).toBe('unknown');
    expect(findItem).not.toHaveBeenCalled();
  });

  it('signing out forgets what it knew', async () => {
    await cachedAccount.setValue({ userId: 'u1', email: 'ada@example.com', displayName: 'Ada' });
    await markSaved('g1', [URL_A], 'i1');
    registerSavedBadge(finder());
    await cachedAccount.setValue(null);
    await vi.waitFor(async () => expect(await savedPages.getValue()).toEqual({}));
  });
});
