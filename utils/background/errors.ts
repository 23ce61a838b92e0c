/**
 * Turns whatever went wrong talking to the backend — a thrown fetch error, a GoTrue
 * (auth) error, a PostgREST error object with its HTTP status — into a UserError a
 * reading-group member can act on.
 *
 * Deliberately free of supabase-js imports (errors are recognised by name, code and
 * status), so a page could use it without bundling the client.
 */
import type { Reply, UserError } from '@/utils/shared/protocol';

export const NETWORK_MESSAGE = "Can't reach the Readclub server. Check your connection and try again — nothing was lost.";
export const SIGNED_OUT_MESSAGE = 'Your session has ended. Sign in again to continue.';
export const BAD_CODE_MESSAGE = 'That code is wrong or has expired. Check the latest email, or send a new code.';
export const RATE_LIMIT_MESSAGE = 'Too many attempts in a short time. Wait a minute, then try again.';
export const SERVER_MESSAGE = 'Something went wrong on the Readclub server. Try again in a moment.';

/** GoTrue error codes that mean "there is no usable session any more". */
const SIGNED_OUT_AUTH_CODES = new Set([
  'refresh_token_not_found',
  'refresh_token_already_used',
  'session_not_found',
  'session_expired',
  'bad_jwt',
  'no_authorization',
  'user_not_found',
]);
const SIGNED_OUT_AUTH_NAMES = new Set(['AuthSessionMissingError', 'AuthInvalidJwtError', 'AuthRefreshDiscardedError']);
/** GoTrue error codes for a wrong, used or expired one-time code. */
const BAD_CODE_AUTH_CODES = new Set(['otp_expired', 'otp_disabled']);
/** GoTrue codes for input the server refused; its message says why. */
const INVALID_AUTH_CODES = new Set(['validation_failed', 'email_address_invalid', 'email_address_not_authorized', 'signup_disabled']);
const RATE_LIMIT_AUTH_CODES = new Set(['over_email_send_rate_limit', 'over_request_rate_limit', 'over_sms_send_rate_limit']);

/** PostgREST's own codes for a missing, invalid or expired JWT. */
const SIGNED_OUT_PGRST_CODES = new Set(['PGRST301', 'PGRST302', 'PGRST303']);

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  status?: unknown;
  __isAuthError?: unknown;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function isNetworkFailure(name: string, message: string): boolean {
  if (name === 'AuthRetryableFetchError') return true;
  // fetch() itself: Chrome "Failed to fetch", Firefox "NetworkError when attempting to fetch
  // resource.", Safari "Load failed", undici "fetch failed". PostgREST-js reports these as
  // "TypeError: Failed to fetch" with status 0.
  return /failed to fetch|networkerror|network error|load failed|fetch failed|network request failed|ECONNREFUSED|ENOTFOUND/i.test(
    `${name} ${message}`,
  );
}

/** A readable database message, or the generic one when it is empty. */
function ownMessage(message: string): string {
  return message.trim() || SERVER_MESSAGE;
}

/**
 * `error` is anything thrown or returned as `error` by supabase-js; `status` is the HTTP
 * status from a PostgREST response when there is one (0 when the request never arrived).
 */
export function toUserError(error: unknown, status?: number): UserError {
  // Already one of ours (e.g. thrown by a helper).
  if (isUserError(error)) return error;

  const e: ErrorLike = typeof error === 'object' && error !== null ? (error as ErrorLike) : { message: String(error) };
  const name = str(e.name);
  const message = str(e.message);
  const code = str(e.code);
  const httpStatus = typeof e.status === 'number' ? e.status : status;
  const isAuth = e.__isAuthError === true || name.startsWith('Auth');

  // 1. Never reached the server.
  if (!/^(P|PGRST|[0-9])/.test(code) && isNetworkFailure(name, message)) return { kind: 'network', message: NETWORK_MESSAGE };
  if (httpStatus === 0) return { kind: 'network', message: NETWORK_MESSAGE };

  // 2. No usable session.
  if (SIGNED_OUT_AUTH_NAMES.has(name) || SIGNED_OUT_AUTH_CODES.has(code) || SIGNED_OUT_PGRST_CODES.has(code)) {
    return { kind: 'signed-out', message: SIGNED_OUT_MESSAGE };
  }
  if (/jwt expired|invalid refresh token|refresh token not found|auth session missing/i.test(message)) {
    return { kind: 'signed-out', message: SIGNED_OUT_MESSAGE };
  }
  if (httpStatus === 401) return { kind: 'signed-out', message: SIGNED_OUT_MESSAGE };

  // 3. Auth: wrong code, refused input, rate limits.
  if (isAuth) {
    if (BAD_CODE_AUTH_CODES.has(code) || (httpStatus === 403 && !code)) return { kind: 'invalid', message: BAD_CODE_MESSAGE };
    if (RATE_LIMIT_AUTH_CODES.has(code) || httpStatus === 429) return { kind: 'server', message: RATE_LIMIT_MESSAGE };
    if (INVALID_AUTH_CODES.has(code)) return { kind: 'invalid', message: ownMessage(message) };
    if (name === 'AuthApiError' && (httpStatus === 400 || httpStatus === 422) && message) {
      return { kind: 'invalid', message };
    }
    return { kind: 'server', message: SERVER_MESSAGE };
  }

  // 4. The database refused the input: its message was written for people. PT429: too many
  // wrong invite codes (HTTP 429), with how long to wait.
  if (code === 'P0001' || code === 'PT429' || code === '42501' || /^2[23][0-9A-Z]{3}$/.test(code)) {
    return { kind: 'invalid', message: ownMessage(message) };
  }

  if (httpStatus === 429) return { kind: 'server', message: RATE_LIMIT_MESSAGE };
  return { kind: 'server', message: SERVER_MESSAGE };
}

export function isUserError(value: unknown): value is UserError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { kind?: unknown; message?: unknown };
  return (
    typeof v.message === 'string' &&
    (v.kind === 'network' || v.kind === 'signed-out' || v.kind === 'invalid' || v.kind === 'unclippable' || v.kind === 'server') &&
    !(value instanceof Error)
  );
}

/** A failed Reply for anything that went wrong. */
export function errorReply<T = never>(error: unknown, status?: number): Reply<T> {
  return { ok: false, error: toUserError(error, status) };
}

export function signedOutReply<T = never>(): Reply<T> {
  return { ok: false, error: { kind: 'signed-out', message: SIGNED_OUT_MESSAGE } };
}
