/**
 * Membership through supabase.rpc (utils/shared/api-types.ts): Ada invites, Ben previews and joins
 * by a pasted link, joining again is harmless; a wrong code is refused with its own message
 * and the failure is counted (committed although the answer is a 400); Ada makes Ben an
 * admin; Cleo joins and is removed, and at once group_queue refuses her with 42501.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { call, HAS_SCHEMA, ok, signedInClient, signedInMembers, startTestBackend, type TestBackend, uniqueEmail } from './helpers';
import { EMPTY_CLIP } from '../../utils/shared/link-clip';

describe.skipIf(!HAS_SCHEMA)('membership', () => {
  let backend: TestBackend;
  let ada: { client: SupabaseClient; userId: string };
  let ben: { client: SupabaseClient; userId: string };
  let cleo: { client: SupabaseClient; userId: string };
  let group: { id: string; name: string };
  let code: string;

  beforeAll(async () => {
    backend = await startTestBackend();
    [ada, ben, cleo] = await signedInMembers(backend, 'Ada', 'Ben', 'Cleo');
    group = await ok(ada.client, 'create_group', { p_name: 'Membership Circle' });
  });
  afterAll(async () => {
    await backend?.stop();
  });

  it('create_invite gives a long code, its expiry and its limit', async () => {
    const invite = await ok(ada.client, 'create_invite', { p_group_id: group.id, p_expires_in_days: 3, p_max_uses: 2 });
    expect(invite.code).toMatch(/^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){6}$/);
    expect(invite).toMatchObject({ group_id: group.id, max_uses: 2 });
    const days = (Date.parse(invite.expires_at) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(2.9);
    expect(days).toBeLessThan(3.1);
    code = invite.code;
    const open = await ok(ada.client, 'list_invites', { p_group_id: group.id });
    expect(open).toEqual([expect.objectContaining({ hint: code.slice(-4), uses: 0, max_uses: 2 })]);
    expect(JSON.stringify(open)).not.toContain(code.slice(0, 9)); // the code itself is never listed
  });

  it('preview shows only the name and member count; join by link; joining twice is harmless', async () => {
    expect(await ok(ben.client, 'preview_invite', { p_code: code })).toEqual({
      name: 'Membership Circle',
      member_count: 1,
      already_member: false,
    });
    const link = `https://readclub.example/join#${code}`;
    expect(await ok(ben.client, 'join_group', { p_code: link })).toEqual({ id: group.id, name: 'Membership Circle' });
    expect(await ok(ben.client, 'join_group', { p_code: code.toLowerCase() })).toEqual({ id: group.id, name: 'Membership Circle' });
    const [invite] = await ok(ada.client, 'list_invites', { p_group_id: group.id });
    expect(invite?.uses).toBe(1);
  });

  it('a wrong code gets a 400 with its own message, and the failure is still counted', async () => {
    const wrong = await call(cleo.client, 'join_group', { p_code: 'WRNG-WRNG-WRNG' });
    expect(wrong).toMatchObject({ data: null, status: 400, error: { code: 'P0001', message: 'That invite code is not valid.' } });
    // Nine more wrong codes: the tenth refusal in 15 minutes slows Cleo down, even for a good code.
    for (let attempt = 0; attempt < 9; attempt++) await call(cleo.client, 'preview_invite', { p_code: `NOPE-${attempt}` });
    const slowed = await call(cleo.client, 'join_group', { p_code: code });
    expect(slowed.status).toBe(429);
    expect(slowed.error?.message).toMatch(/^Too many wrong codes; try again in 1[45] minutes\.$/);
    expect((await ok(cleo.client, 'my_groups', {})).some((g) => g.id === group.id)).toBe(false);
  });

  it('the owner makes a member an admin, who then sees the invites', async () => {
    expect(await call(ben.client, 'list_invites', { p_group_id: group.id })).toMatchObject({ status: 403, error: { code: '42501' } });
    expect(await ok(ada.client, 'set_member_role', { p_group_id: group.id, p_user_id: ben.userId, p_role: 'admin' })).toEqual({
      group_id: group.id,
      user_id: ben.userId,
      role: 'admin',
    });
    expect(await ok(ben.client, 'list_invites', { p_group_id: group.id })).toHaveLength(1);
    const members = await ok(ben.client, 'group_members', { p_group_id: group.id });
    expect(members.map((m) => [m.display_name, m.role])).toEqual([
      ['Ada', 'owner'],
      ['Ben', 'admin'],
    ]);
  });

  it('a removed member loses access at once: group_queue answers 403 / 42501', async () => {
    const second = await ok(ben.client, 'create_invite', { p_group_id: group.id });
    const dave = await signedInClient(backend, uniqueEmail('dave'), 'Dave');
    await ok(dave.client, 'join_group', { p_code: second.code });
    expect((await call(dave.client, 'group_queue', { p_group_id: group.id })).status).toBe(200);
    await ok(ben.client, 'remove_member', { p_group_id: group.id, p_user_id: dave.userId });
    const refused = await call(dave.client, 'group_queue', { p_group_id: group.id });
    expect(refused).toMatchObject({ data: null, status: 403, error: { code: '42501', message: 'You are not a member of this group.' } });
  });

  it('my_profile, pictures beside names, and can_delete as delete_item decides', async () => {
    await ok(ada.client, 'update_profile', { p_display_name: 'Ada', p_avatar_url: 'https://img.example.org/ada.png' });
    expect(await ok(ada.client, 'my_profile', {})).toEqual({
      id: ada.userId,
      display_name: 'Ada',
      avatar_url: 'https://img.example.org/ada.png',
      name_set: true,
    });
    const invite = await ok(ada.client, 'create_invite', { p_group_id: group.id });
    const eve = await signedInClient(backend, uniqueEmail('eve'), 'Eve');
    await ok(eve.client, 'join_group', { p_code: invite.code });
    const link = (title: string) => ({
      p_client_id: crypto.randomUUID(),
      p_group_id: group.id,
      p_tags: [],
      p_comment: null,
      p_queue: true,
      p_clip: {
        ...EMPTY_CLIP,
        kind: 'link' as const,
        url: `https://example.org/${title}`,
        title,
      },
    });
    const adas = await ok(ada.client, 'clip_item', link('adas'));
    const eves = await ok(eve.client, 'clip_item', link('eves'));
    const seen = await ok(eve.client, 'item_detail', { p_item_id: adas.item_id });
    expect(seen.item.added_by).toEqual({ id: ada.userId, display_name: 'Ada', avatar_url: 'https://img.example.org/ada.png' });
    expect(seen.can_delete).toBe(false);
    expect(await call(eve.client, 'delete_item', { p_item_id: adas.item_id })).toMatchObject({ status: 403, error: { code: '42501' } });
    expect((await ok(eve.client, 'item_detail', { p_item_id: eves.item_id })).can_delete).toBe(true);
    expect((await ok(ben.client, 'item_detail', { p_item_id: eves.item_id })).can_delete).toBe(true); // Ben is an admin
    expect(await call(ben.client, 'delete_item', { p_item_id: eves.item_id })).toMatchObject({ error: null });
    const { queue } = await ok(ada.client, 'group_queue', { p_group_id: group.id });
    expect(queue.map((e) => e.item_id)).toEqual([adas.item_id]);
  });
});
