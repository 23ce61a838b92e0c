/**
 * The local stand-in for the Supabase APIs the extension uses (Auth, the Data API's RPC
 * and Realtime's private Broadcast websocket), on embedded PGlite or a real Postgres. Tests start it in-process; the
 * CLI entry is server.ts.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openDb, type Db } from './db';
import { handleAuth, newRateLimiter } from './gotrue';
import { latestCode } from './gotrue-store';
import { BodyTooLarge, checkApiKey, header, OPEN_AUTH_PATHS, send } from './http';
import { apiKeysFor, DEFAULT_JWT_SECRET, type PublicJwk } from './keys';
import { prepareDatabase, type PrepareResult } from './migrate';
import { serveJoinPage } from './join-page';
import { handleRpc } from './postgrest';
import { startRealtime } from './realtime';
import { verifyJwt } from './jwt';

export { LOCAL_ANON_KEY, LOCAL_SERVICE_ROLE_KEY, LOCAL_PUBLISHABLE_KEY, LOCAL_SECRET_KEY, DEFAULT_JWT_SECRET, LOCAL_URL } from './keys';

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
  /** Verify requests allowed per IP in 5 minutes (GoTrue's token_verifications); default 30, a hosted project's default. */
  verifyRateLimit?: number;
  /** The secret /_local/sign-in-codes asks for; default a random one per start (LOCAL_SECRET env overrides). */
  localSecret?: string;
  /** Where sign-in codes and progress go; default console.log. */
  log?: (line: string) => void;
}

export interface LocalBackend {
  url: string;
  /** The publishable key (sb_publishable_…): what the extension uses. */
  publishableKey: string;
  /** The secret key (sb_secret_…): servers only. */
  secretKey: string;
  /** The legacy anon JWT, still accepted. */
  anonKey: string;
  serviceRoleKey: string;
  jwtSecret: string;
  /** The JWKS served at /auth/v1/.well-known/jwks.json. */
  jwks: { keys: PublicJwk[] };
  /** Sent as X-Local-Secret (or ?secret=) to read /_local/sign-in-codes. */
  localSecret: string;
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
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 54321, '127.0.0.1', () => resolve());
    });
  } catch (error) {
    // A taken port: let go of the database too (PGlite's data directory stays locked otherwise).
    await db.close().catch(() => undefined);
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const settings = {
    jwtSecret: keys.jwtSecret,
    signingKey: keys.signingKey,
    verifyRateLimit: options.verifyRateLimit ?? envNumber('VERIFY_RATE_LIMIT') ?? 30,
    issuer: `${url}/auth/v1`,
    accessTokenTtl: options.accessTokenTtl ?? envNumber('ACCESS_TOKEN_TTL') ?? 3600,
    otpExpirySeconds: options.otpExpirySeconds ?? envNumber('OTP_EXPIRY_SECONDS') ?? 600,
  };
  const jwks = { keys: [keys.signingKey.publicJwk] };
  const localSecret = options.localSecret ?? process.env.LOCAL_SECRET ?? randomBytes(24).toString('base64url');
  const limiter = newRateLimiter();
  const realtime = await startRealtime(server, {
    db,
    checkKey: (req, requestUrl) => checkApiKey(req, requestUrl, keys),
    verifyToken: (token) => verifyJwt(token, { jwtSecret: keys.jwtSecret, jwks: jwks.keys }, 30),
    log,
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestUrl = new URL(req.url ?? '/', url);
    const path = requestUrl.pathname.replace(/\/+$/, '') || '/';
    if (path.startsWith('/_local/')) return localRoute(req, res, requestUrl, path);
    if (req.method === 'OPTIONS') return send(res, 200, undefined, { 'Content-Length': '0' });

    if (path === '/auth/v1/.well-known/jwks.json' && req.method === 'GET') return send(res, 200, jwks);
    if (await serveJoinPage(req.method, path, res)) return;

    if (path.startsWith('/auth/v1/')) {
      if (!OPEN_AUTH_PATHS.has(path)) {
        const keyError = checkApiKey(req, requestUrl, keys);
        if (keyError) return send(res, keyError.status, keyError.body);
      }
      return handleAuth(req, res, requestUrl, path.slice('/auth/v1'.length), { db, settings, log, limiter });
    }

    if (path.startsWith('/rest/v1/')) {
      const keyError = checkApiKey(req, requestUrl, keys);
      if (keyError) return send(res, keyError.status, keyError.body);
      const rpc = /^\/rest\/v1\/rpc\/([^/]+)$/.exec(path);
      if (rpc) return handleRpc(req, res, requestUrl, decodeURIComponent(rpc[1]!), { db, jwtSecret: keys.jwtSecret, jwks: jwks.keys });
      return send(res, 400, {
        code: 'PGRST127',
        message: 'Feature not implemented',
        details: 'The local stand-in serves only /rest/v1/rpc/*: the extension reads and writes through functions.',
        hint: null,
      });
    }
    send(res, 404, { message: 'no Route matched with those values' });
  }

  /**
   * The stand-in's own routes (its mail catcher): same machine, same origin, local secret.
   * No CORS headers, so no web page can read them; a request that names another origin
   * (Origin, Sec-Fetch-Site) or reaches it under another host name is refused.
   */
  async function localRoute(req: IncomingMessage, res: ServerResponse, requestUrl: URL, path: string): Promise<void> {
    const plain = (status: number, body: unknown) => {
      const text = JSON.stringify(body);
      res
        .writeHead(status, {
          'Content-Type': 'application/json; charset=utf-8',
          'Content-Length': String(Buffer.byteLength(text)),
          'Cache-Control': 'no-store',
        })
        .end(text);
    };
    const own = new Set([url, `http://localhost:${port}`]);
    const origin = header(req, 'origin');
    const site = header(req, 'sec-fetch-site');
    const host = header(req, 'host') ?? '';
    if (
      (origin !== undefined && !own.has(origin)) ||
      (site !== undefined && site !== 'same-origin' && site !== 'none') ||
      !own.has(`http://${host}`)
    ) {
      return plain(403, { message: 'The local stand-in answers /_local/* only to this machine, not to other origins' });
    }
    if (path !== '/_local/sign-in-codes' || req.method !== 'GET') return plain(404, { message: `No local route ${req.method} ${path}` });
    const given = Buffer.from(header(req, 'x-local-secret') ?? requestUrl.searchParams.get('secret') ?? '');
    const expected = Buffer.from(localSecret);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return plain(401, { message: 'Send the local secret (printed when the stand-in starts) as X-Local-Secret or ?secret=' });
    }
    const email = (requestUrl.searchParams.get('email') ?? '').trim().toLowerCase();
    const code = email ? await latestCode(db, email) : undefined;
    return code ? plain(200, { code }) : plain(404, { message: `No sign-in code has been sent to "${email}"` });
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
    publishableKey: keys.publishableKey,
    secretKey: keys.secretKey,
    anonKey: keys.anonKey,
    serviceRoleKey: keys.serviceRoleKey,
    jwtSecret: keys.jwtSecret,
    jwks,
    localSecret,
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

/** The latest sign-in code the stand-in "emailed" to email, read from its mail catcher; undefined when none. */
export async function fetchSignInCode(backend: { url: string; localSecret: string }, email: string): Promise<string | undefined> {
  const response = await fetch(`${backend.url}/_local/sign-in-codes?email=${encodeURIComponent(email)}`, {
    headers: { 'X-Local-Secret': backend.localSecret },
  });
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`Reading the sign-in code for ${email} failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { code: string }).code;
}
