/**
 * The gateway and Auth routes the extension uses, measured against what a hosted project
 * created today answers:
 *  - API keys (supabase docs, guides/api/api-keys): the publishable key stands for anon,
 *    the secret key for service_role and is refused from a browser; an sb_ key may be
 *    sent as `Authorization: Bearer` only when it equals `apikey`; a missing or unknown
 *    key is the gateway's 401.
 *  - JWT signing keys (guides/auth/signing-keys): users' access tokens are ES256 with a
 *    `kid` found in the JWKS at /auth/v1/.well-known/jwks.json, which needs no key;
 *    tokens signed with the legacy secret stay valid until it is revoked.
 *  - GoTrue's answers for /otp, /verify, /token?grant_type=refresh_token, /user, /logout:
 *    status, error_code and message as GoTrue sends them to supabase-js (API version
 *    2024-01-01), and its verify limit (30 per 5 minutes per IP address by default,
 *    429 over_request_rate_limit).
 *  - The stand-in's own mail catcher answers this machine only, with its local secret.
 */
import { createClient } from '@supabase/supabase-js';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signEs256, signJwt } from '../../supabase/local/jwt';
import { signingKeyFor } from '../../supabase/local/keys';
import { fetchSignInCode, startLocalBackend, type LocalBackend } from '../../supabase/local/index';
import { EXTERNAL, uniqueEmail } from './helpers';

let backend: LocalBackend;
const start = () => {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  return startLocalBackend({
    port: 0,
    databaseUrl,
    memory: !databaseUrl,
    seed: false,
    log: () => undefined,
    migrationsDir: process.env.MIGRATIONS_DIR || undefined,
  });
};

const auth = (path: string, init: RequestInit & { headers?: Record<string, string> } = {}) =>
  fetch(`${backend.url}/auth/v1${path}`, {
    ...init,
    headers: {
      apikey: backend.publishableKey,
      'content-type': 'application/json',
      'x-supabase-api-version': '2024-01-01',
      ...init.headers,
    },
  });

async function session(email = uniqueEmail('conformance')) {
  expect((await auth('/otp', { method: 'POST', body: JSON.stringify({ email, create_user: true }) })).status).toBe(200);
  const code = await fetchSignInCode(backend, email);
  const response = await auth('/verify', { method: 'POST', body: JSON.stringify({ email, token: code, type: 'email' }) });
  expect(response.status).toBe(200);
  return (await response.json()) as {
    access_token: string;
    refresh_token: string;
    expires_in: number;
    user: { id: string; email: string };
  };
}

beforeAll(async () => {
  if (!EXTERNAL) backend = await start();
});
afterAll(async () => {
  await backend?.stop();
});

describe.skipIf(EXTERNAL)('the gateway, as a hosted project checks API keys', () => {
  it('serves the JWKS without an API key: one ES256 public key, no private part', async () => {
    const response = await fetch(`${backend.url}/auth/v1/.well-known/jwks.json`);
    expect(response.status).toBe(200);
    const { keys } = (await response.json()) as { keys: Array<Record<string, unknown>> };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', key_ops: ['verify'], kid: expect.any(String) });
    expect(keys[0]).not.toHaveProperty('d');
  });

  it('answers a missing or unknown key with its 401', async () => {
    const missing = await fetch(`${backend.url}/auth/v1/user`);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({
      message: 'No API key found in request',
      hint: 'No `apikey` request header or url param was found.',
    });
    const unknown = await auth('/user', { headers: { apikey: 'sb_publishable_not-this-projects-key' } });
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toEqual({
      message: 'Invalid API key',
      hint: 'Double check your Supabase `anon` or `service_role` API key.',
    });
  });

  it('takes an sb_ key as Authorization: Bearer only when it equals apikey', async () => {
    const same = await auth('/user', { headers: { authorization: `Bearer ${backend.publishableKey}` } });
    // Passed on as the anon role: GoTrue then finds no user in the token.
    expect(same.status).toBe(403);
    expect(await same.json()).toEqual({ code: 'bad_jwt', message: 'invalid claim: missing sub claim' });
    const other = await auth('/user', { headers: { apikey: backend.anonKey, authorization: `Bearer ${backend.publishableKey}` } });
    expect(other.status).toBe(401);
  });

  it('refuses the secret key from a browser, accepts it from a server', async () => {
    const browser = await auth('/user', {
      headers: { apikey: backend.secretKey, 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0' },
    });
    expect(browser.status).toBe(401);
    const server = await fetch(`${backend.url}/rest/v1/rpc/no_such_function`, {
      method: 'POST',
      headers: { apikey: backend.secretKey, 'content-type': 'application/json', 'user-agent': 'node' },
      body: '{}',
    });
    expect(server.status).toBe(404);
  });

  it('accepts the legacy anon key as well as the publishable key', async () => {
    for (const key of [backend.anonKey, backend.publishableKey]) {
      const client = createClient(backend.url, key, {
        auth: { persistSession: false, autoRefreshToken: false },
        realtime: { transport: class {} as never },
      });
      const { status, error } = await client.rpc('no_such_function' as never);
      expect({ status, code: error?.code }).toEqual({ status: 404, code: 'PGRST202' });
    }
  });
});

describe.skipIf(EXTERNAL)('GoTrue: email-code sign-in, refresh, user, logout', () => {
  it('POST /otp answers 200 {}', async () => {
    const response = await auth('/otp', { method: 'POST', body: JSON.stringify({ email: uniqueEmail('otp'), create_user: true }) });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
  });

  it('POST /verify with a wrong code: 403 otp_expired, in the 2024-01-01 shape', async () => {
    const email = uniqueEmail('wrong');
    await auth('/otp', { method: 'POST', body: JSON.stringify({ email, create_user: true }) });
    const code = await fetchSignInCode(backend, email);
    const response = await auth('/verify', {
      method: 'POST',
      body: JSON.stringify({ email, token: code === '000000' ? '111111' : '000000', type: 'email' }),
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('x-supabase-api-version')).toBe('2024-01-01');
    expect(await response.json()).toEqual({ code: 'otp_expired', message: 'Token has expired or is invalid' });
  });

  it('a session: ES256 access token with the JWKS kid and GoTrue claims, verifiable from the JWKS alone', async () => {
    const result = await session();
    expect(result).toMatchObject({
      token_type: 'bearer',
      expires_in: 3600,
      refresh_token: expect.any(String),
      user: { aud: 'authenticated', role: 'authenticated' },
    });
    const header = decodeProtectedHeader(result.access_token);
    expect(header).toEqual({ alg: 'ES256', kid: signingKeyFor(backend.jwtSecret).kid, typ: 'JWT' });
    const jwks = createRemoteJWKSet(new URL(`${backend.url}/auth/v1/.well-known/jwks.json`));
    const { payload } = await jwtVerify(result.access_token, jwks, { issuer: `${backend.url}/auth/v1`, audience: 'authenticated' });
    expect(payload).toMatchObject({
      sub: result.user.id,
      role: 'authenticated',
      aal: 'aal1',
      session_id: expect.any(String),
      is_anonymous: false,
    });
    expect(payload.amr).toEqual([{ method: 'otp', timestamp: expect.any(Number) }]);
  });

  it('GET /user, then refresh, then logout: the answers GoTrue gives', async () => {
    const first = await session();
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    const user = await auth('/user', { headers: bearer(first.access_token) });
    expect(user.status).toBe(200);
    expect(await user.json()).toMatchObject({ id: first.user.id, email: first.user.email, aud: 'authenticated' });

    const refreshed = await auth('/token?grant_type=refresh_token', {
      method: 'POST',
      body: JSON.stringify({ refresh_token: first.refresh_token }),
    });
    expect(refreshed.status).toBe(200);
    const second = (await refreshed.json()) as { access_token: string; refresh_token: string };
    expect(second.refresh_token).not.toBe(first.refresh_token);

    const unknown = await auth('/token?grant_type=refresh_token', {
      method: 'POST',
      body: JSON.stringify({ refresh_token: 'no-such-token' }),
    });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({ code: 'refresh_token_not_found', message: 'Invalid Refresh Token: Refresh Token Not Found' });

    const logout = await auth('/logout', { method: 'POST', headers: bearer(second.access_token) });
    expect(logout.status).toBe(204);
    expect(await logout.text()).toBe('');
    const after = await auth('/user', { headers: bearer(second.access_token) });
    expect(after.status).toBe(403);
    expect(await after.json()).toEqual({ code: 'session_not_found', message: 'Session from session_id claim in JWT does not exist' });
    const reuse = await auth('/token?grant_type=refresh_token', {
      method: 'POST',
      body: JSON.stringify({ refresh_token: second.refresh_token }),
    });
    expect(reuse.status).toBe(400);
  });

  it('GET /user with an expired token, or one signed by an unknown key: 403 bad_jwt', async () => {
    const { user } = await session();
    const now = Math.floor(Date.now() / 1000);
    const expired = await signEs256({ sub: user.id, role: 'authenticated', exp: now - 60 }, signingKeyFor(backend.jwtSecret));
    const stale = await auth('/user', { headers: { authorization: `Bearer ${expired}` } });
    expect(stale.status).toBe(403);
    expect(await stale.json()).toEqual({
      code: 'bad_jwt',
      message: 'invalid JWT: unable to parse or verify signature, token has invalid claims: token is expired',
    });
    const foreign = await signEs256(
      { sub: user.id, role: 'authenticated', exp: now + 60 },
      signingKeyFor('a-key-this-project-never-had-at-all'),
    );
    const refused = await auth('/user', { headers: { authorization: `Bearer ${foreign}` } });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'bad_jwt' });
  });

  it('still accepts a token signed with the legacy secret (a "previously used" key)', async () => {
    const { user } = await session();
    const now = Math.floor(Date.now() / 1000);
    const legacy = await signJwt({ sub: user.id, role: 'authenticated', aud: 'authenticated', exp: now + 60 }, backend.jwtSecret);
    const response = await auth('/user', { headers: { authorization: `Bearer ${legacy}` } });
    expect(response.status).toBe(200);
  });
});

describe.skipIf(EXTERNAL)("GoTrue's verify limit: 30 per 5 minutes per IP address", () => {
  it('the 31st verify in a burst is 429 over_request_rate_limit, right code or wrong', async () => {
    const fresh = await start();
    try {
      const email = uniqueEmail('limit');
      const post = (path: string, body: unknown) =>
        fetch(`${fresh.url}/auth/v1${path}`, {
          method: 'POST',
          headers: { apikey: fresh.publishableKey, 'content-type': 'application/json', 'x-supabase-api-version': '2024-01-01' },
          body: JSON.stringify(body),
        });
      await post('/otp', { email, create_user: true });
      const code = (await fetchSignInCode(fresh, email))!;
      const wrong = code === '000000' ? '111111' : '000000';
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) statuses.push((await post('/verify', { email, token: wrong, type: 'email' })).status);
      expect(statuses.every((status) => status === 403)).toBe(true);
      const limited = await post('/verify', { email, token: code, type: 'email' });
      expect(limited.status).toBe(429);
      expect(await limited.json()).toEqual({ code: 'over_request_rate_limit', message: 'Request rate limit reached' });
    } finally {
      await fresh.stop();
    }
  });
});

describe.skipIf(EXTERNAL)('the mail catcher (/_local/sign-in-codes): this machine only, with the local secret', () => {
  const codes = (headers: Record<string, string> = {}, query = '') =>
    fetch(`${backend.url}/_local/sign-in-codes?email=${encodeURIComponent('nobody@readclub.test')}${query}`, { headers });

  it('needs the local secret, and sends no CORS headers', async () => {
    const email = uniqueEmail('catcher');
    await auth('/otp', { method: 'POST', body: JSON.stringify({ email, create_user: true }) });
    const without = await fetch(`${backend.url}/_local/sign-in-codes?email=${encodeURIComponent(email)}`);
    expect(without.status).toBe(401);
    const wrong = await fetch(`${backend.url}/_local/sign-in-codes?email=${encodeURIComponent(email)}`, {
      headers: { 'x-local-secret': 'guess' },
    });
    expect(wrong.status).toBe(401);
    const right = await fetch(`${backend.url}/_local/sign-in-codes?email=${encodeURIComponent(email)}`, {
      headers: { 'x-local-secret': backend.localSecret },
    });
    expect(right.status).toBe(200);
    expect(await right.json()).toEqual({ code: expect.stringMatching(/^\d{6}$/) });
    expect(right.headers.get('access-control-allow-origin')).toBeNull();
    const byQuery = await fetch(`${backend.url}/_local/sign-in-codes?email=${encodeURIComponent(email)}&secret=${backend.localSecret}`);
    expect(byQuery.status).toBe(200);
  });

  it('refuses other origins, cross-site fetches, preflights and other host names, even with the secret', async () => {
    const secret = { 'x-local-secret': backend.localSecret };
    expect((await codes({ ...secret, origin: 'https://evil.example' })).status).toBe(403);
    expect((await codes({ ...secret, origin: 'chrome-extension://abcdefghijklmnop' })).status).toBe(403);
    expect((await codes({ ...secret, 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await codes({ ...secret, origin: backend.url })).status).toBe(404);
    const preflight = await fetch(`${backend.url}/_local/sign-in-codes`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'x-local-secret',
      },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    // A DNS-rebinding page reaches the port under its own host name.
    const { port } = new URL(backend.url);
    const rebound = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: '/_local/sign-in-codes?email=x%40y.z', headers: { host: `evil.example:${port}`, ...secret } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(rebound).toBe(403);
  });
});
