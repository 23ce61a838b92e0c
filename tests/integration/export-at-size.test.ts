/**
 * Export at size: a 1,000-item group whose articles carry large saved copies exports
 * completely through the pages the background reads (utils/background/export-pages.ts), each page one
 * short call, under the statement timeout a hosted project gives signed-in calls (8 s; the
 * stand-in's bootstrap sets it on the role and applies it per request as PostgREST does).
 *
 * The items are written straight into the stand-in's database (set-based SQL, as the
 * benchmark seeds), not clipped one by one. On Postgres (DATABASE_URL) the saved copies are
 * 300 KB each, 300 MB in all: more than one jsonb value can hold, so the whole export in one
 * statement cannot succeed, and the test shows the old single call failing (timeout or size).
 * On in-memory PGlite (which has no statement timeout) they are 100 KB each and every page's
 * call is timed instead. EXPORT_ITEM_BYTES overrides the size.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroupExportPage } from '../../utils/shared/api-types';
import type { Reply } from '../../utils/shared/protocol';
import { fetchGroupExport, type ExportPageCall } from '../../utils/background/export-pages';
import { EXTERNAL, HAS_SCHEMA, ok, signedInClient, startTestBackend, testClient, uniqueEmail, type TestBackend } from './helpers';

const ITEMS = 1000;
const STATEMENT_TIMEOUT_MS = 8000;

describe.skipIf(!HAS_SCHEMA || EXTERNAL)('export at size', () => {
  let backend: TestBackend;
  let owner: Awaited<ReturnType<typeof signedInClient>>;
  let groupId: string;
  let bytes: number;

  beforeAll(async () => {
    backend = await startTestBackend();
    const db = backend.db!;
    bytes = Number(process.env.EXPORT_ITEM_BYTES) || (db.kind === 'postgres' ? 300_000 : 100_000);
    owner = await signedInClient(backend, uniqueEmail('big'), 'Big Owner');
    groupId = (await ok(owner.client, 'create_group', { p_name: 'Big Library' })).id;
    // One block of words (500 distinct ones, as prose repeats its words), each item a different
    // slice of it, exactly `bytes` long.
    await db.query(
      `with block as (select string_agg(md5((k % 500)::text), ' ') as t from generate_series(1, $3::int / 33 + 2000) as k)
       insert into app.items (id, group_id, client_id, kind, url, title, content_html, text_length, added_by, created_at)
       select md5('export-item-' || n)::uuid, $1, gen_random_uuid(), 'article', 'https://example.org/big/' || n, 'Big item ' || n,
              left('<p>' || n || ' ' || substr(b.t, (n * 37) % 60000 + 1), $3::int), $3::int, $2, now() - interval '1 day' + n * interval '1 second'
         from generate_series(1, ${ITEMS}) as n, block as b`,
      [groupId, owner.userId, bytes],
    );
    // Some of the rest of the export: a tag, a comment and a queue place on every tenth item.
    await db.query(
      `insert into app.item_tags (item_id, group_id, tag, added_by)
       select md5('export-item-' || n)::uuid, $1, 'big', $2 from generate_series(10, ${ITEMS}, 10) as n`,
      [groupId, owner.userId],
    );
    await db.query(
      `insert into app.comments (item_id, group_id, author_id, body)
       select md5('export-item-' || n)::uuid, $1, $2, 'Comment on ' || n from generate_series(10, ${ITEMS}, 10) as n`,
      [groupId, owner.userId],
    );
    await db.query(
      `insert into app.queue_entries (item_id, group_id, position, queued_by)
       select md5('export-item-' || n)::uuid, $1, n / 10, $2 from generate_series(10, ${ITEMS}, 10) as n`,
      [groupId, owner.userId],
    );
    // In-process PGlite blocks the event loop while it seeds, so the server's keep-alive timer
    // closes the idle socket late; let that close land before the next request reuses it.
    await new Promise((resolve) => setTimeout(resolve, 200));
  }, 600_000);
  afterAll(async () => {
    await backend?.stop();
  });

  it('exports every item, page by page, each page one call under the 8 s statement timeout', async () => {
    const calls: Array<{ ms: number; chars: number; items: number }> = [];
    const call: ExportPageCall = async (args) => {
      const started = performance.now();
      const { data, error } = await owner.client.rpc('export_group', args);
      const ms = performance.now() - started;
      if (error) return { ok: false, error: { kind: 'server', message: `${error.code} ${error.message}` } } as Reply<never>;
      const page = data as GroupExportPage;
      calls.push({ ms, chars: page.items.reduce((n, i) => n + (i.content_html?.length ?? 0), 0), items: page.items.length });
      return { ok: true, value: page };
    };
    const started = performance.now();
    const reply = await fetchGroupExport(call, groupId);
    const total = performance.now() - started;
    if (!reply.ok) throw new Error(reply.error.message);
    const data = reply.value;

    const slowest = Math.max(...calls.map((c) => c.ms));
    console.log(
      `export of ${ITEMS} items × ${bytes} bytes on ${backend.db!.kind}: ${calls.length} pages, ` +
        `slowest ${Math.round(slowest)} ms, ${Math.round(total)} ms in all, largest page ${Math.max(...calls.map((c) => c.chars))} chars of copies`,
    );
    // Every item, once, in export order, with its whole saved copy.
    expect(data.items).toHaveLength(ITEMS);
    expect(new Set(data.items.map((i) => i.id)).size).toBe(ITEMS);
    expect(data.items.map((i) => i.title)).toEqual(Array.from({ length: ITEMS }, (_, n) => `Big item ${n + 1}`));
    expect(data.items.every((i) => i.content_html?.length === bytes)).toBe(true);
    expect(data.items[9]).toMatchObject({ tags: [{ tag: 'big' }], comments: [{ body: 'Comment on 10' }], queue: { position: 1 } });
    expect(data).toMatchObject({ format: 'readclub-export', group: { name: 'Big Library', my_role: 'owner' } });
    expect(data.queue).toHaveLength(ITEMS / 10);
    // Many short calls, none near the timeout, none holding more than a page of copies.
    expect(calls.length).toBeGreaterThanOrEqual(Math.ceil((ITEMS * bytes) / 4_000_000));
    expect(calls.every((c) => c.chars <= 4_000_000 + bytes)).toBe(true);
    expect(slowest).toBeLessThan(STATEMENT_TIMEOUT_MS);
  }, 600_000);

  it("each call runs under its role's statement timeout, as PostgREST applies role settings: authenticated 8 s, anon 3 s", async () => {
    await backend.db!.exec(`
      create or replace function public.test_statement_timeout() returns text language sql stable as $$ select current_setting('statement_timeout') $$;
      grant execute on function public.test_statement_timeout() to anon, authenticated`);
    try {
      expect((await owner.client.rpc('test_statement_timeout' as never)).data).toBe('8s');
      expect((await testClient(backend).rpc('test_statement_timeout' as never)).data).toBe('3s');
    } finally {
      await backend.db!.exec('drop function public.test_statement_timeout()');
    }
  });

  it.runIf(process.env.DATABASE_URL)(
    'the whole export in one call fails at this size (statement timeout, or more than jsonb holds)',
    async () => {
      const { data, error, status } = await owner.client.rpc('export_group', { p_group_id: groupId });
      console.log(`one-call export: ${status} ${error?.code} ${error?.message}`);
      expect(data).toBeNull();
      expect(status).toBe(500);
      expect(['57014', '54000']).toContain(error?.code);
    },
    600_000,
  );
});
