/**
 * What the handlers' unit tests share (utils/background/handlers/*.test.ts): a signed-in member, their
 * group and queue, and a stub Supabase client whose RPCs answer from a table.
 */
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { GroupQueue, GroupSummary, ItemDetail, QueueEntry } from '../../utils/shared/api-types';
import { createHandlers, type HandlerDeps } from '../../utils/background/handlers';
import { clipTabContents } from '../../utils/background/clip-tab';

export const user = { id: 'u1', email: 'ada@example.com', user_metadata: { display_name: 'Ada' } };
export const session = { access_token: 'a', refresh_token: 'r', expires_at: 9_999_999_999, user };
export const person = { id: 'u1', display_name: 'Ada' };
export const groups: GroupSummary[] = [{ id: 'g1', name: 'Tuesday readers', role: 'owner', member_count: 3, queue_count: 1 }];
export const entry: QueueEntry = {
  item_id: 'i1',
  position: 1,
  kind: 'article',
  title: 'An essay',
  url: 'https://example.com/essay',
  site_name: null,
  added_by: person,
  tags: [],
  comment_count: 0,
  reading_minutes: 5,
};
export const queue: GroupQueue = { group: { id: 'g1', name: 'Tuesday readers', role: 'owner' }, queue: [entry] };

export type RpcImpl = (args: unknown) => { data?: unknown; error?: unknown; status?: number };

export function stubClient(opts: { session?: unknown; rpc?: Record<string, RpcImpl>; auth?: Record<string, unknown> } = {}) {
  const rpcImpls: Record<string, RpcImpl> = {
    my_groups: () => ({ data: groups }),
    group_queue: () => ({ data: queue }),
    ...opts.rpc,
  };
  const auth = {
    getSession: vi.fn(async () => ({ data: { session: opts.session === undefined ? session : opts.session }, error: null })),
    signInWithOtp: vi.fn(async () => ({ data: {}, error: null })),
    verifyOtp: vi.fn(async () => ({ data: { user, session }, error: null })),
    signOut: vi.fn(async () => ({ error: null })),
    ...opts.auth,
  };
  const rpc = vi.fn(async (name: string, args: unknown) => {
    const impl = rpcImpls[name];
    if (!impl) return { data: null, error: { code: 'PGRST202', message: 'no such function' }, status: 404 };
    const r = impl(args);
    return { data: r.data ?? null, error: r.error ?? null, status: r.status ?? (r.error ? 400 : 200) };
  });
  return { auth, rpc, client: { auth, rpc } as unknown as SupabaseClient };
}

export function setup(stub = stubClient(), extra: Partial<HandlerDeps> = {}) {
  const deps: HandlerDeps = {
    getClient: vi.fn(async () => stub.client),
    resetClient: vi.fn(),
    clipTab: clipTabContents,
    ...extra,
  };
  return { stub, deps, h: createHandlers(deps) };
}

export const detail: ItemDetail = {
  item: {
    id: 'i1',
    group_id: 'g1',
    kind: 'article',
    title: 'An essay',
    url: 'https://example.com/essay',
    site_name: null,
    byline: null,
    authors: [],
    published_at: null,
    lang: null,
    dir: null,
    excerpt: null,
    lead_image_url: null,
    reading_minutes: 5,
    added_by: person,
    created_at: '2026-01-01T00:00:00Z',
  },
  tags: [],
  comments: [],
  queue: null,
};

/** A fresh fake browser, and a fetch that fails: unit tests never touch the network. */
export function resetBrowser(): void {
  fakeBrowser.reset();
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => {
      throw new Error('unit tests must not touch the network');
    }),
  );
}
