-- A non-member can neither read nor write a group's rows: not through the tables, not
-- through the RPCs. Each refusal is paired with a member doing the same thing successfully.
begin;
set search_path = public, extensions;
select plan(35);

-- Olga owns "Group G" with one clipped, tagged, commented, queued item. Xavier owns "Group H".
insert into auth.users (id, email, raw_user_meta_data) values
  ('01000000-0000-4000-8000-0000000000a1', 'olga@test.test', '{"display_name": "Olga"}'),
  ('01000000-0000-4000-8000-0000000000a2', 'xavier@test.test', '{"display_name": "Xavier"}');
insert into app.groups (id, name, created_by) values
  ('01000000-0000-4000-8000-0000000000b1', 'Group G', '01000000-0000-4000-8000-0000000000a1'),
  ('01000000-0000-4000-8000-0000000000b2', 'Group H', '01000000-0000-4000-8000-0000000000a2');
insert into app.group_invites (code_hash, hint, group_id) values (sha256('GROUPGCODE'), 'CODE', '01000000-0000-4000-8000-0000000000b1');
insert into app.items (id, group_id, client_id, kind, url, title, text_length, added_by) values
  ('01000000-0000-4000-8000-0000000000c1', '01000000-0000-4000-8000-0000000000b1', gen_random_uuid(),
   'article', 'https://example.org/secret', 'G''s article', 1000, '01000000-0000-4000-8000-0000000000a1');
insert into app.item_tags (item_id, group_id, tag, added_by) values
  ('01000000-0000-4000-8000-0000000000c1', '01000000-0000-4000-8000-0000000000b1', 'private', '01000000-0000-4000-8000-0000000000a1');
insert into app.comments (id, item_id, group_id, author_id, body) values
  ('01000000-0000-4000-8000-0000000000d1', '01000000-0000-4000-8000-0000000000c1', '01000000-0000-4000-8000-0000000000b1',
   '01000000-0000-4000-8000-0000000000a1', 'Only for G');
insert into app.queue_entries (item_id, group_id, position, queued_by) values
  ('01000000-0000-4000-8000-0000000000c1', '01000000-0000-4000-8000-0000000000b1', 1, '01000000-0000-4000-8000-0000000000a1');
insert into app.item_clips (client_id, group_id, item_id, clipped_by, created, queued) values
  (gen_random_uuid(), '01000000-0000-4000-8000-0000000000b1', '01000000-0000-4000-8000-0000000000c1',
   '01000000-0000-4000-8000-0000000000a1', true, true);

-- ---------- The member sees it all (so the refusals below are about membership) ----------
select tests.act_as('01000000-0000-4000-8000-0000000000a1');
select results_eq(
  $$select (select count(*) from app.groups where id = '01000000-0000-4000-8000-0000000000b1')
         + (select count(*) from app.group_members where group_id = '01000000-0000-4000-8000-0000000000b1')
         + (select count(*) from app.group_invites where group_id = '01000000-0000-4000-8000-0000000000b1')
         + (select count(*) from app.items where group_id = '01000000-0000-4000-8000-0000000000b1')
         + (select count(*) from app.item_tags where group_id = '01000000-0000-4000-8000-0000000000b1')
         + (select count(*) from app.comments where group_id = '01000000-0000-4000-8000-0000000000b1')
         + (select count(*) from app.queue_entries where group_id = '01000000-0000-4000-8000-0000000000b1')
         + (select count(*) from app.item_clips where group_id = '01000000-0000-4000-8000-0000000000b1')$$,
  array[8::bigint],
  'The owner reads one row from each of G''s eight tables.');
select lives_ok($$select public.group_queue('01000000-0000-4000-8000-0000000000b1')$$, 'The owner can read G''s queue.');
select lives_ok($$select public.item_detail('01000000-0000-4000-8000-0000000000c1')$$, 'The owner can read G''s item.');

-- ---------- Xavier, not a member: tables ----------
select tests.act_as('01000000-0000-4000-8000-0000000000a2');
select is_empty($$select * from app.groups where id = '01000000-0000-4000-8000-0000000000b1'$$, 'A non-member cannot read the group.');
select is_empty($$select * from app.group_members where group_id = '01000000-0000-4000-8000-0000000000b1'$$, 'A non-member cannot see who is in the group.');
select is_empty($$select * from app.group_invites where group_id = '01000000-0000-4000-8000-0000000000b1'$$, 'A non-member cannot read the group''s invite codes.');
select is_empty($$select * from app.items where group_id = '01000000-0000-4000-8000-0000000000b1'$$, 'A non-member cannot read the group''s items.');
select is_empty($$select * from app.item_tags where group_id = '01000000-0000-4000-8000-0000000000b1'$$, 'A non-member cannot read the group''s tags.');
select is_empty($$select * from app.comments where group_id = '01000000-0000-4000-8000-0000000000b1'$$, 'A non-member cannot read the group''s comments.');
select is_empty($$select * from app.queue_entries where group_id = '01000000-0000-4000-8000-0000000000b1'$$, 'A non-member cannot read the group''s queue.');
select is_empty($$select * from app.item_clips where group_id = '01000000-0000-4000-8000-0000000000b1'$$, 'A non-member cannot read the group''s clip history.');
select is_empty($$select * from app.profiles where id = '01000000-0000-4000-8000-0000000000a1'$$, 'A non-member cannot read the profile of someone they share no group with.');

select throws_ok(
  $$insert into app.items (group_id, client_id, kind, url, title, added_by) values
    ('01000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'link', 'https://example.org/x', 'x', '01000000-0000-4000-8000-0000000000a2')$$,
  '42501', null, 'A non-member cannot add an item to the group''s library.');
select throws_ok(
  $$insert into app.item_tags (item_id, group_id, tag, added_by) values
    ('01000000-0000-4000-8000-0000000000c1', '01000000-0000-4000-8000-0000000000b1', 'spam', '01000000-0000-4000-8000-0000000000a2')$$,
  '42501', null, 'A non-member cannot tag the group''s items.');
select throws_ok(
  $$insert into app.comments (item_id, group_id, author_id, body) values
    ('01000000-0000-4000-8000-0000000000c1', '01000000-0000-4000-8000-0000000000b1', '01000000-0000-4000-8000-0000000000a2', 'hi')$$,
  '42501', null, 'A non-member cannot comment on the group''s items.');
select throws_ok(
  $$insert into app.group_members (group_id, user_id, role) values
    ('01000000-0000-4000-8000-0000000000b1', '01000000-0000-4000-8000-0000000000a2', 'member')$$,
  '42501', null, 'A non-member cannot add themselves to the group.');
select throws_ok(
  $$insert into app.group_invites (code_hash, hint, group_id, created_by) values
    (sha256('XAVIERCODE'), 'CODE', '01000000-0000-4000-8000-0000000000b1', '01000000-0000-4000-8000-0000000000a2')$$,
  '42501', null, 'A non-member cannot make an invite code for the group.');

-- Writes that find no visible rows change nothing (checked below as the owner of the tables).
select throws_ok($$update app.items set title = 'Hacked' where group_id = '01000000-0000-4000-8000-0000000000b1'$$,
  '42501', null, 'Nobody signed in may update items directly (no UPDATE privilege on app.items).');
update app.comments set body = 'Hacked' where group_id = '01000000-0000-4000-8000-0000000000b1';
update app.groups set name = 'Hacked' where id = '01000000-0000-4000-8000-0000000000b1';
update app.queue_entries set position = 99 where group_id = '01000000-0000-4000-8000-0000000000b1';
delete from app.item_tags where group_id = '01000000-0000-4000-8000-0000000000b1';
delete from app.queue_entries where group_id = '01000000-0000-4000-8000-0000000000b1';
select throws_ok($$delete from app.comments where group_id = '01000000-0000-4000-8000-0000000000b1'$$,
  '42501', null, 'Nobody signed in may delete comments directly (delete_comment does it).');
delete from app.items where group_id = '01000000-0000-4000-8000-0000000000b1';
delete from app.group_members where group_id = '01000000-0000-4000-8000-0000000000b1';

-- ---------- Xavier, not a member: RPCs ----------
select throws_ok($$select public.group_queue('01000000-0000-4000-8000-0000000000b1')$$,
  '42501', 'You are not a member of this group.', 'group_queue refuses a non-member with 42501 and a clear message.');
select throws_ok($$select public.item_detail('01000000-0000-4000-8000-0000000000c1')$$,
  'P0001', 'That article is no longer in the library.', 'item_detail refuses a non-member as if there were no such item.');
select throws_ok($$select public.add_comment('01000000-0000-4000-8000-0000000000c1', 'Let me in')$$,
  '42501', 'You are not a member of this group.', 'add_comment refuses a non-member.');
select throws_ok($$select public.create_invite('01000000-0000-4000-8000-0000000000b1')$$,
  '42501', 'You are not a member of this group.', 'create_invite refuses a non-member.');
select throws_ok(
  $$select public.clip_item(gen_random_uuid(), '01000000-0000-4000-8000-0000000000b1',
      '{"kind": "link", "url": "https://example.org/y", "title": "y", "text_length": 0}'::jsonb, array['t'], 'c', true)$$,
  '42501', 'You are not a member of this group.', 'clip_item refuses a non-member.');
select is(
  array(select name from public.my_groups()), array['Group H'],
  'my_groups lists only the caller''s own groups.');
select throws_ok($$select public.item_detail('01000000-0000-4000-8000-0000000000ff')$$,
  'P0001', 'That article is no longer in the library.', 'item_detail of an item that does not exist says so.');

-- ---------- Nothing changed ----------
reset role;
select is((select title from app.items where id = '01000000-0000-4000-8000-0000000000c1'), 'G''s article', 'The item is untouched.');
select is((select body from app.comments where id = '01000000-0000-4000-8000-0000000000d1'), 'Only for G', 'The comment is untouched.');
select is((select name from app.groups where id = '01000000-0000-4000-8000-0000000000b1'), 'Group G', 'The group name is untouched.');
select is((select position from app.queue_entries where item_id = '01000000-0000-4000-8000-0000000000c1'), 1, 'The queue entry is untouched.');
select is((select count(*)::int from app.item_tags where group_id = '01000000-0000-4000-8000-0000000000b1'), 1, 'The tag is still there.');
select is(
  (select count(*)::int from app.group_members where group_id = '01000000-0000-4000-8000-0000000000b1'), 1,
  'G still has only its owner.');
select is((select count(*)::int from app.items where url = 'https://example.org/y'), 0, 'The refused clip left no item.');

-- ---------- Signed out (anon): not even the functions ----------
set local role anon;
select throws_ok($$select * from public.my_groups()$$, '42501', null, 'Signed out, my_groups is refused (42501: signed-in only).');
select throws_ok($$select * from app.items$$, '42501', null, 'Signed out, the items table is refused.');

select * from finish();
rollback;
