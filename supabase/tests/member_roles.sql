-- Roles that hold: who changes roles, who removes whom, leaving, the last owner, renaming,
-- deleting a group by its name, the member list and profile, and who may edit or remove
-- items and comments.
begin;
set search_path = public, extensions;
select plan(49);

-- "Essay Club": Olga owns it, Ann is an admin, Mo and Nia are members; Xe is in no group.
insert into auth.users (id, email, raw_user_meta_data) values
  ('08000000-0000-4000-8000-0000000000a1', 'olga@test.test', '{"display_name": "Olga"}'),
  ('08000000-0000-4000-8000-0000000000a2', 'ann@test.test', '{"display_name": "Ann"}'),
  ('08000000-0000-4000-8000-0000000000a3', 'mo@test.test', '{"display_name": "Mo"}'),
  ('08000000-0000-4000-8000-0000000000a4', 'nia@test.test', '{"display_name": "Nia"}'),
  ('08000000-0000-4000-8000-0000000000a5', 'xe@test.test', '{"display_name": "Xe"}');
insert into app.groups (id, name, created_by) values
  ('08000000-0000-4000-8000-0000000000b1', 'Essay Club', '08000000-0000-4000-8000-0000000000a1');
insert into app.group_members (group_id, user_id, role) values
  ('08000000-0000-4000-8000-0000000000b1', '08000000-0000-4000-8000-0000000000a2', 'admin'),
  ('08000000-0000-4000-8000-0000000000b1', '08000000-0000-4000-8000-0000000000a3', 'member'),
  ('08000000-0000-4000-8000-0000000000b1', '08000000-0000-4000-8000-0000000000a4', 'member');
-- Mo's item with Mo's comment and Nia's comment; Nia's item.
insert into app.items (id, group_id, client_id, kind, url, title, added_by) values
  ('08000000-0000-4000-8000-0000000000c1', '08000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'link', 'https://example.org/mo', 'Mo''s link', '08000000-0000-4000-8000-0000000000a3'),
  ('08000000-0000-4000-8000-0000000000c2', '08000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'link', 'https://example.org/nia', 'Nia''s link', '08000000-0000-4000-8000-0000000000a4'),
  ('08000000-0000-4000-8000-0000000000c3', '08000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'link', 'https://example.org/nia2', 'Nia''s other link', '08000000-0000-4000-8000-0000000000a4');
insert into app.comments (id, item_id, group_id, author_id, body) values
  ('08000000-0000-4000-8000-0000000000d1', '08000000-0000-4000-8000-0000000000c1', '08000000-0000-4000-8000-0000000000b1', '08000000-0000-4000-8000-0000000000a3', 'Mo says'),
  ('08000000-0000-4000-8000-0000000000d2', '08000000-0000-4000-8000-0000000000c1', '08000000-0000-4000-8000-0000000000b1', '08000000-0000-4000-8000-0000000000a4', 'Nia says'),
  ('08000000-0000-4000-8000-0000000000d3', '08000000-0000-4000-8000-0000000000c1', '08000000-0000-4000-8000-0000000000b1', '08000000-0000-4000-8000-0000000000a4', 'Nia again');
insert into app.queue_entries (item_id, group_id, position, queued_by) values
  ('08000000-0000-4000-8000-0000000000c1', '08000000-0000-4000-8000-0000000000b1', 1, '08000000-0000-4000-8000-0000000000a3');

-- ---------- The member list and profiles ----------
select tests.act_as('08000000-0000-4000-8000-0000000000a3');
select is(
  public.update_profile('  Mo   Reader ', 'https://img.example.org/mo.png'),
  '{"id": "08000000-0000-4000-8000-0000000000a3", "display_name": "Mo Reader", "avatar_url": "https://img.example.org/mo.png"}'::jsonb,
  'update_profile saves a trimmed name and an https picture.');
select throws_ok($$select public.update_profile('Mo', 'http://img.example.org/mo.png')$$,
  '22023', 'A picture address must start with https:// (at most 2048 characters).', 'A picture that is not https is refused clearly.');
select throws_ok($$select public.update_profile('  ', null)$$,
  '22023', 'A display name needs 1 to 80 characters.', 'A blank name is refused clearly.');
select is(
  (select jsonb_agg(jsonb_build_array(m ->> 'display_name', m ->> 'role', m ->> 'avatar_url'))
     from jsonb_array_elements(public.group_members('08000000-0000-4000-8000-0000000000b1')) as m),
  '[["Olga", "owner", null], ["Ann", "admin", null], ["Mo Reader", "member", "https://img.example.org/mo.png"], ["Nia", "member", null]]'::jsonb,
  'group_members lists owners, admins, then members by name, with their pictures.');
select ok(
  (select bool_and(m ? 'id' and m ? 'joined_at') from jsonb_array_elements(public.group_members('08000000-0000-4000-8000-0000000000b1')) as m),
  'Each member comes with their id and when they joined.');
select tests.act_as('08000000-0000-4000-8000-0000000000a5');
select throws_ok($$select public.group_members('08000000-0000-4000-8000-0000000000b1')$$,
  '42501', 'You are not a member of this group.', 'An outsider cannot list the members.');

-- ---------- Changing roles ----------
select tests.act_as('08000000-0000-4000-8000-0000000000a3');
select throws_ok($$select public.set_member_role('08000000-0000-4000-8000-0000000000b1', '08000000-0000-4000-8000-0000000000a3', 'admin')$$,
  '42501', 'Only the group''s owners and admins can change roles.', 'A member cannot promote themselves through the RPC.');
update app.group_members set role = 'owner' where user_id = '08000000-0000-4000-8000-0000000000a3';
select is(private.group_role('08000000-0000-4000-8000-0000000000b1'), 'member', '… nor by updating the table directly.');

select tests.act_as('08000000-0000-4000-8000-0000000000a2');
select is(
  public.set_member_role('08000000-0000-4000-8000-0000000000b1', '08000000-0000-4000-8000-0000000000a3', 'admin') ->> 'role', 'admin',
  'An admin makes a member an admin.');
select throws_ok($$select public.set_member_role('08000000-0000-4000-8000-0000000000b1', '08000000-0000-4000-8000-0000000000a4', 'owner')$$,
  '42501', 'Only an owner can make or unmake owners.', 'An admin cannot make an owner.');
select throws_ok($$select public.set_member_role('08000000-0000-4000-8000-0000000000b1', '08000000-0000-4000-8000-0000000000a1', 'member')$$,
  '42501', 'Only an owner can make or unmake owners.', 'An admin cannot demote the owner.');
select throws_ok($$select public.set_member_role('08000000-0000-4000-8000-0000000000b1', '08000000-0000-4000-8000-0000000000a4', 'boss')$$,
  '22023', 'A role is owner, admin or member.', 'An unknown role is refused clearly.');
select throws_ok($$select public.set_member_role('08000000-0000-4000-8000-0000000000b1', '08000000-0000-4000-8000-0000000000a5', 'admin')$$,
  'P0001', 'That person is not in this group.', 'Someone outside the group cannot be given a role.');
update app.group_members set role = 'member' where user_id = '08000000-0000-4000-8000-0000000000a1';
select is((select role from app.group_members where user_id = '08000000-0000-4000-8000-0000000000a1'), 'owner',
  'An admin''s direct update cannot demote the owner either.');

select tests.act_as('08000000-0000-4000-8000-0000000000a1');
select is(
  public.set_member_role('08000000-0000-4000-8000-0000000000b1', '08000000-0000-4000-8000-0000000000a2', 'owner') ->> 'role', 'owner',
  'The owner makes Ann a second owner.');
select lives_ok($$select public.set_member_role('08000000-0000-4000-8000-0000000000b1', '08000000-0000-4000-8000-0000000000a1', 'admin')$$,
  'With another owner there, Olga can step down to admin (handing over ownership).');

-- ---------- The last owner ----------
select tests.act_as('08000000-0000-4000-8000-0000000000a2');
select throws_ok($$select public.leave_group('08000000-0000-4000-8000-0000000000b1')$$,
  'P0001', 'You are this group''s last owner: make another member an owner before you leave, or delete the group.',
  'The last owner cannot leave.');
select throws_ok($$select public.set_member_role('08000000-0000-4000-8000-0000000000b1', '08000000-0000-4000-8000-0000000000a2', 'member')$$,
  'P0001', 'A group needs an owner: make another member an owner first.', 'The last owner cannot demote themselves.');
select throws_ok($$delete from app.group_members where user_id = '08000000-0000-4000-8000-0000000000a2'$$,
  'P0001', 'A group needs an owner: make another member an owner first.', 'Nor can they leave by deleting their row.');

-- ---------- Removing and leaving ----------
select tests.act_as('08000000-0000-4000-8000-0000000000a1');
select throws_ok($$select public.remove_member('08000000-0000-4000-8000-0000000000b1', '08000000-0000-4000-8000-0000000000a2')$$,
  '42501', 'Only an owner can remove an owner.', 'An admin cannot remove an owner.');
select tests.act_as('08000000-0000-4000-8000-0000000000a4');
select throws_ok($$select public.remove_member('08000000-0000-4000-8000-0000000000b1', '08000000-0000-4000-8000-0000000000a3')$$,
  '42501', 'Only the group''s owners and admins can remove members.', 'A member cannot remove anyone.');
select lives_ok($$select public.group_queue('08000000-0000-4000-8000-0000000000b1')$$, 'Nia can read the queue while she is a member…');
select tests.act_as('08000000-0000-4000-8000-0000000000a1');
select lives_ok($$select public.remove_member('08000000-0000-4000-8000-0000000000b1', '08000000-0000-4000-8000-0000000000a4')$$,
  '…an admin removes her…');
select tests.act_as('08000000-0000-4000-8000-0000000000a4');
select throws_ok($$select public.group_queue('08000000-0000-4000-8000-0000000000b1')$$,
  '42501', 'You are not a member of this group.', '…and at once she cannot read the queue.');
select is_empty($$select * from app.items where group_id = '08000000-0000-4000-8000-0000000000b1'$$,
  'Nor the library, though two items are hers.');
select is_empty($$select * from public.my_groups()$$, 'The group is gone from her list.');

select tests.act_as('08000000-0000-4000-8000-0000000000a3');
select lives_ok($$select public.leave_group('08000000-0000-4000-8000-0000000000b1')$$, 'Anyone can leave: Mo, an admin, leaves.');
select is_empty($$select * from public.my_groups()$$, 'Mo is no longer in the group.');
select throws_ok($$select public.leave_group('08000000-0000-4000-8000-0000000000b1')$$,
  '42501', 'You are not a member of this group.', 'Leaving a group you are not in says so.');

-- ---------- Items and comments: own, or moderated by owners and admins ----------
reset role;
insert into app.group_members (group_id, user_id, role) values
  ('08000000-0000-4000-8000-0000000000b1', '08000000-0000-4000-8000-0000000000a3', 'member'),
  ('08000000-0000-4000-8000-0000000000b1', '08000000-0000-4000-8000-0000000000a4', 'member');
select tests.act_as('08000000-0000-4000-8000-0000000000a3');
select throws_ok($$select public.delete_item('08000000-0000-4000-8000-0000000000c2')$$,
  '42501', 'Only whoever added this article, or an owner or admin, can remove it.', 'A member cannot remove someone else''s item.');
select throws_ok($$select public.edit_comment('08000000-0000-4000-8000-0000000000d2', 'Mo was here')$$,
  '42501', 'Only its author can edit a comment.', 'A member cannot edit someone else''s comment.');
select throws_ok($$select public.delete_comment('08000000-0000-4000-8000-0000000000d2')$$,
  '42501', 'Only its author, or an owner or admin, can delete a comment.', 'A member cannot delete someone else''s comment.');
select is(public.edit_comment('08000000-0000-4000-8000-0000000000d1', '  Mo says, on reflection ') ->> 'body', 'Mo says, on reflection',
  'An author edits their own comment.');
select throws_ok($$select public.edit_comment('08000000-0000-4000-8000-0000000000d1', ' ')$$,
  '22023', 'Write something before sending the comment.', 'An edit to nothing is refused clearly.');
select lives_ok($$select public.delete_comment('08000000-0000-4000-8000-0000000000d1')$$, 'An author deletes their own comment.');
select throws_ok($$select public.delete_comment('08000000-0000-4000-8000-0000000000d1')$$,
  'P0001', 'That comment is no longer there.', 'Deleting it again says it is gone.');
select tests.act_as('08000000-0000-4000-8000-0000000000a1');
select throws_ok($$select public.edit_comment('08000000-0000-4000-8000-0000000000d2', 'Moderated')$$,
  '42501', 'Only its author can edit a comment.', 'An admin cannot put words in someone''s mouth…');
select lives_ok($$select public.delete_comment('08000000-0000-4000-8000-0000000000d2')$$, '…but can delete their comment.');
select lives_ok($$select public.delete_item('08000000-0000-4000-8000-0000000000c2')$$, 'An admin removes anyone''s item.');
select tests.act_as('08000000-0000-4000-8000-0000000000a4');
select lives_ok($$select public.delete_item('08000000-0000-4000-8000-0000000000c3')$$, 'A member removes their own item.');
select tests.act_as('08000000-0000-4000-8000-0000000000a5');
select throws_ok($$select public.delete_comment('08000000-0000-4000-8000-0000000000d3')$$,
  'P0001', 'That comment is no longer there.', 'To an outsider another group''s comment is simply not there.');

-- ---------- Renaming, describing and deleting the group ----------
select tests.act_as('08000000-0000-4000-8000-0000000000a3');
select throws_ok($$select public.update_group('08000000-0000-4000-8000-0000000000b1', 'Mo''s Club', null)$$,
  '42501', 'Only the group''s owners and admins can rename it or change its description.', 'A member cannot rename the group.');
select tests.act_as('08000000-0000-4000-8000-0000000000a1');
select is(
  public.update_group('08000000-0000-4000-8000-0000000000b1', ' Essay   Club II ', '  Long-form essays, one a fortnight. '),
  '{"id": "08000000-0000-4000-8000-0000000000b1", "name": "Essay Club II", "description": "Long-form essays, one a fortnight."}'::jsonb,
  'An admin renames the group and sets its focus.');
select is(
  (select description from public.my_groups() where id = '08000000-0000-4000-8000-0000000000b1'),
  'Long-form essays, one a fortnight.',
  'my_groups returns the description, so the settings form starts from what is saved.');
select throws_ok($$select public.update_group('08000000-0000-4000-8000-0000000000b1', 'Essay Club', repeat('x', 501))$$,
  '22023', 'A description can be at most 500 characters.', 'An overlong description is refused clearly.');
select throws_ok($$select public.delete_group('08000000-0000-4000-8000-0000000000b1', 'Essay Club II')$$,
  '42501', 'Only an owner can delete the group.', 'An admin cannot delete the group.');
select tests.act_as('08000000-0000-4000-8000-0000000000a2');
select throws_ok($$select public.delete_group('08000000-0000-4000-8000-0000000000b1', 'Essay Club')$$,
  '22023', 'Type the group''s name exactly to delete it.', 'The owner must type the current name exactly.');
select lives_ok($$select public.delete_group('08000000-0000-4000-8000-0000000000b1', 'Essay Club II')$$,
  'With the name typed, the owner deletes the group.');
reset role;
select is(
  (select count(*)::int from app.items where group_id = '08000000-0000-4000-8000-0000000000b1')
  + (select count(*)::int from app.comments where group_id = '08000000-0000-4000-8000-0000000000b1')
  + (select count(*)::int from app.group_members where group_id = '08000000-0000-4000-8000-0000000000b1')
  + (select count(*)::int from app.queue_entries where group_id = '08000000-0000-4000-8000-0000000000b1'),
  0,
  'Its library, comments, queue and memberships went with it.');

select * from finish();
rollback;
