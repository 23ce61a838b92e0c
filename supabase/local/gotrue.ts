/**
 * The GoTrue (Supabase Auth) endpoints supabase-js calls for email-code sign-in:
 * /otp, /verify, /token?grant_type=refresh_token, /user, /logout (+ /health).
 * Status codes, error codes and messages are GoTrue's.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Db } from './db';
import * as store from './gotrue-store';
import { bearerToken, header, readBody, send } from './http';
import { gotrueJwtMessage, verifyJwt, type Claims } from './jwt';

export interface GotrueContext {
  db: Db;
  settings: store.AuthSettings & { verifyRateLimit?: number };
  log: (line: string) => void;
  limiter?: RateLimiter;
}

/**
 * GoTrue's per-IP token buckets (tollbooth): POST /verify allows `limit` requests per 5
 * minutes from one address, in a burst of up to `limit`, refilled evenly. Right and wrong
 * codes count alike, so guessing a 6-digit code is capped at 30 tries per 5 minutes.
 */
export interface RateLimiter {
  take(bucket: string, limit: number, now?: number): boolean;
}

export function newRateLimiter(): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(bucket, limit, now = Date.now()) {
      const perMs = limit / (5 * 60 * 1000);
      const state = buckets.get(bucket) ?? { tokens: limit, at: now };
      state.tokens = Math.min(limit, state.tokens + (now - state.at) * perMs);
      state.at = now;
      buckets.set(bucket, state);
      if (state.tokens < 1) return false;
      state.tokens -= 1;
      return true;
    },
  };
}

const API_VERSION = '2024-01-01';

class AuthError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
  }
}

/** GoTrue's error body: {code, message} for clients sending the 2024-01-01 API version, else the legacy shape. */
export function sendAuthError(req: IncomingMessage, res: ServerResponse, error: AuthError): void {
  const version = header(req, 'x-supabase-api-version');
  if (version !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(version) && version >= API_VERSION) {
    send(res, error.status, { code: error.errorCode, message: error.message }, { 'X-Supabase-Api-Version': API_VERSION });
  } else {
    send(res, error.status, { code: error.status, error_code: error.errorCode, msg: error.message });
  }
}

async function jsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readBody(req);
  if (text.trim() === '') return {};
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new AuthError(400, 'bad_json', 'Could not parse request body as JSON');
}

const EMAIL_FORMAT = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function emailFrom(body: Record<string, unknown>): string {
  const email = typeof body.email === 'string' ? body.email.trim().toLowerCase() : '';
  if (email === '') throw new AuthError(400, 'validation_failed', 'An email address is required');
  if (!EMAIL_FORMAT.test(email)) throw new AuthError(400, 'email_address_invalid', 'Unable to validate email address: invalid format');
  return email;
}

/** POST /otp: send a sign-in code, signing the email up first when allowed. */
async function otp(req: IncomingMessage, res: ServerResponse, ctx: GotrueContext): Promise<void> {
  const body = await jsonBody(req);
  const email = emailFrom(body);
  const createUser = body.create_user !== false;
  const metadata = body.data && typeof body.data === 'object' && !Array.isArray(body.data) ? (body.data as Record<string, unknown>) : {};
  const code = await ctx.db.transaction(async (tx) => {
    let user = await store.findUserByEmail(tx, email);
    if (!user) {
      if (!createUser) throw new AuthError(422, 'otp_disabled', 'Signups not allowed for otp');
      user = await store.createUser(tx, email, metadata);
    }
    return store.issueCode(tx, email, user.id, ctx.settings.otpExpirySeconds);
  });
  ctx.log(`sign-in code for ${email}: ${code}`);
  send(res, 200, {});
}

const OTP_INVALID = () => new AuthError(403, 'otp_expired', 'Token has expired or is invalid');

/** POST /verify: exchange email + code for a session. */
async function verify(req: IncomingMessage, res: ServerResponse, ctx: GotrueContext): Promise<void> {
  const limit = ctx.settings.verifyRateLimit;
  if (ctx.limiter && limit !== undefined && !ctx.limiter.take(`verify:${req.socket.remoteAddress ?? ''}`, limit)) {
    throw new AuthError(429, 'over_request_rate_limit', 'Request rate limit reached');
  }
  const body = await jsonBody(req);
  const type = body.type;
  if (type !== 'email' && type !== 'magiclink' && type !== 'signup') {
    throw new AuthError(400, 'validation_failed', 'Verify requires a verification type');
  }
  const email = emailFrom(body);
  const token = typeof body.token === 'string' ? body.token.trim() : '';
  const session = await ctx.db.transaction(async (tx) => {
    const userId = await store.consumeCode(tx, email, token);
    if (!userId) throw OTP_INVALID();
    return store.startSession(tx, ctx.settings, userId);
  });
  send(res, 200, session);
}

/** POST /token?grant_type=refresh_token */
async function token(req: IncomingMessage, res: ServerResponse, url: URL, ctx: GotrueContext): Promise<void> {
  const grant = url.searchParams.get('grant_type');
  if (grant !== 'refresh_token') throw new AuthError(400, 'validation_failed', 'unsupported_grant_type');
  const body = await jsonBody(req);
  const refreshToken = typeof body.refresh_token === 'string' ? body.refresh_token : '';
  if (refreshToken === '') throw new AuthError(400, 'refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
  const outcome = await ctx.db.transaction((tx) => store.refreshSession(tx, ctx.settings, refreshToken));
  if (!outcome.ok) {
    const message = outcome.errorCode === 'refresh_token_not_found' ? 'Refresh Token Not Found' : 'Already Used';
    throw new AuthError(400, outcome.errorCode, `Invalid Refresh Token: ${message}`);
  }
  send(res, 200, outcome.session);
}

/** GoTrue's requireAuthentication + session and user lookup. */
async function authenticate(req: IncomingMessage, ctx: GotrueContext): Promise<{ claims: Claims; user: store.UserRow; sessionId: string }> {
  const tokenText = bearerToken(req) ?? header(req, 'apikey');
  if (tokenText === undefined) throw new AuthError(401, 'no_authorization', 'This endpoint requires a valid Bearer token');
  const verified = await verifyJwt(tokenText, { jwtSecret: ctx.settings.jwtSecret, jwks: [ctx.settings.signingKey.publicJwk] });
  if (!verified.ok) throw new AuthError(403, 'bad_jwt', gotrueJwtMessage(verified.failure));
  const claims = verified.claims;
  if (typeof claims.sub !== 'string' || claims.sub === '') throw new AuthError(403, 'bad_jwt', 'invalid claim: missing sub claim');
  // GoTrue looks the user up before the session: a deleted account's token gets user_not_found.
  const user = await store.findUserById(ctx.db, claims.sub);
  if (!user) throw new AuthError(403, 'user_not_found', 'User from sub claim in JWT does not exist');
  const sessionId = typeof claims.session_id === 'string' ? claims.session_id : '';
  if (sessionId !== '' && !(await store.sessionExists(ctx.db, sessionId))) {
    throw new AuthError(403, 'session_not_found', 'Session from session_id claim in JWT does not exist');
  }
  return { claims, user, sessionId };
}

async function logout(req: IncomingMessage, res: ServerResponse, url: URL, ctx: GotrueContext): Promise<void> {
  const scopeParam = url.searchParams.get('scope') ?? 'global';
  if (scopeParam !== 'global' && scopeParam !== 'local' && scopeParam !== 'others') {
    throw new AuthError(400, 'validation_failed', `Unsupported logout scope "${scopeParam}"`);
  }
  const { user, sessionId } = await authenticate(req, ctx);
  await store.endSessions(ctx.db, user.id, sessionId, scopeParam);
  send(res, 204);
}

/** Routes one /auth/v1/* request; path is the part after /auth/v1. */
export async function handleAuth(req: IncomingMessage, res: ServerResponse, url: URL, path: string, ctx: GotrueContext): Promise<void> {
  const method = req.method ?? 'GET';
  try {
    if (method === 'GET' && path === '/health') {
      return send(res, 200, {
        version: 'local-stand-in',
        name: 'GoTrue',
        description: 'GoTrue is a user registration and authentication API',
      });
    }
    if (method === 'POST' && path === '/otp') return await otp(req, res, ctx);
    if (method === 'POST' && path === '/verify') return await verify(req, res, ctx);
    if (method === 'POST' && path === '/token') return await token(req, res, url, ctx);
    if (method === 'GET' && path === '/user') return send(res, 200, store.userJson((await authenticate(req, ctx)).user));
    if (method === 'POST' && path === '/logout') return await logout(req, res, url, ctx);
    throw new AuthError(404, 'not_found', `The local stand-in does not implement ${method} /auth/v1${path}`);
  } catch (error) {
    if (error instanceof AuthError) return sendAuthError(req, res, error);
    throw error;
  }
}
