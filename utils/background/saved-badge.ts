/**
 * The toolbar button says when the page in front of you is already in your group's library
 * (the last group you saved to): badge "✓", title "Already in <group>".
 *
 * Private by default: the server is asked only when you open the popup on a page or clip
 * it; switching tabs and loading pages show only what is already known here. Asking on
 * every tab switch is an opt-in setting (checkSavedOnTabSwitch). Nothing is asked unless
 * you are signed in and have a group; what is sent is a SHA-256 hash of the page's
 * normalised address (utils/background/page-hash.ts), never the address, and only to the group's own
 * server (find_item); each answer is kept per page and group in session storage.
 */
import { browser } from '#imports';
import type { Reply } from '@/utils/shared/protocol';
import type { ItemDetail } from '@/utils/shared/api-types';
import { cachedAccount, cachedGroups, checkSavedOnTabSwitch, lastGroupId, savedPages, type SavedPageMark } from '@/utils/shared/storage';
import { readStoredAccount } from './session';
import { clearBadge, showBadge } from './toolbar';

/** A page known to be saved stays so (items are rarely removed); "not saved" is rechecked, as another member may add it. */
export const SAVED_FOR_MS = 12 * 60 * 60_000;
export const NOT_SAVED_FOR_MS = 5 * 60_000;
/** Most pages remembered; the oldest go first. */
export const MAX_MARKS = 200;

export type FindItem = (data: { groupId: string; url: string }) => Promise<Reply<ItemDetail | null>>;

/** The cache key for a page in a group, or null for anything but an http(s) address. */
export function pageKey(groupId: string, url: string | null | undefined): string | null {
  if (!url || !/^https?:\/\//i.test(url)) return null;
  return `${groupId} ${url.split('#')[0]}`;
}

/** What we last learned about the page, if still fresh. */
export async function recallSaved(groupId: string, url: string, now = Date.now()): Promise<SavedPageMark | null> {
  const key = pageKey(groupId, url);
  const mark = key ? (await savedPages.getValue())[key] : undefined;
  if (!mark) return null;
  const ttl = mark.itemId ? SAVED_FOR_MS : NOT_SAVED_FOR_MS;
  return now - mark.at < ttl ? mark : null;
}

/** Remember that these addresses of one page are (itemId) or are not (null) in the group. */
export async function markSaved(
  groupId: string,
  urls: Array<string | null | undefined>,
  itemId: string | null,
  now = Date.now(),
): Promise<void> {
  const keys = urls.map((u) => pageKey(groupId, u)).filter((k): k is string => k !== null);
  if (keys.length === 0) return;
  const marks = { ...(await savedPages.getValue()) };
  for (const key of keys) {
    delete marks[key]; // re-inserted last: newest at the end
    marks[key] = { itemId, at: now };
  }
  const entries = Object.entries(marks);
  await savedPages.setValue(Object.fromEntries(entries.slice(Math.max(0, entries.length - MAX_MARKS))));
}

async function groupName(groupId: string): Promise<string> {
  return (await cachedGroups.getValue()).find((g) => g.id === groupId)?.name ?? 'your group';
}

export type SavedState = 'saved' | 'not-saved' | 'unknown';

/** What a lookup (the popup's, find_item) learned about a page, kept for its badge. */
export async function rememberLookup(groupId: string, url: string, found: ItemDetail | null): Promise<void> {
  await markSaved(groupId, found ? [url, found.item.url] : [url], found?.item.id ?? null);
}

/** Checks one tab and sets its badge; `ask`: false shows only what is known here, asking no server. */
export async function checkTab(findItem: FindItem, tabId: number, url: string | undefined, ask = true): Promise<SavedState> {
  const groupId = await lastGroupId.getValue();
  if (!groupId || !pageKey(groupId, url) || !(await readStoredAccount())) {
    await clearBadge(tabId);
    return 'unknown';
  }
  let mark = await recallSaved(groupId, url!);
  if (!mark && !ask) {
    await clearBadge(tabId);
    return 'unknown';
  }
  if (!mark) {
    const reply = await findItem({ groupId, url: url! });
    if (!reply.ok) {
      await clearBadge(tabId); // offline or signed out: say nothing rather than guess
      return 'unknown';
    }
    mark = { itemId: reply.value?.item.id ?? null, at: Date.now() };
    await markSaved(groupId, [url], mark.itemId);
  }
  if (!mark.itemId) {
    await clearBadge(tabId);
    return 'not-saved';
  }
  await showBadge(tabId, { text: '✓', title: `Already in ${await groupName(groupId)}`, color: 'done' });
  return 'saved';
}

/** Checks the active tab of every window (after a save, a group change, signing in or out). */
export async function checkActiveTabs(findItem: FindItem, ask = true): Promise<void> {
  const tabs = await browser.tabs.query({ active: true });
  await Promise.all(tabs.map((tab) => (tab.id == null ? null : checkTab(findItem, tab.id, tab.url, ask))));
}

/** Wires the checks to the browser's tab events; returns the check for one tab. */
export function registerSavedBadge(findItem: FindItem): (tabId: number) => Promise<SavedState> {
  // Tab switches, loads and other changes ask the server only when the member opted in.
  const mayAsk = () => checkSavedOnTabSwitch.getValue();
  const checkById = async (tabId: number): Promise<SavedState> => {
    const tab = await browser.tabs.get(tabId).catch(() => null);
    return tab ? checkTab(findItem, tabId, tab.url, await mayAsk()) : 'unknown';
  };
  const checkActive = async () => checkActiveTabs(findItem, await mayAsk());
  const quietly = (work: Promise<unknown>) => void work.catch((e) => console.warn('[readclub] saved check failed', e));
  browser.tabs.onActivated.addListener(({ tabId }) => quietly(checkById(tabId)));
  // Only the active tab: a tab loading in the background is checked when you switch to it.
  // A page that changes its address without loading (history.pushState) is checked too.
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    const arrived = change.status === 'complete' || (change.url !== undefined && tab.status === 'complete');
    if (arrived && tab.active) quietly(mayAsk().then((ask) => checkTab(findItem, tabId, tab.url, ask)));
  });
  lastGroupId.watch(() => quietly(checkActive()));
  savedPages.watch(() => quietly(checkActive()));
  checkSavedOnTabSwitch.watch(() => quietly(checkActive()));
  cachedAccount.watch((account) => {
    // Someone else, or nobody: what we knew about their groups no longer applies.
    quietly((account ? Promise.resolve() : savedPages.setValue({})).then(checkActive));
  });
  return checkById;
}
