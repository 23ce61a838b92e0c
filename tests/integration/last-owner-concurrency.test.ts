/**
 * A group never loses its last owner, even when its two owners step down at the same
 * moment: each one's check would see the other still as owner, so keep_an_owner counts
 * owners under a lock on the group's row and the second waits for the first, then refuses.
 *
 * Needs two open transactions at once, so real Postgres (DATABASE_URL): PGlite, the default
 * stand-in, has one connection.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTERNAL, HAS_SCHEMA, ok, signedInClient, startTestBackend, uniqueEmail, type TestBackend } from './helpers';

type Member = Awaited<ReturnType<typeof signedInClient>>;
const DATABASE_URL = process.env.DATABASE_URL;

describe.skipIf(!HAS_SCHEMA || !DATABASE_URL || EXTERNAL)('two owners step down at once', () => {
  let backend: TestBackend;
  let ada: Member, ben: Member;
  const conns: pg.Client[] = [];

  beforeAll(async () => {
    backend = await startTestBackend();
    [ada, ben] = await Promise.all([
      signedInClient(backend, uniqueEmail('ada'), 'Ada'),
      signedInClient(backend, uniqueEmail('ben'), 'Ben'),
    ]);
  });
  afterAll(async () => {
    await Promise.all(conns.map((c) => c.end().catch(() => undefined)));
    await backend?.stop();
  });

  async function connect(): Promise<pg.Client> {
    const c = new pg.Client({ connectionString: DATABASE_URL });
    await c.connect();
    conns.push(c);
    return c;
  }
  /** A transaction as the member, as PostgREST opens one for a signed-in request. */
  async function as(member: Member): Promise<pg.Client> {
    const c = await connect();
    await c.query('begin');
    await c.query(`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)`, [
      JSON.stringify({ sub: member.userId, role: 'authenticated' }),
    ]);
    return c;
  }
  /** A group where Ada and Ben are both owners. */
  async function twoOwners(): Promise<string> {
    const groupId = (await ok(ada.client, 'create_group', { p_name: 'Owners Circle' })).id;
    const { code } = await ok(ada.client, 'create_invite', { p_group_id: groupId });
    await ok(ben.client, 'join_group', { p_code: code });
    await ok(ada.client, 'set_member_role', { p_group_id: groupId, p_user_id: ben.userId, p_role: 'owner' });
    return groupId;
  }
  async function owners(watcher: pg.Client, groupId: string): Promise<string[]> {
    const { rows } = await watcher.query<{ user_id: string }>(
      `select user_id from app.group_members where group_id = $1 and role = 'owner' order by user_id`,
      [groupId],
    );
    return rows.map((r) => r.user_id);
  }

  it.each([
    ['both leave', 'select public.leave_group($1)', 'select public.leave_group($1)'],
    [
      'one leaves, the other makes themselves a member',
      'select public.leave_group($1)',
      `select public.set_member_role($1, (select auth.uid()), 'member')`,
    ],
  ])('%s: the second waits for the first, then is refused; one owner stays', async (_name, adaSql, benSql) => {
    const groupId = await twoOwners();
    const watcher = await connect();
    const [adaTx, benTx] = [await as(ada), await as(ben)];

    await adaTx.query(adaSql, [groupId]); // not committed yet
    const benPid = (await benTx.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
    let settled = false;
    const benStep = benTx
      .query(benSql, [groupId])
      .then(
        () => ({ error: null as Error | null }),
        (error: Error) => ({ error }),
      )
      .finally(() => (settled = true));
    // Ben's step either waits on Ada's lock (with the fix) or is already done (without).
    await expect
      .poll(
        async () =>
          settled ||
          (await watcher.query('select wait_event_type from pg_stat_activity where pid = $1', [benPid])).rows[0]?.wait_event_type ===
            'Lock',
        { timeout: 5000 },
      )
      .toBe(true);
    await adaTx.query('commit');

    const { error } = await benStep;
    await benTx.query(error ? 'rollback' : 'commit');
    expect(error?.message).toBe('A group needs an owner: make another member an owner first.');
    expect(await owners(watcher, groupId)).toEqual([ben.userId]);
  });
});
