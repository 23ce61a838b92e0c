/**
 * Integration-test plumbing: a backend to talk to, supabase-js clients for it, and the
 * sign-in codes it "emails".
 *
 * Which backend:
 *  - default: the local stand-in (supabase/local), started in-process on a free port,
 *    over PGlite in memory, or over real Postgres when DATABASE_URL is set;
 *  - SUPABASE_URL + SUPABASE_ANON_KEY set: that Supabase (e.g. `supabase start`). Codes are
 *    then read from its mail catcher, Mailpit (SUPABASE_MAIL_URL, default
 *    http://127.0.0.1:54324, `supabase start`'s port; the CLI's older Inbucket at the same port
 *    is not read). Stand-in-only tests (expiry shortcuts, forged tokens) are skipped there.
 * MIGRATIONS_DIR points the stand-in at another migrations directory (default supabase/migrations).
 */
import { existsSync, readdirSync } from 'node:fs';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { fetchSignInCode, startLocalBackend, type LocalBackendOptions } from '../../supabase/local/index';
import { DEFAULT_MIGRATIONS_DIR } from '../../supabase/local/migrate';
import type { Queryable } from '../../supabase/local/db';
import type { Rpcs } from '../../utils/shared/api-types';

export interface TestBackend {
  url: string;
  anonKey: string;
  /** True when talking to a real Supabase rather than the stand-in. */
  external: boolean;
  /** The stand-in's JWT secret (undefined for an external Supabase). */
  jwtSecret?: string;
  /** The stand-in's database, as its owner (undefined for an external Supabase): seeding at size. */
  db?: Queryable & { kind: 'pglite' | 'postgres' };
  /** The latest sign-in code sent to email. */
  codeFor(email: string): Promise<string>;
  stop(): Promise<void>;
}

export const EXTERNAL = Boolean(process.env.SUPABASE_URL && process.env.SUPABASE_ANON_KEY);

/** Whether the schema the RPC tests need exists (migrations written, or a real Supabase). */
const MIGRATIONS_DIR = process.env.MIGRATIONS_DIR || DEFAULT_MIGRATIONS_DIR;
export const HAS_SCHEMA =
  EXTERNAL || (existsSync(MIGRATIONS_DIR) && readdirSync(MIGRATIONS_DIR).some((file) => /^\d+_.*\.sql$/.test(file)));

export async function startTestBackend(
  options: Pick<LocalBackendOptions, 'otpExpirySeconds' | 'accessTokenTtl' | 'migrationsDir'> = {},
): Promise<TestBackend> {
  if (EXTERNAL) {
    const mailUrl = process.env.SUPABASE_MAIL_URL ?? 'http://127.0.0.1:54324';
    return {
      url: process.env.SUPABASE_URL!,
      anonKey: process.env.SUPABASE_ANON_KEY!,
      external: true,
      codeFor: (email) => codeFromMailpit(mailUrl, email),
      stop: async () => undefined,
    };
  }
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const backend = await startLocalBackend({
    port: 0,
    databaseUrl,
    memory: !databaseUrl,
    seed: false,
    migrationsDir: MIGRATIONS_DIR,
    log: () => undefined, // codes are fetched, not read off the console
    ...options,
  });
  return {
    url: backend.url,
    anonKey: backend.anonKey,
    external: false,
    jwtSecret: backend.jwtSecret,
    db: backend.db,
    async codeFor(email) {
      const code = await fetchSignInCode(backend, email);
      if (code === undefined) throw new Error(`No sign-in code for ${email}`);
      return code;
    },
    stop: () => backend.stop(),
  };
}

/** Mailpit message ids already read, so a second send waits for its own email. */
const seenMail = new Map<string, string>();

/** Mailpit's API: newest unread message to email, first 6-digit number in its text. */
async function codeFromMailpit(mailUrl: string, email: string): Promise<string> {
  for (let attempt = 0; attempt < 40; attempt++) {
    const search = await fetch(`${mailUrl}/api/v1/search?query=${encodeURIComponent(`to:"${email}"`)}&limit=1`);
    if (search.ok) {
      const { messages } = (await search.json()) as { messages?: Array<{ ID: string }> };
      const id = messages?.[0]?.ID;
      if (id && id !== seenMail.get(email)) {
        seenMail.set(email, id);
        const message = (await (await fetch(`${mailUrl}/api/v1/message/${id}`)).json()) as { Text?: string; HTML?: string };
        const code = /\b(\d{6})\b/.exec(`${message.Text ?? ''} ${message.HTML ?? ''}`)?.[1];
        if (code) return code;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`No sign-in email for ${email} at ${mailUrl}`);
}

/** A supabase-js client with its own in-memory session, as one browser profile would have. */
export function testClient(backend: Pick<TestBackend, 'url' | 'anonKey'>): SupabaseClient {
  const store = new Map<string, string>();
  return createClient(backend.url, backend.anonKey, {
    auth: {
      storage: {
        getItem: (key) => store.get(key) ?? null,
        setItem: (key, value) => void store.set(key, value),
        removeItem: (key) => void store.delete(key),
      },
      persistSession: true,
      autoRefreshToken: false,
      detectSessionInUrl: false,
    },
    // Node 20 has no WebSocket and realtime is never used: a placeholder transport.
    realtime: { transport: class {} as never },
  });
}

let counter = 0;
/** A fresh address per test run, so runs against a persistent database never collide. */
export function uniqueEmail(name: string): string {
  counter += 1;
  return `${name}-${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 7)}@readclub.test`;
}

/** Signs a new client in by email code; returns the client and its user id. */
export async function signedInClient(
  backend: TestBackend,
  email: string,
  displayName?: string,
): Promise<{ client: SupabaseClient; userId: string }> {
  const client = testClient(backend);
  const sent = await client.auth.signInWithOtp({
    email,
    options: { shouldCreateUser: true, ...(displayName ? { data: { display_name: displayName } } : {}) },
  });
  if (sent.error) throw sent.error;
  const verified = await client.auth.verifyOtp({ email, token: await backend.codeFor(email), type: 'email' });
  if (verified.error) throw verified.error;
  return { client, userId: verified.data.user!.id };
}

/** A member signed in through supabase-js: their client, user id and (fresh) email. */
export interface Member {
  client: SupabaseClient;
  userId: string;
  email: string;
}

/** One member per display name, signed in side by side, each under a fresh address. */
export async function signedInMembers<const N extends readonly string[]>(
  backend: TestBackend,
  ...names: N
): Promise<{ [K in keyof N]: Member }> {
  const members = await Promise.all(
    names.map(async (name) => {
      const email = uniqueEmail(name.toLowerCase());
      return { ...(await signedInClient(backend, email, name)), email };
    }),
  );
  return members as { [K in keyof N]: Member };
}

/** `owner` creates a group named `name` and an invite; each of `joiners` joins with it. */
export async function groupOf(
  owner: SupabaseClient,
  name: string,
  joiners: SupabaseClient[] = [],
): Promise<{ id: string; name: string; code: string }> {
  const group = await ok(owner, 'create_group', { p_name: name });
  const { code } = await ok(owner, 'create_invite', { p_group_id: group.id });
  for (const joiner of joiners) await ok(joiner, 'join_group', { p_code: code });
  return { id: group.id, name: group.name, code };
}

// ---------- Typed RPC calls (the contract in utils/shared/api-types.ts) ----------
type Name = keyof Rpcs;
export interface Outcome<N extends Name> {
  data: Rpcs[N][1] | null;
  error: { code: string; message: string; details: string | null; hint: string | null } | null;
  status: number;
}

/** supabase.rpc, typed by the contract. */
export async function call<N extends Name>(client: SupabaseClient, name: N, args: Rpcs[N][0]): Promise<Outcome<N>> {
  const { data, error, status } = await client.rpc(name, args);
  return { data: data as Rpcs[N][1] | null, error, status };
}

/** The call's result; throws with the server's code and message when it failed. */
export async function ok<N extends Name>(client: SupabaseClient, name: N, args: Rpcs[N][0]): Promise<Rpcs[N][1]> {
  const { data, error } = await call(client, name, args);
  if (error) throw new Error(`${name} failed: ${error.code} ${error.message}`);
  return data as Rpcs[N][1];
}
