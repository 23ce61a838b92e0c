/**
 * Two members reordering the queue and voting at the same moment never lose each other's
 * changes (the outbox resends moves and votes, so they must compose).
 *
 * - Interleaved transactions on two real Postgres connections: Ada's move is open (not yet
 *   committed) when Ben's move, made from the queue as he saw it before, arrives; Ben's waits
 *   for the group's lock and then applies to the queue with Ada's move in it. Both votes,
 *   cast inside those open transactions, count. Needs DATABASE_URL: PGlite (the default
 *   stand-in) has one connection, so two transactions can never be open at once there. CI
 *   sets TEST_DATABASE_URL, and tests/run-all.sh turns that into DATABASE_URL.
 * - Many moves and votes fired at once from both members through the RPCs (every run):
 *   every item moved to the end is at the end, every vote is counted, positions are 1..n.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClipPayload } from '../../utils/shared/api-types';
import { call, EXTERNAL, groupOf, HAS_SCHEMA, type Member, ok, signedInMembers, startTestBackend, type TestBackend } from './helpers';
import { EMPTY_CLIP } from '../../utils/shared/link-clip';

const DATABASE_URL = process.env.DATABASE_URL;

describe.skipIf(!HAS_SCHEMA)('two members change the queue at once', () => {
  let backend: TestBackend;
  let ada: Member, ben: Member;
  let groupId: string;

  /** A fresh queue of n items, titled Q0..Qn-1, in that order. */
  async function freshQueue(n: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const clip: ClipPayload = {
        ...EMPTY_CLIP,
        kind: 'link',
        url: `https://example.org/race-${crypto.randomUUID()}`,
        title: `Q${i}`,
      };
      ids.push(
        (
          await ok(ada.client, 'clip_item', {
            p_client_id: crypto.randomUUID(),
            p_group_id: groupId,
            p_clip: clip,
            p_tags: [],
            p_comment: null,
            p_queue: true,
          })
        ).item_id,
      );
    }
    return ids;
  }
  const queueNow = async () => (await ok(ada.client, 'group_queue', { p_group_id: groupId })).queue;

  beforeAll(async () => {
    backend = await startTestBackend();
    [ada, ben] = await signedInMembers(backend, 'Ada', 'Ben');
    groupId = (await groupOf(ada.client, 'Race Circle', [ben.client])).id;
  });
  afterAll(async () => {
    await backend?.stop();
  });

  it('many moves to the end and votes fired at once from both members: every one lands', async () => {
    // Stale queue views are the point: each move is sent without reading the queue first.
    await Promise.all((await queueNow()).map((e) => ok(ada.client, 'unqueue_item', { p_item_id: e.item_id })));
    const items = await freshQueue(10);
    const moved = items.filter((_, i) => i % 2 === 1);
    const calls = moved.flatMap((id, i) => {
      const mover = i % 2 ? ada : ben;
      return [
        call(mover.client, 'move_queue_entry', { p_item_id: id, p_before_item_id: null }),
        call(ada.client, 'vote_item', { p_item_id: items[i]!, p_vote: true }),
        call(ben.client, 'vote_item', { p_item_id: items[i]!, p_vote: true }),
      ];
    });
    const replies = await Promise.all(calls);
    expect(replies.filter((r) => r.error)).toEqual([]);

    const queue = await queueNow();
    expect(queue.map((e) => e.position)).toEqual(items.map((_, i) => i + 1));
    // The unmoved keep their order at the front; every moved one is behind them.
    expect(queue.slice(0, 5).map((e) => e.item_id)).toEqual(items.filter((_, i) => i % 2 === 0));
    expect(new Set(queue.slice(5).map((e) => e.item_id))).toEqual(new Set(moved));
    for (let i = 0; i < moved.length; i++) expect(queue.find((e) => e.item_id === items[i])).toMatchObject({ votes: 2 });
  });

  // PGlite has one connection: two open transactions cannot interleave there (see the top).
  describe.skipIf(!DATABASE_URL || EXTERNAL)('interleaved transactions on two Postgres connections', () => {
    const conns: pg.Client[] = [];
    afterAll(async () => {
      await Promise.all(conns.map((c) => c.end().catch(() => undefined)));
    });
    async function as(member: Member): Promise<pg.Client> {
      const c = new pg.Client({ connectionString: DATABASE_URL });
      await c.connect();
      conns.push(c);
      await c.query('begin');
      // What PostgREST does for a signed-in request.
      await c.query(`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)`, [
        JSON.stringify({ sub: member.userId, role: 'authenticated' }),
      ]);
      return c;
    }
    const titles = (q: { title: string }[]) => q.map((e) => e.title).join(',');

    it("Ben's move waits for Ada's open one and keeps it; both members' votes count", async () => {
      await Promise.all((await queueNow()).map((e) => ok(ada.client, 'unqueue_item', { p_item_id: e.item_id })));
      const [q0, q1, q2, , q4] = await freshQueue(5);
      expect(titles(await queueNow())).toBe('Q0,Q1,Q2,Q3,Q4');
      const [adaTx, benTx, watcher] = [await as(ada), await as(ben), new pg.Client({ connectionString: DATABASE_URL })];
      await watcher.connect();
      conns.push(watcher);

      // Ada: Q0 to the end, and a vote for Q1 — not committed yet.
      await adaTx.query('select public.move_queue_entry($1, null)', [q0]);
      await adaTx.query('select public.vote_item($1, true)', [q1]);
      // Ben, who still sees Q0 first: Q4 before Q2 — and so it waits on the group's lock.
      const benPid = (await benTx.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
      const benMove = benTx.query<{ q: { queue: { title: string }[] } }>('select public.move_queue_entry($1, $2) as q', [q4, q2]);
      await expect
        .poll(
          async () =>
            (await watcher.query('select wait_event_type from pg_stat_activity where pid = $1', [benPid])).rows[0]?.wait_event_type,
          { timeout: 5000 },
        )
        .toBe('Lock');
      await adaTx.query('commit');

      // Ben's move ran on the queue with Ada's in it: both show. (Writing back the whole
      // order Ben saw would have put Q0 first again: Q0,Q1,Q4,Q2,Q3.)
      expect(titles((await benMove).rows[0]!.q.queue)).toBe('Q1,Q4,Q2,Q3,Q0');
      await benTx.query('select public.vote_item($1, true)', [q1]);
      await benTx.query('commit');

      const queue = await queueNow();
      expect(titles(queue)).toBe('Q1,Q4,Q2,Q3,Q0');
      expect(queue.map((e) => e.position)).toEqual([1, 2, 3, 4, 5]);
      expect(queue.find((e) => e.item_id === q1)).toMatchObject({ votes: 2 });
    });

    it('the same vote sent from two connections at once (an outbox resend racing the first send) is one vote', async () => {
      const [item] = await freshQueue(1);
      const [first, again] = [await as(ada), await as(ada)];
      await first.query('select public.vote_item($1, true)', [item]);
      const second = again.query('select public.vote_item($1, true) as v', [item]);
      await first.query('commit');
      expect((await second).rows[0]).toMatchObject({ v: { votes: 1, voted: true } });
      await again.query('commit');
      expect((await queueNow()).find((e) => e.item_id === item)).toMatchObject({ votes: 1, voted: true });
    });
  });
});
