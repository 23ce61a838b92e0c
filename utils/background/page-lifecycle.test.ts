import { describe, expect, test } from 'vitest';
import { withoutPageLifecycleListeners } from './page-lifecycle';
import { createReadclubClient } from './supabase-client';

/** A window stand-in that records the listeners added to it. */
function recordingTarget() {
  const added: string[] = [];
  const target = new EventTarget();
  const add = target.addEventListener.bind(target);
  target.addEventListener = ((type: string, ...rest: [EventListenerOrEventListenerObject | null]) => {
    added.push(type);
    add(type, ...rest);
  }) as EventTarget['addEventListener'];
  return { target, added };
}

describe("the background's page gets no pagehide listener (Firefox stops it at browser close)", () => {
  test('pagehide and pageshow listeners are left out while building; others, and later ones, are kept', () => {
    const { target, added } = recordingTarget();
    const result = withoutPageLifecycleListeners(() => {
      for (const type of ['pagehide', 'pageshow', 'visibilitychange']) target.addEventListener(type, () => {});
      return 'built';
    }, target);
    expect(result).toBe('built');
    expect(added).toEqual(['visibilitychange']);
    target.addEventListener('pagehide', () => {});
    expect(added).toEqual(['visibilitychange', 'pagehide']);
  });

  test('the Supabase client built on a page leaves pagehide alone (its Realtime socket would listen)', () => {
    const types: string[] = [];
    const add = window.addEventListener;
    window.addEventListener = function (this: Window, type: string, ...rest: unknown[]) {
      types.push(type);
      return (add as (...args: unknown[]) => void).call(this, type, ...rest);
    } as Window['addEventListener'];
    try {
      createReadclubClient('https://project.supabase.co', 'sb_publishable_test');
    } finally {
      window.addEventListener = add;
    }
    expect(types).not.toContain('pagehide');
    expect(types).not.toContain('pageshow');
  });
});
