/**
 * The background's answer to every ProtocolMap message: one module per area, composed here
 * into one table. Each handler returns a Reply and never throws across messaging (the guard
 * below turns anything thrown into a failed Reply). Dependencies (the client, the clipper)
 * are injected so tests can pass stubs.
 */
import type { GetDataType, GetReturnType } from '@webext-core/messaging';
import type { ProtocolMap, Reply } from '@/utils/shared/protocol';
import { onMessage } from '@/utils/shared/protocol';
import { backendKey, backendUrl, sessionEndedFor } from '@/utils/shared/storage';
import { errorReply } from '@/utils/background/errors';
import { outboxKicker } from '@/utils/background/outbox-send';
import { readStoredAccount } from '@/utils/background/session';
import { clipTabContents } from '@/utils/background/clip-tab';
import { isOwnPage, REFUSED, type SenderLike } from '@/utils/background/message-sender';
import { getSupabaseClient, resetSupabaseClient } from '@/utils/background/supabase-client';
import { accountHandlers } from './account';
import { discussionHandlers } from './discussion';
import { groupHandlers } from './groups';
import { highlightHandlers } from './highlights';
import { libraryHandlers } from './library';
import { meetingHandlers } from './meetings';
import { newsHandlers } from './news';
import { outboxHandlers } from './outbox';
import { queueHandlers } from './queue';
import { yourDataHandlers } from './your-data';
import type { HandlerContext, HandlerDeps, Handlers } from './types';

export type { HandlerContext, HandlerDeps, Handlers } from './types';

export const defaultHandlerDeps: HandlerDeps = {
  getClient: getSupabaseClient,
  resetClient: resetSupabaseClient,
  clipTab: clipTabContents,
};

/** Answers that say nothing about reaching the server (or are the outbox's own). */
const OWN_WORK = new Set<keyof ProtocolMap>([
  'getAccount',
  'clipTab',
  'signOut',
  'deleteAccount',
  'backendChanged',
  'listOutbox',
  'retryOutbox',
  'discardOutbox',
]);

type AnyHandler = (data: unknown) => Promise<Reply<unknown>>;

/** Nothing escapes as an exception: anything thrown becomes a failed Reply; a success sends what waits. */
function guarded(name: keyof ProtocolMap, inner: AnyHandler, kick: HandlerContext['kick']): AnyHandler {
  return async (data: unknown) => {
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

export function createHandlers(deps: HandlerDeps = defaultHandlerDeps): Handlers {
  const { getClient } = deps;
  const ctx: HandlerContext = {
    deps,
    getClient,
    kick: outboxKicker(getClient),
    member: async () => (await readStoredAccount())?.userId ?? (await sessionEndedFor.getValue()),
  };
  const handlers: Handlers = {
    ...accountHandlers(ctx),
    ...groupHandlers(getClient),
    ...libraryHandlers(ctx),
    ...queueHandlers(getClient),
    ...discussionHandlers(getClient),
    ...highlightHandlers(getClient),
    ...meetingHandlers(getClient),
    ...newsHandlers(getClient),
    ...outboxHandlers(ctx),
    ...yourDataHandlers(ctx),
  };
  const table = handlers as unknown as Record<keyof ProtocolMap, AnyHandler>;
  for (const name of Object.keys(table) as Array<keyof ProtocolMap>) table[name] = guarded(name, table[name], ctx.kick);
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
