/**
 * The popup's start (budget: cached UI within 100 ms). Extension storage answers in 5-70 ms
 * (a round trip through the browser), so the popup also remembers, in its own localStorage,
 * who was signed in and the groups it showed last time: read synchronously, they let the
 * first render draw the frame and the group list at once. The storage read follows at once
 * and the pages' hooks correct anything that changed meanwhile. When someone is signed in the
 * tab is read at once too, so the clipper runs in the tab while the popup draws.
 */
import { storage } from '#imports';
import type { GroupSummary } from '@/utils/shared/api-types';
import type { Account, Reply, TabClip } from '@/utils/shared/protocol';
import { cachedAccount, cachedGroups, lastGroupId, outbox, type OutboxOp } from '@/utils/shared/storage';
import { ask } from './ask';

export interface PopupStart {
  account: Account | null;
  groups: GroupSummary[];
  lastGroupId: string | null;
  /** Read from extension storage only: a waiting clip can hold a whole article. */
  outbox?: OutboxOp[];
  /** The tab's reading, asked for before the first render; signed out, the tab is not read. */
  reading?: Promise<Reply<TabClip>>;
}

const REMEMBERED = 'readclub:popupStart';

/**
 * The popup's cached state from extension storage, in one read; undefined if it could not be
 * read (the hooks then read it). `withOutbox`: also the waiting changes (the first render
 * lists them; keeping the remembered copy current never needs them, and they can be large).
 */
export async function readPopupStart(withOutbox = true): Promise<PopupStart | undefined> {
  try {
    const [account, groups, lastId, ops] = await storage.getItems(
      withOutbox ? [cachedAccount, cachedGroups, lastGroupId, outbox] : [cachedAccount, cachedGroups, lastGroupId],
    );
    return {
      account: account!.value as Account | null,
      groups: groups!.value as GroupSummary[],
      lastGroupId: lastId!.value as string | null,
      ...(ops ? { outbox: ops.value as OutboxOp[] } : {}),
    };
  } catch {
    return undefined;
  }
}

/** Asks for the tab's reading now if someone is signed in. */
export function withReading(start: PopupStart | undefined, tabId: number | undefined): PopupStart | undefined {
  return start?.account ? { ...start, reading: ask('clipTab', { tabId }) } : start;
}

/** What the popup showed last time (signed in only), or undefined; anything unreadable counts as nothing. */
export function rememberedStart(): PopupStart | undefined {
  try {
    const start = JSON.parse(localStorage.getItem(REMEMBERED) ?? 'null') as PopupStart | null;
    const account = start?.account;
    if (!account || typeof account.userId !== 'string' || typeof account.email !== 'string' || typeof account.displayName !== 'string')
      return undefined;
    if (!Array.isArray(start.groups) || !start.groups.every((g) => typeof g?.id === 'string' && typeof g.name === 'string'))
      return undefined;
    return { account, groups: start.groups, lastGroupId: typeof start.lastGroupId === 'string' ? start.lastGroupId : null };
  } catch {
    return undefined;
  }
}

/** Remembers who is signed in and their groups for the next open; signed out, forgets them. */
export function rememberStart(start: PopupStart | undefined): void {
  try {
    if (!start?.account) localStorage.removeItem(REMEMBERED);
    else localStorage.setItem(REMEMBERED, JSON.stringify({ account: start.account, groups: start.groups, lastGroupId: start.lastGroupId }));
  } catch {
    // localStorage full or unavailable: the popup then waits for extension storage, as before.
  }
}

/** Keeps the remembered start current while the popup is open (a join, a save, a sign-out). */
export function keepRemembering(): () => void {
  const update = () => void readPopupStart(false).then((start) => start && rememberStart(start));
  const unwatch = [cachedAccount.watch(update), cachedGroups.watch(update), lastGroupId.watch(update)];
  return () => unwatch.forEach((stop) => stop());
}
