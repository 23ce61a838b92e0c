// @vitest-environment node
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { newRateLimiter } from './gotrue';
import { checkApiKey } from './http';
import { LOCAL_ANON_KEY, LOCAL_PUBLISHABLE_KEY, LOCAL_SECRET_KEY, LOCAL_SERVICE_ROLE_KEY } from './keys';

const keys = {
  publishableKey: LOCAL_PUBLISHABLE_KEY,
  secretKey: LOCAL_SECRET_KEY,
  anonKey: LOCAL_ANON_KEY,
  serviceRoleKey: LOCAL_SERVICE_ROLE_KEY,
};
const url = new URL('http://127.0.0.1:54321/rest/v1/rpc/f');
const request = (headers: Record<string, string>) => ({ headers: { ...headers } }) as unknown as IncomingMessage;

describe('checkApiKey (the hosted gateway)', () => {
  it('passes the publishable key on as the anon JWT, the secret key as the service_role JWT', () => {
    const anon = request({ apikey: LOCAL_PUBLISHABLE_KEY, authorization: `Bearer ${LOCAL_PUBLISHABLE_KEY}` });
    expect(checkApiKey(anon, url, keys)).toBeNull();
    expect(anon.headers.authorization).toBe(`Bearer ${LOCAL_ANON_KEY}`);
    const service = request({ apikey: LOCAL_SECRET_KEY });
    expect(checkApiKey(service, url, keys)).toBeNull();
    expect(service.headers.authorization).toBe(`Bearer ${LOCAL_SERVICE_ROLE_KEY}`);
  });

  it("keeps a user's own bearer token, and a legacy key's JWT", () => {
    const user = request({ apikey: LOCAL_PUBLISHABLE_KEY, authorization: 'Bearer a.b.c' });
    expect(checkApiKey(user, url, keys)).toBeNull();
    expect(user.headers.authorization).toBe('Bearer a.b.c');
    const legacy = request({ apikey: LOCAL_ANON_KEY });
    expect(checkApiKey(legacy, url, keys)).toBeNull();
    expect(legacy.headers.authorization).toBe(`Bearer ${LOCAL_ANON_KEY}`);
  });

  it('refuses a missing or unknown key, an sb_ bearer that differs from apikey, a secret key from a browser', () => {
    expect(checkApiKey(request({}), url, keys)).toMatchObject({ status: 401, body: { message: 'No API key found in request' } });
    expect(checkApiKey(request({ apikey: 'sb_publishable_other' }), url, keys)).toMatchObject({
      status: 401,
      body: { message: 'Invalid API key' },
    });
    expect(checkApiKey(request({ apikey: 'a.b.c' }), url, keys)).toMatchObject({ status: 401, body: { message: 'Invalid API key' } });
    expect(checkApiKey(request({ apikey: LOCAL_ANON_KEY, authorization: `Bearer ${LOCAL_SECRET_KEY}` }), url, keys)).toMatchObject({
      status: 401,
    });
    expect(checkApiKey(request({ apikey: LOCAL_SECRET_KEY, 'user-agent': 'Mozilla/5.0 (Macintosh)' }), url, keys)).toMatchObject({
      status: 401,
    });
    expect(checkApiKey(request({}), new URL(`${url.href}?apikey=${LOCAL_PUBLISHABLE_KEY}`), keys)).toBeNull();
  });
});

describe("GoTrue's token bucket", () => {
  it('allows a burst of `limit`, then refills evenly over 5 minutes', () => {
    const limiter = newRateLimiter();
    const t0 = 1_000_000;
    for (let i = 0; i < 30; i++) expect(limiter.take('ip', 30, t0)).toBe(true);
    expect(limiter.take('ip', 30, t0)).toBe(false);
    expect(limiter.take('other-ip', 30, t0)).toBe(true);
    // One request comes back every 10 s (30 per 300 s).
    expect(limiter.take('ip', 30, t0 + 9_000)).toBe(false);
    expect(limiter.take('ip', 30, t0 + 10_500)).toBe(true);
    expect(limiter.take('ip', 30, t0 + 10_600)).toBe(false);
  });
});
