/**
 * Who may talk to the background. It answers only the extension's own pages (popup, side
 * panel, options, and an extension page open in a tab): the sender is this extension
 * (sender.id) and its page is one of ours (sender.url under runtime.getURL('/')). Anything
 * else — another extension, a web page, a content script — gets a refusal and nothing runs.
 * The clipper sends no messages (executeScript hands its result back), so it needs no
 * exception.
 */
import { browser } from '#imports';
import type { Reply } from '@/utils/shared/protocol';

/** The parts of runtime.MessageSender the check reads. */
export interface SenderLike {
  id?: string;
  url?: string;
  origin?: string;
}

/** Whether a message comes from one of this extension's own pages. */
export function isOwnPage(
  sender: SenderLike | undefined,
  runtimeId: string = browser.runtime.id,
  ownRoot: string = browser.runtime.getURL('/'),
): boolean {
  if (!sender || !runtimeId || sender.id !== runtimeId) return false;
  if (typeof sender.url !== 'string' || !sender.url.startsWith(ownRoot)) return false;
  // Chrome also says where the frame came from; when it does, it must be us too.
  return sender.origin === undefined || `${sender.origin}/` === ownRoot;
}

/** What a refused sender gets back. */
export const REFUSED: Reply<never> = { ok: false, error: { kind: 'invalid', message: 'Readclub answers only its own pages.' } };
