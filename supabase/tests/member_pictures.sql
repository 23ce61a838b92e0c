-- Pictures beside names: item, queue and comment JSON carry the adder's or author's picture;
-- someone without one has null (the extension shows initials), and someone who shares no
-- group with the reader shows as "Former member" with no picture.
begin;
set search_path = public, extensions;
select plan(5);

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

select * from finish();
rollback;
