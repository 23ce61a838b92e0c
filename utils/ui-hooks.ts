/** Preact hooks the pages share: storage items drawn at once, and the signed-in account. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { WxtStorageItem } from 'wxt/utils/storage';
import type { Account } from './protocol';
import { cachedAccount } from './storage';
import { ask } from './ui-ask';

/** A storage item's value, kept current; undefined until first read. */
export function useStored<T>(item: WxtStorageItem<T, Record<string, unknown>>): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
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
 * The signed-in account: the cached one at once, then whatever the background says
 * (getAccount is cheap — no network). undefined while loading, null when signed out.
 */
export function useAccount(): [Account | null | undefined, (next: Account | null) => void] {
  const cached = useStored(cachedAccount);
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
  return [told && told.basis === cached ? told.value : cached, tell];
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
  }, deps);
}
