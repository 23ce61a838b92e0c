/**
 * Bad input the extension would never send, sent anyway: every wrong
 * shape of invite code, hand-made RPC calls with wrong shapes, direct table writes that
 * bypass the RPCs, and two members clipping the same page at the same moment (over real
 * Postgres when DATABASE_URL is set: two connections, truly concurrent). Each gets a
 * readable refusal and leaves the library as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClipPayload } from '../../utils/shared/api-types';
import { fetchSignInCode, startLocalBackend, type LocalBackend } from '../../supabase/local/index';
import {
  call,
  EXTERNAL,
  groupOf,
  HAS_SCHEMA,
  type Member,
  ok,
  signedInClient,
  signedInMembers,
  startTestBackend,
  type TestBackend,
  uniqueEmail,
} from './helpers';
import { EMPTY_CLIP } from '../../utils/shared/link-clip';

const NOT_VALID = 'That invite code is not valid.';

function clipOf(url: string, over: Partial<ClipPayload> = {}): ClipPayload {
  return {
    ...EMPTY_CLIP,
    kind: 'link',
    url,
    title: 'A page',
    ...over,
  };
}

describe.skipIf(!HAS_SCHEMA)('bad input', () => {
  let backend: TestBackend;
  let ada: Member, ben: Member;
  let group: { id: string; name: string };
  let code: string;

  beforeAll(async () => {
    backend = await startTestBackend();
    [ada, ben] = await signedInMembers(backend, 'Ada', 'Ben');
    ({ code, ...group } = await groupOf(ada.client, 'Bad Input Circle'));
  });
  afterAll(async () => {
    await backend?.stop();
  });

  describe('invite codes', () => {
    // Each refusal counts towards the slow-down (10 in 15 minutes), so each asker stays under it.
    const wrong: Array<[string, () => string]> = [
      ['empty', () => ''],
      ['only spaces', () => '    '],
      ['too short (the first half)', () => code.slice(0, 14)],
      ['too long (one symbol more)', () => `${code}A`],
      ['wrong alphabet (O and 0 are never in a code)', () => code.replace(/[A-Z2-9]/, 'O')],
      ['a link from another system', () => 'https://discord.gg/abcDEF12'],
      ['another system’s code', () => 'ZOOM-123-456-789'],
      ['10,000 characters', () => 'A'.repeat(10_000)],
      ['SQL', () => "'; drop table app.groups; --"],
    ];
    it.each(wrong)('%s: refused as not valid, nothing joined', async (_, make) => {
      const asker = await signedInClient(backend, uniqueEmail('wrong'));
      const outcome = await call(asker.client, 'preview_invite', { p_code: make() });
      expect(outcome).toMatchObject({ status: 400, error: { code: 'P0001', message: NOT_VALID } });
      expect(await ok(asker.client, 'my_groups', {})).toEqual([]);
    });

    const right: Array<[string, () => string]> = [
      ['lower case', () => code.toLowerCase()],
      ['spaces instead of dashes, and around it', () => `  ${code.replace(/-/g, ' ')}  `],
      ['no dashes', () => code.replace(/-/g, '')],
      ['the invite link', () => `chrome-extension://abcdefghijklmnop/options.html#join=${code}`],
      ['a web link ending in the code', () => `https://readclub.example/join/${code}`],
    ];
    it.each(right)('%s: the same code, accepted', async (_, make) => {
      expect(await ok(ben.client, 'preview_invite', { p_code: make() })).toEqual({
        name: 'Bad Input Circle',
        member_count: 1,
        already_member: false,
      });
    });
  });

  describe('hand-made RPC calls', () => {
    const clip = (args: Record<string, unknown>) =>
      ada.client.rpc('clip_item', {
        p_client_id: crypto.randomUUID(),
        p_group_id: group.id,
        p_tags: [],
        p_comment: null,
        p_queue: false,
        ...args,
      });
    const refusals: Array<[string, Record<string, unknown>, string]> = [
      ['a clip that is not an object', { p_clip: 'hello' }, 'Nothing to save: the clip is empty.'],
      [
        'a clip of an unknown kind',
        { p_clip: clipOf('https://example.org/a', { kind: 'script' as never }) },
        'A clip is an article, a link or an entry added by hand.',
      ],
      ['a javascript: address', { p_clip: clipOf('javascript:alert(1)') }, 'Only web pages (http or https addresses) can be saved.'],
      ['a data: address', { p_clip: clipOf('data:text/html,<p>x</p>') }, 'Only web pages (http or https addresses) can be saved.'],
      ['a file: address', { p_clip: clipOf('file:///etc/passwd') }, 'Only web pages (http or https addresses) can be saved.'],
      [
        'an address over 2048 characters',
        { p_clip: clipOf(`https://example.org/${'a'.repeat(2100)}`) },
        'That page’s address is too long to save (over 2048 characters).'.replace('’', "'"),
      ],
      [
        'an article over 500 KB',
        { p_clip: clipOf('https://example.org/big', { kind: 'article', content_html: `<p>${'x'.repeat(512_001)}</p>` }) },
        'This article is too long to save (over 500 KB of text and markup). Save it as a link instead.',
      ],
      [
        'a text length that is not a number',
        { p_clip: { ...clipOf('https://example.org/n', { kind: 'article', content_html: '<p>x</p>' }), text_length: 'lots' } },
        "The clip's text length or word count is not a number.",
      ],
      [
        '21 tags',
        { p_clip: clipOf('https://example.org/t'), p_tags: Array.from({ length: 21 }, (_, i) => `t${i}`) },
        'An article can have at most 20 tags.',
      ],
      ['a 41-character tag', { p_clip: clipOf('https://example.org/t'), p_tags: ['x'.repeat(41)] }, 'A tag can be at most 40 characters.'],
      [
        'a 4001-character comment',
        { p_clip: clipOf('https://example.org/c'), p_comment: 'x'.repeat(4001) },
        'A comment can be at most 4000 characters.',
      ],
      ['no client id', { p_client_id: null, p_clip: clipOf('https://example.org/id') }, 'A clip needs a client id.'],
    ];
    it.each(refusals)('clip_item with %s: 22023 and its own message', async (_, args, message) => {
      const { error, status } = await clip(args);
      expect({ status, code: error?.code, message: error?.message }).toEqual({ status: 400, code: '22023', message });
    });

    it('wrong types and unknown arguments are refused by PostgREST before any SQL runs', async () => {
      expect(await clip({ p_client_id: 'not-a-uuid', p_clip: clipOf('https://example.org/x') })).toMatchObject({
        status: 400,
        error: { code: '22P02' },
      });
      expect(await ada.client.rpc('clip_item', { p_group_id: group.id, p_sneaky: true })).toMatchObject({
        status: 404,
        error: { code: 'PGRST202' },
      });
    });

    it('a clip into a group one is not in is refused as such', async () => {
      const stranger = await signedInClient(backend, uniqueEmail('stranger'));
      const { error, status } = await stranger.client.rpc('clip_item', {
        p_client_id: crypto.randomUUID(),
        p_group_id: group.id,
        p_clip: clipOf('https://example.org/in'),
        p_tags: [],
        p_comment: null,
        p_queue: false,
      });
      expect({ status, code: error?.code, message: error?.message }).toEqual({
        status: 403,
        code: '42501',
        message: 'You are not a member of this group.',
      });
    });

    it('other RPCs refuse their wrong shapes clearly', async () => {
      expect(await call(ada.client, 'add_comment', { p_item_id: crypto.randomUUID(), p_body: 'hi' })).toMatchObject({
        status: 400,
        error: { code: 'P0001', message: 'That article is no longer in the library.' },
      });
      expect(await call(ada.client, 'update_profile', { p_display_name: 'Ada', p_avatar_url: 'javascript:alert(1)' })).toMatchObject({
        status: 400,
        error: { code: '22023' },
      });
      expect(await call(ada.client, 'create_invite', { p_group_id: group.id, p_expires_in_days: 0 })).toMatchObject({
        status: 400,
        error: { code: '22023', message: 'An invite lasts 1 to 90 days.' },
      });
      expect(await call(ada.client, 'create_group', { p_name: '   ' })).toMatchObject({ status: 400, error: { code: '22023' } });
    });

    it('none of the refused calls left anything in the library', async () => {
      expect((await ok(ada.client, 'export_group', { p_group_id: group.id })).items).toEqual([]);
    });

    it('a page with no title is saved under its address', async () => {
      const { data } = await clip({ p_clip: clipOf('https://example.org/untitled', { title: '   ' }) });
      const detail = await ok(ada.client, 'item_detail', { p_item_id: (data as { item_id: string }).item_id });
      expect(detail.item.title).toBe('https://example.org/untitled');
      await ok(ada.client, 'delete_item', { p_item_id: detail.item.id });
    });
  });

  describe('two members clip the same page at the same moment', () => {
    it('one item, both sets of tags, both comments (five pages at once)', async () => {
      await ok(ben.client, 'join_group', { p_code: code });
      const urls = Array.from({ length: 5 }, (_, i) => `https://example.org/race/${i}?utm_source=${i % 2 ? 'ada' : 'ben'}`);
      const send = (m: Member, url: string, tags: string[], comment: string) =>
        ok(m.client, 'clip_item', {
          p_client_id: crypto.randomUUID(),
          p_group_id: group.id,
          p_clip: clipOf(url),
          p_tags: tags,
          p_comment: comment,
          p_queue: true,
        });
      const results = await Promise.all(
        urls.flatMap((url) => [
          send(ada, url, ['ada', 'shared'], 'Ada was here'),
          send(ben, url.replace(/\?.*/, ''), ['ben', 'shared'], 'Ben too'),
        ]),
      );
      for (let i = 0; i < urls.length; i++) {
        const [a, b] = [results[2 * i]!, results[2 * i + 1]!];
        expect(a.item_id).toBe(b.item_id);
        expect([a.created, b.created].sort()).toEqual([false, true]);
        const detail = await ok(ada.client, 'item_detail', { p_item_id: a.item_id });
        expect(detail.tags).toEqual(['ada', 'ben', 'shared']);
        expect(detail.comments.map((c) => c.body).sort()).toEqual(['Ada was here', 'Ben too']);
      }
      const queue = await ok(ada.client, 'group_queue', { p_group_id: group.id });
      const positions = queue.queue.map((e) => e.position);
      expect(new Set(positions).size).toBe(positions.length);
      expect(positions).toHaveLength(urls.length);
    });
  });
});

describe.skipIf(!HAS_SCHEMA || EXTERNAL)('direct table writes (what a hand-made REST call would do, past the RPCs)', () => {
  let local: LocalBackend;
  let member: Member;
  let groupId: string;
  beforeAll(async () => {
    const databaseUrl = process.env.DATABASE_URL || undefined;
    local = await startLocalBackend({
      port: 0,
      databaseUrl,
      memory: !databaseUrl,
      seed: false,
      log: () => undefined,
      migrationsDir: process.env.MIGRATIONS_DIR || undefined,
    });
    const backend = { url: local.url, anonKey: local.anonKey };
    const client = (await import('./helpers')).testClient(backend);
    const email = uniqueEmail('direct');
    await client.auth.signInWithOtp({ email });
    const verified = await client.auth.verifyOtp({ email, token: (await fetchSignInCode(local, email))!, type: 'email' });
    member = { client, userId: verified.data.user!.id, email };
    groupId = (await ok(client, 'create_group', { p_name: 'Direct' })).id;
  });
  afterAll(async () => {
    await local?.stop();
  });

  /** Runs sql as the member, as PostgREST would (role authenticated, their claims); returns the error code. */
  async function asMember(sql: string, params: unknown[] = []): Promise<string | null> {
    try {
      await local.db.transaction(async (tx) => {
        await tx.query(`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)`, [
          JSON.stringify({ sub: member.userId, role: 'authenticated' }),
        ]);
        await tx.query(sql, params);
        throw Object.assign(new Error('rollback'), { code: 'OK' });
      });
    } catch (e) {
      return (e as { code?: string }).code ?? 'unknown';
    }
    return null;
  }
  const item = `insert into app.items (group_id, client_id, kind, url, title, content_html, added_by) values ($1, gen_random_uuid(), $2, $3, $4, $5, auth.uid())`;

  it.each([
    ['a javascript: address', ['link', 'javascript:alert(1)', 'T', null]],
    ['an empty title', ['link', 'https://example.org/e', '   ', null]],
    ['a link with a copy of the page', ['link', 'https://example.org/l', 'T', '<p>x</p>']],
    ['an unknown kind', ['script', 'https://example.org/k', 'T', null]],
    ['an article over 512,000 bytes', ['article', 'https://example.org/b', 'T', 'x'.repeat(512_001)]],
  ])('an item with %s violates a CHECK constraint (23514)', async (_, values) => {
    expect(await asMember(item, [groupId, ...values])).toBe('23514');
  });

  it('a well-formed item goes in (so the refusals above are the constraints, not the route)', async () => {
    expect(await asMember(item, [groupId, 'link', 'https://example.org/fine', 'Fine', null])).toBe('OK');
  });

  it('an upper-case or over-long tag, and an empty comment, violate CHECK constraints', async () => {
    const itemId = (
      await ok(member.client, 'clip_item', {
        p_client_id: crypto.randomUUID(),
        p_group_id: groupId,
        p_clip: clipOf('https://example.org/tagged'),
        p_tags: [],
        p_comment: null,
        p_queue: false,
      })
    ).item_id;
    const tag = 'insert into app.item_tags (item_id, group_id, tag, added_by) values ($1, $2, $3, auth.uid())';
    expect(await asMember(tag, [itemId, groupId, 'Upper'])).toBe('23514');
    expect(await asMember(tag, [itemId, groupId, 'x'.repeat(41)])).toBe('23514');
    expect(
      await asMember('insert into app.comments (item_id, group_id, author_id, body) values ($1, $2, auth.uid(), $3)', [
        itemId,
        groupId,
        '  ',
      ]),
    ).toBe('23514');
    expect(
      await asMember('insert into app.queue_entries (item_id, group_id, position, queued_by) values ($1, $2, 0, auth.uid())', [
        itemId,
        groupId,
      ]),
    ).toBe('23514');
  });
});
