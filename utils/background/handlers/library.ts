/**
 * The background's answers for the group library: reading a tab, saving a clip (kept in the
 * outbox when it cannot be sent), finding a page already saved, an item's detail and reader
 * view, the library list and search, deleting an item.
 */
import { callRpc, forgetCachedItem, refreshCachedGroups, refreshCachedQueue } from '@/utils/background/rpc';
import { saveClipNow, sendOrKeep } from '@/utils/background/outbox-send';
import { pageHash } from '@/utils/background/page-hash';
import { rememberLookup } from '@/utils/background/saved-badge';
import { LIBRARY_PAGE_SIZE } from '@/utils/shared/api-types';
import { invalid, ok } from './reply';
import type { HandlerContext, Handlers } from './types';

type Names = 'clipTab' | 'saveClip' | 'findItem' | 'deleteItem' | 'itemDetail' | 'groupLibrary' | 'searchLibrary' | 'itemReader';

export function libraryHandlers({ deps, getClient }: Pick<HandlerContext, 'deps' | 'getClient'>): Pick<Handlers, Names> {
  return {
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

    async deleteItem({ itemId, groupId }) {
      const client = await getClient();
      const reply = await callRpc(client, 'delete_item', { p_item_id: itemId });
      if (!reply.ok) return reply;
      await forgetCachedItem(itemId);
      // Queue order and counts come from the server; a failed refresh leaves the trimmed cache.
      await Promise.all([refreshCachedQueue(client, groupId), refreshCachedGroups(client)]);
      return ok(null);
    },

    async itemDetail({ itemId }) {
      return callRpc(await getClient(), 'item_detail', { p_item_id: itemId });
    },

    async groupLibrary({ groupId, tag, offset = 0 }) {
      return callRpc(await getClient(), 'group_library', {
        p_group_id: groupId,
        p_tag: tag?.trim() || null,
        p_limit: LIBRARY_PAGE_SIZE,
        p_offset: offset,
      });
    },

    async searchLibrary({ groupId, query, tag, offset = 0 }) {
      if (!query.trim()) return invalid('Type a word to search for.');
      return callRpc(await getClient(), 'search_library', {
        p_group_id: groupId,
        p_query: query.trim(),
        p_tag: tag?.trim() || null,
        p_limit: LIBRARY_PAGE_SIZE,
        p_offset: offset,
      });
    },

    async itemReader({ itemId }) {
      return callRpc(await getClient(), 'item_reader', { p_item_id: itemId });
    },
  };
}
