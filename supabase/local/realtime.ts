/**
 * Supabase Realtime's websocket, as far as the extension uses it: private Broadcast
 * channels over the Phoenix channel protocol at /realtime/v1/websocket (realtime-js's
 * serializer 2.0.0 reads the text frames used here; 1.0.0 sends the same arrays).
 *
 * - A join (phx_join) must ask for a private channel with no Postgres Changes and no
 *   Presence; anything else is refused, and logged, rather than answered differently.
 * - It is authorised as Supabase Realtime authorises it (Realtime.Tenants.Authorization):
 *   in one transaction, a probe row is inserted into realtime.messages for the topic, then
 *   as the token's role with its claims and `realtime.topic` set, a select must see the
 *   row; the transaction is rolled back. A refusal is the reply realtime-js turns into
 *   CHANNEL_ERROR, worded as Realtime words it.
 * - A new token (the `access_token` event) is verified and authorised again; a channel
 *   that may no longer be read is closed with a system message, as Realtime does.
 * - What realtime.send writes to realtime.messages reaches every socket joined to that
 *   topic, as a `broadcast` event: the bootstrap's trigger NOTIFYs each Broadcast row on
 *   commit (standing in for Realtime reading the table's WAL), here LISTENed to.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { isPgError, type Db } from './db';
import type { GatewayError } from './http';
import type { Claims, Verified } from './jwt';

export const REALTIME_PATH = '/realtime/v1/websocket';
/** The channel the bootstrap's realtime.local_notify_broadcast trigger notifies. */
export const NOTIFY_CHANNEL = 'local_realtime_broadcast';
const API_ROLES = new Set(['anon', 'authenticated', 'service_role']);

export interface RealtimeOptions {
  db: Db;
  /** The gateway's check of the socket's `apikey` query parameter (null: let it through). */
  checkKey(req: IncomingMessage, url: URL): GatewayError | null;
  /** Verifies a user's access token as the Auth server signed it. */
  verifyToken(token: string): Promise<Verified>;
  log(line: string): void;
}

export interface RealtimeServer {
  close(): Promise<void>;
}

/** [join_ref, ref, topic, event, payload], the Phoenix 2.0.0 serializer's array. */
type Frame = [string | null, string | null, string, string, unknown];

interface Joined {
  joinRef: string | null;
  /** The topic without realtime-js's `realtime:` prefix: what realtime.topic() returns. */
  subTopic: string;
}

interface Connection {
  ws: WebSocket;
  apikey: string;
  headers: Record<string, unknown>;
  /** By full topic (`realtime:group:…`). */
  channels: Map<string, Joined>;
  /** Frames are handled one after another, in the order they came. */
  queue: Promise<void>;
}

class RolledBack {
  constructor(readonly allowed: boolean) {}
}

/** Realtime's words for a refused read (lib/realtime_web/channels/realtime_channel.ex). */
export const unauthorizedReason = (subTopic: string) =>
  `Unauthorized: You do not have permissions to read from this Channel topic: ${subTopic}`;

export async function startRealtime(server: Server, options: RealtimeOptions): Promise<RealtimeServer> {
  const { db, log } = options;
  const wss = new WebSocketServer({ noServer: true });
  const connections = new Set<Connection>();

  function sendFrame(conn: Connection, frame: Frame): void {
    if (conn.ws.readyState === conn.ws.OPEN) conn.ws.send(JSON.stringify(frame));
  }
  const reply = (conn: Connection, [joinRef, ref, topic]: Frame, status: 'ok' | 'error', response: Record<string, unknown>) =>
    sendFrame(conn, [joinRef, ref, topic, 'phx_reply', { status, response }]);

  /** Realtime's read check: may this token's role and claims select a probe row of the topic? */
  async function mayRead(subTopic: string, role: string, claims: Claims, headers: Record<string, unknown>): Promise<boolean> {
    try {
      await db.transaction(async (tx) => {
        const probes = await tx.query<{ id: string; extension: string }>(
          `insert into realtime.messages (topic, extension) values ($1, 'broadcast'), ($1, 'presence') returning id, extension`,
          [subTopic],
        );
        const broadcastId = probes.find((row) => row.extension === 'broadcast')!.id;
        const presenceId = probes.find((row) => row.extension === 'presence')!.id;
        await tx.query(
          `select set_config('role', $1, true), set_config('realtime.topic', $2, true),
                  set_config('request.jwt.claims', $3, true), set_config('request.headers', $4, true)`,
          [role, subTopic, JSON.stringify(claims), JSON.stringify(headers)],
        );
        const seen = await tx.query<{ id: string }>(
          `select id from realtime.messages
            where topic = $1 and ((extension = 'broadcast' and id = $2) or (extension = 'presence' and id = $3))`,
          [subTopic, broadcastId, presenceId],
        );
        throw new RolledBack(seen.some((row) => row.id === broadcastId));
      });
    } catch (error) {
      if (error instanceof RolledBack) return error.allowed;
      throw error;
    }
    return false;
  }

  /** The token's claims and role, or the reason Realtime gives for refusing it. */
  async function identify(token: string): Promise<{ claims: Claims; role: string } | { reason: string }> {
    const verified = await options.verifyToken(token);
    if (!verified.ok) {
      const failure = verified.failure;
      const why = failure.kind === 'expired' ? `Token has expired ${failure.by} seconds ago` : 'Failed to validate JWT';
      return { reason: `InvalidJWTToken: ${why}` };
    }
    const role = typeof verified.claims.role === 'string' ? verified.claims.role : '';
    if (!API_ROLES.has(role)) return { reason: `InvalidJWTToken: role "${role}" is not one the stand-in serves` };
    return { claims: verified.claims, role };
  }

  /** Why this stand-in will not serve a join, before any authorisation; null when it will. */
  function unsupported(topic: string, payload: Record<string, unknown>): string | null {
    if (!topic.startsWith('realtime:')) return `Unknown topic ${topic}: channel topics start with "realtime:"`;
    const config = (payload.config ?? {}) as { private?: unknown; postgres_changes?: unknown; presence?: { enabled?: unknown } };
    if (config.private !== true) return 'PrivateOnly: This project only allows private channels';
    if (Array.isArray(config.postgres_changes) && config.postgres_changes.length > 0) {
      return 'The local stand-in serves private Broadcast only: Postgres Changes is not supported (the database broadcasts instead)';
    }
    if (config.presence?.enabled === true) return 'The local stand-in serves private Broadcast only: Presence is not supported';
    return null;
  }

  async function join(conn: Connection, frame: Frame): Promise<void> {
    const [joinRef, , topic] = frame;
    const payload = (frame[4] ?? {}) as Record<string, unknown>;
    const refuse = (reason: string) => {
      log(`realtime: refused a join of ${topic}: ${reason}`);
      reply(conn, frame, 'error', { reason });
    };
    const notServed = unsupported(topic, payload);
    if (notServed) return refuse(notServed);
    const subTopic = topic.slice('realtime:'.length);
    const token = typeof payload.access_token === 'string' && payload.access_token !== '' ? payload.access_token : conn.apikey;
    const who = await identify(token);
    if ('reason' in who) return refuse(who.reason);
    let allowed: boolean;
    try {
      allowed = await mayRead(subTopic, who.role, who.claims, conn.headers);
    } catch (error) {
      if (!isPgError(error)) throw error;
      log(`realtime: the read check for ${subTopic} failed: ${error.message}`);
      return refuse(`RlsPolicyError: Error occurred when joining Realtime channel: ${error.message}`);
    }
    if (!allowed) return refuse(unauthorizedReason(subTopic));
    conn.channels.set(topic, { joinRef, subTopic });
    log(`realtime: joined ${subTopic} (${typeof who.claims.sub === 'string' ? who.claims.sub : who.role})`);
    reply(conn, frame, 'ok', { postgres_changes: [] });
  }

  /** A fresh token for a joined channel: checked again; a channel it may no longer read closes. */
  async function refreshToken(conn: Connection, frame: Frame): Promise<void> {
    const [joinRef, , topic] = frame;
    const channel = conn.channels.get(topic);
    if (!channel) return;
    const token = (frame[4] as { access_token?: unknown } | null)?.access_token;
    const who = typeof token === 'string' && token !== '' ? await identify(token) : { reason: 'InvalidJWTToken: no access token' };
    let reason: string | null = 'reason' in who ? who.reason : null;
    if (!('reason' in who)) {
      try {
        if (!(await mayRead(channel.subTopic, who.role, who.claims, conn.headers))) reason = unauthorizedReason(channel.subTopic);
      } catch (error) {
        if (!isPgError(error)) throw error;
        reason = `RlsPolicyError: ${error.message}`;
      }
    }
    if (reason === null) return;
    log(`realtime: closed ${channel.subTopic} on a new token: ${reason}`);
    conn.channels.delete(topic);
    sendFrame(conn, [joinRef, null, topic, 'system', { message: reason, status: 'error', extension: 'system', channel: channel.subTopic }]);
    sendFrame(conn, [joinRef, null, topic, 'phx_close', {}]);
  }

  async function handle(conn: Connection, data: RawData, isBinary: boolean): Promise<void> {
    if (isBinary) {
      log('realtime: refused a binary frame (a client Broadcast send): clients do not send on this stand-in');
      return;
    }
    let frame: Frame;
    try {
      frame = JSON.parse(data.toString()) as Frame;
      if (!Array.isArray(frame) || frame.length !== 5 || typeof frame[2] !== 'string' || typeof frame[3] !== 'string') throw new Error();
    } catch {
      log('realtime: refused a frame that is not a Phoenix message array');
      return;
    }
    const [, , topic, event] = frame;
    if (topic === 'phoenix' && event === 'heartbeat') return reply(conn, frame, 'ok', {});
    if (event === 'phx_join') return join(conn, frame);
    if (event === 'phx_leave') {
      conn.channels.delete(topic);
      return reply(conn, frame, 'ok', {});
    }
    if (event === 'access_token') return refreshToken(conn, frame);
    const reason = `The local stand-in serves private Broadcast from the database only: "${event}" from a client is not supported`;
    log(`realtime: refused ${event} on ${topic}: ${reason}`);
    reply(conn, frame, 'error', { reason });
  }

  // What the triggers sent, once committed: to every socket joined to the topic.
  async function deliver(notice: string): Promise<void> {
    const { id, topic, private: isPrivate } = JSON.parse(notice) as { id: string; topic: string; private: boolean | null };
    if (isPrivate !== true) return; // Public channels are not served here: nobody can be listening.
    const listeners = [...connections].flatMap((conn) =>
      [...conn.channels].filter(([, joined]) => joined.subTopic === topic).map(([fullTopic, joined]) => ({ conn, fullTopic, joined })),
    );
    if (listeners.length === 0) return;
    const [row] = await db.query<{ event: string | null; payload: unknown }>(
      `select event, payload from realtime.messages where id = $1 and extension = 'broadcast'`,
      [id],
    );
    if (!row) return;
    for (const { conn, fullTopic, joined } of listeners) {
      sendFrame(conn, [joined.joinRef, null, fullTopic, 'broadcast', { type: 'broadcast', event: row.event, payload: row.payload }]);
    }
  }
  const unlisten = await db.listen(NOTIFY_CHANNEL, (notice) => {
    deliver(notice).catch((error: unknown) => log(`realtime: delivering a broadcast failed: ${(error as Error)?.stack ?? String(error)}`));
  });

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://local');
    const path = url.pathname.replace(/\/+$/, '');
    const refuse = (status: number, text: string, body: unknown) => {
      const json = JSON.stringify(body);
      socket.end(
        `HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`,
      );
    };
    if (path !== REALTIME_PATH) {
      log(`realtime: refused a websocket at ${path}: only ${REALTIME_PATH} is served`);
      return refuse(404, 'Not Found', { message: 'no Route matched with those values' });
    }
    const keyError = options.checkKey(req, url);
    if (keyError) return refuse(keyError.status, 'Unauthorized', keyError.body);
    wss.handleUpgrade(req, socket, head, (ws) => {
      const conn: Connection = {
        ws,
        apikey: url.searchParams.get('apikey') ?? '',
        headers: { ...req.headers },
        channels: new Map(),
        queue: Promise.resolve(),
      };
      connections.add(conn);
      ws.on('message', (data, isBinary) => {
        conn.queue = conn.queue
          .then(() => handle(conn, data, isBinary))
          .catch((error: unknown) => log(`realtime: handling a message failed: ${(error as Error)?.stack ?? String(error)}`));
      });
      ws.on('close', () => connections.delete(conn));
      ws.on('error', () => connections.delete(conn));
    });
  };
  server.on('upgrade', onUpgrade);

  return {
    async close() {
      server.off('upgrade', onUpgrade);
      for (const conn of connections) conn.ws.terminate();
      connections.clear();
      wss.close();
      await unlisten();
    },
  };
}
