import { afterEach, beforeEach, describe, expect, test, vi, type Mock } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { sendMessage } from '@/utils/shared/protocol';
import { cachedAccount, cachedGroups, lastGroupId } from '@/utils/shared/storage';
import { keepRemembering, readPopupStart, rememberedStart, rememberStart, withReading } from './popup-start';
import { ada, groups } from '@/components/testing/fixtures';

vi.mock('@/utils/shared/protocol', () => ({ sendMessage: vi.fn() }));
const send = sendMessage as unknown as Mock;

beforeEach(() => {
  fakeBrowser.reset();
  localStorage.clear();
  send.mockReset();
  send.mockResolvedValue({ ok: true, value: { ok: true, clip: null, selection: null } });
});
afterEach(() => localStorage.clear());

describe('the popup start', () => {
  test('reads the account, groups, last group and outbox in one storage call', async () => {
    await Promise.all([cachedAccount.setValue(ada), cachedGroups.setValue(groups), lastGroupId.setValue('g2')]);
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    expect(await readPopupStart()).toEqual({ account: ada, groups, lastGroupId: 'g2', outbox: [] });
    expect(get).toHaveBeenCalledTimes(1);
  });

  test('remembers the account and groups (never the outbox) and forgets them when signed out', () => {
    rememberStart({ account: ada, groups, lastGroupId: 'g2', outbox: [{ id: 'big' } as never] });
    expect(rememberedStart()).toEqual({ account: ada, groups, lastGroupId: 'g2' });
    expect(localStorage.getItem('readclub:popupStart')).not.toContain('big');
    rememberStart({ account: null, groups: [], lastGroupId: null });
    expect(rememberedStart()).toBeUndefined();
    expect(localStorage.length).toBe(0);
  });

  test('anything unreadable remembered counts as nothing', () => {
    for (const bad of [
      '{',
      '"text"',
      '{"account":null,"groups":[]}',
      '{"account":{"userId":1},"groups":[]}',
      `{"account":${JSON.stringify(ada)},"groups":[{"id":"g1"}]}`,
    ]) {
      localStorage.setItem('readclub:popupStart', bad);
      expect(rememberedStart()).toBeUndefined();
    }
  });

  test('the tab is read at once only when someone is signed in', async () => {
    expect(withReading({ account: null, groups: [], lastGroupId: null }, 3)?.reading).toBeUndefined();
    expect(send).not.toHaveBeenCalled();
    const start = withReading({ account: ada, groups, lastGroupId: null }, 3);
    expect(send).toHaveBeenCalledWith('clipTab', { tabId: 3 });
    expect((await start!.reading!).ok).toBe(true);
  });

  test('while the popup is open, a change (the group saved to, a sign-out) is remembered', async () => {
    await Promise.all([cachedAccount.setValue(ada), cachedGroups.setValue(groups)]);
    rememberStart(await readPopupStart());
    const stop = keepRemembering();
    await lastGroupId.setValue('g1');
    await vi.waitFor(() => expect(rememberedStart()?.lastGroupId).toBe('g1'));
    await cachedAccount.setValue(null);
    await vi.waitFor(() => expect(rememberedStart()).toBeUndefined());
    stop();
  });
});
