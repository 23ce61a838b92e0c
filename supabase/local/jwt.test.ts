// @vitest-environment node
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { gotrueJwtMessage, postgrestJwtError, signEs256, signJwt, verifyJwt } from './jwt';
import {
  apiKeysFor,
  DEFAULT_JWT_SECRET,
  LOCAL_ANON_KEY,
  LOCAL_PUBLISHABLE_KEY,
  LOCAL_SECRET_KEY,
  LOCAL_SERVICE_ROLE_KEY,
  signingKeyFor,
} from './keys';

const secret = DEFAULT_JWT_SECRET;
const now = () => Math.floor(Date.now() / 1000);

async function failure(token: string, tolerance = 0) {
  const result = await verifyJwt(token, secret, tolerance);
  if (result.ok) throw new Error('expected the token to be rejected');
  return result.failure;
}

describe('the demo keys', () => {
  it('validate with the default secret and carry the demo claims', async () => {
    const anon = await verifyJwt(LOCAL_ANON_KEY, secret);
    const service = await verifyJwt(LOCAL_SERVICE_ROLE_KEY, secret);
    expect(anon).toMatchObject({ ok: true, claims: { iss: 'supabase-demo', role: 'anon', exp: 1983812996 } });
    expect(service).toMatchObject({ ok: true, claims: { iss: 'supabase-demo', role: 'service_role' } });
  });

  it('are re-signed, same claims, for another secret', async () => {
    const other = 'another-secret-with-at-least-32-characters!!';
    const keys = await apiKeysFor(other);
    expect(keys.anonKey).not.toBe(LOCAL_ANON_KEY);
    expect(await verifyJwt(keys.anonKey, other)).toMatchObject({ ok: true, claims: { role: 'anon', iss: 'supabase-demo' } });
    expect((await verifyJwt(keys.anonKey, secret)).ok).toBe(false);
    expect(await apiKeysFor()).toMatchObject({
      jwtSecret: secret,
      anonKey: LOCAL_ANON_KEY,
      serviceRoleKey: LOCAL_SERVICE_ROLE_KEY,
      publishableKey: LOCAL_PUBLISHABLE_KEY,
      secretKey: LOCAL_SECRET_KEY,
    });
  });
});

describe('the ES256 signing key', () => {
  it('is the same for the same secret (stable across restarts), another for another secret', () => {
    const a = signingKeyFor(secret);
    const b = signingKeyFor(secret);
    expect(b.publicJwk).toEqual(a.publicJwk);
    expect(a.kid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(signingKeyFor('another-secret-with-at-least-32-characters!!').publicJwk.x).not.toBe(a.publicJwk.x);
    expect(a.publicJwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', key_ops: ['verify'], kid: a.kid });
    expect(a.publicJwk).not.toHaveProperty('d');
  });

  it('signs tokens with alg ES256 and its kid, verified against the JWKS; the legacy secret still verifies HS256', async () => {
    const key = signingKeyFor(secret);
    const trusted = { jwtSecret: secret, jwks: [key.publicJwk] };
    const token = await signEs256({ sub: 'u1', role: 'authenticated', exp: now() + 60 }, key);
    expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString())).toEqual({ alg: 'ES256', kid: key.kid, typ: 'JWT' });
    expect(await verifyJwt(token, trusted)).toMatchObject({ ok: true, claims: { sub: 'u1' } });
    expect(await verifyJwt(LOCAL_ANON_KEY, trusted)).toMatchObject({ ok: true, claims: { role: 'anon' } });
    // Only the legacy secret trusted: an ES256 token is an unsupported algorithm.
    expect(await verifyJwt(token, secret)).toMatchObject({ ok: false, failure: { kind: 'algorithm' } });
  });

  it('refuses a token signed by another ES256 key, or naming an unknown kid', async () => {
    const key = signingKeyFor(secret);
    const other = signingKeyFor('another-secret-with-at-least-32-characters!!');
    const trusted = { jwtSecret: secret, jwks: [key.publicJwk] };
    const forged = await signEs256({ sub: 'u1', exp: now() + 60 }, { ...other, kid: key.kid });
    expect(await verifyJwt(forged, trusted)).toMatchObject({ ok: false, failure: { kind: 'signature' } });
    const unknown = await signEs256({ sub: 'u1', exp: now() + 60 }, other);
    const result = await verifyJwt(unknown, trusted);
    expect(result).toMatchObject({ ok: false, failure: { kind: 'no-key', kid: other.kid } });
    if (!result.ok)
      expect(postgrestJwtError(result.failure)).toMatchObject({ code: 'PGRST301', message: 'No suitable key or wrong key type' });
  });
});

describe('verifyJwt', () => {
  it('accepts a token it signed', async () => {
    const token = await signJwt({ sub: 'u1', role: 'authenticated', exp: now() + 60 }, secret);
    expect(await verifyJwt(token, secret)).toMatchObject({ ok: true, claims: { sub: 'u1', role: 'authenticated' } });
  });

  it('tells an expired token (PGRST303 "JWT expired") from a forged one (PGRST301)', async () => {
    const expired = await signJwt({ role: 'authenticated', exp: now() - 120 }, secret);
    const forged = await signJwt({ role: 'service_role', exp: now() + 60 }, 'not-the-secret-but-32-characters-long!!');
    expect(postgrestJwtError(await failure(expired))).toEqual({
      status: 401,
      code: 'PGRST303',
      message: 'JWT expired',
      details: null,
      hint: null,
    });
    expect(postgrestJwtError(await failure(forged))).toMatchObject({
      status: 401,
      code: 'PGRST301',
      message: 'JWT cryptographic operation failed',
    });
  });

  it('allows PostgREST its 30 seconds of clock skew, GoTrue none', async () => {
    const justExpired = await signJwt({ role: 'authenticated', exp: now() - 5 }, secret);
    expect((await verifyJwt(justExpired, secret, 30)).ok).toBe(true);
    expect(await failure(justExpired)).toMatchObject({ kind: 'expired' });
  });

  it('words malformed tokens as PostgREST does', async () => {
    expect(postgrestJwtError(await failure(''))).toMatchObject({ code: 'PGRST301', message: 'Empty JWT is sent in Authorization header' });
    expect(postgrestJwtError(await failure('a.b'))).toMatchObject({ code: 'PGRST301', message: 'Expected 3 parts in JWT; got 2' });
    expect(postgrestJwtError(await failure('abc.def.ghi'))).toMatchObject({ code: 'PGRST301' });
  });

  it('refuses other algorithms', async () => {
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"role":"service_role"}').toString('base64url')}.`;
    expect(postgrestJwtError(await failure(none)).code).toBe('PGRST301');
    const hs512 = await new SignJWT({ role: 'anon' }).setProtectedHeader({ alg: 'HS512' }).sign(new TextEncoder().encode(secret));
    expect(postgrestJwtError(await failure(hs512))).toMatchObject({ message: 'Wrong or unsupported encoding algorithm' });
  });

  it("gives GoTrue's bad_jwt wording", async () => {
    const expired = await signJwt({ sub: 'u1', exp: now() - 10 }, secret);
    expect(gotrueJwtMessage(await failure(expired))).toBe(
      'invalid JWT: unable to parse or verify signature, token has invalid claims: token is expired',
    );
    expect(gotrueJwtMessage(await failure('garbage'))).toBe(
      'invalid JWT: unable to parse or verify signature, token is malformed: token contains an invalid number of segments',
    );
  });
});
