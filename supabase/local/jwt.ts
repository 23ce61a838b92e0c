/**
 * Tokens: signing GoTrue-style access tokens (ES256 with the project's signing key, or
 * HS256 with the legacy secret), and verifying bearer tokens against the keys a project
 * trusts, with the error codes and messages PostgREST (src/PostgREST/Error.hs) and
 * GoTrue actually return.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { decodeProtectedHeader, errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type { PublicJwk, SigningKey } from './keys';

export type Claims = JWTPayload & { role?: string; [key: string]: unknown };

const keyOf = (secret: string) => new TextEncoder().encode(secret);

/** HS256 with the legacy JWT secret (the anon/service_role keys, forged tokens in tests). */
export async function signJwt(claims: Claims, secret: string): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(keyOf(secret));
}

/** ES256 with the project's signing key, `kid` in the header, as Supabase Auth signs access tokens. */
export async function signEs256(claims: Claims, key: SigningKey): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'JWT' }).sign(key.privateKey);
}

/** What a project trusts: the legacy HS256 secret and the public keys of its JWKS. */
export interface TrustedKeys {
  jwtSecret: string;
  jwks: PublicJwk[];
}

const publicKeys = new WeakMap<PublicJwk, KeyObject>();
const publicKeyOf = (jwk: PublicJwk): KeyObject => {
  let key = publicKeys.get(jwk);
  if (!key) publicKeys.set(jwk, (key = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, format: 'jwk' })));
  return key;
};

type Failure =
  | { kind: 'empty' }
  | { kind: 'parts'; parts: number }
  | { kind: 'algorithm' }
  | { kind: 'signature' }
  | { kind: 'no-key'; kid: string | undefined }
  | { kind: 'expired'; by: number }
  | { kind: 'not-yet-valid' }
  | { kind: 'claims' };

export type Verified = { ok: true; claims: Claims } | { ok: false; failure: Failure };

/**
 * Signature and time claims; clockTolerance in seconds (PostgREST allows 30). `trusted`:
 * the legacy secret alone (HS256 only) or the project's keys (HS256 with the secret,
 * ES256 with the JWKS key its `kid` names).
 */
export async function verifyJwt(token: string, trusted: string | TrustedKeys, clockTolerance = 0): Promise<Verified> {
  if (token === '') return { ok: false, failure: { kind: 'empty' } };
  const parts = token.split('.').length;
  if (parts !== 3) return { ok: false, failure: { kind: 'parts', parts } };
  const keys: TrustedKeys = typeof trusted === 'string' ? { jwtSecret: trusted, jwks: [] } : trusted;
  let alg: unknown;
  let kid: string | undefined;
  try {
    const header = decodeProtectedHeader(token);
    alg = header.alg;
    kid = typeof header.kid === 'string' ? header.kid : undefined;
  } catch {
    return { ok: false, failure: { kind: 'signature' } };
  }
  let key: Uint8Array | KeyObject;
  if (alg === 'HS256') key = keyOf(keys.jwtSecret);
  else if (alg === 'ES256' && keys.jwks.length > 0) {
    const jwk =
      kid === undefined ? (keys.jwks.length === 1 ? keys.jwks[0] : undefined) : keys.jwks.find((candidate) => candidate.kid === kid);
    if (!jwk) return { ok: false, failure: { kind: 'no-key', kid } };
    key = publicKeyOf(jwk);
  } else return { ok: false, failure: { kind: 'algorithm' } };
  try {
    const { payload } = await jwtVerify(token, key, { algorithms: [alg], clockTolerance });
    return { ok: true, claims: payload as Claims };
  } catch (error) {
    if (error instanceof errors.JWTExpired) {
      const exp = typeof error.payload.exp === 'number' ? error.payload.exp : 0;
      return { ok: false, failure: { kind: 'expired', by: Math.max(0, Math.floor(Date.now() / 1000) - exp) } };
    }
    if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
      return { ok: false, failure: { kind: 'algorithm' } };
    }
    if (error instanceof errors.JWSSignatureVerificationFailed) return { ok: false, failure: { kind: 'signature' } };
    if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'nbf') {
      return { ok: false, failure: { kind: 'not-yet-valid' } };
    }
    if (error instanceof errors.JWTClaimValidationFailed || error instanceof errors.JWTInvalid) {
      return { ok: false, failure: { kind: 'claims' } };
    }
    // Undecodable header or payload (bad base64 or JSON).
    return { ok: false, failure: { kind: 'signature' } };
  }
}

export interface PostgrestJwtError {
  status: 401;
  code: 'PGRST301' | 'PGRST303';
  message: string;
  details: null;
  hint: null;
}

/** The PGRST3xx error PostgREST answers for a token it rejects. */
export function postgrestJwtError(failure: Failure): PostgrestJwtError {
  const decode = (message: string): PostgrestJwtError => ({ status: 401, code: 'PGRST301', message, details: null, hint: null });
  const claims = (message: string): PostgrestJwtError => ({ status: 401, code: 'PGRST303', message, details: null, hint: null });
  switch (failure.kind) {
    case 'empty':
      return decode('Empty JWT is sent in Authorization header');
    case 'parts':
      return decode(`Expected 3 parts in JWT; got ${failure.parts}`);
    case 'algorithm':
      return decode('Wrong or unsupported encoding algorithm');
    case 'signature':
      return decode('JWT cryptographic operation failed');
    case 'no-key':
      return decode('No suitable key or wrong key type');
    case 'expired':
      return claims('JWT expired');
    case 'not-yet-valid':
      return claims('JWT not yet valid');
    case 'claims':
      return claims('Parsing claims failed');
  }
}

/** GoTrue's 403 bad_jwt message ("invalid JWT: unable to parse or verify signature, …"). */
export function gotrueJwtMessage(failure: Failure): string {
  const reason = (() => {
    switch (failure.kind) {
      case 'empty':
      case 'parts':
        return 'token is malformed: token contains an invalid number of segments';
      case 'algorithm':
        return 'token is unverifiable: error while executing keyfunc: signing method is invalid';
      case 'signature':
        return 'token signature is invalid: signature is invalid';
      case 'no-key':
        return `token is unverifiable: error while executing keyfunc: invalid kid: ${failure.kid ?? ''}`;
      case 'expired':
        return 'token has invalid claims: token is expired';
      case 'not-yet-valid':
        return 'token has invalid claims: token is not valid yet';
      case 'claims':
        return 'token has invalid claims';
    }
  })();
  return `invalid JWT: unable to parse or verify signature, ${reason}`;
}
