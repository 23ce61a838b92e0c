import { beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { cachedGroups, lastGroupId } from './storage';

beforeEach(() => fakeBrowser.reset());

describe('storage items', () => {
  test('regression: loading the items reads nothing; a page reads only the items it uses, in one batch', async () => {
    await fakeBrowser.storage.local.set({ queues: { g1: { entries: [] } } }); // the side panel's large cache
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    vi.resetModules();
    const fresh = await import('./storage');
    const { storage } = await import('wxt/utils/storage');
    await new Promise((done) => setTimeout(done, 0));
    expect(get).not.toHaveBeenCalled();
    const [groups, last] = await storage.getItems([fresh.cachedGroups, fresh.lastGroupId]);
    expect(groups!.value).toEqual([]); // the fallback
    expect(last!.value).toBeNull();
    expect(get).toHaveBeenCalledTimes(1);
    expect(get.mock.calls[0]![0]).toEqual(['groups', 'lastGroupId']);
  });

  test('items made on first use keep their fallback, values and watchers', async () => {
    expect(cachedGroups.key).toBe('local:groups');
    expect(cachedGroups.fallback).toEqual([]);
    expect(await lastGroupId.getValue()).toBeNull();
    const seen: (string | null)[] = [];
    const unwatch = lastGroupId.watch((next) => seen.push(next));
    await lastGroupId.setValue('g2');
    expect(await lastGroupId.getValue()).toBe('g2');
    await lastGroupId.removeValue();
    expect(seen).toEqual(['g2', null]);
    unwatch();
  });
});
