/**
 * Firefox's background is a page, and at browser close Firefox stops whatever script runs in
 * its `pagehide` event ("Script terminated by timeout"), however short. Realtime's socket
 * (supabase-js builds it with every client) listens for `pagehide` and `pageshow` to drop and
 * resume its connection around the back-forward cache, which a background page never enters.
 * So the background builds its client without those two listeners: the socket, when one is
 * open, closes with the page.
 */
const SKIPPED = new Set(['pagehide', 'pageshow']);

/** Runs `make` with `pagehide`/`pageshow` listeners on `target` (the page's window, if any) left out. */
export function withoutPageLifecycleListeners<T>(make: () => T, target: EventTarget | undefined = globalThis.window): T {
  if (!target) return make(); // a service worker has no page
  const add = target.addEventListener;
  target.addEventListener = function (this: EventTarget, type: string, ...rest: unknown[]) {
    if (SKIPPED.has(type)) return;
    return (add as (...args: unknown[]) => void).call(this, type, ...rest);
  } as EventTarget['addEventListener'];
  try {
    return make();
  } finally {
    target.addEventListener = add;
  }
}
