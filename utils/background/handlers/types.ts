/**
 * The types every handler module shares: the table of answers (one per ProtocolMap message),
 * what the handlers depend on (injected, so tests pass stubs), and what each area module is
 * given. Types only, so the area modules and the index import it without a cycle.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { GetDataType, GetReturnType } from '@webext-core/messaging';
import type { ProtocolMap, TabClip } from '@/utils/shared/protocol';

export interface HandlerDeps {
  getClient: () => Promise<SupabaseClient>;
  resetClient: () => void;
  clipTab: (tabId?: number) => Promise<TabClip>;
}

/** One answer per message; each returns a Reply and never throws across messaging. */
export type Handlers = {
  [K in keyof ProtocolMap]: (data: GetDataType<ProtocolMap[K]>) => Promise<GetReturnType<ProtocolMap[K]>>;
};

export type GetClient = () => Promise<SupabaseClient>;

/** What an area module is given: the injected dependencies and the background's shared helpers. */
export interface HandlerContext {
  deps: HandlerDeps;
  getClient: GetClient;
  /** Send what waits in the outbox: `force` now rather than when due; `retryId`: that one even if failed. */
  kick: (force?: boolean, retryId?: string) => Promise<void>;
  /** Whose kept changes are named: who is signed in, else whose session ended on its own. */
  member: () => Promise<string | null>;
}
