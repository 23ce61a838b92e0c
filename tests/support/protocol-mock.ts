/**
 * The message protocol (utils/shared/protocol.ts) stood in for in component tests: no background
 * answers, the test does. Each test file replaces the module with this one,
 *
 *   vi.mock('@/utils/shared/protocol', () => import('@/tests/support/protocol-mock'));
 *   import { answer, fail, resetProtocol, send, sent } from '@/tests/support/protocol-mock';
 *   beforeEach(resetProtocol);
 *
 * then answers by message name, typed by the protocol (answer('listGroups', groups),
 * fail('joinGroup', { kind: 'invalid', message }), replies({ … }) for several at once), or as
 * a whole with send.mockResolvedValue / mockImplementation, and reads what the component
 * sent with sent('voteItem') or expect(send).toHaveBeenCalledWith(...).
 */
import { vi, type Mock } from 'vitest';
import type { ProtocolMap, Reply, UserError } from '@/utils/shared/protocol';

export type MessageName = keyof ProtocolMap;
/** What a message carries (undefined for those that carry nothing). */
export type DataOf<N extends MessageName> = Parameters<ProtocolMap[N]>[0];
/** What a message's Reply holds when it went well. */
export type ValueOf<N extends MessageName> = ReturnType<ProtocolMap[N]> extends Reply<infer T> ? T : never;
/** A Reply for `name`, or a function of the message's data that makes one (a promise that never settles keeps the page waiting). */
export type ReplyFor<N extends MessageName> = Reply<ValueOf<N>> | ((data: DataOf<N>) => Reply<ValueOf<N>> | Promise<Reply<ValueOf<N>>>);

type Responder = (data: unknown, name: MessageName) => unknown;
const responders = new Map<MessageName, Responder>();
let otherwise: Responder | undefined;

/**
 * The stand-in for sendMessage: answers a message from what answer/fail/reply/replies set
 * for its name, and with undefined (nothing answered) otherwise.
 */
export const sendMessage = vi.fn(async (name: MessageName, data?: unknown): Promise<unknown> =>
  (responders.get(name) ?? otherwise)?.(data, name),
);

/** sendMessage as a Mock, for mockResolvedValue, mockImplementation and expect(send) (loosely typed: one implementation may answer many messages). */
export const send = sendMessage as unknown as Mock;

/** A reply that never comes: the page keeps waiting (for replies' `rest`, or reply(name, unanswered)). */
export const unanswered = (): Promise<never> => new Promise<never>(() => {});

/** Answers every `name` message with this Reply (or the one `make` returns for its data). */
export function reply<N extends MessageName>(name: N, make: ReplyFor<N>): void {
  responders.set(name, typeof make === 'function' ? (data) => (make as (data: unknown) => unknown)(data) : () => make);
}

/** Answers every `name` message with { ok: true, value } (or the value `make` returns for its data). */
export function answer<N extends MessageName>(name: N, make: ValueOf<N> | ((data: DataOf<N>) => ValueOf<N> | Promise<ValueOf<N>>)): void {
  responders.set(name, async (data) => ({
    ok: true,
    value: typeof make === 'function' ? await (make as (data: unknown) => unknown)(data) : make,
  }));
}

/** Answers every `name` message with { ok: false, error }. */
export function fail(name: MessageName, error: UserError): void {
  responders.set(name, () => ({ ok: false, error }));
}

/**
 * Answers each message named in `map` with its Reply, and any other message with `rest`
 * (a Reply, or a function of the message's name; left out, nothing answers them).
 */
export function replies(
  map: { [N in MessageName]?: ReplyFor<N> },
  rest?: Reply<unknown> | ((name: MessageName) => Reply<unknown> | Promise<Reply<unknown>>),
): void {
  for (const [name, make] of Object.entries(map)) reply(name as MessageName, make as ReplyFor<MessageName>);
  otherwise = rest === undefined ? undefined : typeof rest === 'function' ? (_, name) => rest(name) : () => rest;
}

/** The data of each `name` message sent so far, oldest first. */
export function sent<N extends MessageName>(name: N): DataOf<N>[] {
  return send.mock.calls.filter(([called]) => called === name).map(([, data]) => data as DataOf<N>);
}

/** Forgets every answer and every call: for beforeEach. */
export function resetProtocol(): void {
  responders.clear();
  otherwise = undefined;
  send.mockReset();
}
