/**
 * The setting every browser test starts from: the local backend (PGlite in memory unless
 * told otherwise), the pages under tests/fixtures served on localhost, and one Chromium
 * profile per member with the built extension; then the ways members come to share a group:
 * through the options page, as a member would, or straight through the RPCs with each
 * member's own session when the test is about something else.
 *
 *   const { backend, pages, members: { ada, ben }, sql } = useE2e({ members: ['ada', 'ben'] });
 *
 * useE2e registers the beforeAll that starts all this and the afterAll that stops it, and
 * returns stand-ins usable at once in the file's own code: `ada`, `backend` and `pages`
 * forward to the real objects once beforeAll has made them (and to the new ones after
 * relaunch or restartBackend), so tests read `ada.open(...)`, `backend.url`, `pages.url`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { SupabaseClient } from '@supabase/supabase-js';
import { launchBrowser, serveFixtures, signInCode, signInMember, type Browser } from './harness';
import { startLocalBackend, type LocalBackendOptions } from '../../supabase/local/index';
import { signedInClient } from '../integration/helpers';
import type { Rpcs } from '../../utils/shared/api-types';

export type Backend = Awaited<ReturnType<typeof startLocalBackend>>;

export interface E2eOptions<M extends string> {
  /** One browser (own profile, the built extension) per member, launched side by side. */
  members?: readonly M[];
  /** More options for startLocalBackend (accessTokenTtl…); port 0, memory, no seed by default. */
  backend?: Partial<LocalBackendOptions>;
  /** Keep the database on disk (a temporary directory), so restartBackend finds it again. */
  persistent?: boolean;
}

export interface E2e<M extends string> {
  /** The running backend (the restarted one after restartBackend). */
  backend: Backend;
  /** tests/fixtures served on localhost: `${pages.url}/article.html`. */
  pages: { url: string };
  /** Each member's browser (the relaunched one after relaunch). */
  members: Record<M, Browser>;
  /** A query on the backend's database, as its owner (no RLS). */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** The `n` a counting query returns (`select count(*)::int as n …`). */
  count(text: string, params?: unknown[]): Promise<number>;
  /** Stops the backend (the browsers then find nothing at its address). */
  stopBackend(): Promise<void>;
  /** Starts the backend again at the same address (stops it first if running); with `persistent`, on the same data. */
  restartBackend(): Promise<Backend>;
  /** Closes a member's browser keeping its profile and launches it again on it (a browser restart). */
  relaunch(member: M): Promise<Browser>;
  /** A member outside the browser: supabase-js in Node, signed in by emailed code. */
  nodeMember(email: string, displayName?: string): Promise<{ client: SupabaseClient; userId: string }>;
}

/** An object that forwards to whatever `current()` returns when used. */
function standIn<T extends object>(what: string, current: () => T | undefined): T {
  return new Proxy({} as T, {
    get(_, key) {
      const target = current();
      if (!target) throw new Error(`${what} is not there yet: use it in a test or a beforeAll after useE2e's`);
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
    set(_, key, value) {
      const target = current();
      if (!target) throw new Error(`${what} is not there yet`);
      return Reflect.set(target, key, value, target);
    },
  });
}

export function useE2e<const M extends string = never>(options: E2eOptions<M> = {}): E2e<M> {
  const names = options.members ?? [];
  const browsers = new Map<M, Browser>();
  let backend: Backend | undefined;
  let pages: Awaited<ReturnType<typeof serveFixtures>> | undefined;
  let port = 0;
  const dataDir = options.persistent ? mkdtempSync(join(tmpdir(), 'readclub-e2e-data-')) : undefined;
  const start = (at: number) =>
    startLocalBackend({ port: at, memory: !dataDir, dataDir, seed: false, log: () => undefined, ...options.backend });

  beforeAll(async () => {
    backend = await start(0);
    port = Number(new URL(backend.url).port);
    pages = await serveFixtures();
    const launched = await Promise.all(names.map(() => launchBrowser()));
    names.forEach((name, i) => browsers.set(name, launched[i]!));
  });

  afterAll(async () => {
    await Promise.allSettled([...browsers.values()].map((b) => b.close()));
    await pages?.close();
    await backend?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const members = Object.fromEntries(
    names.map((name) => [name, standIn<Browser>(`${name}'s browser`, () => browsers.get(name))]),
  ) as Record<M, Browser>;
  const sql = async <T>(text: string, params: unknown[] = []) => (await backend!.db.query(text, params)) as T[];
  let running = true;
  return {
    backend: standIn('The backend', () => backend),
    pages: standIn('The page server', () => pages),
    members,
    sql,
    count: async (text, params) => Number((await sql<{ n: number }>(text, params))[0]!.n),
    async stopBackend() {
      if (running) await backend!.stop();
      running = false;
    },
    async restartBackend() {
      if (running) await backend!.stop();
      backend = await start(port);
      running = true;
      return backend;
    },
    async relaunch(name) {
      const old = browsers.get(name)!;
      await old.close({ keepProfile: true });
      const again = await launchBrowser({ profile: old.profile });
      browsers.set(name, again);
      return again;
    },
    nodeMember(email, displayName) {
      const b = backend!;
      return signedInClient(
        { url: b.url, anonKey: b.anonKey, external: false, codeFor: (e) => signInCode(b, e), stop: async () => {} },
        email,
        displayName,
      );
    },
  };
}

// ---------- Groups through the options page, as a member does it ----------

/** Options page: names and creates a group; resolves once the page lists it. */
export async function createGroup(options: Page, name: string): Promise<void> {
  await options.getByLabel('Group name').fill(name);
  await options.getByRole('button', { name: 'Create group' }).click();
  await options.getByTestId('group').filter({ hasText: name }).first().waitFor();
}

/**
 * Options page: opens the Invite panel of `group` (else of the first group listed), sets how
 * long it lasts and how often it may be used if asked, creates it; its code and the invitation message to copy.
 */
export async function createInvite(
  options: Page,
  choices: { group?: string; days?: string; maxUses?: string } = {},
): Promise<{ code: string; message: string }> {
  const card = choices.group ? options.getByTestId('group').filter({ hasText: choices.group }) : options.getByTestId('group').first();
  await card.getByRole('button', { name: 'Invite' }).click();
  if (choices.days) await card.getByLabel('Invite lasts').selectOption(choices.days);
  if (choices.maxUses) await card.getByLabel('Most uses (optional)').fill(choices.maxUses);
  await card.getByRole('button', { name: 'Create invite' }).click();
  const code = card.getByLabel('Invite code');
  await expect.poll(() => code.inputValue()).not.toBe('');
  const message = card.getByLabel('Invitation message');
  await expect.poll(() => message.inputValue()).toContain(await code.inputValue());
  return { code: await code.inputValue(), message: await message.inputValue() };
}

/** Options page: pastes an invitation (the message, a link or the code), looks at the preview, joins `group`. */
export async function joinGroup(options: Page, code: string, group: string): Promise<void> {
  await options.getByLabel('Invite code').last().fill(code);
  await options.getByRole('button', { name: 'Join group' }).click();
  await options.getByRole('button', { name: `Join ${group}` }).click();
  await options.getByText(`You joined ${group}.`).waitFor();
}

// ---------- Two members, one group ----------

/** A member of the group being set up: their browser and the email they sign in with. */
export type Who = readonly [browser: Browser, email: string];

export interface SharedGroup {
  id: string;
  name: string;
  /** The invite the member joined with. */
  invite: { code: string; message: string };
  /** Each one's options page, signed in and showing the group (left open). */
  ownerOptions: Page;
  memberOptions: Page;
}

/** What the extension keeps of the signed-in session (its storage item readclub-auth). */
async function accessToken(browser: Browser): Promise<string> {
  const raw = await browser.worker.evaluate(async () => {
    const api = (
      globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, string | undefined>> } } } }
    ).chrome;
    return (await api.storage.local.get('readclub-auth'))['readclub-auth'];
  });
  if (!raw) throw new Error('This browser is not signed in');
  return (JSON.parse(raw) as { access_token: string }).access_token;
}

/** An RPC with the session the extension in `browser` holds: what the member may do, nothing more. */
export async function rpcAs<N extends keyof Rpcs>(
  backend: Pick<Backend, 'url' | 'anonKey'>,
  browser: Browser,
  name: N,
  args: Rpcs[N][0],
): Promise<Rpcs[N][1]> {
  const response = await fetch(`${backend.url}/rest/v1/rpc/${name}`, {
    method: 'POST',
    headers: { apikey: backend.anonKey, authorization: `Bearer ${await accessToken(browser)}`, 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  const body = (await response.json()) as unknown;
  if (!response.ok) throw new Error(`${name} failed (${response.status}): ${JSON.stringify(body)}`);
  return body as Rpcs[N][1];
}

/**
 * Owner and member sign in on their options pages; the owner creates `group` and an invite,
 * the member joins with it. `via: 'ui'` clicks through the options pages as members do;
 * `via: 'rpc'` creates, invites and joins through the RPCs with each one's own session (for
 * tests about something else), then reloads both pages so they show the group.
 */
export async function shareGroup(
  backend: Pick<Backend, 'url' | 'anonKey' | 'publishableKey' | 'localSecret' | 'db'>,
  group: string,
  { owner, member, via = 'ui' }: { owner: Who; member: Who; via?: 'ui' | 'rpc' },
): Promise<SharedGroup> {
  const [ownerOptions, memberOptions] = await Promise.all([
    signInMember(owner[0], backend, owner[1]),
    signInMember(member[0], backend, member[1]),
  ]);
  let invite: { code: string; message: string };
  if (via === 'ui') {
    await createGroup(ownerOptions, group);
    invite = await createInvite(ownerOptions, { group });
    await joinGroup(memberOptions, invite.code, group);
  } else {
    const made = await rpcAs(backend, owner[0], 'create_group', { p_name: group });
    const { code } = await rpcAs(backend, owner[0], 'create_invite', { p_group_id: made.id });
    await rpcAs(backend, member[0], 'join_group', { p_code: code });
    invite = { code, message: '' };
    await Promise.all([ownerOptions.reload(), memberOptions.reload()]);
    await Promise.all(
      [ownerOptions, memberOptions].map((page) =>
        page.getByTestId('group').filter({ hasText: group }).first().waitFor({ timeout: 15_000 }),
      ),
    );
  }
  const rows = (await backend.db.query('select id from app.groups where name = $1', [group])) as { id: string }[];
  return { id: rows[0]!.id, name: group, invite, ownerOptions, memberOptions };
}

export { signInMember };
