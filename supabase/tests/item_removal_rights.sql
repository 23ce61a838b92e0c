-- Who may remove an item: one rule, reported as can_delete (item_detail, find_item) and
-- enforced by delete_item: the member who added it, or an owner or admin; its queue place goes
-- with it; someone no longer in the group cannot.
begin;
set search_path = public, extensions;
select plan(14);

-- "Poetry Circle": Olga owns it, Ann is an admin, Mo and Nia are members; Xe is in no group.
insert into auth.users (id, email, raw_user_meta_data) values
  ('12000000-0000-4000-8000-0000000000a1', 'olga@test.test', '{"display_name": "Olga"}'),
  ('12000000-0000-4000-8000-0000000000a2', 'ann@test.test', '{"display_name": "Ann"}'),
  ('12000000-0000-4000-8000-0000000000a3', 'mo@test.test', '{"display_name": "Mo"}'),
  ('12000000-0000-4000-8000-0000000000a4', 'nia@test.test', '{"display_name": "Nia"}'),
  ('12000000-0000-4000-8000-0000000000a5', 'xe@test.test', '{"display_name": "Xe"}');
update app.profiles set avatar_url = 'https://img.example.org/mo.png' where id = '12000000-0000-4000-8000-0000000000a3';
update app.profiles set avatar_url = 'https://img.example.org/xe.png' where id = '12000000-0000-4000-8000-0000000000a5';
insert into app.groups (id, name, created_by) values
  ('12000000-0000-4000-8000-0000000000b1', 'Poetry Circle', '12000000-0000-4000-8000-0000000000a1');
insert into app.group_members (group_id, user_id, role) values
  ('12000000-0000-4000-8000-0000000000b1', '12000000-0000-4000-8000-0000000000a2', 'admin'),
  ('12000000-0000-4000-8000-0000000000b1', '12000000-0000-4000-8000-0000000000a3', 'member'),
  ('12000000-0000-4000-8000-0000000000b1', '12000000-0000-4000-8000-0000000000a4', 'member');
-- Mo's item (queued, with Mo's comment), Nia's two items; Xe clipped one before leaving.
insert into app.items (id, group_id, client_id, kind, url, title, added_by) values
  ('12000000-0000-4000-8000-0000000000c1', '12000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'link', 'https://example.org/mo', 'Mo''s link', '12000000-0000-4000-8000-0000000000a3'),
  ('12000000-0000-4000-8000-0000000000c2', '12000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'link', 'https://example.org/nia', 'Nia''s link', '12000000-0000-4000-8000-0000000000a4'),
  ('12000000-0000-4000-8000-0000000000c3', '12000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'link', 'https://example.org/nia2', 'Nia''s other link', '12000000-0000-4000-8000-0000000000a4'),
  ('12000000-0000-4000-8000-0000000000c4', '12000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'link', 'https://example.org/xe', 'Xe''s link', '12000000-0000-4000-8000-0000000000a5');
insert into app.comments (id, item_id, group_id, author_id, body) values
  ('12000000-0000-4000-8000-0000000000d1', '12000000-0000-4000-8000-0000000000c1', '12000000-0000-4000-8000-0000000000b1', '12000000-0000-4000-8000-0000000000a3', 'Mo says');
insert into app.queue_entries (item_id, group_id, position, queued_by) values
  ('12000000-0000-4000-8000-0000000000c1', '12000000-0000-4000-8000-0000000000b1', 1, '12000000-0000-4000-8000-0000000000a3');

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
select is_empty($$select from app.items where id = '12000000-0000-4000-8000-0000000000c2'$$, '…and it is gone.');

select tests.act_as('12000000-0000-4000-8000-0000000000a2');
select is((public.item_detail('12000000-0000-4000-8000-0000000000c3') ->> 'can_delete')::boolean, true,
  'An admin may remove anyone''s item.');
select lives_ok($$select public.delete_item('12000000-0000-4000-8000-0000000000c3')$$, 'An admin removes Nia''s other item.');
select tests.act_as('12000000-0000-4000-8000-0000000000a1');
select is((public.item_detail('12000000-0000-4000-8000-0000000000c1') ->> 'can_delete')::boolean, true,
  'The owner may remove anyone''s item.');
select lives_ok($$select public.delete_item('12000000-0000-4000-8000-0000000000c1')$$,
  'The owner removes Mo''s queued, commented item…');
select is_empty($$select from app.queue_entries where item_id = '12000000-0000-4000-8000-0000000000c1'$$,
  '…and its queue place goes with it.');

-- A former member's old item: they no longer may remove it (not a member), admins still may.
select tests.act_as('12000000-0000-4000-8000-0000000000a5');
select is(private.can_delete_item('12000000-0000-4000-8000-0000000000c4'), null::boolean,
  'Someone outside the group does not even see the item (null: no such item for them).');
select throws_ok($$select public.delete_item('12000000-0000-4000-8000-0000000000c4')$$,
  '42501', 'You are not a member of this group.', 'An outsider cannot remove an item they once clipped.');

select * from finish();
rollback;
