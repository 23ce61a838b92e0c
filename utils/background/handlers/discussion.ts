/**
 * The background's answers for the discussion around an item: comments (kept in the outbox
 * when they cannot be sent, in order behind earlier changes to the item), earlier pages of a
 * long discussion, and tags.
 */
import { COMMENT_PAGE, COMMENT_PAGE_MAX, MAX_COMMENT_CHARS } from '@/utils/shared/api-types';
import type { Reply } from '@/utils/shared/protocol';
import { callRpc, refreshCachedQueue, tagCachedItem } from '@/utils/background/rpc';
import { isRetryable, isWaiting } from '@/utils/background/outbox';
import { addCommentNow, sendOrKeep } from '@/utils/background/outbox-send';
import { keepChange } from './queue';
import { invalid } from './reply';
import type { GetClient, Handlers } from './types';

/** Empty and over-long comments are answered here, before the network (the database says the same). */
function commentRefusal(body: string): Reply<never> | null {
  if (!body) return invalid('Write something first.');
  if (body.length > MAX_COMMENT_CHARS) {
    return invalid(
      `A comment can be at most ${MAX_COMMENT_CHARS.toLocaleString('en')} characters (this one has ${body.length.toLocaleString('en')}).`,
    );
  }
  return null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Names = 'addComment' | 'editComment' | 'deleteComment' | 'itemComments' | 'tagItem' | 'untagItem' | 'groupTags' | 'renameTag';

export function discussionHandlers(getClient: GetClient): Pick<Handlers, Names> {
  return {
    async addComment({ itemId, body, parentId, clientId, highlightId }) {
      const trimmed = body.trim();
      const refused = commentRefusal(trimmed);
      if (refused) return refused;
      // The page's id when it gave one: a retry after the worker stopped mid-send is the same comment.
      const id = clientId && UUID.test(clientId) ? clientId : crypto.randomUUID();
      const args = { itemId, body: trimmed, ...(parentId ? { parentId } : {}), ...(highlightId ? { highlightId } : {}) };
      const op = { kind: 'comment' as const, id, groupId: '', itemKey: itemId, args };
      // After an earlier change to this item that still waits, in order.
      return sendOrKeep(
        op,
        async () => addCommentNow(await getClient(), itemId, trimmed, id, parentId, highlightId),
        await isWaiting(itemId, id),
      );
    },

    async editComment({ commentId, body }) {
      const trimmed = body.trim();
      return commentRefusal(trimmed) ?? callRpc(await getClient(), 'edit_comment', { p_comment_id: commentId, p_body: trimmed });
    },

    async deleteComment({ commentId }) {
      return callRpc(await getClient(), 'delete_comment', { p_comment_id: commentId });
    },

    async itemComments({ itemId, before, limit = COMMENT_PAGE }) {
      // The position is a top comment the page already drew: anything else is a bug, said before the network.
      if (before && (!UUID.test(before.id) || Number.isNaN(Date.parse(before.createdAt)))) {
        return invalid('An earlier page of comments starts before a comment the page shows: its id and when it was written.');
      }
      if (!Number.isInteger(limit) || limit < 1 || limit > COMMENT_PAGE_MAX) {
        return invalid(`A page of comments holds 1 to ${COMMENT_PAGE_MAX} top comments (asked for ${limit}).`);
      }
      return callRpc(await getClient(), 'item_comments', {
        p_item_id: itemId,
        p_before_created_at: before?.createdAt ?? null,
        p_before_id: before?.id ?? null,
        p_limit: limit,
      });
    },

    async tagItem({ itemId, tags }) {
      const cleaned = tags.map((t) => t.trim()).filter(Boolean);
      if (cleaned.length === 0) return invalid('Type a tag first.');
      // tag_item only adds, so sending it again changes nothing: the outbox may keep it.
      const op = { kind: 'tag' as const, id: crypto.randomUUID(), groupId: '', itemKey: itemId, args: { itemId, tags: cleaned } };
      return sendOrKeep(
        op,
        async () => {
          const reply = await callRpc(await getClient(), 'tag_item', { p_item_id: itemId, p_tags: cleaned });
          if (reply.ok) await tagCachedItem(itemId, reply.value);
          return reply;
        },
        await isWaiting(itemId),
      );
    },

    async untagItem({ itemId, tag }) {
      if (!tag.trim()) return invalid('Name the tag.');
      return keepChange(getClient, { kind: 'untag', args: { itemId, tag } });
    },

    async groupTags({ groupId }) {
      return callRpc(await getClient(), 'group_tags', { p_group_id: groupId });
    },

    async renameTag({ groupId, from, to }) {
      if (!to.trim()) return invalid('Type the new name for the tag.');
      const client = await getClient();
      const reply = await callRpc(client, 'rename_tag', { p_group_id: groupId, p_from: from, p_to: to });
      // Renaming touches every item with the tag, so it is not kept in the outbox: say so.
      if (!reply.ok && isRetryable(reply.error)) {
        const message = `${reply.error.message} Renaming a tag needs the server, so it was not kept: try again when it can be reached.`;
        return { ok: false, error: { ...reply.error, message } };
      }
      // Queue rows show tags: redraw them from the server.
      if (reply.ok) await refreshCachedQueue(client, groupId);
      return reply;
    },
  };
}
