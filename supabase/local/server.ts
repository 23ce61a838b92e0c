/**
 * `npm run backend`: the local stand-in for Supabase at http://127.0.0.1:54321.
 *
 *   --memory   PGlite in memory (also LOCAL_BACKEND_MEMORY=1); default .local-backend/pgdata
 *   --reset    start from an empty database (migrations and seed run again)
 *   --no-seed  skip supabase/seed.sql
 *
 * Env: PORT, DATABASE_URL (real Postgres instead of PGlite), JWT_SECRET, MIGRATIONS_DIR,
 * OTP_EXPIRY_SECONDS, ACCESS_TOKEN_TTL, VERIFY_RATE_LIMIT, LOCAL_SECRET.
 */
import { startLocalBackend } from './index';

const args = new Set(process.argv.slice(2));
const known = ['--memory', '--reset', '--no-seed'];
for (const arg of args) {
  if (!known.includes(arg)) {
    console.error(`Unknown option ${arg}. Options: ${known.join(', ')}`);
    process.exit(2);
  }
}

const databaseUrl = process.env.DATABASE_URL || undefined;
const memory = args.has('--memory') || process.env.LOCAL_BACKEND_MEMORY === '1';
const backend = await startLocalBackend({
  port: process.env.PORT ? Number(process.env.PORT) : 54321,
  databaseUrl,
  memory,
  reset: args.has('--reset'),
  seed: args.has('--no-seed') ? false : undefined,
  migrationsDir: process.env.MIGRATIONS_DIR || undefined,
});

const where = databaseUrl ? 'Postgres (DATABASE_URL)' : memory ? 'PGlite in memory' : 'PGlite at .local-backend/pgdata';
console.log(`
Local Supabase stand-in running (${where}${backend.prepared.fresh ? ', fresh database' : ''}).
         API URL: ${backend.url}
 Publishable key: ${backend.publishableKey}
      Secret key: ${backend.secretKey}   (servers only, never the extension)
  anon key (legacy JWT, still accepted): ${backend.anonKey}
service_role key (legacy JWT): ${backend.serviceRoleKey}
            JWKS: ${backend.url}/auth/v1/.well-known/jwks.json (ES256, kid ${backend.jwks.keys[0]!.kid})
Sign-in codes are printed here, and served to this machine only at
  ${backend.url}/_local/sign-in-codes?email=…  with header X-Local-Secret: ${backend.localSecret}
`);
export { backend };

let stopping = false;
const shutdown = () => {
  if (stopping) return;
  stopping = true;
  backend.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
