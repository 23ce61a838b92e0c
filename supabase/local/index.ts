/**
 * The local stand-in for the Supabase APIs the extension uses (Auth, the Data API's RPC
 * and Realtime's private Broadcast websocket), on embedded PGlite or a real Postgres. Tests start it in-process; the
 * CLI entry is server.ts.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openDb, type Db } from './db';
import { handleAuth } from './gotrue';
import { latestCode } from './gotrue-store';
import { BodyTooLarge, gatewayKeyError, OPEN_AUTH_PATHS, send } from './http';
import { apiKeysFor, DEFAULT_JWT_SECRET } from './keys';
import { prepareDatabase, type PrepareResult } from './migrate';
import { handleRpc } from './postgrest';
import { startRealtime } from './realtime';
import { verifyJwt } from './jwt';

export { LOCAL_ANON_KEY, LOCAL_SERVICE_ROLE_KEY, DEFAULT_JWT_SECRET, LOCAL_URL } from './keys';

export interface LocalBackendOptions {
  /** 0 picks a free port. Default 54321, as `supabase start`. */
  port?: number;
  /** Real Postgres instead of PGlite. */
  databaseUrl?: string;
  /** PGlite in memory instead of the persistent data directory. */
  memory?: boolean;
  /** PGlite data directory; default .local-backend/pgdata. */
  dataDir?: string;
  /** Default supabase/migrations. */
  migrationsDir?: string;
  /** false: no seed; a path: that seed file; default supabase/seed.sql (fresh databases only). */
  seed?: boolean | string;
  /** Start from an empty database. */
  reset?: boolean;
  /** Default JWT_SECRET env, else Supabase's local default. */
  jwtSecret?: string;
  /** Default OTP_EXPIRY_SECONDS env, else 600. */
  otpExpirySeconds?: number;
  /** Default ACCESS_TOKEN_TTL env, else 3600. */
  accessTokenTtl?: number;
  /** Where sign-in codes and progress go; default console.log. */
  log?: (line: string) => void;
}

export interface LocalBackend {
  url: string;
  anonKey: string;
  serviceRoleKey: string;
  jwtSecret: string;
  db: Db;
  prepared: PrepareResult;
  stop(): Promise<void>;
}

const envNumber = (name: string): number | undefined => {
  const value = process.env[name];
  return value && Number.isFinite(Number(value)) ? Number(value) : undefined;
};

export async function startLocalBackend(options: LocalBackendOptions = {}): Promise<LocalBackend> {
  const log = options.log ?? ((line: string) => console.log(line));
  const keys = await apiKeysFor(options.jwtSecret ?? process.env.JWT_SECRET ?? DEFAULT_JWT_SECRET);
  const db = await openDb({ databaseUrl: options.databaseUrl, memory: options.memory, dataDir: options.dataDir, reset: options.reset });
  let prepared: PrepareResult;
  try {
    prepared = await prepareDatabase(db, {
      migrationsDir: options.migrationsDir,
      seedFile: options.seed === false ? false : typeof options.seed === 'string' ? options.seed : undefined,
      reset: options.reset,
      log,
    });
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }

  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 54321, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const settings = {
    jwtSecret: keys.jwtSecret,
    issuer: `${url}/auth/v1`,
    accessTokenTtl: options.accessTokenTtl ?? envNumber('ACCESS_TOKEN_TTL') ?? 3600,
    otpExpirySeconds: options.otpExpirySeconds ?? envNumber('OTP_EXPIRY_SECONDS') ?? 600,
  };
  const validKeys = [keys.anonKey, keys.serviceRoleKey];
  const realtime = await startRealtime(server, { db, validKeys, verifyToken: (token) => verifyJwt(token, keys.jwtSecret, 30), log });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestUrl = new URL(req.url ?? '/', url);
    const path = requestUrl.pathname.replace(/\/+$/, '') || '/';
    if (req.method === 'OPTIONS') return send(res, 200, undefined, { 'Content-Length': '0' });

    if (path === '/_local/sign-in-codes' && req.method === 'GET') {
      const email = (requestUrl.searchParams.get('email') ?? '').trim().toLowerCase();
      const code = email ? await latestCode(db, email) : undefined;
      return code ? send(res, 200, { code }) : send(res, 404, { message: `No sign-in code has been sent to "${email}"` });
    }

    if (path.startsWith('/auth/v1/')) {
      const keyError = OPEN_AUTH_PATHS.has(path) ? null : gatewayKeyError(req, requestUrl, validKeys);
      if (keyError) return send(res, 401, keyError);
      return handleAuth(req, res, requestUrl, path.slice('/auth/v1'.length), { db, settings, log });
    }

    if (path.startsWith('/rest/v1/')) {
      const keyError = gatewayKeyError(req, requestUrl, validKeys);
      if (keyError) return send(res, 401, keyError);
      const rpc = /^\/rest\/v1\/rpc\/([^/]+)$/.exec(path);
      if (rpc) return handleRpc(req, res, requestUrl, decodeURIComponent(rpc[1]!), { db, jwtSecret: keys.jwtSecret });
      return send(res, 400, {
        code: 'PGRST127',
        message: 'Feature not implemented',
        details: 'The local stand-in serves only /rest/v1/rpc/*: the extension reads and writes through functions.',
        hint: null,
      });
    }
    send(res, 404, { message: 'no Route matched with those values' });
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    route(req, res).catch((error: unknown) => {
      if (error instanceof BodyTooLarge) return send(res, 413, { message: 'Request body is too large' });
      log(`local backend: ${req.method} ${req.url} failed: ${(error as Error)?.stack ?? String(error)}`);
      if (!res.headersSent) send(res, 500, { message: 'An invalid response was received from the upstream server' });
      else res.end();
    });
  });

  let stopped: Promise<void> | undefined;
  return {
    url,
    anonKey: keys.anonKey,
    serviceRoleKey: keys.serviceRoleKey,
    jwtSecret: keys.jwtSecret,
    db,
    prepared,
    stop() {
      stopped ??= (async () => {
        await realtime.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await db.close();
      })();
      return stopped;
    },
  };
}
