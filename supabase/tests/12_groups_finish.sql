-- Groups in the extension: pictures beside names in item, queue and comment JSON, the one
-- rule for who may remove an item (reported as can_delete, enforced by delete_item), and
-- my_profile, the profile form's starting point.
begin;
set search_path = public, extensions;
select plan(24);

create schema tests;
grant usage on schema tests to authenticated;
create function tests.act_as(p_uid uuid) returns void language plpgsql as $$
begin
  perform set_config('role', 'authenticated', true);
  perform set_config('request.jwt.claims', json_build_object('sub', p_uid, 'role', 'authenticated')::text, true);
end $$;

-- "Poetry Circle": Olga owns it, Ann is an admin, Mo and Nia are members; Xe is in no group.
insert into auth.users (id, email, raw_user_meta_data) values
  ('12000000-0000-4000-8000-0000000000a1', 'olga@test.test', '{"display_name": "Olga"}'),
  ('12000000-0000-4000-8000-0000000000a2', 'ann@test.test', '{"display_name": "Ann"}'),
  ('12000000-0000-4000-8000-0000000000a3', 'mo@test.test', '{"display_name": "Mo"}'),
  ('12000000-0000-4000-8000-0000000000a4', 'nia@test.test', '{"display_name": "Nia"}'),
  ('12000000-0000-4000-8000-0000000000a5', 'xe@test.test', '{"display_name": "Xe"}');
update public.profiles set avatar_url = 'https://img.example.org/mo.png' where id = '12000000-0000-4000-8000-0000000000a3';
update public.profiles set avatar_url = 'https://img.example.org/xe.png' where id = '12000000-0000-4000-8000-0000000000a5';
insert into public.groups (id, name, created_by) values
  ('12000000-0000-4000-8000-0000000000b1', 'Poetry Circle', '12000000-0000-4000-8000-0000000000a1');
insert into public.group_members (group_id, user_id, role) values
  ('12000000-0000-4000-8000-0000000000b1', '12000000-0000-4000-8000-0000000000a2', 'admin'),
  ('12000000-0000-4000-8000-0000000000b1', '12000000-0000-4000-8000-0000000000a3', 'member'),
  ('12000000-0000-4000-8000-0000000000b1', '12000000-0000-4000-8000-0000000000a4', 'member');
-- Mo's item (queued, with Mo's comment), Nia's two items; Xe clipped one before leaving.
insert into public.items (id, group_id, client_id, kind, url, title, added_by) values
  ('12000000-0000-4000-8000-0000000000c1', '12000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'link', 'https://example.org/mo', 'Mo''s link', '12000000-0000-4000-8000-0000000000a3'),
  ('12000000-0000-4000-8000-0000000000c2', '12000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'link', 'https://example.org/nia', 'Nia''s link', '12000000-0000-4000-8000-0000000000a4'),
  ('12000000-0000-4000-8000-0000000000c3', '12000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'link', 'https://example.org/nia2', 'Nia''s other link', '12000000-0000-4000-8000-0000000000a4'),
  ('12000000-0000-4000-8000-0000000000c4', '12000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'link', 'https://example.org/xe', 'Xe''s link', '12000000-0000-4000-8000-0000000000a5');
insert into public.comments (id, item_id, group_id, author_id, body) values
  ('12000000-0000-4000-8000-0000000000d1', '12000000-0000-4000-8000-0000000000c1', '12000000-0000-4000-8000-0000000000b1', '12000000-0000-4000-8000-0000000000a3', 'Mo says');
insert into public.queue_entries (item_id, group_id, position, queued_by) values
  ('12000000-0000-4000-8000-0000000000c1', '12000000-0000-4000-8000-0000000000b1', 1, '12000000-0000-4000-8000-0000000000a3');

-- ---------- Pictures beside names ----------
select tests.act_as('12000000-0000-4000-8000-0000000000a4');
select is(public.item_detail('12000000-0000-4000-8000-0000000000c1') -> 'item' -> 'added_by',
  '{"id": "12000000-0000-4000-8000-0000000000a3", "display_name": "Mo", "avatar_url": "https://img.example.org/mo.png"}'::jsonb,
  'item_detail''s adder carries their picture.');
select is(public.item_detail('12000000-0000-4000-8000-0000000000c1') -> 'comments' -> 0 -> 'author' ->> 'avatar_url',
  'https://img.example.org/mo.png', 'A comment''s author carries their picture.');
select is(public.group_queue('12000000-0000-4000-8000-0000000000b1') -> 'queue' -> 0 -> 'added_by' ->> 'avatar_url',
  'https://img.example.org/mo.png', 'A queue entry''s adder carries their picture.');
select is(public.item_detail('12000000-0000-4000-8000-0000000000c2') -> 'item' -> 'added_by',
  '{"id": "12000000-0000-4000-8000-0000000000a4", "display_name": "Nia", "avatar_url": null}'::jsonb,
  'Someone without a picture has avatar_url null (the extension shows initials).');
select is(public.item_detail('12000000-0000-4000-8000-0000000000c4') -> 'item' -> 'added_by',
  '{"id": "12000000-0000-4000-8000-0000000000a5", "display_name": "Former member", "avatar_url": null}'::jsonb,
  'Someone who shares no group with the reader shows as "Former member" and their picture stays hidden too.');

-- ---------- Who may remove an item: can_delete matches delete_item ----------
select tests.act_as('12000000-0000-4000-8000-0000000000a4');
select is((public.item_detail('12000000-0000-4000-8000-0000000000c2') ->> 'can_delete')::boolean, true,
  'A member may remove their own item.');
select is((public.item_detail('12000000-0000-4000-8000-0000000000c1') ->> 'can_delete')::boolean, false,
  'A member may not remove someone else''s item.');
select is((public.find_item('12000000-0000-4000-8000-0000000000b1', private.url_hash(private.url_key('https://example.org/mo'))) ->> 'can_delete')::boolean, false,
  'find_item (the popup''s "already saved") says the same.');
select is((public.find_item('12000000-0000-4000-8000-0000000000b1', private.url_hash(private.url_key('https://example.org/nia'))) ->> 'can_delete')::boolean, true,
  '…and for their own item, that they may.');
select throws_ok($$select public.delete_item('12000000-0000-4000-8000-0000000000c1')$$,
  '42501', 'Only whoever added this article, or an owner or admin, can remove it.',
  'delete_item refuses the member what can_delete said no to.');
select lives_ok($$select public.delete_item('12000000-0000-4000-8000-0000000000c2')$$, 'A member removes their own item…');
select is_empty($$select from public.items where id = '12000000-0000-4000-8000-0000000000c2'$$, '…and it is gone.');

select tests.act_as('12000000-0000-4000-8000-0000000000a2');
select is((public.item_detail('12000000-0000-4000-8000-0000000000c3') ->> 'can_delete')::boolean, true,
  'An admin may remove anyone''s item.');
select lives_ok($$select public.delete_item('12000000-0000-4000-8000-0000000000c3')$$, 'An admin removes Nia''s other item.');
select tests.act_as('12000000-0000-4000-8000-0000000000a1');
select is((public.item_detail('12000000-0000-4000-8000-0000000000c1') ->> 'can_delete')::boolean, true,
  'The owner may remove anyone''s item.');
select lives_ok($$select public.delete_item('12000000-0000-4000-8000-0000000000c1')$$,
  'The owner removes Mo''s queued, commented item…');
select is_empty($$select from public.queue_entries where item_id = '12000000-0000-4000-8000-0000000000c1'$$,
  '…and its queue place goes with it.');

-- A former member's old item: they no longer may remove it (not a member), admins still may.
select tests.act_as('12000000-0000-4000-8000-0000000000a5');
select is(private.can_delete_item('12000000-0000-4000-8000-0000000000c4'), null::boolean,
  'Someone outside the group does not even see the item (null: no such item for them).');
select throws_ok($$select public.delete_item('12000000-0000-4000-8000-0000000000c4')$$,
  '42501', 'You are not a member of this group.', 'An outsider cannot remove an item they once clipped.');

-- ---------- my_profile ----------
select tests.act_as('12000000-0000-4000-8000-0000000000a3');
select is(public.my_profile(),
  '{"id": "12000000-0000-4000-8000-0000000000a3", "display_name": "Mo", "avatar_url": "https://img.example.org/mo.png", "name_set": true}'::jsonb,
  'my_profile gives the caller''s own name and picture.');
select lives_ok($$select public.update_profile('Mo Reader', (select public.my_profile() ->> 'avatar_url'))$$,
  'Saving the name with the picture my_profile gave…');
select is(public.my_profile() ->> 'avatar_url', 'https://img.example.org/mo.png', '…keeps the picture.');
reset role;
select set_config('request.jwt.claims', '{"role": "anon"}', true);
select throws_ok($$select public.my_profile()$$, '42501', 'Sign in first.', 'Without a session my_profile says to sign in.');
select is(
  (select array_agg(r.rolname::text order by r.rolname) from pg_roles as r
    where r.rolname in ('anon', 'authenticated') and has_function_privilege(r.oid, 'public.my_profile()', 'execute')),
  array['authenticated'], 'Only signed-in people may call my_profile; anon may not.');

select * from finish();
rollback;
