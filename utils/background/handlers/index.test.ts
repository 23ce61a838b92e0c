import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { sendMessage } from '@/utils/shared/protocol';
import { registerHandlers } from '@/utils/background/handlers';
import { clipTabContents } from '@/utils/background/clip-tab';
import { AUTH_STORAGE_KEY } from '@/utils/background/session';
import { BAD_CODE_MESSAGE, NETWORK_MESSAGE } from '@/utils/background/errors';
import { cachedAccount, cachedGroups, cachedQueues, lastGroupId } from '@/utils/shared/storage';
import { groups, queue, resetBrowser, session, setup, stubClient } from '../../../tests/support/handlers-stub';

beforeEach(resetBrowser);

describe('account', () => {
  it('getAccount reads the stored session and mirrors it into cachedAccount', async () => {
    const { h, deps } = setup();
    expect(await h.getAccount(undefined)).toEqual({ ok: true, value: null });
    await fakeBrowser.storage.local.set({ [AUTH_STORAGE_KEY]: JSON.stringify(session) });
    const account = { userId: 'u1', email: 'ada@example.com', displayName: 'Ada' };
    expect(await h.getAccount(undefined)).toEqual({ ok: true, value: account });
    expect(await cachedAccount.getValue()).toEqual(account);
    expect(deps.getClient).not.toHaveBeenCalled();
  });

  it('signs in with an emailed code', async () => {
    const { h, stub } = setup();
    expect(await h.sendSignInCode({ email: 'ada@example.com' })).toEqual({ ok: true, value: null });
    expect(stub.auth.signInWithOtp).toHaveBeenCalledWith({ email: 'ada@example.com', options: { shouldCreateUser: true } });
    const reply = await h.verifySignInCode({ email: 'ada@example.com', code: '123456' });
    expect(reply).toEqual({ ok: true, value: { userId: 'u1', email: 'ada@example.com', displayName: 'Ada' } });
    expect(stub.auth.verifyOtp).toHaveBeenCalledWith({ email: 'ada@example.com', token: '123456', type: 'email' });
  });

  it('explains a wrong or expired code', async () => {
    const { AuthApiError } = await import('@supabase/supabase-js');
    const stub = stubClient({
      auth: {
        verifyOtp: vi.fn(async () => ({
          data: { user: null, session: null },
          error: new AuthApiError('Token has expired or is invalid', 403, 'otp_expired'),
        })),
      },
    });
    const { h } = setup(stub);
    expect(await h.verifySignInCode({ email: 'ada@example.com', code: '000000' })).toEqual({
      ok: false,
      error: { kind: 'invalid', message: BAD_CODE_MESSAGE },
    });
  });

  it('reports an unreachable server when sending a code', async () => {
    const { AuthRetryableFetchError } = await import('@supabase/supabase-js');
    const stub = stubClient({
      auth: { signInWithOtp: vi.fn(async () => ({ data: {}, error: new AuthRetryableFetchError('Failed to fetch', 0) })) },
    });
    expect(await setup(stub).h.sendSignInCode({ email: 'ada@example.com' })).toEqual({
      ok: false,
      error: { kind: 'network', message: NETWORK_MESSAGE },
    });
  });

  it('signOut clears the session and every cache', async () => {
    const { h, stub, deps } = setup();
    await fakeBrowser.storage.local.set({ [AUTH_STORAGE_KEY]: JSON.stringify(session) });
    await cachedAccount.setValue({ userId: 'u1', email: 'ada@example.com', displayName: 'Ada' });
    await cachedGroups.setValue(groups);
    await cachedQueues.setValue({ g1: queue });
    expect(await h.signOut(undefined)).toEqual({ ok: true, value: null });
    expect(stub.auth.signOut).toHaveBeenCalledWith({ scope: 'local' });
    expect(deps.resetClient).toHaveBeenCalled();
    expect(await fakeBrowser.storage.local.get(AUTH_STORAGE_KEY)).toEqual({});
    expect(await cachedAccount.getValue()).toBeNull();
    expect(await cachedGroups.getValue()).toEqual([]);
    expect(await cachedQueues.getValue()).toEqual({});
  });

  it('signOut works even when no client can be built', async () => {
    const { h } = setup(stubClient(), { getClient: vi.fn(async () => Promise.reject(new Error('bad url'))) });
    await cachedGroups.setValue(groups);
    expect(await h.signOut(undefined)).toEqual({ ok: true, value: null });
    expect(await cachedGroups.getValue()).toEqual([]);
  });
});

describe('membership', () => {
  it('createInvite sends the chosen expiry and use limit, 7 days and no limit by default', async () => {
    const stub = stubClient({ rpc: { create_invite: () => ({ data: { code: 'XYZ', group_id: 'g1', expires_at: 'x', max_uses: null } }) } });
    const { h } = setup(stub);
    await h.createInvite({ groupId: 'g1', days: 30, maxUses: 5 });
    await h.createInvite({ groupId: 'g1' });
    expect(stub.rpc).toHaveBeenNthCalledWith(1, 'create_invite', { p_group_id: 'g1', p_expires_in_days: 30, p_max_uses: 5 });
    expect(stub.rpc).toHaveBeenNthCalledWith(2, 'create_invite', { p_group_id: 'g1', p_expires_in_days: 7, p_max_uses: null });
  });

  it('previewInvite refuses an empty code without calling the server', async () => {
    const stub = stubClient();
    expect(await setup(stub).h.previewInvite({ code: '  ' })).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    expect(stub.rpc).not.toHaveBeenCalled();
  });

  it('leaveGroup refreshes the groups and forgets the group as the default and its queue', async () => {
    await lastGroupId.setValue('g2');
    await cachedQueues.setValue({ g2: queue, g1: queue });
    const stub = stubClient({ rpc: { leave_group: () => ({ data: null }) } });
    expect(await setup(stub).h.leaveGroup({ groupId: 'g2' })).toEqual({ ok: true, value: null });
    expect(await cachedGroups.getValue()).toEqual(groups);
    expect(Object.keys(await cachedQueues.getValue())).toEqual(['g1']);
    expect(await lastGroupId.getValue()).toBeNull();
  });

  it("the last owner leaving gets the server's message and keeps the group", async () => {
    await cachedGroups.setValue(groups);
    const message = "You are this group's last owner: make another member an owner before you leave, or delete the group.";
    const stub = stubClient({ rpc: { leave_group: () => ({ error: { code: 'P0001', message } }) } });
    expect(await setup(stub).h.leaveGroup({ groupId: 'g1' })).toEqual({ ok: false, error: { kind: 'invalid', message } });
    expect(await cachedGroups.getValue()).toEqual(groups);
  });

  it('removeMember, setMemberRole, updateGroup and deleteGroup call their RPCs', async () => {
    const stub = stubClient({
      rpc: {
        remove_member: () => ({}),
        set_member_role: () => ({ data: {} }),
        update_group: () => ({ data: {} }),
        delete_group: () => ({}),
      },
    });
    const { h } = setup(stub);
    await h.removeMember({ groupId: 'g1', userId: 'u2' });
    await h.setMemberRole({ groupId: 'g1', userId: 'u2', role: 'admin' });
    await h.updateGroup({ groupId: 'g1', name: ' Readers ', description: '  ' });
    await h.deleteGroup({ groupId: 'g1', confirmName: 'Readers ' });
    expect(stub.rpc).toHaveBeenCalledWith('remove_member', { p_group_id: 'g1', p_user_id: 'u2' });
    expect(stub.rpc).toHaveBeenCalledWith('set_member_role', { p_group_id: 'g1', p_user_id: 'u2', p_role: 'admin' });
    expect(stub.rpc).toHaveBeenCalledWith('update_group', { p_group_id: 'g1', p_name: 'Readers', p_description: null });
    expect(stub.rpc).toHaveBeenCalledWith('delete_group', { p_group_id: 'g1', p_confirm_name: 'Readers' });
    // Each change that went through refreshed the cached groups.
    expect(stub.rpc.mock.calls.filter((c) => c[0] === 'my_groups')).toHaveLength(4);
  });

  it('updateProfile saves the name and updates the cached account', async () => {
    const updateUser = vi.fn(async () => ({ data: {}, error: null }));
    const stub = stubClient({
      rpc: { update_profile: () => ({ data: { id: 'u1', display_name: 'Ada L.', avatar_url: null } }) },
      auth: { updateUser },
    });
    const reply = await setup(stub).h.updateProfile({ displayName: ' Ada L. ', avatarUrl: '' });
    expect(stub.rpc).toHaveBeenCalledWith('update_profile', { p_display_name: 'Ada L.', p_avatar_url: null });
    expect(reply).toEqual({ ok: true, value: { userId: 'u1', email: 'ada@example.com', displayName: 'Ada L.' } });
    expect(await cachedAccount.getValue()).toEqual({ userId: 'u1', email: 'ada@example.com', displayName: 'Ada L.' });
    expect(updateUser).toHaveBeenCalledWith({ data: { display_name: 'Ada L.' } });
  });

  it('a saved profile name survives getAccount when the session still has the old one', async () => {
    await fakeBrowser.storage.local.set({ [AUTH_STORAGE_KEY]: JSON.stringify(session) });
    await cachedAccount.setValue({ userId: 'u1', email: 'ada@example.com', displayName: 'Ada L.' });
    expect(await setup().h.getAccount(undefined)).toEqual({
      ok: true,
      value: { userId: 'u1', email: 'ada@example.com', displayName: 'Ada L.' },
    });
  });
});

describe('clipTab', () => {
  it('returns an unclippable clip for chrome:// pages', async () => {
    vi.spyOn(fakeBrowser.tabs, 'get').mockResolvedValue({ id: 3, url: 'chrome://extensions/', title: 'Extensions' } as never);
    const executeScript = vi.spyOn(fakeBrowser.scripting, 'executeScript');
    const reply = await setup().h.clipTab({ tabId: 3 });
    expect(reply).toMatchObject({ ok: true, value: { ok: false, error: { kind: 'unclippable' }, link: null, selection: null } });
    expect(executeScript).not.toHaveBeenCalled();
  });
});

describe('never throws', () => {
  it('turns a thrown error into a failed reply', async () => {
    const { h } = setup(stubClient(), { getClient: vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))) });
    expect(await h.listGroups(undefined)).toEqual({ ok: false, error: { kind: 'network', message: NETWORK_MESSAGE } });
  });

  it('backendChanged drops the client', async () => {
    const { h, deps } = setup();
    expect(await h.backendChanged(undefined)).toEqual({ ok: true, value: null });
    expect(deps.resetClient).toHaveBeenCalled();
  });
});

type Listener = (message: { data: unknown; sender?: object }) => Promise<unknown>;

/** registerHandlers with its listeners caught, so a test can deliver a message from any sender (as @webext-core/messaging passes runtime.onMessage's sender). */
function listenersOf(deps: Parameters<typeof registerHandlers>[0]): Record<string, Listener> {
  const listeners: Record<string, Listener> = {};
  registerHandlers(deps, ((name: string, handler: Listener) => (listeners[name] = handler)) as never);
  return listeners;
}

describe('registerHandlers', () => {
  const ownPage = () => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') });

  it('answers its own pages', async () => {
    const stub = stubClient();
    const on = listenersOf({ getClient: async () => stub.client, resetClient: () => {}, clipTab: clipTabContents });
    expect(await on.listGroups!({ data: undefined, sender: ownPage() })).toEqual({ ok: true, value: groups });
    expect(
      await on.groupQueue!({ data: { groupId: 'g1' }, sender: { ...ownPage(), origin: 'chrome-extension://test-extension-id' } }),
    ).toEqual({ ok: true, value: queue });
  });

  it('checks the sender of messages arriving through the protocol (the fake browser sends them from nowhere)', async () => {
    const stub = stubClient();
    registerHandlers({ getClient: async () => stub.client, resetClient: () => {}, clipTab: clipTabContents });
    expect(await sendMessage('listGroups')).toEqual({
      ok: false,
      error: { kind: 'invalid', message: 'Readclub answers only its own pages.' },
    });
    expect(stub.rpc).not.toHaveBeenCalled();
  });

  it.each([
    [
      'another extension',
      { id: 'otherextensionidotherextensionid', url: 'chrome-extension://otherextensionidotherextensionid/background.html' },
    ],
    ["a web page's content context", { id: 'test-extension-id', url: 'https://evil.example/page.html', tab: { id: 4 } }],
    ['a sender that says nothing', {}],
  ])('refuses %s: nothing runs, the answer says why', async (_who, sender) => {
    const stub = stubClient();
    const getClient = vi.fn(async () => stub.client);
    const on = listenersOf({ getClient, resetClient: () => {}, clipTab: clipTabContents });
    await cachedAccount.setValue({ userId: 'u1', email: 'ada@example.com', displayName: 'Ada' });
    for (const [name, data] of [
      ['listGroups', undefined],
      ['getAccount', undefined],
      ['findItem', { groupId: 'g1', url: 'https://example.com/' }],
      ['signOut', undefined],
    ] as const) {
      expect(await on[name]!({ data, sender })).toEqual({
        ok: false,
        error: { kind: 'invalid', message: 'Readclub answers only its own pages.' },
      });
    }
    expect(getClient).not.toHaveBeenCalled();
    expect(stub.rpc).not.toHaveBeenCalled();
    expect(await cachedAccount.getValue()).toMatchObject({ userId: 'u1' }); // not signed out
  });
});
