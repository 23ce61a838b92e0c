/**
 * The background's answers for "Waiting to send": the member's kept changes (anyone else's are
 * only counted), sending one again now, and discarding one.
 */
import { outbox } from '@/utils/shared/storage';
import { summarise, waitingFor } from '@/utils/shared/outbox-overlay';
import { discard } from '@/utils/background/outbox';
import { ok } from './reply';
import type { HandlerContext, Handlers } from './types';

export function outboxHandlers({
  kick,
  member,
}: Pick<HandlerContext, 'kick' | 'member'>): Pick<Handlers, 'listOutbox' | 'retryOutbox' | 'discardOutbox'> {
  const waiting = async () => ok(waitingFor(await outbox.getValue(), await member()).mine.map(summarise));
  return {
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
  };
}
