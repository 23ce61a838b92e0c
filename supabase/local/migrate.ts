/**
 * Brings a local database to the state `supabase start` would: the platform bootstrap,
 * then every migration not yet applied (tracked as the Supabase CLI tracks them), then
 * the seed on a freshly created database only.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './db';

const HERE = fileURLToPath(new URL('.', import.meta.url));
export const BOOTSTRAP_FILE = join(HERE, 'bootstrap.sql');
export const DEFAULT_MIGRATIONS_DIR = join(HERE, '..', 'migrations');
export const DEFAULT_SEED_FILE = join(HERE, '..', 'seed.sql');

/** As the Supabase CLI creates it (version = the file name's timestamp prefix). */
const MIGRATIONS_TABLE_SQL = `
create schema if not exists supabase_migrations;
create table if not exists supabase_migrations.schema_migrations (version text not null primary key);
alter table supabase_migrations.schema_migrations add column if not exists statements text[];
alter table supabase_migrations.schema_migrations add column if not exists name text;
`;

/**
 * The stand-in's own state (sign-in codes, sessions, refresh tokens), in a schema of its
 * own that no migration touches and no API role can read. Kept in the database rather
 * than in memory so a restarted `npm run dev` keeps everyone signed in.
 */
const LOCAL_AUTH_SQL = `
create schema if not exists local_backend;
revoke all on schema local_backend from public;
create table if not exists local_backend.otp_codes (
  email text primary key,
  user_id uuid not null,
  code text not null,
  expires_at timestamptz not null,
  created_at timestamptz not null default now()
);
create table if not exists local_backend.sessions (
  id uuid primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  refreshed_at timestamptz
);
create table if not exists local_backend.refresh_tokens (
  token text primary key,
  session_id uuid not null references local_backend.sessions (id) on delete cascade,
  parent text,
  revoked boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
`;

/** What `--reset` drops on a real Postgres (PGlite's reset deletes its data directory). */
const RESET_SQL = `
drop schema if exists local_backend cascade;
drop schema if exists supabase_migrations cascade;
drop schema if exists auth cascade;
drop schema if exists app cascade;
drop schema if exists private cascade;
drop schema if exists realtime cascade;
drop schema if exists public cascade;
create schema public;
`;

export interface Migration {
  version: string;
  name: string;
  file: string;
}

/** `<timestamp>_<name>.sql`, ordered by version; other files are skipped, as the CLI does. */
export function listMigrations(dir: string): Migration[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((file) => /^(\d+)_(.*)\.sql$/.exec(file))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ version: match[1]!, name: match[2]!, file: join(dir, match[0]) }))
    .sort((a, b) => (a.version < b.version ? -1 : a.version > b.version ? 1 : 0));
}

export interface PrepareOptions {
  migrationsDir?: string;
  /** Seed file, or false for none. */
  seedFile?: string | false;
  /** Drop everything first (Postgres), then treat the database as fresh. */
  reset?: boolean;
  log?: (line: string) => void;
}

export interface PrepareResult {
  fresh: boolean;
  applied: string[];
  seeded: boolean;
}

export async function prepareDatabase(db: Db, options: PrepareOptions = {}): Promise<PrepareResult> {
  const log = options.log ?? (() => undefined);
  if (options.reset && db.kind === 'postgres') await db.exec(RESET_SQL);
  const [existing] = await db.query<{ found: boolean }>(`select to_regclass('supabase_migrations.schema_migrations') is not null as found`);
  const fresh = options.reset === true || !existing?.found;

  await db.exec(readFileSync(BOOTSTRAP_FILE, 'utf8'));
  await db.exec(MIGRATIONS_TABLE_SQL);
  await db.exec(LOCAL_AUTH_SQL);

  const done = new Set(
    (await db.query<{ version: string }>('select version from supabase_migrations.schema_migrations')).map((row) => row.version),
  );
  const applied: string[] = [];
  for (const migration of listMigrations(options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR)) {
    if (done.has(migration.version)) continue;
    const sql = readFileSync(migration.file, 'utf8');
    try {
      await db.transaction(async (tx) => {
        await tx.exec(sql);
        // The CLI stores the file split into statements; the whole file is one entry here.
        await tx.query('insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)', [
          migration.version,
          migration.name,
          [sql],
        ]);
      });
    } catch (error) {
      throw new Error(`Migration ${migration.version}_${migration.name}.sql failed: ${(error as Error).message}`, { cause: error });
    }
    applied.push(`${migration.version}_${migration.name}`);
    log(`Applied migration ${migration.version}_${migration.name}.sql`);
  }

  let seeded = false;
  const seedFile = options.seedFile === undefined ? DEFAULT_SEED_FILE : options.seedFile;
  if (fresh && seedFile && existsSync(seedFile)) {
    const sql = readFileSync(seedFile, 'utf8');
    try {
      await db.transaction((tx) => tx.exec(sql));
    } catch (error) {
      throw new Error(`Seeding from ${seedFile} failed: ${(error as Error).message}`, { cause: error });
    }
    seeded = true;
    log(`Seeded data from ${seedFile}`);
  }
  return { fresh, applied, seeded };
}
