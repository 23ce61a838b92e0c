/**
 * The Data API's RPC route, measured against what real PostgREST answers. The cases are
 * postgrest-js's own, which run against a real PostgREST and record each answer as an
 * inline snapshot (supabase/postgrest-js test/rpc.test.ts, fixtures in test/db/00-schema.sql):
 * the same fixture functions are made here (as the database superuser, not in a
 * migration), called through supabase-js, and must give the same {data, error, count,
 * status}. The errors the extension relies on follow PostgREST's SQLSTATE → HTTP table
 * (src/PostgREST/Error.hs). What the stand-in does not implement must answer 501, never a
 * different result.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signEs256, signJwt } from '../../supabase/local/jwt';
import { signingKeyFor } from '../../supabase/local/keys';
import { startLocalBackend, type LocalBackend } from '../../supabase/local/index';
import { EXTERNAL } from './helpers';

/** postgrest-js's fixtures, trimmed to what its RPC cases call. The table lives outside the API schemas. */
const FIXTURES = `
  create schema if not exists conformance;
  do $$ begin create type conformance.user_status as enum ('ONLINE', 'OFFLINE'); exception when duplicate_object then null; end $$;
  create table if not exists conformance.users (username text primary key, status conformance.user_status default 'ONLINE');
  insert into conformance.users (username, status) values ('supabot', 'ONLINE'), ('kiwicopple', 'OFFLINE') on conflict do nothing;
  create or replace function public.get_status(name_param text) returns conformance.user_status
    language sql immutable as $f$ select status from conformance.users where username = name_param $f$;
  create or replace function public.get_username_and_status(name_param text) returns table(username text, status conformance.user_status)
    language sql immutable as $f$ select username, status from conformance.users where username = name_param $f$;
  create or replace function public.void_func() returns void language sql as $f$ $f$;
  create or replace function public.function_with_optional_param(param text default '') returns text
    language sql immutable as $f$ select param $f$;
  create or replace function public.function_with_array_param(param uuid[]) returns void language sql immutable as '';
  -- The errors the extension's RPCs raise.
  create table if not exists conformance.unique_names (name text primary key);
  create or replace function public.conformance_raise(p_message text) returns void
    language plpgsql as $f$ begin raise exception '%', p_message using hint = 'a hint', detail = 'a detail'; end $f$;
  create or replace function public.conformance_insert_twice(p_name text) returns void
    language plpgsql security definer set search_path = '' as $f$
    begin insert into conformance.unique_names values (p_name); insert into conformance.unique_names values (p_name); end $f$;
  create or replace function public.conformance_members_only() returns text language sql as $f$ select 'ok' $f$;
  grant usage on schema conformance to anon, authenticated;
  grant select on conformance.users to anon, authenticated;
  grant execute on function public.get_status(text), public.get_username_and_status(text), public.void_func(),
    public.function_with_optional_param(text), public.function_with_array_param(uuid[]), public.conformance_raise(text),
    public.conformance_insert_twice(text) to anon, authenticated;
  revoke execute on function public.conformance_members_only() from public, anon;
  grant execute on function public.conformance_members_only() to authenticated;
`;

let backend: LocalBackend;
let postgrest: SupabaseClient;

function client(key: string): SupabaseClient {
  return createClient(backend.url, key, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: { transport: class {} as never },
  });
}

beforeAll(async () => {
  if (EXTERNAL) return;
  const databaseUrl = process.env.DATABASE_URL || undefined;
  backend = await startLocalBackend({
    port: 0,
    databaseUrl,
    memory: !databaseUrl,
    seed: false,
    log: () => undefined,
    migrationsDir: process.env.MIGRATIONS_DIR || undefined,
  });
  await backend.db.exec(FIXTURES);
  postgrest = client(backend.publishableKey);
});
afterAll(async () => {
  await backend?.stop();
});

describe.skipIf(EXTERNAL)('the RPC route answers as PostgREST does (postgrest-js test/rpc.test.ts)', () => {
  it('RPC call with no params: .select() on a set-returning function', async () => {
    const res = await postgrest.rpc('get_username_and_status', { name_param: 'supabot' }).select();
    expect(res).toMatchObject({
      count: null,
      data: [{ status: 'ONLINE', username: 'supabot' }],
      error: null,
      status: 200,
      statusText: 'OK',
    });
  });

  it('RPC call with star select', async () => {
    const res = await postgrest.rpc('get_username_and_status', { name_param: 'supabot' }).select('*');
    expect(res).toMatchObject({ count: null, data: [{ status: 'ONLINE', username: 'supabot' }], error: null, status: 200 });
  });

  it('RPC call with single field select', async () => {
    const res = await postgrest.rpc('get_username_and_status', { name_param: 'supabot' }).select('username');
    expect(res).toMatchObject({ count: null, data: [{ username: 'supabot' }], error: null, status: 200 });
    expect((res.data as unknown[])[0]).toEqual({ username: 'supabot' });
  });

  it('RPC call with multiple fields select', async () => {
    const res = await postgrest.rpc('get_username_and_status', { name_param: 'supabot' }).select('username, status');
    expect(res).toMatchObject({ count: null, data: [{ status: 'ONLINE', username: 'supabot' }], error: null, status: 200 });
  });

  it.each([
    ['field aliasing', 'name:username'],
    ['field casting', 'status::text'],
    ['field aggregate', 'username.count(), status'],
  ])('RPC call with %s: refused with 501, never a different answer', async (_case, select) => {
    const res = await postgrest.rpc('get_username_and_status', { name_param: 'supabot' }).select(select);
    expect(res.status).toBe(501);
    expect(res.data).toBeNull();
    expect(res.error).toMatchObject({ code: 'PGRST127', message: 'Feature not implemented' });
    expect(res.error!.details).toMatch(/^not implemented by the local stand-in: select=/);
  });

  it('rpc', async () => {
    const res = await postgrest.rpc('get_status', { name_param: 'supabot' });
    expect(res).toMatchObject({ count: null, data: 'ONLINE', error: null, status: 200, statusText: 'OK' });
  });

  it('rpc returns void', async () => {
    const res = await postgrest.rpc('void_func');
    expect(res).toMatchObject({ count: null, data: null, error: null, status: 204, statusText: 'No Content' });
  });

  it("rpc with count: 'exact'", async () => {
    const res = await postgrest.rpc('get_status', { name_param: 'supabot' }, { count: 'exact' });
    expect(res).toMatchObject({ count: 1, data: 'ONLINE', error: null, status: 200 });
  });

  it('rpc with head:true, count:exact', async () => {
    const res = await postgrest.rpc('get_status', { name_param: 'supabot' }, { head: true, count: 'exact' });
    expect(res).toMatchObject({ count: 1, data: null, error: null, status: 200 });
  });

  it('rpc with get:true, count:exact', async () => {
    const res = await postgrest.rpc('get_status', { name_param: 'supabot' }, { get: true, count: 'exact' });
    expect(res).toMatchObject({ count: 1, data: 'ONLINE', error: null, status: 200 });
  });

  it('rpc with get:true, optional param', async () => {
    const res = await postgrest.rpc('function_with_optional_param', { param: undefined }, { get: true });
    expect(res).toMatchObject({ count: null, data: '', error: null, status: 200 });
  });

  it('rpc with get:true, array param', async () => {
    const res = await postgrest.rpc('function_with_array_param', { param: ['00000000-0000-0000-0000-000000000000'] }, { get: true });
    expect(res).toMatchObject({ count: null, data: null, error: null, status: 204 });
  });

  it('a set-returning function counts its rows with count: exact', async () => {
    const res = await postgrest.rpc('get_username_and_status', { name_param: 'supabot' }, { count: 'exact' });
    expect(res).toMatchObject({ count: 1, status: 200 });
  });

  it('rpc with dynamic schema: refused with 501 (only public is served)', async () => {
    const res = await postgrest.schema('personal').rpc('get_status', { name_param: 'kiwicopple' });
    expect(res).toMatchObject({ status: 501, data: null, error: { code: 'PGRST127' } });
  });

  it('an RPC result with filters, order or limit: refused with 501', async () => {
    const filtered = await postgrest.rpc('get_username_and_status', { name_param: 'supabot' }).eq('username', 'nope');
    expect(filtered).toMatchObject({ status: 501, error: { code: 'PGRST127' } });
    const ordered = await postgrest.rpc('get_username_and_status', { name_param: 'supabot' }).order('username').limit(1);
    expect(ordered).toMatchObject({ status: 501, error: { code: 'PGRST127' } });
  });
});

describe.skipIf(EXTERNAL)('the errors the extension relies on, as PostgREST maps them (src/PostgREST/Error.hs)', () => {
  let member: SupabaseClient;
  const raw = (path: string, init: RequestInit & { headers?: Record<string, string> } = {}) =>
    fetch(`${backend.url}/rest/v1/rpc/${path}`, {
      method: 'POST',
      body: '{}',
      ...init,
      headers: { apikey: backend.publishableKey, 'content-type': 'application/json', ...init.headers },
    });

  beforeAll(async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await signEs256(
      { sub: crypto.randomUUID(), role: 'authenticated', aud: 'authenticated', iat: now, exp: now + 600 },
      signingKeyFor(backend.jwtSecret),
    );
    member = createClient(backend.url, backend.publishableKey, {
      accessToken: async () => token,
      realtime: { transport: class {} as never },
    });
  });

  it('an unknown function: 404 PGRST202 with details and hint', async () => {
    const { status, error } = await postgrest.rpc('no_such_function' as never, { p_x: 1 } as never);
    expect(status).toBe(404);
    expect(error).toEqual({
      code: 'PGRST202',
      message: 'Could not find the function public.no_such_function(p_x) in the schema cache',
      details:
        'Searched for the function public.no_such_function with parameter p_x or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.',
      hint: null,
    });
  });

  it('a raised exception (P0001): 400 with message, details and hint', async () => {
    const { status, error } = await postgrest.rpc('conformance_raise' as never, { p_message: 'Not your group' } as never);
    expect(status).toBe(400);
    expect(error).toEqual({ code: 'P0001', message: 'Not your group', details: 'a detail', hint: 'a hint' });
  });

  it('a unique violation (23505): 409 with the key in details', async () => {
    const { status, error } = await postgrest.rpc('conformance_insert_twice' as never, { p_name: 'dup' } as never);
    expect(status).toBe(409);
    expect(error).toMatchObject({ code: '23505', details: 'Key (name)=(dup) already exists.', hint: null });
    expect(error!.message).toMatch(/^duplicate key value violates unique constraint/);
  });

  it('insufficient privilege (42501): 401 for anon (with WWW-Authenticate), 403 for a signed-in member', async () => {
    const anon = await raw('conformance_members_only');
    expect(anon.status).toBe(401);
    expect(anon.headers.get('www-authenticate')).toBe('Bearer');
    expect(await anon.json()).toEqual({
      code: '42501',
      message: 'permission denied for function conformance_members_only',
      details: null,
      hint: null,
    });
    const ok = await member.rpc('conformance_members_only' as never);
    expect(ok).toMatchObject({ status: 200, data: 'ok' });
    await backend.db.exec('revoke execute on function public.conformance_members_only() from authenticated');
    try {
      const denied = await member.rpc('conformance_members_only' as never);
      expect(denied).toMatchObject({
        status: 403,
        error: { code: '42501', message: 'permission denied for function conformance_members_only' },
      });
    } finally {
      await backend.db.exec('grant execute on function public.conformance_members_only() to authenticated');
    }
  });

  it('a token that is not a JWT, an expired one, one signed by another key: 401 PGRST301/PGRST303', async () => {
    const cases: Array<[string, string, string]> = [
      ['abc', 'PGRST301', 'Expected 3 parts in JWT; got 1'],
      [await signJwt({ role: 'authenticated', exp: Math.floor(Date.now() / 1000) - 3600 }, backend.jwtSecret), 'PGRST303', 'JWT expired'],
      [
        await signJwt({ role: 'authenticated', exp: Math.floor(Date.now() / 1000) + 600 }, 'some-other-secret-at-least-32-characters'),
        'PGRST301',
        'JWT cryptographic operation failed',
      ],
      [
        await signEs256(
          { role: 'authenticated', exp: Math.floor(Date.now() / 1000) + 600 },
          signingKeyFor('some-other-secret-at-least-32-characters'),
        ),
        'PGRST301',
        'No suitable key or wrong key type',
      ],
    ];
    for (const [token, code, message] of cases) {
      const response = await raw('void_func', { headers: { authorization: `Bearer ${token}` } });
      expect(response.status, message).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe(`Bearer error="invalid_token", error_description="${message}"`);
      expect(await response.json()).toEqual({ code, message, details: null, hint: null });
    }
  });

  it('methods other than GET, HEAD and POST: 405 PGRST101', async () => {
    const response = await raw('void_func', { method: 'PUT' });
    expect(response.status).toBe(405);
    expect(await response.json()).toMatchObject({ code: 'PGRST101', message: 'Cannot use the PUT method on RPC' });
  });
});
