/**
 * "Your data" in real Chromium on the production build: Ben downloads the group
 * as JSON and as Markdown from Options and the files hold the library, the meetings (a
 * finished one with its takeaway, the next one he leads) and his own read mark and vote;
 * then he deletes his account after typing DELETE: he is signed out, his caches and his
 * waiting changes are gone (another member's stay), signing in again with his email finds
 * a new, empty account, and Ada still has the library minus Ben's own content.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { SupabaseClient } from '@supabase/supabase-js';
import { signInMember, useE2e } from './fixtures';
import type { ClipPayload, GroupExport } from '../../utils/shared/api-types';

const e2e = useE2e({ members: ['ben'] });
const {
  backend,
  sql,
  members: { ben },
} = e2e;
let options: Page;
let ada: SupabaseClient;
let groupId = '';

const BEN = 'ben@yourdata.test';

function link(url: string, title: string): ClipPayload {
  return {
    kind: 'link',
    url,
    canonical_url: null,
    title,
    byline: null,
    authors: [],
    site_name: 'Example',
    excerpt: null,
    content_html: null,
    text_length: 0,
    word_count: 0,
    lang: null,
    dir: null,
    lead_image_url: null,
    favicon_url: null,
    published_at: null,
    modified_at: null,
    selection: false,
    truncated: false,
  };
}

async function rpc<T>(client: SupabaseClient, name: string, args: Record<string, unknown>): Promise<T> {
  const { data, error } = await client.rpc(name, args);
  if (error) throw new Error(`${name}: ${error.message}`);
  return data as T;
}

const clip = (client: SupabaseClient, url: string, title: string, tags: string[], comment: string | null) =>
  rpc<{ item_id: string }>(client, 'clip_item', {
    p_client_id: crypto.randomUUID(),
    p_group_id: groupId,
    p_clip: link(url, title),
    p_tags: tags,
    p_comment: comment,
    p_queue: true,
  });

async function downloaded(button: string): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([options.waitForEvent('download'), options.getByRole('button', { name: button }).click()]);
  return { name: download.suggestedFilename(), text: readFileSync((await download.path())!, 'utf8') };
}

beforeAll(async () => {
  ada = (await e2e.nodeMember('ada@yourdata.test', 'Ada')).client;
  groupId = (await rpc<{ id: string }>(ada, 'create_group', { p_name: 'Export Circle' })).id;
  const { code } = await rpc<{ code: string }>(ada, 'create_invite', { p_group_id: groupId });
  const benNode = (await e2e.nodeMember(BEN, 'Ben')).client;
  await rpc(benNode, 'join_group', { p_code: code });
  const essay = await clip(ada, 'https://example.org/essay', 'An essay <b>worth</b> reading', ['essay'], 'Ada: read this first');
  await rpc(benNode, 'add_comment', { p_item_id: essay.item_id, p_body: 'Ben: agreed' });
  await clip(benNode, 'https://example.org/bens', 'Ben’s own find', ['ben'], null);
  // A meeting that discussed a chapter nobody queued, and the next one (the essay, led by Ben).
  const chapter = await rpc<{ item_id: string }>(ada, 'clip_item', {
    p_client_id: crypto.randomUUID(),
    p_group_id: groupId,
    p_clip: link('https://example.org/chapter', 'A chapter'),
    p_tags: [],
    p_comment: null,
    p_queue: false,
  });
  const soon = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
  const met = await rpc<{ id: string }>(ada, 'schedule_meeting', {
    p_group_id: groupId,
    p_starts_at: soon(1),
    p_title: 'Chapter <i>night</i>',
    p_agenda_size: 0,
  });
  await rpc(ada, 'edit_agenda', { p_meeting_id: met.id, p_item_id: chapter.item_id, p_action: 'add' });
  await rpc(ada, 'record_discussed', { p_meeting_id: met.id, p_item_id: chapter.item_id, p_discussed: true, p_takeaway: 'It ends *well*' });
  await rpc(ada, 'finish_meeting', { p_meeting_id: met.id });
  const benId = (await benNode.auth.getUser()).data.user!.id;
  await rpc(ada, 'schedule_meeting', {
    p_group_id: groupId,
    p_starts_at: soon(48),
    p_title: 'Essay evening',
    p_lead_id: benId,
    p_agenda_size: 1,
  });
  await rpc(benNode, 'mark_read', { p_item_id: essay.item_id, p_read: true });
  await rpc(benNode, 'vote_item', { p_item_id: essay.item_id, p_vote: true });
});

describe('your data', () => {
  test('Ben downloads the group as JSON: everything he can see', async () => {
    options = await signInMember(ben, backend, BEN);
    await options.getByRole('heading', { name: 'Your data' }).waitFor();
    await options.getByLabel('Group to export').selectOption({ label: 'Export Circle' });
    const { name, text } = await downloaded('Download JSON');
    expect(name).toMatch(/^readclub-export-circle-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(text) as GroupExport;
    expect(data).toMatchObject({
      format: 'readclub-export',
      group: { name: 'Export Circle', my_role: 'member' },
      exported_by: { display_name: 'Ben' },
    });
    expect(data.items.map((i) => i.title).sort()).toEqual(['A chapter', 'An essay <b>worth</b> reading', 'Ben’s own find']);
    const essay = data.items.find((i) => i.title.startsWith('An essay'))!;
    expect(essay.tags.map((t) => t.tag)).toEqual(['essay']);
    expect(essay.comments.map((c) => `${c.author.display_name}: ${c.body}`)).toEqual(['Ada: Ada: read this first', 'Ben: Ben: agreed']);
    expect(data.queue.map((q) => [q.title, q.votes, q.voted])).toEqual([
      ['An essay <b>worth</b> reading', 1, true],
      ['Ben’s own find', 0, false],
    ]);
    expect(essay).toMatchObject({ read_count: 1 });
    expect(essay.read_at).not.toBeNull();
    expect(data.meetings.next).toMatchObject({ title: 'Essay evening', lead: { display_name: 'Ben' }, ended_at: null });
    expect(data.meetings.next!.agenda.map((a) => a.title)).toEqual(['An essay <b>worth</b> reading']);
    expect(data.meetings.past.map((m) => m.title)).toEqual(['Chapter <i>night</i>']);
    expect(data.meetings.past[0]!.agenda).toMatchObject([{ title: 'A chapter', discussed: true, takeaway: 'It ends *well*' }]);
    await options.getByText(`Downloaded ${name}: 3 items.`).waitFor();
  });

  test('…and as Markdown, to read', async () => {
    const { name, text } = await downloaded('Download Markdown');
    expect(name).toMatch(/^readclub-export-circle-\d{4}-\d{2}-\d{2}\.md$/);
    expect(text).toMatch(/^# Export Circle\n/);
    expect(text).toContain('### An essay &lt;b&gt;worth&lt;/b&gt; reading');
    expect(text).toContain('- Link: <https://example.org/essay>');
    expect(text).toContain('- Tags: essay');
    expect(text).toContain('> Ben: agreed');
    expect(text).toContain(
      '## Queue\n\n1. An essay &lt;b&gt;worth&lt;/b&gt; reading (queued by Ada, 1 vote (yours among them))\n2. Ben’s own find (queued by Ben)',
    );
    expect(text).toMatch(
      /## Meetings\n\n### Next [^\n]* UTC: Essay evening\n\n- Discussion lead: Ben\n- Scheduled by: Ada\n\nAgenda:\n\n1\. An essay &lt;b&gt;worth&lt;\/b&gt; reading\n/,
    );
    expect(text).toMatch(/### Met [^\n]* UTC: Chapter &lt;i&gt;night&lt;\/i&gt;\n/);
    expect(text).toContain('1. A chapter (discussed)\n\n   > It ends \\*well\\*');
    expect(text).toMatch(/- Read by: 1 member, you on /);
  });

  test('Ben deletes his account: signed out, caches and his waiting changes gone', async () => {
    const benId = (await sql<{ id: string }>(`select id from auth.users where email = '${BEN}'`))[0]!.id;
    // One change of Ben's waits in the outbox (refused, so it is not sent meanwhile), and one of someone else's.
    const waiting = (id: string, userId: string) => ({
      id,
      userId,
      groupId,
      itemKey: id,
      kind: 'queue',
      args: { itemId: id },
      createdAt: 1,
      attempts: 8,
      nextAttemptAt: 9e15,
      lastError: { kind: 'invalid', message: 'no' },
      failed: true,
    });
    await options.evaluate(
      async (ops) => {
        await (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome.storage.local.set({
          outbox: ops,
        });
      },
      [waiting('bens-change', benId), waiting('someone-elses', 'another-member')],
    );

    const button = options.getByRole('button', { name: 'Delete my account' });
    expect(await button.isDisabled()).toBe(true);
    await options.getByLabel('Type DELETE or your email address to confirm').fill('DELETE');
    await button.click();
    await options
      .getByText('Your account was deleted. Comments deleted: 1. Items deleted: 1. Items kept for the group without your name: 0.')
      .waitFor();
    await options.getByRole('button', { name: 'Send code' }).waitFor();

    const stored = await options.evaluate(async () =>
      (
        globalThis as unknown as { chrome: { storage: { local: { get(k: null): Promise<Record<string, unknown>> } } } }
      ).chrome.storage.local.get(null),
    );
    expect(stored['readclub-auth']).toBeUndefined();
    expect(stored.account ?? null).toBeNull();
    expect(stored.groups ?? []).toEqual([]);
    expect((stored.outbox as Array<{ id: string }>).map((o) => o.id)).toEqual(['someone-elses']);
    expect(await sql(`select 1 from auth.users where id = '${benId}'`)).toEqual([]);
  });

  test('signing in again with his email finds a new account with none of the old data', async () => {
    await options.close();
    options = await signInMember(ben, backend, BEN);
    await options.getByText("You're not in a group yet. Create one, or join with a code.").waitFor();
    await options.getByText('You are in no group, so there is nothing to export.').waitFor();
  });

  test('Ada still has the library, minus what was only Ben’s', async () => {
    const data = await rpc<GroupExport>(ada, 'export_group', { p_group_id: groupId });
    expect(data.items.map((i) => i.title)).toEqual(['An essay <b>worth</b> reading', 'A chapter']);
    expect(data.items[0]!.comments.map((c) => c.body)).toEqual(['Ada: read this first']);
    expect(data.members.map((m) => m.display_name)).toEqual(['Ada']);
    expect(data.queue.map((q) => q.position)).toEqual([1]);
  });
});
