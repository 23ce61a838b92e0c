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
 * Kong's key-auth: the `apikey` header (or query parameter) must be one of the project's
 * keys. Returns the 401 body Kong sends, or null when the key is accepted.
 */
export function gatewayKeyError(req: IncomingMessage, url: URL, validKeys: string[]): { message: string } | null {
  const key = header(req, 'apikey') ?? url.searchParams.get('apikey') ?? undefined;
  if (key === undefined || key === '') return { message: 'No API key found in request' };
  if (!validKeys.includes(key)) return { message: 'Invalid authentication credentials' };
  return null;
}

/** Kong's routes for GoTrue that need no key (links opened from an email). */
export const OPEN_AUTH_PATHS = new Set(['/auth/v1/verify', '/auth/v1/callback', '/auth/v1/authorize']);
