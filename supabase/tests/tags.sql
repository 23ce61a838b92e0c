-- Tags: normalised as given, removed and listed, renamed and merged across a group; bad tags
-- (emoji, HTML, SQL, a thousand); the library by tag; and nobody outside the group lists or
-- removes them.
begin;
set search_path = public, extensions;
select plan(27);

-- Tara owns "Talk"; Uma is an admin; Vic a member; Wes is in no group of theirs.
insert into auth.users (id, email, raw_user_meta_data) values
  ('13000000-0000-4000-8000-0000000000a1', 'tara@test.test', '{"display_name": "Tara"}'),
  ('13000000-0000-4000-8000-0000000000a2', 'uma@test.test', '{"display_name": "Uma"}'),
  ('13000000-0000-4000-8000-0000000000a3', 'vic@test.test', '{"display_name": "Vic"}'),
  ('13000000-0000-4000-8000-0000000000a4', 'wes@test.test', '{"display_name": "Wes"}');
insert into app.groups (id, name, created_by) values
  ('13000000-0000-4000-8000-0000000000b1', 'Talk', '13000000-0000-4000-8000-0000000000a1');
insert into app.group_members (group_id, user_id, role) values
  ('13000000-0000-4000-8000-0000000000b1', '13000000-0000-4000-8000-0000000000a2', 'admin'),
  ('13000000-0000-4000-8000-0000000000b1', '13000000-0000-4000-8000-0000000000a3', 'member');
insert into app.items (id, group_id, client_id, kind, url, title, content_html, text_length, added_by, created_at) values
  ('13000000-0000-4000-8000-0000000000c1', '13000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'article',
   'https://example.com/walls', 'Walls', '<p>About walls.</p>', 12, '13000000-0000-4000-8000-0000000000a1', now() - interval '2 days'),
  ('13000000-0000-4000-8000-0000000000c2', '13000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'link',
   'https://example.com/doors', 'Doors', null, 0, '13000000-0000-4000-8000-0000000000a3', now() - interval '1 day');

-- ---------- Tags ----------
select tests.act_as('13000000-0000-4000-8000-0000000000a3');
select is(public.tag_item('13000000-0000-4000-8000-0000000000c1', array['  Remote   Work ', '#Essay', 'ESSAY']),
  '["essay", "remote work"]'::jsonb,
  'Tags are normalised as given: trimmed, lower-case, inner spaces collapsed, no #, no duplicates.');
select is(public.tag_item('13000000-0000-4000-8000-0000000000c2', array['essay', '📚 books']),
  '["essay", "📚 books"]'::jsonb, 'An emoji tag is stored as the text it is.');
select is(public.tag_item('13000000-0000-4000-8000-0000000000c2', array[$$'); drop table items; --$$]) -> 0,
  to_jsonb($$'); drop table items; --$$::text), 'A tag that looks like SQL is only text: stored literally, nothing runs.');
select is((select count(*)::int from app.items where group_id = '13000000-0000-4000-8000-0000000000b1'), 2,
  'The items are all still there after the SQL-looking tag.');
select throws_ok($$select public.tag_item('13000000-0000-4000-8000-0000000000c1', array['<script>alert(1)</script>'])$$,
  '22023', 'A tag is plain text: it cannot contain < or > or control characters.',
  'An HTML tag is refused with a message saying what a tag may hold.');
select throws_ok($$select public.tag_item('13000000-0000-4000-8000-0000000000c1', array(select 'tag ' || n from generate_series(1, 1000) as n))$$,
  '22023', 'An article can have at most 20 tags.', 'A thousand tags at once are refused with the per-item limit.');
select throws_ok($$select public.tag_item('13000000-0000-4000-8000-0000000000c1', array(select 't' || n from generate_series(1, 19) as n))$$,
  '22023', 'An article can have at most 20 tags (this one has 2 already).',
  'Tags that would take an item past 20 are refused, saying how many it has.');
select is(public.tag_item('13000000-0000-4000-8000-0000000000c1', array[repeat('é', 40)]) -> -1, to_jsonb(repeat('é', 40)),
  'Forty characters (not bytes) is allowed.');
select throws_ok($$select public.tag_item('13000000-0000-4000-8000-0000000000c1', array[repeat('x', 41)])$$,
  '22023', 'A tag can be at most 40 characters.', 'Forty-one characters are refused.');

select is(public.untag_item('13000000-0000-4000-8000-0000000000c1', ' REMOTE work'), jsonb_build_array('essay', repeat('é', 40)),
  'untag_item removes a tag however it is typed and returns the rest.');
select is(public.untag_item('13000000-0000-4000-8000-0000000000c1', 'remote work'), jsonb_build_array('essay', repeat('é', 40)),
  'Removing a tag the item no longer has changes nothing.');
select throws_ok($$select public.untag_item('13000000-0000-4000-8000-0000000000c1', '   ')$$, '22023', 'Name the tag.',
  'An empty tag to remove is refused.');

select is(public.group_tags('13000000-0000-4000-8000-0000000000b1') -> 0, '{"tag": "essay", "count": 2}'::jsonb,
  'group_tags lists the most used tag first, with how many items carry it.');
select is(jsonb_array_length(public.group_tags('13000000-0000-4000-8000-0000000000b1')), 4,
  'group_tags lists each of the group''s tags once.');
select is(jsonb_array_length(public.group_library('13000000-0000-4000-8000-0000000000b1') -> 'entries'), 2,
  'group_library lists every item of the group.');
select is(public.group_library('13000000-0000-4000-8000-0000000000b1') -> 'entries' -> 0 ->> 'title', 'Doors',
  'The library is newest first.');
select is(public.group_library('13000000-0000-4000-8000-0000000000b1', '📚 Books') -> 'entries' -> 0 ->> 'title', 'Doors',
  'Filtering by a tag (typed any way) keeps only the items carrying it.');
select is(jsonb_array_length(public.group_library('13000000-0000-4000-8000-0000000000b1', '📚 books') -> 'entries'), 1,
  'The filtered library leaves out items without the tag.');

select throws_ok($$select public.rename_tag('13000000-0000-4000-8000-0000000000b1', 'essay', 'essays')$$,
  '42501', 'Only owners and admins can rename a tag.', 'A member cannot rename a tag for the whole group.');

select tests.act_as('13000000-0000-4000-8000-0000000000a2');
select is(public.rename_tag('13000000-0000-4000-8000-0000000000b1', 'Essay', 'Long Reads'), '{"tag": "long reads", "items": 2}'::jsonb,
  'An admin renames a tag on every item that had it.');
select is((select count(*)::int from app.item_tags where group_id = '13000000-0000-4000-8000-0000000000b1' and tag = 'essay'), 0,
  'After a rename no item keeps the old tag.');
select is(public.tag_item('13000000-0000-4000-8000-0000000000c2', array['books']), '["''); drop table items; --", "books", "long reads", "📚 books"]'::jsonb,
  'A second tag is added to merge into.');
select is(public.rename_tag('13000000-0000-4000-8000-0000000000b1', '📚 books', 'books'), '{"tag": "books", "items": 1}'::jsonb,
  'Renaming to a tag that exists merges the two.');
select is(public.item_detail('13000000-0000-4000-8000-0000000000c2') -> 'tags', '["''); drop table items; --", "books", "long reads"]'::jsonb,
  'An item that had both tags keeps one after the merge.');
select throws_ok($$select public.rename_tag('13000000-0000-4000-8000-0000000000b1', 'nothing', 'else')$$,
  'P0001', 'No article in this group has the tag "nothing".', 'Renaming a tag nobody uses says so.');

select tests.act_as('13000000-0000-4000-8000-0000000000a4');
select throws_ok($$select public.group_tags('13000000-0000-4000-8000-0000000000b1')$$, '42501', 'You are not a member of this group.',
  'Someone outside the group cannot list its tags.');
select throws_ok($$select public.untag_item('13000000-0000-4000-8000-0000000000c1', 'essay')$$, '42501', 'You are not a member of this group.',
  'Someone outside the group cannot remove its tags.');

select * from finish();
rollback;
