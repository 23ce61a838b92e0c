/**
 * add_highlight's arguments as the background sends them (directly and from the outbox): the
 * target's selectors, the comment and the client id that makes a repeat send land once. Pure,
 * so the integration tests send exactly what the extension sends.
 */
import type { HighlightTarget, Rpcs } from '@/utils/shared/api-types';

export function addHighlightArgs(itemId: string, target: HighlightTarget, body: string, clientId: string): Rpcs['add_highlight'][0] {
  return {
    p_item_id: itemId,
    p_exact: target.exact,
    p_prefix: target.prefix,
    p_suffix: target.suffix,
    p_start: target.start,
    p_end: target.end,
    p_body: body,
    p_client_id: clientId,
  };
}
