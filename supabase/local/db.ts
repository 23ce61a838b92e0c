/**
 * One small database interface over the two engines the local backend runs on:
 * embedded PGlite (default; a single connection, so every unit of work is serialised
 * through a mutex) and a real Postgres reached with `pg` (when DATABASE_URL is set).
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export interface Queryable {
  /** One statement with $n parameters; returns the rows. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Several statements, no parameters (a migration file). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs fn inside BEGIN … COMMIT (ROLLBACK when it throws). */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** LISTEN on a channel: onPayload gets each NOTIFY's payload (after its commit). Returns the UNLISTEN. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** The fields of a Postgres error both drivers expose. */
export interface PgErrorFields {
  code?: string;
  message: string;
  detail?: string;
  hint?: string;
}

export function isPgError(error: unknown): error is PgErrorFields & Error {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
}

/** A FIFO async mutex: PGlite has one connection, so one unit of work at a time. */
export class Mutex {
  #tail: Promise<void> = Promise.resolve();
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const previous = this.#tail;
    let release!: () => void;
    this.#tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    try {
      return await fn();
    } finally {
      release();
    }
  }
}

export interface OpenOptions {
  databaseUrl?: string;
  memory?: boolean;
  /** PGlite data directory (ignored for memory and Postgres). */
  dataDir?: string;
  /** Delete the PGlite data directory first (`--reset`). */
  reset?: boolean;
}

export const DEFAULT_DATA_DIR = join(process.cwd(), '.local-backend', 'pgdata');

export async function openDb(options: OpenOptions): Promise<Db> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openPglite(options.memory ? undefined : (options.dataDir ?? DEFAULT_DATA_DIR), options.reset ?? false);
}

async function openPglite(dataDir: string | undefined, reset: boolean): Promise<Db> {
  const { PGlite } = await import('@electric-sql/pglite');
  if (dataDir) {
    if (reset) rmSync(dataDir, { recursive: true, force: true });
    if (!existsSync(dataDir)) mkdirSync(dataDir, { recursive: true });
  }
  const pg = await PGlite.create(dataDir ? { dataDir } : {});
  const mutex = new Mutex();
  type Target = { query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>; exec(sql: string): Promise<unknown> };
  const wrap = (target: Target): Queryable => ({
    query: async <T>(sql: string, params?: unknown[]) => (await target.query(sql, params)).rows as T[],
    exec: async (sql: string) => {
      await target.exec(sql);
    },
  });
  const direct = wrap(pg);
  return {
    kind: 'pglite',
    query: (sql, params) => mutex.run(() => direct.query(sql, params)),
    exec: (sql) => mutex.run(() => direct.exec(sql)),
    transaction: (fn) => mutex.run(() => pg.transaction((tx) => fn(wrap(tx)))),
    listen: async (channel, onPayload) => {
      const unlisten = await mutex.run(() => pg.listen(channel, onPayload));
      return () => mutex.run(() => unlisten());
    },
    close: () => mutex.run(() => pg.close()),
  };
}

async function openPostgres(databaseUrl: string): Promise<Db> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const wrap = (client: { query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }> }): Queryable => ({
    query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
    exec: async (sql: string) => {
      await client.query(sql);
    },
  });
  const direct = wrap(pool);
  return {
    kind: 'postgres',
    query: direct.query,
    exec: direct.exec,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn(wrap(client));
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async listen(channel, onPayload) {
      // A dedicated connection: a pooled one would drop the LISTEN when handed back.
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      client.on('notification', (message) => {
        if (message.channel === channel) onPayload(message.payload ?? '');
      });
      client.on('error', () => undefined);
      await client.query(`listen "${channel.replaceAll('"', '""')}"`);
      return () => client.end();
    },
    close: () => pool.end(),
  };
}
