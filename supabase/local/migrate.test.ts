// @vitest-environment node
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from './db';
import { listMigrations, prepareDatabase } from './migrate';

let dir: string;
let db: Db;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'readclub-migrate-'));
  writeFileSync(join(dir, '20240202000000_second.sql'), 'create table public.b (id int);');
  writeFileSync(join(dir, '20240101000000_first.sql'), 'create table public.a (id int);');
  writeFileSync(join(dir, 'notes.sql'), 'this is not a migration');
  writeFileSync(join(dir, 'seed.sql'), 'insert into public.a values (1);');
  db = await openDb({ memory: true });
}, 60_000);
afterAll(async () => {
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('migrations', () => {
  it('lists <timestamp>_<name>.sql files in version order, skipping others', () => {
    expect(listMigrations(dir).map((m) => [m.version, m.name])).toEqual([
      ['20240101000000', 'first'],
      ['20240202000000', 'second'],
    ]);
    expect(listMigrations(join(dir, 'missing'))).toEqual([]);
  });

  it('applies each once, records it as the Supabase CLI does, and seeds only a fresh database', async () => {
    const seedFile = join(dir, 'seed.sql');
    const first = await prepareDatabase(db, { migrationsDir: dir, seedFile });
    expect(first).toEqual({ fresh: true, applied: ['20240101000000_first', '20240202000000_second'], seeded: true });
    const recorded = await db.query<{ version: string; name: string }>(
      'select version, name from supabase_migrations.schema_migrations order by version',
    );
    expect(recorded).toEqual([
      { version: '20240101000000', name: 'first' },
      { version: '20240202000000', name: 'second' },
    ]);

    const again = await prepareDatabase(db, { migrationsDir: dir, seedFile });
    expect(again).toEqual({ fresh: false, applied: [], seeded: false });
    expect(await db.query('select * from public.a')).toHaveLength(1);
  });

  it('names a failing migration and leaves it unrecorded', async () => {
    writeFileSync(join(dir, '20240303000000_broken.sql'), 'create table public.c (id int); select 1/0;');
    await expect(prepareDatabase(db, { migrationsDir: dir, seedFile: false })).rejects.toThrow(
      /20240303000000_broken\.sql failed: division by zero/,
    );
    expect(await db.query(`select 1 from supabase_migrations.schema_migrations where version = '20240303000000'`)).toHaveLength(0);
    expect(await db.query(`select to_regclass('public.c') as t`)).toEqual([{ t: null }]);
  });
});
