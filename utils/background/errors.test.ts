import { describe, expect, it } from 'vitest';
import { AuthApiError, AuthRetryableFetchError, AuthSessionMissingError, AuthUnknownError } from '@supabase/supabase-js';
import {
  BAD_CODE_MESSAGE,
  NETWORK_MESSAGE,
  RATE_LIMIT_MESSAGE,
  SERVER_MESSAGE,
  SIGNED_OUT_MESSAGE,
  errorReply,
  toUserError,
} from './errors';

const pg = (code: string, message: string) => ({ code, message, details: '', hint: '' });

describe('toUserError', () => {
  const cases: Array<[string, unknown, number | undefined, string, string]> = [
    // [label, error, status, kind, message]
    ['fetch TypeError', new TypeError('Failed to fetch'), undefined, 'network', NETWORK_MESSAGE],
    ['Firefox fetch error', new TypeError('NetworkError when attempting to fetch resource.'), undefined, 'network', NETWORK_MESSAGE],
    ['PostgREST fetch failure (status 0)', pg('', 'TypeError: Failed to fetch'), 0, 'network', NETWORK_MESSAGE],
    ['status 0 without message', pg('', ''), 0, 'network', NETWORK_MESSAGE],
    ['AuthRetryableFetchError', new AuthRetryableFetchError('Failed to fetch', 0), undefined, 'network', NETWORK_MESSAGE],
    ['AuthRetryableFetchError 503', new AuthRetryableFetchError('Service Unavailable', 503), undefined, 'network', NETWORK_MESSAGE],
    ['PGRST301 (JWT invalid)', pg('PGRST301', 'JWSError JWSInvalidSignature'), 401, 'signed-out', SIGNED_OUT_MESSAGE],
    ['PGRST303 (JWT expired)', pg('PGRST303', 'JWT expired'), 401, 'signed-out', SIGNED_OUT_MESSAGE],
    ['plain 401', { message: 'Unauthorized' }, 401, 'signed-out', SIGNED_OUT_MESSAGE],
    ['AuthSessionMissingError', new AuthSessionMissingError(), undefined, 'signed-out', SIGNED_OUT_MESSAGE],
    [
      'refresh_token_not_found',
      new AuthApiError('Invalid Refresh Token: Refresh Token Not Found', 400, 'refresh_token_not_found'),
      undefined,
      'signed-out',
      SIGNED_OUT_MESSAGE,
    ],
    ['otp_expired', new AuthApiError('Token has expired or is invalid', 403, 'otp_expired'), undefined, 'invalid', BAD_CODE_MESSAGE],
    [
      '403 from auth without code',
      new AuthApiError('Token has expired or is invalid', 403, undefined),
      undefined,
      'invalid',
      BAD_CODE_MESSAGE,
    ],
    [
      'email rate limit',
      new AuthApiError('email rate limit exceeded', 429, 'over_email_send_rate_limit'),
      undefined,
      'server',
      RATE_LIMIT_MESSAGE,
    ],
    [
      'invalid email',
      new AuthApiError('Unable to validate email address: invalid format', 400, 'validation_failed'),
      undefined,
      'invalid',
      'Unable to validate email address: invalid format',
    ],
    [
      'P0001 raise exception',
      pg('P0001', 'That invite code has expired. Ask for a new one.'),
      400,
      'invalid',
      'That invite code has expired. Ask for a new one.',
    ],
    [
      'PT429 too many wrong invite codes (HTTP 429)',
      pg('PT429', 'Too many wrong codes; try again in 12 minutes.'),
      429,
      'invalid',
      'Too many wrong codes; try again in 12 minutes.',
    ],
    ['22023 invalid parameter', pg('22023', 'A group needs a name.'), 400, 'invalid', 'A group needs a name.'],
    ['23505 unique violation', pg('23505', 'You are already in this group.'), 409, 'invalid', 'You are already in this group.'],
    [
      '42501 insufficient privilege',
      pg('42501', 'Only members of this group can see its queue.'),
      403,
      'invalid',
      'Only members of this group can see its queue.',
    ],
    [
      '42501 as anon (PostgREST answers 401)',
      pg('42501', 'permission denied for function my_groups'),
      401,
      'signed-out',
      SIGNED_OUT_MESSAGE,
    ],
    ['22023 role does not exist (401)', pg('22023', 'role "x" does not exist'), 401, 'signed-out', SIGNED_OUT_MESSAGE],
    ['P0001 with empty message', pg('P0001', ''), 400, 'invalid', SERVER_MESSAGE],
    ['42883 undefined function', pg('42883', 'function public.nope() does not exist'), 404, 'server', SERVER_MESSAGE],
    ['PGRST202 missing RPC', pg('PGRST202', 'Could not find the function'), 404, 'server', SERVER_MESSAGE],
    ['500 from auth', new AuthApiError('Database error saving new user', 500, 'unexpected_failure'), undefined, 'server', SERVER_MESSAGE],
    ['AuthUnknownError', new AuthUnknownError('boom', {}), undefined, 'server', SERVER_MESSAGE],
    ['random Error', new Error('kaboom'), undefined, 'server', SERVER_MESSAGE],
    ['a string', 'weird', undefined, 'server', SERVER_MESSAGE],
    ['undefined', undefined, undefined, 'server', SERVER_MESSAGE],
  ];

  it.each(cases)('%s', (_label, error, status, kind, message) => {
    expect(toUserError(error, status)).toEqual({ kind, message });
  });

  it('passes a UserError through unchanged', () => {
    const err = { kind: 'unclippable' as const, message: 'nope' };
    expect(toUserError(err)).toBe(err);
  });

  it('errorReply wraps the mapping', () => {
    expect(errorReply(new TypeError('Failed to fetch'))).toEqual({
      ok: false,
      error: { kind: 'network', message: NETWORK_MESSAGE },
    });
  });
});
