/**
 * Email-code sign-in through supabase-js, as the extension does it: against the local
 * stand-in by default, or a real `supabase start` (see helpers.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthApiError, isAuthSessionMissingError } from '@supabase/supabase-js';
import { signJwt } from '../../supabase/local/jwt';
import { signedInClient, startTestBackend, testClient, uniqueEmail, type TestBackend } from './helpers';

let backend: TestBackend;
beforeAll(async () => {
  backend = await startTestBackend();
});
afterAll(async () => {
  await backend?.stop();
});

describe('email-code sign-in', () => {
  it('sends a code and exchanges it for a session', async () => {
    const email = uniqueEmail('ada');
    const client = testClient(backend);
    const sent = await client.auth.signInWithOtp({ email, options: { shouldCreateUser: true, data: { display_name: 'Ada' } } });
    expect(sent.error).toBeNull();
    const code = await backend.codeFor(email);
    expect(code).toMatch(/^\d{6}$/);

    const { data, error } = await client.auth.verifyOtp({ email, token: code, type: 'email' });
    expect(error).toBeNull();
    expect(data.user).toMatchObject({ email, aud: 'authenticated', role: 'authenticated', user_metadata: { display_name: 'Ada' } });
    expect(data.user?.email_confirmed_at).toBeTruthy();
    expect(data.session).toMatchObject({ token_type: 'bearer', expires_in: 3600, user: { email } });
    expect(data.session?.refresh_token).toBeTruthy();

    const claims = JSON.parse(Buffer.from(data.session!.access_token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({
      sub: data.user!.id,
      role: 'authenticated',
      aud: 'authenticated',
      email,
      aal: 'aal1',
      is_anonymous: false,
    });
    expect(typeof claims.session_id).toBe('string');
    expect(claims.exp).toBe(data.session!.expires_at);
  });

  it("refuses a wrong code with GoTrue's otp_expired error", async () => {
    const email = uniqueEmail('wrong');
    const client = testClient(backend);
    await client.auth.signInWithOtp({ email });
    const real = await backend.codeFor(email);
    const wrong = real === '000000' ? '000001' : '000000';
    const { data, error } = await client.auth.verifyOtp({ email, token: wrong, type: 'email' });
    expect(data.session).toBeNull();
    expect(error).toBeInstanceOf(AuthApiError);
    expect(error).toMatchObject({ status: 403, code: 'otp_expired', message: 'Token has expired or is invalid' });
  });

  it('accepts a code once, and only the latest one', async () => {
    const email = uniqueEmail('once');
    const client = testClient(backend);
    await client.auth.signInWithOtp({ email });
    const first = await backend.codeFor(email);
    // A real Supabase allows one email per address per `max_frequency` (1s locally).
    if (backend.external) await new Promise((resolve) => setTimeout(resolve, 1100));
    await client.auth.signInWithOtp({ email });
    const second = await backend.codeFor(email);
    if (first !== second) {
      expect((await client.auth.verifyOtp({ email, token: first, type: 'email' })).error).toMatchObject({ code: 'otp_expired' });
    }
    expect((await client.auth.verifyOtp({ email, token: second, type: 'email' })).error).toBeNull();
    expect((await client.auth.verifyOtp({ email, token: second, type: 'email' })).error).toMatchObject({
      status: 403,
      code: 'otp_expired',
    });
  });

  it('rotates the refresh token and keeps the same user', async () => {
    const { client, userId } = await signedInClient(backend, uniqueEmail('refresh'));
    const before = (await client.auth.getSession()).data.session!;
    const { data, error } = await client.auth.refreshSession();
    expect(error).toBeNull();
    expect(data.user?.id).toBe(userId);
    expect(data.session?.refresh_token).not.toBe(before.refresh_token);

    const bogus = await testClient(backend).auth.refreshSession({ refresh_token: 'not-a-refresh-token' });
    expect(bogus.error).toMatchObject({ status: 400, code: 'refresh_token_not_found' });
  });

  it('returns the signed-in user, and refuses a forged token', async () => {
    const email = uniqueEmail('getuser');
    const { client, userId } = await signedInClient(backend, email);
    const { data, error } = await client.auth.getUser();
    expect(error).toBeNull();
    expect(data.user).toMatchObject({ id: userId, email });

    const forged = await testClient(backend).auth.getUser('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.AAAA');
    expect(forged.data.user).toBeNull();
    expect(forged.error).toMatchObject({ status: 403, code: 'bad_jwt' });
  });

  it('signs out: the refresh token and the session are gone', async () => {
    const { client } = await signedInClient(backend, uniqueEmail('signout'));
    const session = (await client.auth.getSession()).data.session!;
    expect((await client.auth.signOut()).error).toBeNull();
    expect((await client.auth.getSession()).data.session).toBeNull();

    const other = testClient(backend);
    const refreshed = await other.auth.refreshSession({ refresh_token: session.refresh_token });
    expect(refreshed.error).toMatchObject({ status: 400, code: 'refresh_token_not_found' });
    const user = await other.auth.getUser(session.access_token);
    expect(isAuthSessionMissingError(user.error)).toBe(true);
  });
});

describe.skipIf(!!process.env.SUPABASE_URL)('stand-in only', () => {
  it('refuses an expired code', async () => {
    const shortLived = await startTestBackend({ otpExpirySeconds: 1 });
    try {
      const email = uniqueEmail('expired');
      const client = testClient(shortLived);
      await client.auth.signInWithOtp({ email });
      const code = await shortLived.codeFor(email);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const { error } = await client.auth.verifyOtp({ email, token: code, type: 'email' });
      expect(error).toMatchObject({ status: 403, code: 'otp_expired', message: 'Token has expired or is invalid' });
    } finally {
      await shortLived.stop();
    }
  });

  it('answers an expired access token on RPC with PGRST303, as PostgREST does', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await signJwt(
      { sub: crypto.randomUUID(), role: 'authenticated', iat: now - 7200, exp: now - 3600 },
      backend.jwtSecret!,
    );
    const response = await fetch(`${backend.url}/rest/v1/rpc/my_groups`, {
      method: 'POST',
      headers: { apikey: backend.anonKey, authorization: `Bearer ${expired}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ code: 'PGRST303', message: 'JWT expired', details: null, hint: null });
  });

  it('requires an apikey, like the gateway, and answers CORS preflights', async () => {
    const missing = await fetch(`${backend.url}/rest/v1/rpc/my_groups`, { method: 'POST', body: '{}' });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({
      message: 'No API key found in request',
      hint: 'No `apikey` request header or url param was found.',
    });

    const preflight = await fetch(`${backend.url}/auth/v1/otp`, {
      method: 'OPTIONS',
      headers: {
        origin: 'chrome-extension://abc',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'apikey, x-client-info',
      },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('x-client-info');
  });

  it('answers an unknown function with PGRST202', async () => {
    const client = testClient(backend);
    const { error, status } = await client.rpc('no_such_function' as never, { p_x: 1 } as never);
    expect(status).toBe(404);
    expect(error).toMatchObject({
      code: 'PGRST202',
      message: 'Could not find the function public.no_such_function(p_x) in the schema cache',
    });
  });
});
