import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import type { Db } from './db';
import { checkApiKey } from './http';
import { startRealtime, type RealtimeServer } from './realtime';

// The protocol around the database: heartbeats, the gateway's key check, and everything the
// stand-in refuses before asking the database (a fake that fails if it is asked).
const KEY = 'test-anon-key';
let server: Server;
let realtime: RealtimeServer;
let url: string;
const logged: string[] = [];

beforeEach(async () => {
  const db = {
    listen: async () => async () => undefined,
    transaction: async () => {
      throw new Error('the database was asked');
    },
  } as unknown as Db;
  server = createServer((_, res) => res.writeHead(404).end());
  realtime = await startRealtime(server, {
    db,
    checkKey: (req, requestUrl) =>
      checkApiKey(req, requestUrl, { publishableKey: KEY, anonKey: 'anon', secretKey: 'secret', serviceRoleKey: 'service' }),
    verifyToken: async () => ({ ok: true, claims: { role: 'authenticated', sub: 'u1' } }),
    log: (line) => void logged.push(line),
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  logged.length = 0;
});
afterEach(async () => {
  await realtime.close();
  await new Promise((done) => server.close(done));
});

/** Opens a socket; `ask` sends one frame and resolves with the next frame received. */
async function connect(path = `/realtime/v1/websocket?apikey=${KEY}&vsn=2.0.0`) {
  const ws = new WebSocket(url + path);
  await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
  const ask = (frame: unknown[]) =>
    new Promise<unknown[]>((resolve) => {
      ws.once('message', (data) => resolve(JSON.parse(data.toString()) as unknown[]));
      ws.send(JSON.stringify(frame));
    });
  return { ws, ask };
}
const upgradeStatus = (path: string) =>
  new Promise<number>((resolve) => {
    const ws = new WebSocket(url + path);
    ws.once('unexpected-response', (_, res) => resolve(res.statusCode ?? 0));
    ws.once('open', () => resolve(101));
  });

describe('the stand-in Realtime socket', () => {
  test('answers heartbeats as Phoenix does', async () => {
    const { ws, ask } = await connect();
    expect(await ask([null, '1', 'phoenix', 'heartbeat', {}])).toEqual([null, '1', 'phoenix', 'phx_reply', { status: 'ok', response: {} }]);
    ws.close();
  });

  test('the gateway refuses a socket without a project key (401), and other paths (404)', async () => {
    expect(await upgradeStatus('/realtime/v1/websocket?vsn=2.0.0')).toBe(401);
    expect(await upgradeStatus('/realtime/v1/websocket?apikey=wrong')).toBe(401);
    expect(await upgradeStatus(`/socket/websocket?apikey=${KEY}`)).toBe(404);
    expect(await upgradeStatus(`/realtime/v1/websocket?apikey=${KEY}`)).toBe(101);
  });

  test('refuses, and logs, a public channel, Postgres Changes, Presence and client sends', async () => {
    const { ws, ask } = await connect();
    const join = (config: object) => ask(['1', '1', 'realtime:group:x', 'phx_join', { config, access_token: 't' }]);
    const reason = (reply: unknown[]) => (reply[4] as { status: string; response: { reason: string } }).response.reason;
    expect(reason(await join({ private: false, postgres_changes: [] }))).toBe('PrivateOnly: This project only allows private channels');
    expect(reason(await join({ private: true, postgres_changes: [{ event: '*', schema: 'public', table: 'items' }] }))).toMatch(
      /Postgres Changes is not supported/,
    );
    expect(reason(await join({ private: true, presence: { enabled: true } }))).toMatch(/Presence is not supported/);
    expect(reason(await ask(['1', '2', 'realtime:group:x', 'broadcast', { type: 'broadcast', event: 'hi', payload: {} }]))).toMatch(
      /not supported/,
    );
    expect(reason(await ask(['1', '3', 'group:x', 'phx_join', { config: { private: true } }]))).toMatch(/start with "realtime:"/);
    expect(logged).toHaveLength(5);
    ws.close();
  });
});
