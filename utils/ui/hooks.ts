/** Preact hooks the pages share: storage items drawn at once, the signed-in account, the groups. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { WxtStorageItem } from '#imports';
import type { GroupSummary } from '@/utils/shared/api-types';
import type { Account, UserError } from '@/utils/shared/protocol';
import { cachedAccount, cachedGroups, lastGroupId } from '@/utils/shared/storage';
import { ask } from './ask';
import { rememberStart } from './popup-start';

/** A storage item's value, kept current; undefined until first read, or `initial` if read already. */
export function useStored<T>(item: WxtStorageItem<T, Record<string, unknown>>, initial?: T): T | undefined {
  const [value, setValue] = useState<T | undefined>(initial);
  useEffect(() => {
    let live = true;
    let changed = false;
    const unwatch = item.watch((next) => {
      changed = true;
      if (live) setValue(next);
    });
    item.getValue().then((first) => {
      if (live && !changed) setValue(first);
    });
    return () => {
      live = false;
      unwatch();
    };
  }, [item]);
  return value;
}

/**
 * The signed-in account: the cached one at once (`initial` if read already), then whatever
 * the background says (getAccount is cheap — no network). undefined while loading, null when signed out.
 */
export function useAccount(initial?: Account | null): [Account | null | undefined, (next: Account | null) => void] {
  const cached = useStored(cachedAccount, initial);
  const latest = useRef(cached);
  latest.current = cached;
  // What we were told, valid only until the cache changes (a sign-in or sign-out anywhere).
  const [told, setTold] = useState<{ value: Account | null; basis: Account | null | undefined } | null>(null);
  const tell = (value: Account | null) => setTold({ value, basis: latest.current });
  useEffect(() => {
    ask('getAccount').then((reply) => {
      if (reply.ok) tell(reply.value);
    });
  }, []);
  const account = told && told.basis === cached ? told.value : cached;
  // Signed out on any page (Options, a deleted account): the popup's remembered start goes too.
  useEffect(() => {
    if (account === null) rememberStart(undefined);
  }, [account]);
  return [account, tell];
}

/** Run `refresh` now, whenever the page becomes visible again, and every `everyMs`. */
export function useRefresh(refresh: () => void, deps: unknown[], everyMs = 30_000): void {
  useEffect(() => {
    refresh();
    const onVisible = () => {
      if (document.visibilityState === 'visible') refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    const timer = setInterval(onVisible, everyMs);
    return () => {
      document.removeEventListener('visibilitychange', onVisible);
      clearInterval(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's deps say when to start again; refresh and everyMs are read as they were then
  }, deps);
}

export interface Groups {
  /** Cached first, then the fresh list; undefined until the cache is read. */
  groups: GroupSummary[] | undefined;
  /** The group saved to last, where pickers start. */
  lastId: string | null | undefined;
  /** The fresh list arrived or failed: an empty list now means "no groups yet". */
  settled: boolean;
  error: UserError | null;
}

/** The member's groups for the popup: the cache at once (`initial` if read already), then one listGroups refresh. */
export function useGroups(initial?: { groups: GroupSummary[]; lastId: string | null }): Groups {
  const [fresh, setFresh] = useState<GroupSummary[] | null>(null);
  const [error, setError] = useState<UserError | null>(null);
  const cached = useStored(cachedGroups, initial?.groups);
  const lastId = useStored(lastGroupId, initial?.lastId);
  useEffect(() => {
    ask('listGroups').then((reply) => (reply.ok ? setFresh(reply.value) : setError(reply.error)));
  }, []);
  // Once answered, later writes to the cache (a group joined in the popup) are the news.
  useEffect(() => cachedGroups.watch((next) => setFresh((now) => (now === null ? now : next))), []);
  return { groups: fresh ?? cached, lastId, settled: fresh !== null || error !== null, error };
}
