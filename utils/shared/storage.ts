/**
 * Every setting and cache the extension keeps, each a typed storage item with a default.
 * Pages read these directly to draw at once (cached state first); the background
 * refreshes them after each network call.
 */
import { storage, type StorageItemKey, type WxtStorageItem } from '#imports';
import type { WxtStorageItemOptions } from 'wxt/utils/storage';
import type { ClipItemArgs, GroupQueue, GroupSummary, HighlightTarget } from './api-types';
import type { Account, UserError } from './protocol';

/* eslint-disable @typescript-eslint/no-empty-object-type -- {} is WxtStorageItem's own "no metadata" */
/**
 * storage.defineItem, made on first use. WXT reads each item once as it is defined (for an
 * `init` option none of these has), so importing this file read every item, the side panel's
 * ~300 KB cached queue included, on each popup open and worker start. `key` and
 * `fallback` need no item, so storage.getItems can batch these without making them.
 */
function defineItem<T>(key: StorageItemKey, options: WxtStorageItemOptions<T> & { fallback: T }): WxtStorageItem<T, {}> {
  let made: WxtStorageItem<T, {}> | undefined;
  /* eslint-enable @typescript-eslint/no-empty-object-type */
  const item = () => (made ??= storage.defineItem<T>(key, options));
  return {
    key,
    defaultValue: options.fallback,
    fallback: options.fallback,
    getValue: () => item().getValue(),
    getMeta: () => item().getMeta(),
    setValue: (value) => item().setValue(value),
    setMeta: (properties) => item().setMeta(properties),
    removeValue: (opts) => item().removeValue(opts),
    removeMeta: (properties) => item().removeMeta(properties),
    watch: (cb) => item().watch(cb),
    watchMeta: (cb) => item().watchMeta(cb),
    migrate: () => item().migrate(),
  };
}

/** The local stand-in's address and `supabase start`'s local publishable key. */
const LOCAL_BACKEND_URL = 'http://127.0.0.1:54321';
const LOCAL_PUBLISHABLE_KEY = 'sb_publishable_ACJWlzQHlZjBrEguHvfOxg_3BJgxAaH';

export const backendUrl = defineItem<string>('sync:backendUrl', {
  fallback: import.meta.env.WXT_SUPABASE_URL || LOCAL_BACKEND_URL,
});

/**
 * The project's public key: its publishable key (sb_publishable_…) or the legacy anon JWT.
 * Never a secret or service-role key. The build takes WXT_SUPABASE_PUBLISHABLE_KEY, or the
 * older name WXT_SUPABASE_ANON_KEY (either kind of key in either).
 */
export const backendKey = defineItem<string>('sync:backendKey', {
  fallback: import.meta.env.WXT_SUPABASE_PUBLISHABLE_KEY || import.meta.env.WXT_SUPABASE_ANON_KEY || LOCAL_PUBLISHABLE_KEY,
});

/**
 * Whether the toolbar button asks the group's server about every tab you switch to (a
 * SHA-256 hash of the page's address, find_item). Off: it asks only when you open the
 * popup or clip (utils/background/saved-badge.ts).
 */
export const checkSavedOnTabSwitch = defineItem<boolean>('sync:checkSavedOnTabSwitch', { fallback: false });

/** Accounts known to have chosen their display name, so the name step asks the server only until then. */
export const namedAccounts = defineItem<string[]>('local:namedAccounts', { fallback: [] });

/** Who is signed in, mirrored from the session so pages draw without asking. */
export const cachedAccount = defineItem<Account | null>('local:account', { fallback: null });

/**
 * Whose session ended without them signing out (a refused refresh, a backend change): signed
 * out, "Waiting to send" names only their kept changes, since it is most likely them at the
 * keyboard. Null after a deliberate sign-out and once someone signs in.
 */
export const sessionEndedFor = defineItem<string | null>('local:sessionEndedFor', { fallback: null });

/**
 * The invite code of an invitation whose group is on another server: kept while the member
 * switches to that server and signs in there, so the Join form then opens with it, previewed.
 */
export const pendingInviteCode = defineItem<string | null>('local:pendingInviteCode', { fallback: null });

/** The email a code was sent to; the popup closes while the user fetches it. */
export const pendingSignInEmail = defineItem<string | null>('local:pendingSignInEmail', {
  fallback: null,
});

export const cachedGroups = defineItem<GroupSummary[]>('local:groups', { fallback: [] });

/** The group the popup saved to last; the picker starts there. */
export const lastGroupId = defineItem<string | null>('local:lastGroupId', { fallback: null });

/** The group the side panel shows. */
export const panelGroupId = defineItem<string | null>('local:panelGroupId', { fallback: null });

/** Last queue seen per group id, drawn before the refresh arrives. */
export const cachedQueues = defineItem<Record<string, GroupQueue>>('local:queues', {
  fallback: {},
});

/**
 * When the background last heard (Supabase Realtime, utils/background/live.ts) that something changed
 * in a group, per group id (ms since the epoch): the side panel refreshes when it moves.
 */
export const groupChangedAt = defineItem<Record<string, number>>('session:groupChangedAt', { fallback: {} });

/**
 * Backends whose Realtime subscription failed (the local stand-in has none), per backend URL:
 * until when utils/background/live.ts leaves them alone (ms since the epoch), so opening the side panel
 * again costs no connection attempts.
 */
export const backendsWithoutRealtime = defineItem<Record<string, number>>('local:backendsWithoutRealtime', { fallback: {} });

/**
 * Whether a page is already in a group's library, per "groupId url" (utils/background/saved-badge.ts),
 * so switching tabs doesn't ask the server each time. Session storage: gone when the
 * browser closes, never written to disk.
 */
export interface SavedPageMark {
  /** The item holding the page, or null when the group's library doesn't have it. */
  itemId: string | null;
  /** When this was learned (ms since the epoch). */
  at: number;
}
export const savedPages = defineItem<Record<string, SavedPageMark>>('session:savedPages', { fallback: {} });

/**
 * The outbox (utils/background/outbox.ts): changes that could not be sent yet, oldest first. `id` is
 * the operation's client id (the clip's, comment's or highlight's p_client_id), so a
 * repeat send never duplicates. `itemKey` orders operations per item: the item id, or the
 * client id of the clip that will create it. `userId`: only that member's session sends it.
 */
export type OutboxOpInput = { id: string; groupId: string; itemKey: string; userId: string } & (
  | { kind: 'clip'; args: ClipItemArgs }
  /** itemId, or (for a comment on a clip still waiting) clipId, the clip's client id. */
  /** highlightId: a reply on that highlight. */
  | {
      kind: 'comment';
      args: { itemId: string | null; clipId?: string; body: string; parentId?: string | null; highlightId?: string };
    }
  /** A highlight (add_highlight); its id is the highlight's p_client_id. */
  | { kind: 'highlight'; args: { itemId: string; target: HighlightTarget; body: string } }
  | { kind: 'tag'; args: { itemId: string; tags: string[] } }
  | { kind: 'queue'; args: { itemId: string } }
  // Changes that are sets, not toggles, so sending one again changes nothing (outbox-changes.ts).
  // `title` (and `beforeTitle`) only label the change in "Waiting to send".
  | { kind: 'untag'; args: { itemId: string; tag: string; title?: string } }
  | { kind: 'vote'; args: { itemId: string; vote: boolean; title?: string } }
  | { kind: 'read'; args: { itemId: string; read: boolean; title?: string } }
  | { kind: 'move'; args: { itemId: string; beforeItemId: string | null; title?: string; beforeTitle?: string } }
  | { kind: 'unqueue'; args: { itemId: string; title?: string } }
);
export type OutboxOp = OutboxOpInput & {
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  lastError: UserError | null;
  /** The server refused it (or kept failing): shown with Retry and Discard, blocks nothing. */
  failed: boolean;
  /**
   * Being sent right now by the worker whose life this names (written before the call, so a
   * worker stopped mid-send loses nothing). Pages hide it; a later worker sends it again.
   */
  sendingIn?: string;
};
export const outbox = defineItem<OutboxOp[]>('local:outbox', { fallback: [] });

/** Item ids of clips the outbox delivered, by client id, for comments that waited behind them. */
export const outboxLanded = defineItem<Record<string, string>>('local:outboxLanded', { fallback: {} });
