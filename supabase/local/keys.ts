/**
 * The keys `supabase start` prints: Supabase's well-known local demo keys, HS256-signed
 * with the local JWT secret. Safe to commit: they only open local development stacks.
 */
import { SignJWT } from 'jose';

export const DEFAULT_JWT_SECRET = 'super-secret-jwt-token-with-at-least-32-characters-long';

/** {"iss":"supabase-demo","role":"anon","exp":1983812996} */
export const LOCAL_ANON_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0';

/** {"iss":"supabase-demo","role":"service_role","exp":1983812996} */
export const LOCAL_SERVICE_ROLE_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU';

export const LOCAL_URL = 'http://127.0.0.1:54321';

const DEMO_EXP = 1983812996;

export interface ApiKeys {
  jwtSecret: string;
  anonKey: string;
  serviceRoleKey: string;
}

/** The demo keys for the default secret; the same claims signed with any other secret. */
export async function apiKeysFor(jwtSecret: string = DEFAULT_JWT_SECRET): Promise<ApiKeys> {
  if (jwtSecret === DEFAULT_JWT_SECRET) {
    return { jwtSecret, anonKey: LOCAL_ANON_KEY, serviceRoleKey: LOCAL_SERVICE_ROLE_KEY };
  }
  const key = new TextEncoder().encode(jwtSecret);
  const sign = (role: string) =>
    new SignJWT({ iss: 'supabase-demo', role, exp: DEMO_EXP }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(key);
  return { jwtSecret, anonKey: await sign('anon'), serviceRoleKey: await sign('service_role') };
}
