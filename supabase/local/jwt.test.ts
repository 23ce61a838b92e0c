// @vitest-environment node
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { gotrueJwtMessage, postgrestJwtError, signJwt, verifyJwt } from './jwt';
import { apiKeysFor, DEFAULT_JWT_SECRET, LOCAL_ANON_KEY, LOCAL_SERVICE_ROLE_KEY } from './keys';

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
    expect(await apiKeysFor()).toEqual({ jwtSecret: secret, anonKey: LOCAL_ANON_KEY, serviceRoleKey: LOCAL_SERVICE_ROLE_KEY });
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
    expect(postgrestJwtError(await failure(expired))).toEqual({ status: 401, code: 'PGRST303', message: 'JWT expired', details: null, hint: null });
    expect(postgrestJwtError(await failure(forged))).toMatchObject({ status: 401, code: 'PGRST301', message: 'JWT cryptographic operation failed' });
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

  it('gives GoTrue\'s bad_jwt wording', async () => {
    const expired = await signJwt({ sub: 'u1', exp: now() - 10 }, secret);
    expect(gotrueJwtMessage(await failure(expired))).toBe('invalid JWT: unable to parse or verify signature, token has invalid claims: token is expired');
    expect(gotrueJwtMessage(await failure('garbage'))).toBe(
      'invalid JWT: unable to parse or verify signature, token is malformed: token contains an invalid number of segments',
    );
  });
});
