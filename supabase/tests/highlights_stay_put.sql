-- A highlight stays put: whoever updates the row (here the superuser, as SECURITY DEFINER code
-- would), its passage, item, group, author and client id do not change; its comment does.
-- Deleting the author's account keeps a highlight others replied to, blank and without author.
begin;
set search_path = public, extensions;
select plan(12);

-- Uma owns "Stays" (b1) with items c1 and c2; Tess is a member.
insert into auth.users (id, email, raw_user_meta_data) values
  ('46000000-0000-4000-8000-0000000000a1', 'tess@test.test', '{"display_name": "Tess"}'),
  ('46000000-0000-4000-8000-0000000000a2', 'uma@test.test', '{"display_name": "Uma"}');
insert into app.groups (id, name, created_by) values
  ('46000000-0000-4000-8000-0000000000b1', 'Stays', '46000000-0000-4000-8000-0000000000a2');
insert into app.group_members (group_id, user_id, role) values
  ('46000000-0000-4000-8000-0000000000b1', '46000000-0000-4000-8000-0000000000a1', 'member');
insert into app.items (id, group_id, client_id, kind, url, title, content_html, text_length, added_by) values
  ('46000000-0000-4000-8000-0000000000c1', '46000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'article',
   'https://example.com/tides', 'Tides', '<p>Tides turn twice a day.</p>', 25, '46000000-0000-4000-8000-0000000000a2'),
  ('46000000-0000-4000-8000-0000000000c2', '46000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'article',
   'https://example.com/winds', 'Winds', '<p>Winds blow.</p>', 11, '46000000-0000-4000-8000-0000000000a2');

select tests.act_as('46000000-0000-4000-8000-0000000000a1');
create temporary table marked on commit drop as
  select (public.add_highlight('46000000-0000-4000-8000-0000000000c1', 'turn twice', 'Tides ', ' a day.', 6, 16, 'Why twice?',
          gen_random_uuid()) ->> 'id')::uuid as id;
reset role;
grant select on marked to authenticated;

-- ---------- Only the comment changes ----------
select lives_ok($$update app.highlights set body = 'Why twice, really?' where id = (select id from marked)$$,
  'The comment of a highlight changes.');
select throws_ok($$update app.highlights set exact = 'twice a day' where id = (select id from marked)$$,
  '22023', 'A highlight stays on its passage and with whoever marked it; only its comment changes.',
  'The passage does not change.');
select throws_ok($$update app.highlights set prefix = '', suffix = '' where id = (select id from marked)$$,
  '22023', null, 'Its context does not change.');
select throws_ok($$update app.highlights set start_offset = 0, end_offset = 5 where id = (select id from marked)$$,
  '22023', null, 'Its position does not change.');
select throws_ok($$update app.highlights set item_id = '46000000-0000-4000-8000-0000000000c2' where id = (select id from marked)$$,
  '22023', null, 'It does not move to another item.');
select throws_ok($$update app.highlights set author_id = '46000000-0000-4000-8000-0000000000a2' where id = (select id from marked)$$,
  '22023', null, 'It is not given to another member.');
select throws_ok($$update app.highlights set client_id = gen_random_uuid() where id = (select id from marked)$$,
  '22023', null, 'Its client id (what makes a resend one highlight) does not change.');
select throws_ok($$update app.highlights set exact = 'twice', author_id = null where id = (select id from marked)$$,
  '22023', null, 'Clearing the author does not let the passage change with it.');
select is((select body from app.highlights where id = (select id from marked)), 'Why twice, really?',
  'After the refusals the highlight is as last edited.');

-- ---------- Through the API: the author edits the comment only ----------
select tests.act_as('46000000-0000-4000-8000-0000000000a1');
select lives_ok($$select public.edit_highlight((select id from marked), 'Twice, by the moon.')$$,
  'edit_highlight changes the comment.');
reset role;
select is((select exact || '|' || body from app.highlights where id = (select id from marked)), 'turn twice|Twice, by the moon.',
  'edit_highlight left the passage as marked.');

-- ---------- Deleting the author's account ----------
select tests.act_as('46000000-0000-4000-8000-0000000000a2');
select public.add_comment('46000000-0000-4000-8000-0000000000c1', 'The moon pulls the sea.', gen_random_uuid(), null, (select id from marked));
select tests.act_as('46000000-0000-4000-8000-0000000000a1');
select public.delete_account('DELETE');
reset role;
select is((select jsonb_build_object('exact', exact, 'body', body, 'author', author_id) from app.highlights where id = (select id from marked)),
  '{"exact": "turn twice", "body": "", "author": null}'::jsonb,
  'A highlight others replied to outlives its author''s account: blank, without author, on its passage.');

select * from finish();
rollback;
