// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { noRpcError, pgErrorStatus, postgrestErrorFromPg } from './postgrest-errors';

describe('pgErrorStatus (PostgREST mapSQLtoHTTP)', () => {
  it.each([
    ['P0001', 400],
    ['P0002', 500],
    ['23505', 409],
    ['23503', 409],
    ['23502', 400],
    ['23514', 400],
    ['22P02', 400],
    ['22023', 400],
    ['42883', 404],
    ['42P01', 404],
    ['42P17', 500],
    ['25006', 405],
    ['25001', 500],
    ['08006', 503],
    ['28000', 403],
    ['40001', 500],
    ['53400', 500],
    ['53100', 503],
    ['57P01', 503],
    ['57014', 500],
    ['XX000', 500],
    ['PT402', 402],
    ['PT404', 404],
    ['PTxyz', 500],
    ['42703', 400],
  ])('%s → %i', (code, status) => {
    expect(pgErrorStatus(code, 'some message', true)).toBe(status);
  });

  it('answers insufficient_privilege with 403 when authenticated, 401 when anonymous', () => {
    expect(pgErrorStatus('42501', 'permission denied for function f', true)).toBe(403);
    expect(pgErrorStatus('42501', 'permission denied for function f', false)).toBe(401);
  });

  it('special-cases a missing role and pg-safeupdate', () => {
    expect(pgErrorStatus('22023', 'role "nobody" does not exist', true)).toBe(401);
    expect(pgErrorStatus('21000', 'DELETE requires a WHERE clause', true)).toBe(400);
    expect(pgErrorStatus('21000', 'more than one row returned by a subquery used as an expression', true)).toBe(500);
  });
});

describe('postgrestErrorFromPg', () => {
  it('carries detail and hint, null when absent', () => {
    const error = postgrestErrorFromPg({ code: 'P0001', message: 'Not a member', detail: 'group 1', hint: 'Ask for an invite' }, true);
    expect(error).toEqual({
      status: 400,
      body: { code: 'P0001', message: 'Not a member', details: 'group 1', hint: 'Ask for an invite' },
      headers: {},
    });
    expect(postgrestErrorFromPg({ code: '23505', message: 'duplicate key' }, true).body).toEqual({
      code: '23505',
      message: 'duplicate key',
      details: null,
      hint: null,
    });
  });

  it('asks for a bearer token on 401', () => {
    expect(postgrestErrorFromPg({ code: '42501', message: 'permission denied' }, false).headers).toEqual({ 'WWW-Authenticate': 'Bearer' });
  });

  it("lets RAISE SQLSTATE 'PGRST' take over the response", () => {
    const error = postgrestErrorFromPg(
      {
        code: 'PGRST',
        message: '{"code":"123","message":"Payment Required"}',
        detail: '{"status":402,"headers":{"X-Powered-By":"Nerd Rage"}}',
      },
      true,
    );
    expect(error).toEqual({
      status: 402,
      body: { code: '123', message: 'Payment Required', details: null, hint: null },
      headers: { 'X-Powered-By': 'Nerd Rage' },
    });
    expect(postgrestErrorFromPg({ code: 'PGRST', message: 'not json' }, true)).toMatchObject({ status: 500, body: { code: 'PGRST121' } });
  });
});

describe('noRpcError (PGRST202)', () => {
  it('names the function and the sorted parameters', () => {
    const error = noRpcError({ fn: 'join_group', argumentKeys: ['p_code', 'extra'], jsonBody: true, overloads: [['p_code']] });
    expect(error.status).toBe(404);
    expect(error.body).toEqual({
      code: 'PGRST202',
      message: 'Could not find the function public.join_group(extra, p_code) in the schema cache',
      details:
        'Searched for the function public.join_group with parameters extra, p_code or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.',
      hint: 'Perhaps you meant to call the function public.join_group(p_code)',
    });
  });

  it('says "without parameters" for an empty body', () => {
    const error = noRpcError({ fn: 'nope', argumentKeys: [], jsonBody: false, overloads: [] });
    expect(error.body.message).toBe('Could not find the function public.nope without parameters in the schema cache');
    expect(error.body.details).toBe(
      'Searched for the function public.nope without parameters, but no matches were found in the schema cache.',
    );
    expect(error.body.hint).toBeNull();
  });
});
