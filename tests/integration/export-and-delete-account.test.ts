/**
 * Your data through supabase-js: Ben exports the group (everything he can see, nothing of
 * another group); Cleo deletes her account: her refresh token then fails with GoTrue's
 * refresh_token_not_found, her old access token gets GoTrue's user_not_found and reaches no
 * group, and signing in again with her email starts a new, empty account. Ada (the last
 * owner) is told to hand over first; Ben still has the library minus Cleo's own content.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { ClipPayload, GroupExport } from '../../utils/shared/api-types';
import { renderExportMarkdown } from '../../utils/ui/export-markdown';
import { fetchGroupExport } from '../../utils/background/export-pages';
import {
  call,
  groupOf,
  HAS_SCHEMA,
  type Member,
  ok,
  signedInClient,
  signedInMembers,
  startTestBackend,
  type TestBackend,
  testClient,
} from './helpers';
import { EMPTY_CLIP } from '../../utils/shared/link-clip';

function link(url: string, title: string): ClipPayload {
  return {
    ...EMPTY_CLIP,
    kind: 'link',
    url,
    title,
  };
}

describe.skipIf(!HAS_SCHEMA)('your data', () => {
  let backend: TestBackend;
  let ada: Member, ben: Member, cleo: Member;
  let group: { id: string; name: string };
  let adaEssay: string, cleoQuiet: string, cleoTalked: string;

  const clip = async (m: Member, url: string, title: string, tags: string[] = [], comment: string | null = null) =>
    (
      await ok(m.client, 'clip_item', {
        p_client_id: crypto.randomUUID(),
        p_group_id: group.id,
        p_clip: link(url, title),
        p_tags: tags,
        p_comment: comment,
        p_queue: false,
      })
    ).item_id;

  /** The export as the background reads it: page by page (two items a page here), joined. */
  const exportOf = async (client: SupabaseClient): Promise<GroupExport> => {
    const reply = await fetchGroupExport(async (args) => ({ ok: true, value: await ok(client, 'export_group', args) }), group.id, {
      pageSize: 2,
    });
    if (!reply.ok) throw new Error(reply.error.message);
    return reply.value;
  };

  beforeAll(async () => {
    backend = await startTestBackend();
    [ada, ben, cleo] = await signedInMembers(backend, 'Ada', 'Ben', 'Cleo');
    group = await groupOf(ada.client, 'Data Circle', [ben.client, cleo.client]);
    adaEssay = await clip(ada, 'https://example.org/ada', 'Ada’s essay', ['essay'], 'Ada thinks');
    cleoQuiet = await clip(cleo, 'https://example.org/cleo-quiet', 'Cleo’s quiet link', ['cleo'], 'Only Cleo');
    cleoTalked = await clip(cleo, 'https://example.org/cleo-talked', 'Cleo’s talked-about link');
    await ok(ben.client, 'add_comment', { p_item_id: cleoTalked, p_body: 'Ben replies' });
    await ok(cleo.client, 'create_group', { p_name: 'Cleo alone' });
  });
  afterAll(async () => {
    await backend?.stop();
  });

  it('a member exports everything in the group and nothing else', async () => {
    const data = await exportOf(ben.client);
    expect(data).toMatchObject({
      format: 'readclub-export',
      version: 1,
      group: { name: 'Data Circle', my_role: 'member' },
      exported_by: { display_name: 'Ben' },
    });
    expect(data.items.map((i) => i.title).sort()).toEqual(['Ada’s essay', 'Cleo’s quiet link', 'Cleo’s talked-about link']);
    expect(data.members.map((m) => m.display_name).sort()).toEqual(['Ada', 'Ben', 'Cleo']);
    const quiet = data.items.find((i) => i.id === cleoQuiet)!;
    expect(quiet.tags.map((t) => [t.tag, t.added_by.display_name])).toEqual([['cleo', 'Cleo']]);
    expect(quiet.comments.map((c) => [c.body, c.author.display_name])).toEqual([['Only Cleo', 'Cleo']]);
    const outsider = testClient(backend);
    expect(await call(outsider, 'export_group', { p_group_id: group.id })).toMatchObject({ status: 401 });
  });

  it('the export holds the meetings (past with what was discussed, and the next) and Ben’s own read marks, in JSON and Markdown', async () => {
    const soon = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
    const met = await ok(ada.client, 'schedule_meeting', {
      p_group_id: group.id,
      p_starts_at: soon(1),
      p_title: 'November',
      p_lead_id: ben.userId,
      p_agenda_size: 0,
    });
    await ok(ada.client, 'edit_agenda', { p_meeting_id: met.id, p_item_id: adaEssay, p_action: 'add' });
    await ok(ada.client, 'record_discussed', {
      p_meeting_id: met.id,
      p_item_id: adaEssay,
      p_discussed: true,
      p_takeaway: 'Read it *slowly*',
    });
    await ok(ada.client, 'finish_meeting', { p_meeting_id: met.id });
    const next = await ok(ada.client, 'schedule_meeting', {
      p_group_id: group.id,
      p_starts_at: soon(48),
      p_title: 'December',
      p_place: 'https://call.example/data',
      p_agenda_size: 0,
    });
    await ok(ada.client, 'edit_agenda', { p_meeting_id: next.id, p_item_id: cleoTalked, p_action: 'add' });
    await ok(ben.client, 'mark_read', { p_item_id: adaEssay, p_read: true });

    const data = await exportOf(ben.client);
    expect(data.meetings.next).toMatchObject({ title: 'December', place: 'https://call.example/data', lead: null, ended_at: null });
    expect(data.meetings.next!.agenda.map((a) => a.title)).toEqual(['Cleo’s talked-about link']);
    expect(data.meetings.past.map((m) => [m.title, m.lead?.display_name])).toEqual([['November', 'Ben']]);
    expect(data.meetings.past[0]!.agenda).toMatchObject([{ title: 'Ada’s essay', discussed: true, takeaway: 'Read it *slowly*' }]);
    const essay = data.items.find((i) => i.id === adaEssay)!;
    expect(essay).toMatchObject({ read_count: 1 });
    expect(essay.read_at).not.toBeNull();
    expect(data.items.find((i) => i.id === cleoQuiet)).toMatchObject({ read_at: null, read_count: 0 });
    expect((await ok(ada.client, 'export_group', { p_group_id: group.id })).items.find((i) => i.id === adaEssay)?.read_at).toBeNull();

    const md = renderExportMarkdown(data);
    expect(md).toMatch(/### Next \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC: December\n\n- Where: <https:\/\/call\.example\/data>/);
    expect(md).toMatch(/### Met [^\n]*: November\n\n- Discussion lead: Ben\n/);
    expect(md).toContain('1. Ada’s essay (discussed)\n\n   > Read it \\*slowly\\*');
  });

  it('the pages joined are the one-answer export: the same JSON and the same Markdown', async () => {
    const paged = await exportOf(ben.client);
    const single = (await ok(ben.client, 'export_group', { p_group_id: group.id })) as GroupExport;
    const same = (e: GroupExport) => ({ ...e, exported_at: 'then' }); // each call is its own now()
    expect(paged.items.length).toBeGreaterThan(2); // more than one page
    expect(JSON.stringify(same(paged), null, 2)).toBe(JSON.stringify(same(single), null, 2));
    expect(renderExportMarkdown(same(paged))).toBe(renderExportMarkdown(same(single)));
  });

  it('the last owner is told to hand over first; a wrong confirmation is refused', async () => {
    expect(await call(ada.client, 'delete_account', { p_confirm: 'DELETE' })).toMatchObject({
      status: 400,
      error: { code: 'P0001', message: 'You are the last owner of Data Circle: make another member an owner first, or delete the group.' },
    });
    expect(await call(cleo.client, 'delete_account', { p_confirm: 'yes' })).toMatchObject({
      status: 400,
      error: { code: '22023', message: 'Type DELETE or your email address to delete your account.' },
    });
  });

  it('Cleo deletes her account: her sign-in stops working as GoTrue says, and her content goes', async () => {
    const session = (await cleo.client.auth.getSession()).data.session!;
    expect(await ok(cleo.client, 'delete_account', { p_confirm: cleo.email.toUpperCase() })).toEqual({
      deleted_groups: 1,
      deleted_comments: 1,
      deleted_highlights: 0,
      deleted_items: 1,
      kept_items: 1,
    });
    const refreshed = await testClient(backend).auth.refreshSession({ refresh_token: session.refresh_token });
    expect(refreshed.error).toMatchObject({ status: 400, code: 'refresh_token_not_found' });
    const user = await testClient(backend).auth.getUser(session.access_token);
    expect(user.error).toMatchObject({ status: 403, code: 'user_not_found' });
    // Her access token still verifies until it expires, and reaches nothing.
    expect(await ok(cleo.client, 'my_groups', {})).toEqual([]);
    expect(await call(cleo.client, 'export_group', { p_group_id: group.id })).toMatchObject({ status: 403, error: { code: '42501' } });
  });

  it('signing in again with her email starts a new, empty account', async () => {
    const again = await signedInClient(backend, cleo.email);
    expect(again.userId).not.toBe(cleo.userId);
    expect(await ok(again.client, 'my_groups', {})).toEqual([]);
  });

  it('Ben still has the library, minus what was only Cleo’s', async () => {
    const data = await exportOf(ben.client);
    expect(data.items.map((i) => i.title).sort()).toEqual(['Ada’s essay', 'Cleo’s talked-about link']);
    const talked = data.items.find((i) => i.id === cleoTalked)!;
    expect(talked.added_by.display_name).toBe('Former member');
    expect(talked.comments.map((c) => c.body)).toEqual(['Ben replies']);
    expect(data.members.map((m) => m.display_name).sort()).toEqual(['Ada', 'Ben']);
  });
});
