-- Leaving and deleting an account: leaving a group keeps its library intact; delete_account
-- removes the account and the member's own content, keeps what others engaged with, deletes
-- groups where they were alone, and refuses the last owner of a group that has other members.
begin;
set search_path = public, extensions;
select plan(28);

-- "Circle": Ada owns it, Cleo is an admin, Ben a member. Cleo alone is in "Cleo's Notes".
-- Eve owns "Elsewhere" and is in no other group.
insert into auth.users (id, email, raw_user_meta_data) values
  ('18000000-0000-4000-8000-0000000000a1', 'ada@test.test', '{"display_name": "Ada"}'),
  ('18000000-0000-4000-8000-0000000000a2', 'ben@test.test', '{"display_name": "Ben"}'),
  ('18000000-0000-4000-8000-0000000000a3', 'Cleo@Test.test', '{"display_name": "Cleo"}'),
  ('18000000-0000-4000-8000-0000000000a5', 'eve@test.test', '{"display_name": "Eve"}');
insert into app.groups (id, name, created_by) values
  ('18000000-0000-4000-8000-0000000000b1', 'Circle', '18000000-0000-4000-8000-0000000000a1'),
  ('18000000-0000-4000-8000-0000000000b2', 'Cleo''s Notes', '18000000-0000-4000-8000-0000000000a3'),
  ('18000000-0000-4000-8000-0000000000b3', 'Elsewhere', '18000000-0000-4000-8000-0000000000a5');
insert into app.group_members (group_id, user_id, role) values
  ('18000000-0000-4000-8000-0000000000b1', '18000000-0000-4000-8000-0000000000a2', 'member'),
  ('18000000-0000-4000-8000-0000000000b1', '18000000-0000-4000-8000-0000000000a3', 'admin');
-- c1 Ada's article (tagged by Ada and Cleo, commented by Ben and Cleo, queued by Cleo);
-- c2 Cleo's link, commented by Ben; c3 Cleo's link nobody else touched; c4 Ben's link;
-- c5 in Cleo's own group; c6 in Eve's group.
insert into app.items (id, group_id, client_id, kind, url, title, content_html, added_by) values
  ('18000000-0000-4000-8000-0000000000c1', '18000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'article', 'https://example.org/essay', 'An essay', '<p>Body</p>', '18000000-0000-4000-8000-0000000000a1'),
  ('18000000-0000-4000-8000-0000000000c2', '18000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'link', 'https://example.org/cleo-talked', 'Cleo''s talked-about link', null, '18000000-0000-4000-8000-0000000000a3'),
  ('18000000-0000-4000-8000-0000000000c3', '18000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'link', 'https://example.org/cleo-quiet', 'Cleo''s quiet link', null, '18000000-0000-4000-8000-0000000000a3'),
  ('18000000-0000-4000-8000-0000000000c4', '18000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'link', 'https://example.org/ben', 'Ben''s link', null, '18000000-0000-4000-8000-0000000000a2'),
  ('18000000-0000-4000-8000-0000000000c5', '18000000-0000-4000-8000-0000000000b2', gen_random_uuid(), 'link', 'https://example.org/private', 'Cleo''s private note', null, '18000000-0000-4000-8000-0000000000a3'),
  ('18000000-0000-4000-8000-0000000000c6', '18000000-0000-4000-8000-0000000000b3', gen_random_uuid(), 'link', 'https://example.org/eve', 'Eve''s secret', null, '18000000-0000-4000-8000-0000000000a5');
insert into app.item_tags (item_id, group_id, tag, added_by) values
  ('18000000-0000-4000-8000-0000000000c1', '18000000-0000-4000-8000-0000000000b1', 'essay', '18000000-0000-4000-8000-0000000000a1'),
  ('18000000-0000-4000-8000-0000000000c1', '18000000-0000-4000-8000-0000000000b1', 'cleos-tag', '18000000-0000-4000-8000-0000000000a3'),
  ('18000000-0000-4000-8000-0000000000c3', '18000000-0000-4000-8000-0000000000b1', 'mine', '18000000-0000-4000-8000-0000000000a3');
insert into app.comments (id, item_id, group_id, author_id, body, created_at) values
  ('18000000-0000-4000-8000-0000000000d1', '18000000-0000-4000-8000-0000000000c1', '18000000-0000-4000-8000-0000000000b1', '18000000-0000-4000-8000-0000000000a2', 'Ben on the essay', now() - interval '2 hours'),
  ('18000000-0000-4000-8000-0000000000d2', '18000000-0000-4000-8000-0000000000c1', '18000000-0000-4000-8000-0000000000b1', '18000000-0000-4000-8000-0000000000a3', 'Cleo on the essay', now() - interval '1 hour'),
  ('18000000-0000-4000-8000-0000000000d3', '18000000-0000-4000-8000-0000000000c2', '18000000-0000-4000-8000-0000000000b1', '18000000-0000-4000-8000-0000000000a2', 'Ben on Cleo''s link', now()),
  ('18000000-0000-4000-8000-0000000000d4', '18000000-0000-4000-8000-0000000000c3', '18000000-0000-4000-8000-0000000000b1', '18000000-0000-4000-8000-0000000000a3', 'Cleo to herself', now());
-- Ben replies to Cleo's comment on the essay.
insert into app.comments (id, item_id, group_id, author_id, body, parent_id, created_at) values
  ('18000000-0000-4000-8000-0000000000d5', '18000000-0000-4000-8000-0000000000c1', '18000000-0000-4000-8000-0000000000b1', '18000000-0000-4000-8000-0000000000a2', 'Ben replies to Cleo', '18000000-0000-4000-8000-0000000000d2', now() - interval '30 minutes');
insert into app.queue_entries (item_id, group_id, position, queued_by) values
  ('18000000-0000-4000-8000-0000000000c1', '18000000-0000-4000-8000-0000000000b1', 1, '18000000-0000-4000-8000-0000000000a3'),
  ('18000000-0000-4000-8000-0000000000c4', '18000000-0000-4000-8000-0000000000b1', 2, '18000000-0000-4000-8000-0000000000a2');
insert into app.item_clips (client_id, group_id, item_id, clipped_by, created, queued) values
  ('18000000-0000-4000-8000-0000000000f1', '18000000-0000-4000-8000-0000000000b1', '18000000-0000-4000-8000-0000000000c3', '18000000-0000-4000-8000-0000000000a3', true, false);

-- ---------- Leaving keeps the library intact ----------
reset role;
create temp table library_before on commit drop as
  select (select count(*) from app.items where group_id = '18000000-0000-4000-8000-0000000000b1') as items,
         (select count(*) from app.item_tags where group_id = '18000000-0000-4000-8000-0000000000b1') as tags,
         (select count(*) from app.comments where group_id = '18000000-0000-4000-8000-0000000000b1') as comments,
         (select count(*) from app.queue_entries where group_id = '18000000-0000-4000-8000-0000000000b1') as queued;
grant select on library_before to authenticated;
savepoint before_leaving;
select tests.act_as('18000000-0000-4000-8000-0000000000a2');
select lives_ok($$select public.leave_group('18000000-0000-4000-8000-0000000000b1')$$, 'Ben leaves Circle.');
select throws_ok($$select public.export_group('18000000-0000-4000-8000-0000000000b1')$$,
  '42501', 'You are not a member of this group.', 'Once he has left, Ben can no longer export the group.');
select tests.act_as('18000000-0000-4000-8000-0000000000a1');
select is((select count(*) from app.items where group_id = '18000000-0000-4000-8000-0000000000b1'),
  (select items from library_before),
  'After Ben leaves, Ada still sees every item, his included.');
select is((select count(*) from app.comments where group_id = '18000000-0000-4000-8000-0000000000b1'),
  (select comments from library_before), 'After Ben leaves, his comments are still there.');
select is((select count(*) from app.item_tags where group_id = '18000000-0000-4000-8000-0000000000b1'),
  (select tags from library_before), 'After Ben leaves, every tag is still there.');
select is((select array_agg(item_id order by position) from app.queue_entries where group_id = '18000000-0000-4000-8000-0000000000b1'),
  array['18000000-0000-4000-8000-0000000000c1', '18000000-0000-4000-8000-0000000000c4']::uuid[],
  'After Ben leaves, the queue keeps his item in its place.');
reset role;
rollback to savepoint before_leaving;

-- ---------- delete_account: refusals ----------
select tests.act_as('18000000-0000-4000-8000-0000000000a3');
select throws_ok($$select public.delete_account('delete')$$,
  '22023', 'Type DELETE or your email address to delete your account.', 'Deleting needs DELETE typed exactly (or the email).');
select throws_ok($$select public.delete_account(null)$$,
  '22023', 'Type DELETE or your email address to delete your account.', 'Deleting with nothing typed is refused.');
select tests.act_as('18000000-0000-4000-8000-0000000000a1');
select throws_ok($$select public.delete_account('DELETE')$$,
  'P0001', 'You are the last owner of Circle: make another member an owner first, or delete the group.',
  'The last owner of a group with other members is told to hand it over first.');
select ok(exists (select from app.groups where id = '18000000-0000-4000-8000-0000000000b1'), 'The refused deletion changed nothing.');
reset role;
select is(
  array(select format('%s.%s', c.conrelid::regclass, a.attname)
          from pg_constraint as c
          join pg_attribute as a on a.attrelid = c.conrelid and a.attnum = any (c.conkey)
         where c.contype = 'f' and c.confrelid in ('app.profiles'::regclass, 'auth.users'::regclass)
           and c.confdeltype not in ('c', 'n')
         order by 1),
  '{}'::text[],
  'Everything that points at a person is deleted or forgets them when their account goes, so deleting never fails.');

-- ---------- delete_account: Cleo deletes hers (typing her email in another case) ----------
select tests.act_as('18000000-0000-4000-8000-0000000000a3');
select is(public.delete_account('  cleo@test.TEST '),
  '{"deleted_groups": 1, "deleted_comments": 2, "deleted_highlights": 0, "deleted_items": 1, "kept_items": 1}'::jsonb,
  'Cleo deletes her account by typing her email; the answer counts what went and what stayed.');
reset role;
select ok(not exists (select from auth.users where id = '18000000-0000-4000-8000-0000000000a3'), 'Her sign-in (auth.users row) is gone.');
select ok(not exists (select from app.profiles where id = '18000000-0000-4000-8000-0000000000a3'), 'Her profile is gone.');
select ok(not exists (select from app.group_members where user_id = '18000000-0000-4000-8000-0000000000a3'), 'Her memberships are gone.');
select ok(not exists (select from app.groups where id = '18000000-0000-4000-8000-0000000000b2'), 'The group where she was the only member is gone.');
select ok(not exists (select from app.items where id = '18000000-0000-4000-8000-0000000000c5'), 'That group''s library went with it.');
select is((select array_agg(body order by body) from app.comments where group_id = '18000000-0000-4000-8000-0000000000b1' and deleted_at is null),
  array['Ben on Cleo''s link', 'Ben on the essay', 'Ben replies to Cleo'], 'Her comments are gone; Ben''s stay, his reply to her included.');
select is((select jsonb_build_object('body', body, 'author', author_id, 'deleted', deleted_at is not null) from app.comments
            where id = '18000000-0000-4000-8000-0000000000d2'),
  '{"body": "", "author": null, "deleted": true}'::jsonb,
  'Her comment Ben replied to stays as a blank placeholder with no author, so the thread holds.');
select is((select array_agg(tag order by tag) from app.item_tags where group_id = '18000000-0000-4000-8000-0000000000b1'),
  array['essay'], 'The tags she gave are gone; Ada''s stays.');
select ok(not exists (select from app.items where id = '18000000-0000-4000-8000-0000000000c3'), 'Her item nobody else touched is gone.');
select is((select added_by from app.items where id = '18000000-0000-4000-8000-0000000000c2'), null::uuid,
  'Her item Ben commented on stays, no longer saying who added it.');
select is((select queued_by from app.queue_entries where item_id = '18000000-0000-4000-8000-0000000000c1'), null::uuid,
  'Ada''s item she queued keeps its queue place.');
select is((select role from app.group_members where group_id = '18000000-0000-4000-8000-0000000000b1' and user_id = '18000000-0000-4000-8000-0000000000a1'),
  'owner', 'Circle keeps its owner.');

-- A token issued before the deletion still verifies until it expires: it reaches nothing.
select tests.act_as('18000000-0000-4000-8000-0000000000a3');
select is((select count(*) from public.my_groups()), 0::bigint, 'Her old token sees no group.');
select throws_ok($$select public.delete_account('DELETE')$$,
  'P0001', 'This account has already been deleted.', 'Deleting twice says it is already deleted.');

-- ---------- The owner hands over, then deletes ----------
select tests.act_as('18000000-0000-4000-8000-0000000000a1');
select public.set_member_role('18000000-0000-4000-8000-0000000000b1', '18000000-0000-4000-8000-0000000000a2', 'owner');
select lives_ok($$select public.delete_account('DELETE')$$, 'Once Ben is an owner too, Ada can delete her account.');
select tests.act_as('18000000-0000-4000-8000-0000000000a2');
select is((select array_agg(i ->> 'title' order by i ->> 'title') from jsonb_array_elements(public.export_group('18000000-0000-4000-8000-0000000000b1') -> 'items') as i),
  array['An essay', 'Ben''s link', 'Cleo''s talked-about link'],
  'Ben, the owner now, still has the essay everyone talked about, his link and the link he commented on.');

select * from finish();
rollback;
