-- Search results and the library list one page at a time: search_library pages in a stable
-- order (rank, then newest, then id) with the number of matches in all, and each hit carries
-- the passage holding the words (excerpt, clipped copy or comment) with the words marked by
-- U+0002 … U+0003; another group's items never appear, whatever the words; outsiders and the
-- signed-out get nothing. group_library pages past 500 items.
begin;
set search_path = public, extensions;
select plan(28);

-- Rae's group "Readers" (Uma a member); Vic's group "Others", where every item says the same words.
insert into auth.users (id, email, raw_user_meta_data) values
  ('15000000-0000-4000-8000-0000000000a1', 'rae@test.test', '{"display_name": "Rae"}'),
  ('15000000-0000-4000-8000-0000000000a2', 'uma@test.test', '{"display_name": "Uma"}'),
  ('15000000-0000-4000-8000-0000000000a3', 'vic@test.test', '{"display_name": "Vic"}');
insert into app.groups (id, name, created_by) values
  ('15000000-0000-4000-8000-0000000000b1', 'Readers', '15000000-0000-4000-8000-0000000000a1'),
  ('15000000-0000-4000-8000-0000000000b2', 'Others', '15000000-0000-4000-8000-0000000000a3');
insert into app.group_members (group_id, user_id, role) values
  ('15000000-0000-4000-8000-0000000000b1', '15000000-0000-4000-8000-0000000000a2', 'member');
-- 620 sailing articles in Readers (one minute apart, the newest first), 300 in Others.
insert into app.items (id, group_id, client_id, kind, url, title, excerpt, content_html, text_length, added_by, created_at)
select md5('rs-item-' || n)::uuid, '15000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'article',
       'https://example.com/sail/' || n, 'Sailing notes ' || n, 'Notes from the harbour.',
       '<p>Log ' || n || '.</p>', 100, '15000000-0000-4000-8000-0000000000a1', now() - make_interval(mins => n)
  from generate_series(1, 620) as n;
insert into app.items (group_id, client_id, kind, url, title, excerpt, text_length, added_by)
select '15000000-0000-4000-8000-0000000000b2', gen_random_uuid(), 'article', 'https://example.org/sail/' || n,
       'Sailing secrets ' || n, 'Lighthouse keepers and sailing.', 100, '15000000-0000-4000-8000-0000000000a3'
  from generate_series(1, 300) as n;
insert into app.comments (item_id, group_id, author_id, body)
select i.id, i.group_id, i.added_by, 'Lighthouse talk' from app.items as i where i.group_id = '15000000-0000-4000-8000-0000000000b2';
-- Readers' items to find snippets in.
insert into app.items (id, group_id, client_id, kind, url, title, excerpt, content_html, text_length, added_by) values
  ('15000000-0000-4000-8000-0000000000c1', '15000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'article',
   'https://example.com/deep', 'A long read', 'Nothing to see here.',
   '<p>' || repeat('Filler words about nothing in particular. ', 2500) || '</p><p>The <b>lighthouse</b> keeper &amp; his dog</p><p>'
     || repeat('More filler. ', 100) || '</p>', 110000, '15000000-0000-4000-8000-0000000000a1'),
  ('15000000-0000-4000-8000-0000000000c2', '15000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'link',
   'https://example.com/talk', 'Harbour talk', null, null, 0, '15000000-0000-4000-8000-0000000000a1'),
  ('15000000-0000-4000-8000-0000000000c3', '15000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'article',
   'https://example.com/marks', 'Odd characters', E'Tide tables \x02 and <b>tide</b> marks.', null, 0, '15000000-0000-4000-8000-0000000000a1'),
  ('15000000-0000-4000-8000-0000000000c4', '15000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'article',
   'https://example.com/loud', 'Loud letters', null, '<p>They met on the QUAYSIDE at dawn.</p>', 40, '15000000-0000-4000-8000-0000000000a1');
insert into app.comments (item_id, group_id, author_id, body) values
  ('15000000-0000-4000-8000-0000000000c2', '15000000-0000-4000-8000-0000000000b1', '15000000-0000-4000-8000-0000000000a2',
   'We talked about the pier and the old crane.');
insert into app.item_tags (item_id, group_id, tag, added_by)
select md5('rs-item-' || n)::uuid, '15000000-0000-4000-8000-0000000000b1', 'logbook', '15000000-0000-4000-8000-0000000000a1'
  from generate_series(1, 620, 10) as n;

create function tests.search(p_query text, p_offset integer default 0, p_limit integer default 50, p_tag text default null)
returns jsonb language sql as $$
  select public.search_library('15000000-0000-4000-8000-0000000000b1', p_query, p_tag, p_limit, p_offset)
$$;
create function tests.ids(p_page jsonb) returns uuid[] language sql as $$
  select coalesce(array_agg((e ->> 'item_id')::uuid order by o), '{}') from jsonb_array_elements(p_page -> 'entries') with ordinality as x(e, o)
$$;
grant execute on function tests.search(text, integer, integer, text), tests.ids(jsonb) to authenticated;
select tests.act_as('15000000-0000-4000-8000-0000000000a2');

-- ---------- Pages ----------
select is((tests.search('sailing') ->> 'total')::int, 620, 'The total counts every match in the group, not only the page.');
select is(jsonb_array_length(tests.search('sailing') -> 'entries'), 50, 'A page holds 50 hits by default.');
select is(jsonb_array_length(tests.search('sailing', 600) -> 'entries'), 20, 'The last page holds what is left.');
select is(tests.search('sailing', 700) , '{"total": 620, "entries": []}'::jsonb, 'Past the last page: no hits, and still the total.');
select is(
  (select count(distinct id)::int from unnest(tests.ids(tests.search('sailing', 0, 100)) || tests.ids(tests.search('sailing', 100, 100))
     || tests.ids(tests.search('sailing', 200, 100)) || tests.ids(tests.search('sailing', 300, 100))
     || tests.ids(tests.search('sailing', 400, 100)) || tests.ids(tests.search('sailing', 500, 100))
     || tests.ids(tests.search('sailing', 600, 100))) as id),
  620, 'Paging through every page shows each of the 620 hits once: the order is stable.');
select is(tests.ids(tests.search('sailing', 50)), tests.ids(tests.search('sailing', 50)), 'The same page twice is the same hits in the same order.');
select is(tests.ids(tests.search('sailing', 0, 3)),
  array[md5('rs-item-1')::uuid, md5('rs-item-2')::uuid, md5('rs-item-3')::uuid],
  'Equal ranks come newest first.');
select is(jsonb_array_length(tests.search('sailing', 0, 1000) -> 'entries'), 100, 'A page holds at most 100 hits.');
select is((tests.search('sailing', 0, 50, 'Logbook') ->> 'total')::int, 62, 'A tag narrows the search on the server, total included.');

-- ---------- Another group's items ----------
select is((tests.search('lighthouse') -> 'entries' -> 0 ->> 'item_id')::uuid, '15000000-0000-4000-8000-0000000000c1',
  'A word said by 300 items (and their comments) of another group finds only this group''s item.');
select is((tests.search('lighthouse') ->> 'total')::int, 1, '… and counts only it.');
select is((tests.search('secrets') ->> 'total')::int, 0, 'A word only another group''s titles hold finds nothing.');
select is((tests.search('talk lighthouse') ->> 'total')::int, 0, 'Nor do words only another group''s comments hold.');

-- ---------- Snippets ----------
select is(tests.search('harbour', 0, 2) -> 'entries' -> 1 ->> 'snippet', E'Notes from the \x02harbour\x03',
  'A word in the excerpt: the excerpt, the word marked.');
select ok(tests.search('lighthouse') -> 'entries' -> 0 ->> 'snippet' like E'%The \x02lighthouse\x03 keeper & his dog%',
  'A word deep in a long clipped copy (past 100,000 characters): the passage around it, tags taken out, entities as text.');
select ok(length(tests.search('lighthouse') -> 'entries' -> 0 ->> 'snippet') < 400, 'The passage is short, not the copy.');
select is(tests.search('crane') -> 'entries' -> 0 ->> 'snippet', E'We talked about the pier and the old \x02crane\x03',
  'A word in a comment: the comment, the word marked.');
select is(tests.search('harb', 0, 2) -> 'entries' -> 1 ->> 'snippet', E'Notes from the \x02harbour\x03', 'A prefix is marked as the whole word holding it.');
select is(tests.search('quayside') -> 'entries' -> 0 ->> 'snippet', E'They met on the \x02QUAYSIDE\x03 at dawn',
  'A word written in capitals in the copy is found and marked as written.');
select is(tests.search('odd') -> 'entries' -> 0 -> 'snippet', 'null'::jsonb, 'A word only in the title: no snippet (the title is shown).');
select is(tests.search('tide') -> 'entries' -> 0 ->> 'snippet', E'\x02Tide\x03 tables and \x02tide\x03 marks',
  'The text''s own U+0002 is dropped, so only the words found are marked; markup is left out.');

-- ---------- Outsiders ----------
select tests.act_as('15000000-0000-4000-8000-0000000000a3');
select throws_ok($$select tests.search('sailing')$$, '42501', 'You are not a member of this group.',
  'Someone outside the group gets no hits, only the refusal.');
select throws_ok($$select private.search_hits('15000000-0000-4000-8000-0000000000b1', 'sailing', null, 50, 0)$$, '42501',
  'You are not a member of this group.', 'The definer helper refuses them too.');
select tests.signed_out();
select throws_ok($$select tests.search('sailing')$$, '42501', null, 'Signed out: refused.');

-- ---------- The library list, one page at a time ----------
select tests.act_as('15000000-0000-4000-8000-0000000000a2');
select is((public.group_library('15000000-0000-4000-8000-0000000000b1') ->> 'total')::int, 624, 'The library counts all its items.');
select is(
  (select count(distinct id)::int from unnest(
     tests.ids(public.group_library('15000000-0000-4000-8000-0000000000b1', null, 200, 0))
     || tests.ids(public.group_library('15000000-0000-4000-8000-0000000000b1', null, 200, 200))
     || tests.ids(public.group_library('15000000-0000-4000-8000-0000000000b1', null, 200, 400))
     || tests.ids(public.group_library('15000000-0000-4000-8000-0000000000b1', null, 200, 600))) as id),
  624, 'Page after page, every one of the 624 items shows once: past the former 500.');
select is(tests.ids(public.group_library('15000000-0000-4000-8000-0000000000b1', null, 2, 622)),
  array[md5('rs-item-619')::uuid, md5('rs-item-620')::uuid], 'The last page holds the oldest items.');
select is((public.group_library('15000000-0000-4000-8000-0000000000b1', 'logbook', 50, 0) ->> 'total')::int, 62,
  'A tag narrows the list and its total.');

select * from finish();
rollback;
