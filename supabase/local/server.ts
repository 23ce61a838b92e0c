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
import { backendBanner, startFailure } from './dev-backend';
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
const port = process.env.PORT ? Number(process.env.PORT) : 54321;
const backend = await startLocalBackend({
  port,
  databaseUrl,
  memory,
  reset: args.has('--reset'),
  seed: args.has('--no-seed') ? false : undefined,
  migrationsDir: process.env.MIGRATIONS_DIR || undefined,
}).catch((error: unknown) => {
  const inUse = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
  console.error(
    inUse
      ? `Port ${port} is in use by another program. Stop it, or set PORT to a free port (and build the extension with WXT_SUPABASE_URL=http://127.0.0.1:<that port>); \`npm run dev\` picks one itself.`
      : startFailure(error, port),
  );
  process.exit(1);
});

console.log(backendBanner(backend, { databaseUrl, memory }));

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
