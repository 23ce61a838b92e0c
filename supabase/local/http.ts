/**
 * What Supabase's API gateway (Kong, as `supabase start` configures it) does before a
 * request reaches GoTrue or PostgREST: CORS and the `apikey` check. Plus small response
 * helpers the services share.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export const CORS_HEADERS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS',
  'Access-Control-Allow-Headers':
    'apikey, authorization, content-type, x-client-info, accept-profile, content-profile, prefer, x-supabase-api-version, range, x-upsert',
  'Access-Control-Expose-Headers': 'Content-Range, X-Supabase-Api-Version',
  'Access-Control-Max-Age': '3600',
};

export function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  if (body === undefined) {
    res.writeHead(status, { ...CORS_HEADERS, ...headers }).end();
    return;
  }
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res
    .writeHead(status, {
      ...CORS_HEADERS,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(text)),
      ...headers,
    })
    .end(text);
}

export class BodyTooLarge extends Error {}

/** The raw request body (clipped articles are large, but capped by the extension). */
export async function readBody(req: IncomingMessage, limit = 16 * 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLarge(`Request body over ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The bearer token of an Authorization header; undefined when there is none. */
export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (header === undefined) return undefined;
  const match = /^Bearer\s*(.*)$/i.exec(header.trim());
  return match ? match[1]!.trim() : undefined;
}

export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Kong's key-auth alone: the `apikey` header (or query parameter) must be one of
 * validKeys. Returns the 401 body, or null when the key is accepted. checkApiKey is the
 * whole gateway (key kinds, Authorization rules, the role passed on).
 */
export function gatewayKeyError(req: IncomingMessage, url: URL, validKeys: string[]): { message: string } | null {
  const key = header(req, 'apikey') ?? url.searchParams.get('apikey') ?? undefined;
  if (key === undefined || key === '') return { message: 'No API key found in request' };
  if (!validKeys.includes(key)) return { message: 'Invalid API key' };
  return null;
}

export interface GatewayKeys {
  publishableKey: string;
  secretKey: string;
  anonKey: string;
  serviceRoleKey: string;
}

export interface GatewayError {
  status: 401;
  body: { message: string; hint?: string };
}

/** A browser's User-Agent (every engine's starts "Mozilla/5.0"). */
const BROWSER_AGENT = /^Mozilla\//;

/**
 * The hosted API gateway's key check, then what it hands the service behind it:
 *  - the `apikey` header (or query parameter) must be one of the project's keys;
 *  - a secret key (sb_secret_…) is refused from a browser;
 *  - an sb_ key may appear as `Authorization: Bearer …` only when it equals `apikey`;
 *  - the service then sees a JWT: the user's own bearer token when one is sent, else the
 *    role the key stands for (publishable → anon, secret → service_role), as `supabase
 *    start`'s gateway passes them on (the legacy anon/service_role JWT of that role).
 * Returns the 401 the gateway sends, or null after setting req.headers.authorization.
 */
export function checkApiKey(req: IncomingMessage, url: URL, keys: GatewayKeys): GatewayError | null {
  const apikey = header(req, 'apikey') ?? url.searchParams.get('apikey') ?? undefined;
  if (apikey === undefined || apikey === '') {
    return { status: 401, body: { message: 'No API key found in request', hint: 'No `apikey` request header or url param was found.' } };
  }
  const role =
    apikey === keys.publishableKey || apikey === keys.anonKey
      ? 'anon'
      : apikey === keys.secretKey || apikey === keys.serviceRoleKey
        ? 'service_role'
        : null;
  if (role === null) {
    return { status: 401, body: { message: 'Invalid API key', hint: 'Double check your Supabase `anon` or `service_role` API key.' } };
  }
  if (apikey === keys.secretKey && BROWSER_AGENT.test(header(req, 'user-agent') ?? '')) {
    return { status: 401, body: { message: 'Forbidden use of secret API key in browser' } };
  }
  const bearer = bearerToken(req);
  if (bearer !== undefined && bearer.startsWith('sb_') && bearer !== apikey) {
    return {
      status: 401,
      body: {
        message: 'Invalid API key',
        hint: 'An sb_publishable_/sb_secret_ key is accepted in Authorization only when it equals the apikey header.',
      },
    };
  }
  if (bearer === undefined || bearer.startsWith('sb_')) {
    const jwtKey = apikey.startsWith('sb_') ? (role === 'anon' ? keys.anonKey : keys.serviceRoleKey) : apikey;
    req.headers.authorization = `Bearer ${jwtKey}`;
  }
  return null;
}

/** Kong's routes for GoTrue that need no key (links opened from an email, the JWKS). */
export const OPEN_AUTH_PATHS = new Set(['/auth/v1/verify', '/auth/v1/callback', '/auth/v1/authorize', '/auth/v1/.well-known/jwks.json']);
