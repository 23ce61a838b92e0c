/**
 * GoTrue's state for email-code sign-in, kept in the stand-in's own `local_backend`
 * schema: users (auth.users), one pending code per email, sessions, refresh tokens.
 */
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { Queryable } from './db';
import { signEs256 } from './jwt';
import type { SigningKey } from './keys';

export interface UserRow {
  id: string;
  aud: string | null;
  role: string | null;
  email: string;
  email_confirmed_at: Date | null;
  last_sign_in_at: Date | null;
  raw_app_meta_data: Record<string, unknown> | null;
  raw_user_meta_data: Record<string, unknown> | null;
  is_anonymous: boolean;
  created_at: Date | null;
  updated_at: Date | null;
}

export interface AuthSettings {
  /** The legacy HS256 secret: still trusted when verifying. */
  jwtSecret: string;
  /** The ES256 key access tokens are signed with. */
  signingKey: SigningKey;
  /** The `iss` of access tokens: <url>/auth/v1. */
  issuer: string;
  accessTokenTtl: number;
  otpExpirySeconds: number;
}

const USER_COLUMNS = `id, aud, role, email, email_confirmed_at, last_sign_in_at, raw_app_meta_data, raw_user_meta_data,
  is_anonymous, created_at, updated_at`;

export async function findUserByEmail(db: Queryable, email: string): Promise<UserRow | undefined> {
  const [user] = await db.query<UserRow>(`select ${USER_COLUMNS} from auth.users where lower(email) = $1 and deleted_at is null`, [email]);
  return user;
}

export async function findUserById(db: Queryable, id: string): Promise<UserRow | undefined> {
  const [user] = await db.query<UserRow>(`select ${USER_COLUMNS} from auth.users where id = $1 and deleted_at is null`, [id]);
  return user;
}

/** As GoTrue signs up an email user (the project's trigger on auth.users then runs). */
export async function createUser(db: Queryable, email: string, metadata: Record<string, unknown>): Promise<UserRow> {
  const [user] = await db.query<UserRow>(
    `insert into auth.users (instance_id, id, aud, role, email, raw_app_meta_data, raw_user_meta_data, is_anonymous, created_at, updated_at)
     values ('00000000-0000-0000-0000-000000000000', $1, 'authenticated', 'authenticated', $2,
             '{"provider":"email","providers":["email"]}'::jsonb, $3::jsonb, false, now(), now())
     returning ${USER_COLUMNS}`,
    [randomUUID(), email, JSON.stringify(metadata)],
  );
  return user!;
}

/** GoTrue's user JSON (the fields supabase-js reads). */
export function userJson(user: UserRow): Record<string, unknown> {
  return {
    id: user.id,
    aud: user.aud ?? 'authenticated',
    role: user.role ?? 'authenticated',
    email: user.email,
    email_confirmed_at: user.email_confirmed_at,
    phone: '',
    confirmed_at: user.email_confirmed_at,
    last_sign_in_at: user.last_sign_in_at,
    app_metadata: user.raw_app_meta_data ?? {},
    user_metadata: user.raw_user_meta_data ?? {},
    identities: [],
    created_at: user.created_at,
    updated_at: user.updated_at,
    is_anonymous: user.is_anonymous,
  };
}

/** A new 6-digit code for email, replacing any earlier one (only the latest works). */
export async function issueCode(db: Queryable, email: string, userId: string, expirySeconds: number): Promise<string> {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await db.query(
    `insert into local_backend.otp_codes (email, user_id, code, expires_at, created_at) values ($1, $2, $3, $4::timestamptz, now())
     on conflict (email) do update set user_id = excluded.user_id, code = excluded.code, expires_at = excluded.expires_at, created_at = now()`,
    [email, userId, code, new Date(Date.now() + expirySeconds * 1000).toISOString()],
  );
  return code;
}

/** The latest code sent to email, for the local mail-catcher route. */
export async function latestCode(db: Queryable, email: string): Promise<string | undefined> {
  const [row] = await db.query<{ code: string }>('select code from local_backend.otp_codes where email = $1', [email]);
  return row?.code;
}

/**
 * Uses up the code when it matches and has not expired; returns the user id. A code sent
 * before the account was deleted dies with it (GoTrue's one-time tokens cascade).
 */
export async function consumeCode(db: Queryable, email: string, code: string): Promise<string | undefined> {
  const [row] = await db.query<{ user_id: string; code: string; expires_at: Date }>(
    `select o.user_id, o.code, o.expires_at from local_backend.otp_codes o
       join auth.users u on u.id = o.user_id and u.deleted_at is null
      where o.email = $1 for update of o`,
    [email],
  );
  if (!row || row.code !== code || new Date(row.expires_at).getTime() < Date.now()) return undefined;
  await db.query('delete from local_backend.otp_codes where email = $1', [email]);
  return row.user_id;
}

export interface SessionJson {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  expires_at: number;
  refresh_token: string;
  user: Record<string, unknown>;
}

const newRefreshToken = () => randomBytes(16).toString('base64url');

async function sessionResponse(settings: AuthSettings, user: UserRow, sessionId: string, refreshToken: string): Promise<SessionJson> {
  const iat = Math.floor(Date.now() / 1000);
  const exp = iat + settings.accessTokenTtl;
  const accessToken = await signEs256(
    {
      aud: 'authenticated',
      exp,
      iat,
      iss: settings.issuer,
      sub: user.id,
      email: user.email,
      phone: '',
      app_metadata: user.raw_app_meta_data ?? {},
      user_metadata: user.raw_user_meta_data ?? {},
      role: 'authenticated',
      aal: 'aal1',
      amr: [{ method: 'otp', timestamp: iat }],
      session_id: sessionId,
      is_anonymous: user.is_anonymous,
    },
    settings.signingKey,
  );
  return {
    access_token: accessToken,
    token_type: 'bearer',
    expires_in: settings.accessTokenTtl,
    expires_at: exp,
    refresh_token: refreshToken,
    user: userJson(user),
  };
}

/** Sign-in: a new session and its first refresh token. */
export async function startSession(db: Queryable, settings: AuthSettings, userId: string): Promise<SessionJson> {
  const [user] = await db.query<UserRow>(
    `update auth.users set email_confirmed_at = coalesce(email_confirmed_at, now()), last_sign_in_at = now(), updated_at = now()
      where id = $1 returning ${USER_COLUMNS}`,
    [userId],
  );
  const sessionId = randomUUID();
  const token = newRefreshToken();
  await db.query('insert into local_backend.sessions (id, user_id) values ($1, $2)', [sessionId, userId]);
  await db.query('insert into local_backend.refresh_tokens (token, session_id) values ($1, $2)', [token, sessionId]);
  return sessionResponse(settings, user!, sessionId, token);
}

/** GoTrue's reuse interval: a just-rotated token still answers with its successor. */
const REUSE_INTERVAL_MS = 10_000;

export type RefreshOutcome =
  { ok: true; session: SessionJson } | { ok: false; errorCode: 'refresh_token_not_found' | 'refresh_token_already_used' };

/** Rotates a refresh token: the old one is revoked, a child is issued in the same session. */
export async function refreshSession(db: Queryable, settings: AuthSettings, token: string): Promise<RefreshOutcome> {
  const [row] = await db.query<{ session_id: string; user_id: string; revoked: boolean; updated_at: Date }>(
    `select t.session_id, s.user_id, t.revoked, t.updated_at from local_backend.refresh_tokens t
       join local_backend.sessions s on s.id = t.session_id where t.token = $1 for update`,
    [token],
  );
  if (!row) return { ok: false, errorCode: 'refresh_token_not_found' };
  const user = await findUserById(db, row.user_id);
  if (!user) return { ok: false, errorCode: 'refresh_token_not_found' };
  if (row.revoked) {
    const [active] = await db.query<{ token: string }>(
      'select token from local_backend.refresh_tokens where session_id = $1 and not revoked order by created_at desc limit 1',
      [row.session_id],
    );
    if (active && Date.now() - new Date(row.updated_at).getTime() < REUSE_INTERVAL_MS) {
      return { ok: true, session: await sessionResponse(settings, user, row.session_id, active.token) };
    }
    // Reuse outside the interval: GoTrue treats the whole session as compromised.
    await db.query('delete from local_backend.sessions where id = $1', [row.session_id]);
    return { ok: false, errorCode: 'refresh_token_already_used' };
  }
  const next = newRefreshToken();
  await db.query('update local_backend.refresh_tokens set revoked = true, updated_at = now() where token = $1', [token]);
  await db.query('insert into local_backend.refresh_tokens (token, session_id, parent) values ($1, $2, $3)', [next, row.session_id, token]);
  await db.query('update local_backend.sessions set refreshed_at = now() where id = $1', [row.session_id]);
  return { ok: true, session: await sessionResponse(settings, user, row.session_id, next) };
}

export async function sessionExists(db: Queryable, sessionId: string): Promise<boolean> {
  const rows = await db.query('select 1 from local_backend.sessions where id = $1', [sessionId]);
  return rows.length > 0;
}

/** Logout: local ends this session, global every session of the user, others all but this one. */
export async function endSessions(db: Queryable, userId: string, sessionId: string, scope: 'global' | 'local' | 'others'): Promise<void> {
  if (scope === 'local') await db.query('delete from local_backend.sessions where id = $1', [sessionId]);
  else if (scope === 'others') await db.query('delete from local_backend.sessions where user_id = $1 and id <> $2', [userId, sessionId]);
  else await db.query('delete from local_backend.sessions where user_id = $1', [userId]);
}
