/**
 * The background's answer to every ProtocolMap message. Each handler returns a Reply and
 * never throws across messaging. Dependencies (the client, the clipper) are injected so
 * tests can pass stubs.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { GetDataType, GetReturnType } from '@webext-core/messaging';
import type { ProtocolMap, Reply, TabClip } from '@/utils/shared/protocol';
import { MAX_COMMENT_CHARS } from '@/utils/shared/api-types';
import { onMessage } from '@/utils/shared/protocol';
import { pageHash } from '@/utils/background/page-hash';
import { rememberLookup } from '@/utils/background/saved-badge';
import { isOwnPage, REFUSED, type SenderLike } from '@/utils/background/message-sender';
import { backendKey, backendUrl, cachedAccount, lastGroupId, outbox, sessionEndedFor } from '@/utils/shared/storage';
import { errorReply } from '@/utils/background/errors';
import { afterGroupChange, callRpc, forgetAccount, forgetCachedItem, forgetGroup, refreshCachedGroups, refreshCachedQueue, rememberGroup, rememberProfile, tagCachedItem } from '@/utils/background/rpc';
import { meetingHandlers } from './meetings';
import { queueHandlers } from './news';
import { discard, isRetryable, isWaiting, summarise, waitingFor } from '@/utils/background/outbox';
import { changeHandlers } from './changes';
import { addCommentNow, outboxKicker, saveClipNow, sendOrKeep } from '@/utils/background/outbox-send';
import { endSession, finishEmailSignIn, readStoredAccount, reconcileSessionBackend, startEmailSignIn } from '@/utils/background/session';
import { clipTabContents } from '@/utils/background/clip-tab';
import { fetchGroupExport } from '@/utils/background/export-pages';
import { getSupabaseClient, resetSupabaseClient } from '@/utils/background/supabase-client';

export interface HandlerDeps {
  getClient: () => Promise<SupabaseClient>;
  resetClient: () => void;
  clipTab: (tabId?: number) => Promise<TabClip>;
}

export const defaultHandlerDeps: HandlerDeps = {
  getClient: getSupabaseClient,
  resetClient: resetSupabaseClient,
  clipTab: clipTabContents,
};

export type Handlers = {
  [K in keyof ProtocolMap]: (data: GetDataType<ProtocolMap[K]>) => Promise<GetReturnType<ProtocolMap[K]>>;
};

const ok = <T>(value: T): Reply<T> => ({ ok: true, value });

/** Empty and over-long comments are answered here, before the network (the database says the same). */
function commentRefusal(body: string): Reply<never> | null {
  if (!body) return { ok: false, error: { kind: 'invalid', message: 'Write something first.' } };
  if (body.length > MAX_COMMENT_CHARS) {
    const message = `A comment can be at most ${MAX_COMMENT_CHARS.toLocaleString('en')} characters (this one has ${body.length.toLocaleString('en')}).`;
    return { ok: false, error: { kind: 'invalid', message } };
  }
  return null;
}
const ENTER_CODE = 'Enter the invite code or link you were sent.';

/** Answers that say nothing about reaching the server (or are the outbox's own). */
const OWN_WORK = new Set<keyof ProtocolMap>(['getAccount', 'clipTab', 'signOut', 'deleteAccount', 'backendChanged', 'listOutbox', 'retryOutbox', 'discardOutbox']);

/** The first group created or joined becomes the one the shortcut and menu save to. */
async function chooseFirstGroup(groupId: string): Promise<void> {
  if (!(await lastGroupId.getValue())) await lastGroupId.setValue(groupId);
}

export function createHandlers(deps: HandlerDeps = defaultHandlerDeps): Handlers {
  const { getClient } = deps;
  const kick = outboxKicker(getClient);
  // Whose kept changes are named: who is signed in, else whose session ended on its own.
  const member = async () => (await readStoredAccount())?.userId ?? (await sessionEndedFor.getValue());
  const waiting = async () => ok(waitingFor(await outbox.getValue(), await member()).mine.map(summarise));

  const handlers: Handlers = {
    async getAccount() {
      await reconcileSessionBackend();
      const stored = await readStoredAccount();
      const cached = await cachedAccount.getValue();
      // A name saved with updateProfile wins over the session's copy (which not every backend updates).
      const account = stored && cached?.userId === stored.userId ? { ...stored, displayName: cached.displayName } : stored;
      if (JSON.stringify(cached) !== JSON.stringify(account)) await cachedAccount.setValue(account);
      return ok(account);
    },

    async sendSignInCode({ email }) {
      await startEmailSignIn(await getClient(), email);
      return ok(null);
    },

    async verifySignInCode({ email, code }) {
      const account = await finishEmailSignIn(await getClient(), email, code);
      // What waited for this member's session goes now.
      void kick(true);
      return ok(account);
    },

    async signOut() {
      let client: SupabaseClient | null = null;
      try {
        client = await getClient();
      } catch {
        // Signing out must work even when the client cannot be built.
      }
      await endSession(client);
      deps.resetClient();
      return ok(null);
    },

    async listGroups() {
      return refreshCachedGroups(await getClient());
    },

    async createGroup({ name }) {
      const client = await getClient();
      const trimmed = name.trim();
      if (!trimmed) return { ok: false, error: { kind: 'invalid', message: 'Give the group a name.' } };
      const reply = await callRpc(client, 'create_group', { p_name: trimmed });
      if (reply.ok) await Promise.all([rememberGroup(client, reply.value, 'owner'), chooseFirstGroup(reply.value.id)]);
      return reply;
    },

    async createInvite({ groupId, days, maxUses }) {
      return callRpc(await getClient(), 'create_invite', { p_group_id: groupId, p_expires_in_days: days ?? 7, p_max_uses: maxUses ?? null });
    },

    async listInvites({ groupId }) {
      return callRpc(await getClient(), 'list_invites', { p_group_id: groupId });
    },

    async revokeInvite({ inviteId }) {
      return callRpc(await getClient(), 'revoke_invite', { p_invite_id: inviteId });
    },

    async previewInvite({ code }) {
      const trimmed = code.trim();
      if (!trimmed) return { ok: false, error: { kind: 'invalid', message: ENTER_CODE } };
      return callRpc(await getClient(), 'preview_invite', { p_code: trimmed });
    },

    async joinGroup({ code }) {
      const client = await getClient();
      const trimmed = code.trim();
      if (!trimmed) return { ok: false, error: { kind: 'invalid', message: ENTER_CODE } };
      const reply = await callRpc(client, 'join_group', { p_code: trimmed });
      if (reply.ok) await Promise.all([rememberGroup(client, reply.value, 'member'), chooseFirstGroup(reply.value.id)]);
      return reply;
    },

    async groupMembers({ groupId }) {
      return callRpc(await getClient(), 'group_members', { p_group_id: groupId });
    },

    async setMemberRole({ groupId, userId, role }) {
      // My own role may change too (an owner handing over), so the cached groups are refreshed.
      return afterGroupChange(await getClient(), (client) => callRpc(client, 'set_member_role', { p_group_id: groupId, p_user_id: userId, p_role: role }));
    },

    async removeMember({ groupId, userId }) {
      return afterGroupChange(await getClient(), (client) => callRpc(client, 'remove_member', { p_group_id: groupId, p_user_id: userId }));
    },

    async leaveGroup({ groupId }) {
      const reply = await afterGroupChange(await getClient(), (client) => callRpc(client, 'leave_group', { p_group_id: groupId }));
      if (reply.ok) await forgetGroup(groupId);
      return reply;
    },

    async updateGroup({ groupId, name, description }) {
      const trimmed = name.trim();
      if (!trimmed) return { ok: false, error: { kind: 'invalid', message: 'Give the group a name.' } };
      return afterGroupChange(await getClient(), (client) =>
        callRpc(client, 'update_group', { p_group_id: groupId, p_name: trimmed, p_description: description?.trim() || null }));
    },

    async deleteGroup({ groupId, confirmName }) {
      const reply = await afterGroupChange(await getClient(), (client) =>
        callRpc(client, 'delete_group', { p_group_id: groupId, p_confirm_name: confirmName.trim() }));
      if (reply.ok) await forgetGroup(groupId);
      return reply;
    },

    async updateProfile({ displayName, avatarUrl }) {
      const client = await getClient();
      const reply = await callRpc(client, 'update_profile', { p_display_name: displayName.trim(), p_avatar_url: avatarUrl?.trim() || null });
      if (!reply.ok) return reply;
      return ok(await rememberProfile(client, reply.value.display_name));
    },

    async myProfile() {
      return callRpc(await getClient(), 'my_profile', {});
    },

    async exportGroup({ groupId }) {
      const client = await getClient();
      return fetchGroupExport((args) => callRpc(client, 'export_group', args), groupId);
    },

    async deleteAccount({ confirm }) {
      const client = await getClient();
      const account = await readStoredAccount();
      const reply = await callRpc(client, 'delete_account', { p_confirm: confirm.trim() });
      if (!reply.ok) return reply;
      // The server has forgotten this account: sign out here and forget it too.
      await endSession(client);
      if (account) await forgetAccount(account.userId);
      deps.resetClient();
      return reply;
    },

    async clipTab(data) {
      return ok(await deps.clipTab(data?.tabId));
    },

    async saveClip(args) {
      // Unreachable, server error or session ended: the clip waits in the outbox ('queued').
      const op = { kind: 'clip' as const, id: args.p_client_id, groupId: args.p_group_id, itemKey: args.p_client_id, args };
      return sendOrKeep(op, async () => saveClipNow(await getClient(), args));
    },

    async findItem({ groupId, url }) {
      // Only web addresses can be in a library; anything else (file:, chrome:) never leaves the browser.
      if (!/^https?:\/\//i.test(url)) return ok(null);
      const reply = await callRpc(await getClient(), 'find_item', { p_group_id: groupId, p_url_hash: await pageHash(url) });
      if (reply.ok) await rememberLookup(groupId, url, reply.value); // the toolbar's ✓ learns it too
      return reply;
    },

    async tagItem({ itemId, tags }) {
      const cleaned = tags.map((t) => t.trim()).filter(Boolean);
      if (cleaned.length === 0) return { ok: false, error: { kind: 'invalid', message: 'Type a tag first.' } };
      // tag_item only adds, so sending it again changes nothing: the outbox may keep it.
      const op = { kind: 'tag' as const, id: crypto.randomUUID(), groupId: '', itemKey: itemId, args: { itemId, tags: cleaned } };
      return sendOrKeep(op, async () => {
        const reply = await callRpc(await getClient(), 'tag_item', { p_item_id: itemId, p_tags: cleaned });
        if (reply.ok) await tagCachedItem(itemId, reply.value);
        return reply;
      }, await isWaiting(itemId));
    },

    async queueItem({ itemId }) {
      // queue_item is harmless when already queued, so the outbox may keep and resend it.
      const op = { kind: 'queue' as const, id: crypto.randomUUID(), groupId: '', itemKey: itemId, args: { itemId } };
      return sendOrKeep(op, async () => {
        const client = await getClient();
        const reply = await callRpc(client, 'queue_item', { p_item_id: itemId });
        // The group's queue count changed; the side panel refreshes its queue when shown.
        if (reply.ok) await refreshCachedGroups(client);
        return reply;
      }, await isWaiting(itemId));
    },

    async deleteItem({ itemId, groupId }) {
      const client = await getClient();
      const reply = await callRpc(client, 'delete_item', { p_item_id: itemId });
      if (!reply.ok) return reply;
      await forgetCachedItem(itemId);
      // Queue order and counts come from the server; a failed refresh leaves the trimmed cache.
      await Promise.all([refreshCachedQueue(client, groupId), refreshCachedGroups(client)]);
      return ok(null);
    },

    async groupQueue({ groupId, offset, count, order }) {
      return refreshCachedQueue(await getClient(), groupId, { offset, count, order });
    },

    // Queue order, votes, read marks, meetings, what's new, live.
    ...queueHandlers(getClient),
    // Untag, vote, read mark, move, take off: kept in the outbox when they cannot be sent.
    ...changeHandlers(getClient),
    ...meetingHandlers(getClient),

    async itemDetail({ itemId }) {
      return callRpc(await getClient(), 'item_detail', { p_item_id: itemId });
    },

    async addComment({ itemId, body, parentId, clientId }) {
      const trimmed = body.trim();
      const refused = commentRefusal(trimmed);
      if (refused) return refused;
      // The page's id when it gave one: a retry after the worker stopped mid-send is the same comment.
      const id = clientId && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(clientId) ? clientId : crypto.randomUUID();
      const args = parentId ? { itemId, body: trimmed, parentId } : { itemId, body: trimmed };
      const op = { kind: 'comment' as const, id, groupId: '', itemKey: itemId, args };
      // After an earlier change to this item that still waits, in order.
      return sendOrKeep(op, async () => addCommentNow(await getClient(), itemId, trimmed, id, parentId), await isWaiting(itemId, id));
    },

    async editComment({ commentId, body }) {
      const trimmed = body.trim();
      return commentRefusal(trimmed) ?? callRpc(await getClient(), 'edit_comment', { p_comment_id: commentId, p_body: trimmed });
    },

    async deleteComment({ commentId }) {
      return callRpc(await getClient(), 'delete_comment', { p_comment_id: commentId });
    },


    async groupTags({ groupId }) {
      return callRpc(await getClient(), 'group_tags', { p_group_id: groupId });
    },

    async renameTag({ groupId, from, to }) {
      if (!to.trim()) return { ok: false, error: { kind: 'invalid', message: 'Type the new name for the tag.' } };
      const client = await getClient();
      const reply = await callRpc(client, 'rename_tag', { p_group_id: groupId, p_from: from, p_to: to });
      // Renaming touches every item with the tag, so it is not kept in the outbox: say so.
      if (!reply.ok && isRetryable(reply.error)) return { ok: false, error: { ...reply.error, message: `${reply.error.message} Renaming a tag needs the server, so it was not kept: try again when it can be reached.` } };
      // Queue rows show tags: redraw them from the server.
      if (reply.ok) await refreshCachedQueue(client, groupId);
      return reply;
    },

    async groupLibrary({ groupId, tag }) {
      return callRpc(await getClient(), 'group_library', { p_group_id: groupId, p_tag: tag?.trim() || null });
    },

    async searchLibrary({ groupId, query }) {
      if (!query.trim()) return { ok: false, error: { kind: 'invalid', message: 'Type a word to search for.' } };
      return callRpc(await getClient(), 'search_library', { p_group_id: groupId, p_query: query.trim() });
    },

    async itemReader({ itemId }) {
      return callRpc(await getClient(), 'item_reader', { p_item_id: itemId });
    },

    async listOutbox() {
      return waiting();
    },

    async retryOutbox({ id }) {
      await kick(true, id);
      return waiting();
    },

    async discardOutbox({ id }) {
      await discard(id, await member());
      return waiting();
    },

    async backendChanged() {
      deps.resetClient();
      await reconcileSessionBackend();
      return ok(null);
    },
  };

  // Nothing escapes as an exception: anything thrown becomes a failed Reply.
  for (const name of Object.keys(handlers) as Array<keyof ProtocolMap>) {
    const inner = handlers[name] as (data: unknown) => Promise<Reply<unknown>>;
    (handlers as Record<string, (data: unknown) => Promise<Reply<unknown>>>)[name] = async (data: unknown) => {
      try {
        const reply = await inner(data);
        // The server answered: whatever waits may go now.
        if (reply.ok && !OWN_WORK.has(name)) void kick(true).catch(() => {});
        return reply;
      } catch (e) {
        const reply = errorReply(e);
        // Expected failures (offline, signed out, wrong code) are the UI's to show.
        if (!reply.ok && reply.error.kind === 'server') console.warn(`[readclub] ${name} failed`, e);
        return reply;
      }
    };
  }
  return handlers;
}

type Listen = <K extends keyof ProtocolMap>(
  type: K,
  handler: (message: { data: GetDataType<ProtocolMap[K]>; sender?: SenderLike }) => Promise<GetReturnType<ProtocolMap[K]>>,
) => unknown;

/** Answer every ProtocolMap message in this context (the background). */
export function registerHandlers(deps: HandlerDeps = defaultHandlerDeps, listen: Listen = onMessage as Listen): Handlers {
  const handlers = createHandlers(deps);
  for (const name of Object.keys(handlers) as Array<keyof ProtocolMap>) {
    const handle = handlers[name] as (data: unknown) => Promise<never>;
    listen(name, async (message) => (isOwnPage(message.sender) ? handle(message.data) : (REFUSED as never)));
  }
  // Settings edited anywhere (not only via the options page's backendChanged) take effect.
  backendUrl.watch(() => deps.resetClient());
  backendKey.watch(() => deps.resetClient());
  return handlers;
}
