/**
 * The stand-in's keys, as a Supabase project created today has them:
 *  - API keys: a publishable key (sb_publishable_…, for the extension) and a secret key
 *    (sb_secret_…, for servers), plus the legacy anon and service_role JWTs, which hosted
 *    projects still accept while they are enabled. The sb_ values are the ones
 *    `supabase start` (CLI 2.117) uses; the JWTs are its well-known demo keys.
 *  - A JWT signing key: ES256 (P-256) with a `kid`, whose public half is served as the
 *    project's JWKS at /auth/v1/.well-known/jwks.json. Users' access tokens are signed
 *    with it. The legacy HS256 secret stays trusted for verification (it signs the anon
 *    and service_role JWTs), as on a project whose legacy secret is "previously used".
 *
 * The signing key is derived from the JWT secret, not generated: the same secret gives
 * the same key on every start, whether the database lives in .local-backend, in memory
 * or in a real Postgres, so a session kept by the extension across `npm run dev`
 * restarts stays valid, and nothing secret needs storing. Safe to commit: these keys
 * only open a stand-in listening on 127.0.0.1.
 */
import { createECDH, createHmac, createPrivateKey, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';

export const DEFAULT_JWT_SECRET = 'super-secret-jwt-token-with-at-least-32-characters-long';

/** {"iss":"supabase-demo","role":"anon","exp":1983812996} */
export const LOCAL_ANON_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0';

/** {"iss":"supabase-demo","role":"service_role","exp":1983812996} */
export const LOCAL_SERVICE_ROLE_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU';

/** `supabase start`'s local publishable key (maps to the anon role). */
export const LOCAL_PUBLISHABLE_KEY = 'sb_publishable_ACJWlzQHlZjBrEguHvfOxg_3BJgxAaH';

/** `supabase start`'s local secret key (maps to the service_role role). */
export const LOCAL_SECRET_KEY = 'sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz';

export const LOCAL_URL = 'http://127.0.0.1:54321';

const DEMO_EXP = 1983812996;

/** A public JWK as Supabase's JWKS lists it. */
export interface PublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  kid: string;
  alg: 'ES256';
  use: 'sig';
  key_ops: ['verify'];
  ext: true;
}

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicJwk: PublicJwk;
}

export interface ApiKeys {
  jwtSecret: string;
  anonKey: string;
  serviceRoleKey: string;
  publishableKey: string;
  secretKey: string;
  signingKey: SigningKey;
}

/** P-256's group order: a private scalar must be in [1, n-1]. */
const P256_ORDER = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');

/** The ES256 key for a JWT secret: scalar and kid from HMAC-SHA256 of the secret. */
export function signingKeyFor(jwtSecret: string): SigningKey {
  let scalar: Buffer;
  for (let round = 0; ; round++) {
    scalar = createHmac('sha256', jwtSecret).update(`local stand-in ES256 signing key ${round}`).digest();
    const value = BigInt(`0x${scalar.toString('hex')}`);
    if (value > 0n && value < P256_ORDER) break;
  }
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(scalar);
  const point = ecdh.getPublicKey(); // 0x04 || x || y
  const x = point.subarray(1, 33).toString('base64url');
  const y = point.subarray(33, 65).toString('base64url');
  const id = createHmac('sha256', jwtSecret).update('local stand-in ES256 kid').digest('hex');
  const kid = `${id.slice(0, 8)}-${id.slice(8, 12)}-4${id.slice(13, 16)}-a${id.slice(17, 20)}-${id.slice(20, 32)}`;
  const privateKey = createPrivateKey({ key: { kty: 'EC', crv: 'P-256', x, y, d: scalar.toString('base64url') }, format: 'jwk' });
  return { kid, privateKey, publicJwk: { kty: 'EC', crv: 'P-256', x, y, kid, alg: 'ES256', use: 'sig', key_ops: ['verify'], ext: true } };
}

/** The demo keys for the default secret; the same claims signed with any other secret. */
export async function apiKeysFor(jwtSecret: string = DEFAULT_JWT_SECRET): Promise<ApiKeys> {
  const common = { jwtSecret, publishableKey: LOCAL_PUBLISHABLE_KEY, secretKey: LOCAL_SECRET_KEY, signingKey: signingKeyFor(jwtSecret) };
  if (jwtSecret === DEFAULT_JWT_SECRET) {
    return { ...common, anonKey: LOCAL_ANON_KEY, serviceRoleKey: LOCAL_SERVICE_ROLE_KEY };
  }
  const key = new TextEncoder().encode(jwtSecret);
  const sign = (role: string) =>
    new SignJWT({ iss: 'supabase-demo', role, exp: DEMO_EXP }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(key);
  return { ...common, anonKey: await sign('anon'), serviceRoleKey: await sign('service_role') };
}
