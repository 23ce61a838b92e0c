/**
 * The outbox for queue and tag changes, in real Chromium on the production build:
 * with the server unreachable, Ada removes a tag, votes, moves an entry and marks one read
 * in the side panel; each shows at once and waits in "Waiting to send"; when the server is
 * back each arrives exactly once, in the order she made them. The extension talks to the
 * backend through a small proxy here, which records every RPC and is what goes down.
 */
import { createServer, request, type Server } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createGroup, signInMember, useE2e } from './fixtures';

const CHANGES = new Set(['untag_item', 'vote_item', 'move_queue_entry', 'mark_read', 'unqueue_item']);
const {
  backend,
  sql,
  members: { ada },
} = useE2e({ members: ['ada'] });
let proxy: Server | null = null;
let proxyPort = 0;
const rpcs: Array<{ name: string; body: Record<string, unknown> }> = [];
const EMAIL = 'ada@outbox-changes.test';

/** Websockets the proxy is forwarding (Realtime's). */
const upgraded = new Set<import('node:stream').Duplex>();
/** Forwards everything (Realtime's websocket too) to the backend; records RPC calls. */
async function startProxy(port: number): Promise<void> {
  const target = new URL(backend.url);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const name = /\/rest\/v1\/rpc\/([a-z_]+)/.exec(req.url ?? '')?.[1];
      if (name && req.method === 'POST') rpcs.push({ name, body: JSON.parse(body.toString() || '{}') });
      const out = request(
        { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      out.on('error', () => res.destroy());
      out.end(body);
    });
  });
  server.on('upgrade', (req, socket, head) => {
    upgraded.add(socket);
    socket.on('close', () => upgraded.delete(socket));
    const upstream = connect(Number(target.port), target.hostname, () => {
      const headers = Object.entries(req.headers)
        .map(([k, v]) => `${k}: ${v}`)
        .join('\r\n');
      upstream.write(`${req.method} ${req.url} HTTP/1.1\r\n${headers}\r\n\r\n`);
      upstream.write(head);
      socket.pipe(upstream).pipe(socket);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  proxyPort = (server.address() as { port: number }).port;
  proxy = server;
}
async function stopProxy(): Promise<void> {
  const server = proxy;
  proxy = null;
  if (!server) return;
  server.closeAllConnections();
  // The Realtime socket stays open (the server answers it) and is no longer the server's to close.
  for (const socket of upgraded) socket.destroy();
  await new Promise((done) => server.close(done));
}
const proxyUrl = () => `http://127.0.0.1:${proxyPort}`;

beforeAll(() => startProxy(0));
afterAll(stopProxy);

const q = <T>(text: string, params: unknown[] = []) => sql<T & Record<string, unknown>>(text, params);
/** Rows a statement must return (an insert … returning, a lookup that must find something). */
async function rows<T>(text: string, params: unknown[]): Promise<[T, ...T[]]> {
  const found = await q<T>(text, params);
  if (!found[0]) throw new Error(`No rows from: ${text}`);
  return found as [T, ...T[]];
}

describe('votes, moves, read marks and tag removals made offline', () => {
  test('each is kept and shown, then arrives once, in order, when the server is back', async () => {
    const options = await signInMember(ada, backend, EMAIL, proxyUrl());
    await createGroup(options, 'Offline Circle');
    await options.close();

    // Three queued articles (the first tagged focus and work), put in directly.
    const [{ group_id: groupId, user_id: userId }] = await rows<{ group_id: string; user_id: string }>(
      `select m.group_id, m.user_id from app.group_members m join auth.users u on u.id = m.user_id where u.email = $1`,
      [EMAIL],
    );
    const ids: string[] = [];
    for (const [n, title] of ['E-Alpha', 'E-Beta', 'E-Gamma'].entries()) {
      const [{ id }] = await rows<{ id: string }>(
        `insert into app.items (group_id, client_id, kind, url, title, word_count, added_by)
         values ($1, gen_random_uuid(), 'link', $2, $3, 0, $4) returning id`,
        [groupId, `https://example.org/${title}`, title, userId],
      );
      await q(`insert into app.queue_entries (item_id, group_id, position, queued_by) values ($1, $2, $3, $4)`, [
        id,
        groupId,
        n + 1,
        userId,
      ]);
      ids.push(id);
    }
    const [alpha, beta, gamma] = ids as [string, string, string];
    await q(`insert into app.item_tags (item_id, group_id, tag) values ($1, $2, 'focus'), ($1, $2, 'work')`, [alpha, groupId]);

    const panel = await ada.open('sidepanel.html');
    await panel.getByTestId('queue-entry').filter({ hasText: 'E-Gamma' }).waitFor();
    await panel.getByTestId('queue-entry').filter({ hasText: 'E-Alpha' }).click();
    await panel.getByRole('button', { name: 'Remove tag focus' }).waitFor();

    // The server goes away.
    await stopProxy();
    rpcs.length = 0;

    await panel.getByRole('button', { name: 'Remove tag focus' }).click();
    await expect.poll(() => panel.getByText(/Saved on this device/).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await panel.getByRole('button', { name: 'Remove tag focus' }).count()).toBe(0);
    await panel.getByRole('button', { name: /Back to queue/ }).click();

    await panel.getByRole('button', { name: 'Vote for E-Alpha (0 votes)' }).click();
    await panel.getByRole('button', { name: 'Take back your vote for E-Alpha (1 vote)' }).waitFor();
    await panel.getByRole('button', { name: 'Move E-Gamma up' }).click();
    await expect
      .poll(async () => (await panel.getByTestId('queue-entry').allTextContents()).map((t) => /E-(Alpha|Beta|Gamma)/.exec(t)?.[0]))
      .toEqual(['E-Alpha', 'E-Gamma', 'E-Beta']);
    await panel.getByRole('button', { name: 'Mark as read: E-Beta' }).click();
    await panel.getByRole('button', { name: 'Mark as not read: E-Beta' }).waitFor();

    // Waiting, with readable labels, and nothing reached the server.
    await panel.getByRole('heading', { name: 'Waiting to send (4)' }).waitFor();
    const labels = await panel.getByTestId('outbox-entry').locator('strong').allTextContents();
    expect(labels).toEqual(['Remove tag “focus” from E-Alpha', 'Vote for E-Alpha', 'Move E-Gamma before E-Beta', 'Mark E-Beta read']);
    expect(rpcs.filter((r) => CHANGES.has(r.name))).toEqual([]);

    // The server is back (same address); what the outbox's alarm calls, twice.
    await startProxy(proxyPort);
    const deliver = () =>
      ada.worker.evaluate(() =>
        (globalThis as unknown as { readclub: { deliverOutbox(force: boolean): Promise<void> } }).readclub.deliverOutbox(true),
      );
    await deliver();
    await expect.poll(() => panel.getByRole('heading', { name: /Waiting to send/ }).count(), { timeout: 15_000 }).toBe(0);
    await deliver();

    // Each exactly once, in the order made.
    expect(rpcs.filter((r) => CHANGES.has(r.name))).toEqual([
      { name: 'untag_item', body: { p_item_id: alpha, p_tag: 'focus' } },
      { name: 'vote_item', body: { p_item_id: alpha, p_vote: true } },
      { name: 'move_queue_entry', body: { p_item_id: gamma, p_before_item_id: beta } },
      { name: 'mark_read', body: { p_item_id: beta, p_read: true } },
    ]);
    expect(await q(`select tag from app.item_tags where item_id = $1`, [alpha])).toEqual([{ tag: 'work' }]);
    expect(await q(`select count(*)::int as n from app.queue_votes where item_id = $1`, [alpha])).toEqual([{ n: 1 }]);
    expect(await q(`select count(*)::int as n from app.item_reads where item_id = $1`, [beta])).toEqual([{ n: 1 }]);
    expect(
      (
        await q<{ title: string }>(
          `select i.title from app.queue_entries e join app.items i on i.id = e.item_id where e.group_id = $1 order by e.position`,
          [groupId],
        )
      ).map((r) => r.title),
    ).toEqual(['E-Alpha', 'E-Gamma', 'E-Beta']);
    await panel.close();
  });
});
