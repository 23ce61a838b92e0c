/**
 * The background service worker's life in real Chromium: stopped in the
 * middle of a save (DevTools protocol, as Chrome stops a worker) it loses and duplicates
 * nothing; the session survives a browser restart; an access token that expired while the
 * worker was stopped is refreshed before the next call; a refresh token revoked meanwhile
 * means signing in again, with the outbox kept.
 *
 * Between the extension and the backend sits a small proxy: it logs every request, can hold
 * one (so the worker is stopped while that call is under way) and can fail the Data API.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { stopWorker, tabIdOf } from './harness';
import { createGroup, signInMember, useE2e } from './fixtures';

/** Seconds an access token lives: short, so one can expire while the worker is stopped. */
const TOKEN_TTL = 6;
const EMAIL = 'ada@lifecycle.test';
const GROUP = 'Lifecycle Readers';

interface Held {
  path: string;
  forward(): Promise<number>;
  drop(): void;
}
interface Proxy {
  url: string;
  log: { method: string; path: string; status: number }[];
  rpcDown: boolean;
  hold(path: RegExp): Promise<Held>;
  close(): Promise<void>;
}

async function startProxy(target: string): Promise<Proxy> {
  const waiting: { path: RegExp; found(held: Held): void }[] = [];
  const proxy: Proxy = {
    url: '',
    log: [],
    rpcDown: false,
    hold: (path) => new Promise((found) => waiting.push({ path, found })),
    close: async () => {},
  };
  const pass = async (req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<number> => {
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([k]) => !['host', 'connection', 'content-length'].includes(k)),
    ) as Record<string, string>;
    const answer = await fetch(`${target}${req.url}`, {
      method: req.method,
      headers,
      body: ['GET', 'HEAD'].includes(req.method!) ? undefined : new Uint8Array(body),
    });
    const text = Buffer.from(await answer.arrayBuffer());
    proxy.log.push({ method: req.method!, path: req.url!, status: answer.status });
    const out = Object.fromEntries(
      [...answer.headers].filter(([k]) => !['content-encoding', 'transfer-encoding', 'content-length', 'connection'].includes(k)),
    );
    if (!res.destroyed) res.writeHead(answer.status, out).end(text);
    return answer.status;
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      // The Data API failing (a gateway error), as a struggling project answers.
      if (proxy.rpcDown && req.url?.startsWith('/rest/'))
        return void res.writeHead(503, { 'content-type': 'application/json' }).end('{"message":"upstream unavailable"}');
      const i = waiting.findIndex((w) => w.path.test(req.url ?? ''));
      if (i >= 0 && req.method === 'POST') {
        const [w] = waiting.splice(i, 1);
        return w!.found({ path: req.url!, forward: () => pass(req, res, body), drop: () => void req.socket.destroy() });
      }
      pass(req, res, body).catch(() => req.socket.destroy());
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () => new Promise((done) => (server.closeAllConnections(), server.close(() => done())));
  return proxy;
}

const e2e = useE2e({ members: ['ada'], backend: { accessTokenTtl: TOKEN_TTL } });
const {
  backend,
  pages,
  count,
  members: { ada },
} = e2e;
let proxy: Proxy;

beforeAll(async () => {
  proxy = await startProxy(backend.url);
});

afterAll(() => proxy?.close());

const items = (title: string) => count('select count(*)::int as n from app.items where title like $1', [title]);
const comments = (body: string) => count('select count(*)::int as n from app.comments where body = $1', [body]);
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** chrome.* as extension pages see it (this file runs in Node). */
type Chrome = { storage: { local: { get(k: string): Promise<Record<string, unknown>> } }; alarms: { get(name: string): Promise<unknown> } };

/** Read from an extension page (not the worker: evaluating there would start it). */
async function extensionStorage(page: Page, key: string): Promise<unknown> {
  return page.evaluate(async (k) => (await (globalThis as unknown as { chrome: Chrome }).chrome.storage.local.get(k))[k], key);
}
const outboxIn = async (page: Page) =>
  ((await extensionStorage(page, 'outbox')) ?? []) as {
    id: string;
    sendingIn?: string;
    lastError: { kind: string } | null;
    failed: boolean;
  }[];
const storedSession = async (page: Page) =>
  JSON.parse(((await extensionStorage(page, 'readclub-auth')) as string | undefined) ?? 'null') as {
    access_token: string;
    expires_at: number;
  } | null;

/** Marks the running worker, to tell it from the next one. */
const markWorker = () => ada.worker.evaluate(() => Object.assign(globalThis, { lifecycleMark: true }));
const workerIsFresh = async () => !(await ada.worker.evaluate(() => 'lifecycleMark' in globalThis));

async function openPopupFor(pageUrl: string): Promise<Page> {
  const page = await ada.context.newPage();
  await page.goto(pageUrl);
  return ada.open(`popup.html?tabId=${await tabIdOf(ada, pageUrl)}`);
}

describe('the service worker stops, the browser restarts, tokens expire: nothing lost or doubled', () => {
  test('Ada signs in (through the proxy) and creates a group', async () => {
    const options = await signInMember(ada, backend, EMAIL, proxy.url);
    await createGroup(options, GROUP);
    await options.close();
  });

  test('stopped while the server saves the clip: the next worker sends it again, and it is there once', async () => {
    const popup = await openPopupFor(`${pages.url}/article.html`);
    await popup.getByLabel('Comment').fill('Said once, across a stopped worker.');
    const held = proxy.hold(/\/rpc\/clip_item$/);
    await markWorker();
    await popup.getByRole('button', { name: `Save to ${GROUP}` }).click();
    const call = await held;
    await stopWorker(ada);
    const resent = proxy.hold(/\/rpc\/clip_item$/);
    // The server gets the clip and commits it; the worker that asked is gone.
    expect(await call.forward()).toBe(200);
    expect(await items('Why Reading Circles Outlast Book Clubs')).toBe(1);
    await expect.poll(() => popup.getByText(/isn't answering. Try again — nothing was lost/).count(), { timeout: 15_000 }).toBe(1);
    // Written ahead, with the alarm set, before the call: without that, nothing would be here.
    const [kept] = await outboxIn(popup);
    expect(kept).toMatchObject({ failed: false });
    expect(await popup.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.alarms.get('readclub-outbox'))).toBeTruthy();
    // The next worker (started by the alarm, or sooner by a tab event the "already saved"
    // badge listens to) sends it again, with the same client id.
    await popup.close();
    const again = await resent;
    expect(await workerIsFresh()).toBe(true);
    expect(await again.forward()).toBe(200);
    const options = await ada.open('options.html');
    await expect.poll(async () => (await outboxIn(options)).length, { timeout: 15_000 }).toBe(0);
    expect(await items('Why Reading Circles Outlast Book Clubs')).toBe(1);
    expect(await comments('Said once, across a stopped worker.')).toBe(1);
    expect(await count('select count(*)::int as n from app.item_clips where client_id = $1', [kept!.id])).toBe(1);
    await options.close();
  });

  test('stopped before the clip reached the server: "Try again" in the same popup saves it once', async () => {
    const popup = await openPopupFor(`${pages.url}/windows-1252-article.html`);
    await popup.getByLabel('Comment').fill('Un café, une fois.');
    const held = proxy.hold(/\/rpc\/clip_item$/);
    await markWorker();
    await popup.getByRole('button', { name: `Save to ${GROUP}` }).click();
    const call = await held;
    await stopWorker(ada);
    call.drop();
    await expect.poll(() => popup.getByText(/isn't answering/).count(), { timeout: 15_000 }).toBe(1);
    expect(await items('Le caf%')).toBe(0);
    const [kept] = await outboxIn(popup);
    expect(kept).toBeDefined();
    // The member tries again: the next worker starts, sends the stopped one's change (same client id) and this one.
    await popup.getByRole('button', { name: 'Try again' }).click();
    await popup.getByText(new RegExp(`Saved (“.*” )?to ${GROUP}`)).waitFor({ timeout: 15_000 });
    expect(await workerIsFresh()).toBe(true);
    await expect.poll(async () => (await outboxIn(popup)).length, { timeout: 15_000 }).toBe(0);
    expect(await items('Le caf%')).toBe(1);
    expect(await comments('Un café, une fois.')).toBe(1);
    expect(await count('select count(*)::int as n from app.item_clips where client_id = $1', [kept!.id])).toBe(1);
    await popup.close();
  });

  test('stopped while a comment was being sent: sending it again from the side panel posts it once', async () => {
    const panel = await ada.open('sidepanel.html');
    await panel
      .getByTestId('queue-entry')
      .filter({ hasText: /Reading Circles/ })
      .click();
    await panel.getByLabel('Add a comment').fill('One comment, whatever happens.');
    const held = proxy.hold(/\/rpc\/add_comment$/);
    await markWorker();
    await panel.getByRole('button', { name: 'Comment' }).click();
    const call = await held;
    await stopWorker(ada);
    // This time the server did get it before the worker went.
    expect(await call.forward()).toBe(200);
    await expect.poll(() => panel.getByText(/isn't answering/).count(), { timeout: 15_000 }).toBe(1);
    // The member, not knowing, sends it again: same draft, same client id.
    await panel.getByRole('button', { name: 'Comment' }).click();
    await expect.poll(() => panel.getByText('One comment, whatever happens.').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await workerIsFresh()).toBe(true);
    await expect.poll(async () => (await outboxIn(panel)).length, { timeout: 15_000 }).toBe(0);
    expect(await comments('One comment, whatever happens.')).toBe(1);
    await panel.close();
  });

  test('an access token that expired while the worker was stopped is refreshed before the next call', async () => {
    const options = await ada.open('options.html');
    await options.getByText(EMAIL).first().waitFor();
    await markWorker();
    // Stopped through the open options page, which stays open (and idle) so no tab event wakes it.
    await stopWorker(ada, options);
    const before = (await storedSession(options))!;
    const wait = before.expires_at * 1000 - Date.now() + 1500;
    if (wait > 0) await sleep(wait);
    expect(before.expires_at * 1000).toBeLessThan(Date.now());
    await options.close();
    const from = proxy.log.length;
    const panel = await ada.open('sidepanel.html');
    await panel
      .getByTestId('queue-entry')
      .filter({ hasText: /Reading Circles/ })
      .waitFor({ timeout: 15_000 });
    expect(await workerIsFresh()).toBe(true);
    await expect.poll(() => proxy.log.slice(from).some((r) => r.path.startsWith('/rest/v1/rpc/')), { timeout: 15_000 }).toBe(true);
    const calls = proxy.log.slice(from);
    const refresh = calls.findIndex((r) => r.path.startsWith('/auth/v1/token?grant_type=refresh_token'));
    const firstRpc = calls.findIndex((r) => r.path.startsWith('/rest/v1/rpc/'));
    expect(refresh).toBeGreaterThanOrEqual(0);
    expect(calls[refresh]!.status).toBe(200);
    expect(refresh).toBeLessThan(firstRpc);
    // No call went out on the expired token (PostgREST would have answered 401 PGRST303).
    expect(calls.filter((r) => r.status === 401)).toEqual([]);
    const after = (await storedSession(panel))!;
    expect(after.access_token).not.toBe(before.access_token);
    expect(after.expires_at * 1000).toBeGreaterThan(Date.now() - 1000);
    await panel.close();
  });

  test('the session survives a browser restart', async () => {
    await e2e.relaunch('ada');
    const options = await ada.open('options.html');
    await options.getByText(EMAIL).first().waitFor({ timeout: 15_000 });
    await expect.poll(() => options.getByRole('button', { name: 'Send code' }).count()).toBe(0);
    // And it works: the side panel loads the group's queue from the server.
    const from = proxy.log.length;
    const panel = await ada.open('sidepanel.html');
    await panel
      .getByTestId('queue-entry')
      .filter({ hasText: /Reading Circles/ })
      .waitFor({ timeout: 15_000 });
    // The token expired during the restart, so this also went through a refresh.
    await expect
      .poll(() => proxy.log.slice(from).some((r) => r.path.startsWith('/rest/v1/rpc/') && r.status === 200), { timeout: 15_000 })
      .toBe(true);
    expect(proxy.log.slice(from).filter((r) => r.status === 401)).toEqual([]);
    await Promise.all([options.close(), panel.close()]);
  });

  test('a refresh token revoked while the worker was stopped: sign in again, the outbox is kept and sent once', async () => {
    // A clip kept while the Data API fails.
    const popup = await openPopupFor(`${pages.url}/video-page.html`);
    await popup.getByRole('button', { name: new RegExp(`to ${GROUP}$`) }).waitFor();
    proxy.rpcDown = true;
    await popup.getByLabel('Comment').fill('Kept through a revoked session.');
    await popup.getByRole('button', { name: new RegExp(`to ${GROUP}$`) }).click();
    await expect.poll(() => popup.getByText(/when it can reach the server/).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await popup.close();
    // Meanwhile the member is signed out everywhere (GoTrue deletes the sessions), the
    // worker stops, the access token expires, the server comes back. (A worker woken by a
    // tab event may try a refresh early, while the access token is still valid: supabase-js
    // then keeps the session and answers later refreshes from that failure.)
    await stopWorker(ada);
    await backend.db.query('delete from local_backend.sessions where user_id = (select id from auth.users where email = $1)', [EMAIL]);
    await sleep((TOKEN_TTL + 1) * 1000);
    proxy.rpcDown = false;
    // The outbox's alarm runs in a fresh worker: the refresh is refused.
    await ada.worker.evaluate(() =>
      (globalThis as unknown as { readclub: { deliverOutbox(force: boolean): Promise<void> } }).readclub.deliverOutbox(true),
    );
    const options = await ada.open('options.html');
    await options.getByRole('button', { name: 'Send code' }).waitFor({ timeout: 15_000 });
    await expect.poll(async () => (await outboxIn(options)).map((o) => [o.failed, o.lastError?.kind])).toEqual([[false, 'signed-out']]);
    await options.getByText('Waits for you to sign in again.').waitFor();
    expect(await items('How Reading Circles Work%')).toBe(0);
    await options.close();

    const again = await signInMember(ada, backend, EMAIL, proxy.url);
    await expect.poll(() => items('How Reading Circles Work%'), { timeout: 15_000 }).toBe(1);
    await expect.poll(async () => (await outboxIn(again)).length).toBe(0);
    expect(await comments('Kept through a revoked session.')).toBe(1);
    await again.close();
  });
});
