/**
 * Pages talk to the background only through here: sendMessage, with a thrown messaging
 * failure (background not answering) turned into an ordinary failed Reply.
 */
import type { GetDataType, GetReturnType } from '@webext-core/messaging';
import { sendMessage, type ProtocolMap } from '@/utils/shared/protocol';

// A save is written down before it is sent, and a retry from the same window reuses its
// client id: "try again" here is safe and cannot post twice.
export const NO_BACKGROUND_MESSAGE = "Readclub isn't answering. Try again — nothing was lost, and a change you saved is sent only once.";

export async function ask<K extends keyof ProtocolMap>(
  name: K,
  data?: GetDataType<ProtocolMap[K]>,
): Promise<GetReturnType<ProtocolMap[K]>> {
  const send = sendMessage as unknown as (name: K, data: unknown) => Promise<GetReturnType<ProtocolMap[K]>>;
  try {
    const reply = await send(name, data);
    if (reply && typeof reply === 'object' && 'ok' in reply) return reply;
  } catch {
    // fall through: the background did not answer
  }
  return { ok: false, error: { kind: 'network', message: NO_BACKGROUND_MESSAGE } } as GetReturnType<ProtocolMap[K]>;
}
