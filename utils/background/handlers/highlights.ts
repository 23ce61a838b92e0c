/**
 * The background's answers for highlights: passages of an item's stored copy a member marked,
 * with an optional comment. A new highlight is kept in the outbox (kind 'highlight') when it
 * cannot be sent, in order behind earlier changes to the item; its client id makes it land
 * once. Replies on a highlight are comments (addComment with highlightId, discussion.ts).
 */
import { HIGHLIGHT_CONTEXT_CHARS, MAX_COMMENT_CHARS, MAX_HIGHLIGHT_CHARS, type HighlightTarget } from '@/utils/shared/api-types';
import type { Reply } from '@/utils/shared/protocol';
import { callRpc } from '@/utils/background/rpc';
import { isWaiting } from '@/utils/background/outbox';
import { addHighlightNow, sendOrKeep } from '@/utils/background/outbox-send';
import { invalid } from './reply';
import type { GetClient, Handlers } from './types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const count = (n: number) => n.toLocaleString('en');

/** The comment on a highlight may be empty; too long is answered before the network. */
function bodyRefusal(body: string): Reply<never> | null {
  if (body.length <= MAX_COMMENT_CHARS) return null;
  return invalid(`A comment can be at most ${count(MAX_COMMENT_CHARS)} characters (this one has ${count(body.length)}).`);
}

/**
 * The target as the database takes it, or why not. The passage is kept exactly as marked (its
 * offsets point at it); the context is only a guide, so longer context is cut to its nearest 32
 * characters rather than refused.
 */
export function cleanTarget(target: HighlightTarget): HighlightTarget | Reply<never> {
  const exact = target.exact ?? '';
  if (!exact.trim()) return invalid('Select a passage to highlight first.');
  if (exact.length > MAX_HIGHLIGHT_CHARS) {
    return invalid(
      `A highlight can be at most ${count(MAX_HIGHLIGHT_CHARS)} characters (this passage has ${count(exact.length)}): select less.`,
    );
  }
  const { start, end } = target;
  const positioned = start !== null && start !== undefined && end !== null && end !== undefined;
  const neither = (start === null || start === undefined) && (end === null || end === undefined);
  if (!positioned && !neither) return invalid('A highlight has both a start and an end, or neither.');
  if (positioned && (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start)) {
    return invalid('A highlight ends after it starts, at whole character offsets from 0.');
  }
  return {
    exact,
    prefix: (target.prefix ?? '').slice(-HIGHLIGHT_CONTEXT_CHARS),
    suffix: (target.suffix ?? '').slice(0, HIGHLIGHT_CONTEXT_CHARS),
    start: positioned ? start : null,
    end: positioned ? end : null,
  };
}

type Names = 'addHighlight' | 'editHighlight' | 'deleteHighlight';

export function highlightHandlers(getClient: GetClient): Pick<Handlers, Names> {
  return {
    async addHighlight({ itemId, target, body, clientId }) {
      const cleaned = cleanTarget(target);
      if ('ok' in cleaned) return cleaned;
      const comment = (body ?? '').trim();
      const refused = bodyRefusal(comment);
      if (refused) return refused;
      // The page's id when it gave one: a retry after the worker stopped mid-send is the same highlight.
      const id = clientId && UUID.test(clientId) ? clientId : crypto.randomUUID();
      const op = { kind: 'highlight' as const, id, groupId: '', itemKey: itemId, args: { itemId, target: cleaned, body: comment } };
      return sendOrKeep(op, async () => addHighlightNow(await getClient(), itemId, cleaned, comment, id), await isWaiting(itemId, id));
    },

    async editHighlight({ highlightId, body }) {
      const comment = body.trim();
      return bodyRefusal(comment) ?? callRpc(await getClient(), 'edit_highlight', { p_highlight_id: highlightId, p_body: comment });
    },

    async deleteHighlight({ highlightId }) {
      return callRpc(await getClient(), 'delete_highlight', { p_highlight_id: highlightId });
    },
  };
}
