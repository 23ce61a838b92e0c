/**
 * The database at scale: a database of its own (readclub_bench) with the bootstrap, every
 * migration and the seed of db-seed.ts, kept between runs while the migrations, the seed and the
 * scale are unchanged. Each RPC runs as the bench member (role authenticated with their JWT
 * claims, as the stand-in and PostgREST run it: RLS on) and, the same statement with the same
 * claims, as postgres (a superuser: RLS bypassed). Each run is its own transaction, rolled back.
 * Each role has its own connection, as a member's requests keep theirs: Postgres keeps a
 * function's plans per connection and re-plans every statement RLS touched when the role
 * changes, so one connection switching between the two would re-plan both on every run.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { openDb } from '../../supabase/local/db';
import { DEFAULT_MIGRATIONS_DIR, listMigrations, prepareDatabase } from '../../supabase/local/migrate';
import { BENCH_MEMBER_EMAIL, seedShape, seedSql, seedVersion, type SeedShape } from './db-seed';
import { summarise, type Summary } from './stats';

export interface StatementFigures {
  name: string;
  /** Why it was not timed (e.g. its migration is not there yet). */
  skipped?: string;
  member?: Summary;
  bypass?: Summary;
  /** member p50 / bypass p50 and member p95 / bypass p95. */
  ratioP50?: number;
  ratioP95?: number;
}
export interface DbFigures {
  database: string;
  scale: number;
  shape: SeedShape;
  version: string;
  /** Seconds spent seeding in this run (0 when the seeded database was reused). */
  seedSeconds: number;
  reused: boolean;
  counts: Record<string, number>;
  reps: number;
  /** Runs of each short statement (a few milliseconds), when more than reps. */
  shortReps?: number;
  /** The machine's 1-minute load average before and after the timed runs (2 cores here). */
  load: [number, number];
  statements: StatementFigures[];
}

interface Statement {
  name: string;
  /** A function that must exist for the statement to run. */
  needs?: string;
  sql: string;
  params: () => unknown[];
  /** Run first in the same transaction, as postgres and untimed (rolled back with the run). */
  setup?: { sql: string; params: unknown[] };
  /** A few milliseconds: timed SHORT_REPS times as often, so p95 is not one stray run. */
  short?: boolean;
}

/** How many times more often the short statements are timed than the others. */
export const SHORT_REPS = 4;

const withDatabase = (url: string, name: string): string => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

async function seededVersion(url: string): Promise<string | null> {
  const client = await connect(url).catch(() => null);
  if (!client) return null;
  try {
    const rows = await client
      .query<{ version: string }>(`select version from bench_meta.seeded where to_regclass('bench_meta.seeded') is not null`)
      .catch(() => ({ rows: [] }));
    return rows.rows[0]?.version ?? null;
  } finally {
    await client.end();
  }
}

/** Fresh database, bootstrap and migrations (as the stand-in applies them), then the seed. */
async function build(baseUrl: string, name: string, shape: SeedShape, version: string, log: (line: string) => void): Promise<number> {
  const admin = await connect(baseUrl);
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(baseUrl, name);
  const db = await openDb({ databaseUrl: url });
  try {
    await prepareDatabase(db, { seedFile: false });
  } finally {
    await db.close();
  }
  const started = performance.now();
  const client = await connect(url);
  try {
    // Loading only: nothing here needs to survive a crash, and the database is rebuilt if it does.
    await client.query(`set synchronous_commit = off`);
    await client.query(`set maintenance_work_mem = '256MB'`);
    // The GIN (search) indexes are built once after the load, as they stand in the schema:
    // built row by row during it they were most of the seeding time.
    const gin = await client.query<{ name: string; def: string }>(
      `select c.oid::regclass::text as name, pg_get_indexdef(c.oid) as def
         from pg_index as x join pg_class as c on c.oid = x.indexrelid join pg_am as a on a.oid = c.relam
        where a.amname = 'gin' and x.indrelid::regclass::text like 'app.%'`,
    );
    for (const index of gin.rows) await client.query(`drop index ${index.name}`);
    // Nobody listens to a seed, and the live-update trigger notes each topic it told in one
    // list per transaction: a million-row statement over 10,000 groups searched that list
    // (10,000 topics) for every row, and the items alone took 38 minutes.
    const live = await client.query<{ tbl: string }>(
      `select tgrelid::regclass::text as tbl from pg_trigger where tgname = 'broadcast_change' and not tgisinternal`,
    );
    for (const { tbl } of live.rows) await client.query(`alter table ${tbl} disable trigger broadcast_change`);
    for (const [i, sql] of seedSql(shape).entries()) {
      const t = performance.now();
      await client.query(sql);
      log(`  seed step ${i + 1}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
    for (const { tbl } of live.rows) await client.query(`alter table ${tbl} enable trigger broadcast_change`);
    const t = performance.now();
    for (const index of gin.rows) await client.query(index.def);
    log(`  search indexes (${gin.rows.map((r) => r.name).join(', ')}): ${((performance.now() - t) / 1000).toFixed(1)} s`);
    await client.query('vacuum analyze');
    await client.query(
      `create schema bench_meta; create table bench_meta.seeded (version text not null, seeded_at timestamptz not null default now())`,
    );
    await client.query(`insert into bench_meta.seeded (version) values ($1)`, [version]);
  } finally {
    await client.end();
  }
  return (performance.now() - started) / 1000;
}

async function counts(client: pg.Client): Promise<Record<string, number>> {
  const tables = ['groups', 'group_members', 'items', 'item_tags', 'comments', 'queue_entries', 'queue_votes'];
  const out: Record<string, number> = {};
  // Planner estimates: exact counts of millions of rows would cost more than the figures they report.
  for (const t of tables) {
    const { rows } = await client.query<{ n: string }>(`select reltuples::bigint as n from pg_class where oid = to_regclass('app.${t}')`);
    if (rows[0]) out[t] = Number(rows[0].n);
  }
  return out;
}

function statements(benchGroup: string, benchItem: string): Statement[] {
  let clip = 0;
  return [
    // The side panel's call: the first page of 50 with the whole queue's totals (public.group_queue in supabase/schemas/50_queue.sql).
    { name: 'group_queue, first page (50 of 500)', sql: `select public.group_queue($1, 50, 0, 'queue')`, params: () => [benchGroup] },
    { name: 'group_queue, most wanted first page', sql: `select public.group_queue($1, 50, 0, 'wanted')`, params: () => [benchGroup] },
    {
      name: 'clip_item (new article, 2 tags, comment, queued)',
      short: true,
      sql: 'select public.clip_item($1, $2, $3, $4, $5, $6)',
      params: () => {
        clip++;
        const clipJson = {
          kind: 'article',
          url: `https://bench.example/new/${Date.now()}-${clip}`,
          title: `A new article ${clip}`,
          site_name: 'Bench',
          excerpt: 'Fresh from the bench.',
          content_html: '<p>Body of the article, long enough to count.</p>'.repeat(40),
          text_length: 1800,
          word_count: 320,
        };
        return [crypto.randomUUID(), benchGroup, JSON.stringify(clipJson), ['bench', 'tag1'], 'Worth a read.', true];
      },
    },
    { name: 'item_detail (item with 3 comments)', short: true, sql: 'select public.item_detail($1)', params: () => [benchItem] },
    {
      name: 'item_detail (200-comment thread)',
      sql: 'select public.item_detail($1)',
      params: () => [benchItem],
      // 197 more on the item with 3, by the group's members, for this run only.
      setup: {
        sql: `insert into app.comments (item_id, group_id, author_id, body)
              select i.id, i.group_id, m.user_id, 'Thread comment ' || c
                from app.items as i
                join lateral (select user_id from app.group_members where group_id = i.group_id order by user_id) as m on true
                cross join generate_series(1, 40) as c
               where i.id = $1
               limit 197`,
        params: [benchItem],
      },
    },
    { name: 'my_groups (member of 10)', short: true, sql: 'select public.my_groups()', params: () => [] },
    // The side panel's search: a page of 50 hits with their snippets (public.search_library in
    // supabase/schemas/30_library.sql). "rivers" is in about 70 of the bench group's titles and
    // excerpts and in about 140,000 items of other groups; "estuary" deep in the body of 333 of
    // its articles (snippets cut from the body).
    {
      name: 'search_library ("rivers", first page)',
      needs: 'search_library',
      sql: 'select public.search_library($1, $2)',
      params: () => [benchGroup, 'rivers'],
    },
    {
      name: 'search_library ("rivers", second page)',
      needs: 'search_library',
      sql: 'select public.search_library($1, $2, null, 50, 50)',
      params: () => [benchGroup, 'rivers'],
    },
    {
      name: 'search_library ("estuary", in 333 bodies)',
      needs: 'search_library',
      sql: 'select public.search_library($1, $2)',
      params: () => [benchGroup, 'estuary'],
    },
  ];
}

async function timeOne(client: pg.Client, s: Statement, claims: string, asMember: boolean): Promise<number> {
  await client.query('begin');
  try {
    if (s.setup) await client.query(s.setup.sql, s.setup.params);
    if (asMember) await client.query('set local role authenticated');
    await client.query(`select set_config('request.jwt.claims', $1, true)`, [claims]);
    const params = s.params();
    const t = performance.now();
    await client.query(s.sql, params);
    return performance.now() - t;
  } finally {
    await client.query('rollback');
  }
}

export async function benchDatabase(options: {
  baseUrl: string;
  name?: string;
  scale: number;
  reps: number;
  reseed?: boolean;
  log?: (line: string) => void;
}): Promise<DbFigures> {
  const log = options.log ?? console.log;
  // The full-size database keeps its name; quick runs get their own, so neither rebuilds the other.
  // READCLUB_BENCH_DB renames it, so runs from two checkouts on one server never rebuild each other's.
  const base = process.env.READCLUB_BENCH_DB || 'readclub_bench';
  const name = options.name ?? (options.scale === 1 ? base : `${base}_${String(options.scale).replace(/\W/g, '_')}`);
  const shape = seedShape(options.scale);
  const migrations = listMigrations(DEFAULT_MIGRATIONS_DIR).map((m) => ({
    name: `${m.version}_${m.name}`,
    sql: readFileSync(m.file, 'utf8'),
  }));
  const version = seedVersion(migrations, shape);
  const url = withDatabase(options.baseUrl, name);
  const found = options.reseed ? null : await seededVersion(url);
  const reused = found === version;
  let seedSeconds = 0;
  if (reused) log(`Reusing ${name} (seed version ${version}).`);
  else {
    log(
      `Seeding ${name}: ${shape.items.toLocaleString('en')} items in ${shape.groups.toLocaleString('en')} groups (seed version ${version}${found ? `, was ${found}` : ''})…`,
    );
    seedSeconds = await build(options.baseUrl, name, shape, version, log);
    log(`Seeded in ${seedSeconds.toFixed(0)} s.`);
  }

  const client = await connect(url);
  const bypassClient = await connect(url);
  try {
    const { rows } = await client.query<{ member: string; grp: string; item: string }>(
      `select u.id as member, g.id as grp, (select i.id from app.items as i where i.group_id = g.id order by i.created_at desc limit 1) as item
         from auth.users as u, app.groups as g where u.email = $1 and g.name = 'Bench Circle'`,
      [BENCH_MEMBER_EMAIL],
    );
    const bench = rows[0];
    if (!bench) throw new Error(`${name} has no bench member or Bench Circle; run with --db-reseed.`);
    const claims = JSON.stringify({ sub: bench.member, role: 'authenticated', aud: 'authenticated' });
    const present = new Set(
      (await client.query<{ proname: string }>(`select proname from pg_proc where pronamespace = 'public'::regnamespace`)).rows.map(
        (r) => r.proname,
      ),
    );
    const figures: StatementFigures[] = [];
    // A page of an item's comments is built in one query, as comment_json builds one; if
    // comment_json's shape changed since, say so loudly (the two must agree).
    const drift = await client
      .query<{ agree: boolean }>(
        `select private.comment_page_json($1, null, null, 200) -> 'comments'
                = coalesce((select jsonb_agg(private.comment_json(c.id) order by c.created_at, c.id)
                              from app.comments as c where c.item_id = $1 and c.highlight_id is null), '[]'::jsonb) as agree`,
        [bench.item],
      )
      .catch(() => ({ rows: [{ agree: true }] }));
    if (!drift.rows[0]?.agree) {
      figures.push({
        name: 'comment_page_json agrees with comment_json',
        skipped: 'NO: comment_json changed; update private.comment_page_json in supabase/schemas/40_comments.sql',
      });
    }
    const loadBefore = loadavg()[0]!;
    for (const s of statements(bench.grp, bench.item)) {
      if (s.needs && !present.has(s.needs)) {
        figures.push({ name: s.name, skipped: `not yet (no public.${s.needs})` });
        continue;
      }
      const member: number[] = [];
      const bypass: number[] = [];
      const reps = s.short ? options.reps * SHORT_REPS : options.reps;
      try {
        for (let i = 0; i < 3; i++) {
          await timeOne(client, s, claims, true);
          await timeOne(bypassClient, s, claims, false);
        }
        for (let i = 0; i < reps; i++) {
          // Alternate which goes first, so neither always runs on the other's warm cache and a
          // burst of load on the machine falls on both alike.
          if (i % 2 === 0) {
            member.push(await timeOne(client, s, claims, true));
            bypass.push(await timeOne(bypassClient, s, claims, false));
          } else {
            bypass.push(await timeOne(bypassClient, s, claims, false));
            member.push(await timeOne(client, s, claims, true));
          }
        }
      } catch (error) {
        figures.push({ name: s.name, skipped: `failed: ${(error as Error).message}` });
        continue;
      }
      const m = summarise(member);
      const b = summarise(bypass);
      figures.push({ name: s.name, member: m, bypass: b, ratioP50: m.median / b.median, ratioP95: m.p95 / b.p95 });
    }
    return {
      database: name,
      scale: options.scale,
      shape,
      version,
      seedSeconds,
      reused,
      counts: await counts(client),
      reps: options.reps,
      shortReps: options.reps * SHORT_REPS,
      load: [loadBefore, loadavg()[0]!],
      statements: figures,
    };
  } finally {
    await client.end();
    await bypassClient.end();
  }
}
