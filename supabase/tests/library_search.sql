-- Search: search_library finds items by title, clipped text, tag and
-- comment, by word prefixes across sources, in the caller's group only; refuses outsiders
-- and empty searches; and with 20,000 items and 20,000 comments in another group, the
-- lookups it makes go through the GIN indexes (the EXPLAIN plan, as JSON, shows them).
begin;
set search_path = public, extensions;
select plan(21);

-- The index nodes of p_sql's plan that read p_index, or what scans p_table instead.
create function tests.plan_nodes(p_sql text, p_table text) returns text[] language plpgsql as $$
declare
  v_plan jsonb;
begin
  execute 'explain (format json) ' || p_sql into v_plan;
  return array(select coalesce(n ->> 'Index Name', n ->> 'Node Type')
                 from jsonb_path_query(v_plan, 'strict $.**') as n
                where jsonb_typeof(n) = 'object'
                  and (n ->> 'Relation Name' = p_table or n ->> 'Node Type' = 'Bitmap Index Scan')
                order by 1);
end $$;
grant execute on function tests.plan_nodes(text, text) to authenticated;

-- Sara's group "Seekers" (Teo a member); Otto's group "Elsewhere" holds 20,000 items.
insert into auth.users (id, email, raw_user_meta_data) values
  ('14000000-0000-4000-8000-0000000000a1', 'sara@test.test', '{"display_name": "Sara"}'),
  ('14000000-0000-4000-8000-0000000000a2', 'teo@test.test', '{"display_name": "Teo"}'),
  ('14000000-0000-4000-8000-0000000000a3', 'otto@test.test', '{"display_name": "Otto"}');
insert into app.groups (id, name, created_by) values
  ('14000000-0000-4000-8000-0000000000b1', 'Seekers', '14000000-0000-4000-8000-0000000000a1'),
  ('14000000-0000-4000-8000-0000000000b2', 'Elsewhere', '14000000-0000-4000-8000-0000000000a3');
insert into app.group_members (group_id, user_id, role) values
  ('14000000-0000-4000-8000-0000000000b1', '14000000-0000-4000-8000-0000000000a2', 'member');
insert into app.items (id, group_id, client_id, kind, url, title, excerpt, content_html, text_length, added_by) values
  ('14000000-0000-4000-8000-0000000000c1', '14000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'article',
   'https://example.com/lead', 'Quiet Leadership', 'On leading without noise.',
   '<p>Managers who <b>listen</b> keep their teams.</p>', 45, '14000000-0000-4000-8000-0000000000a1'),
  ('14000000-0000-4000-8000-0000000000c2', '14000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'article',
   'https://example.com/gardens', 'Städtische Gärten', null,
   '<p>Die Führung durch den Garten.</p>', 30, '14000000-0000-4000-8000-0000000000a2'),
  ('14000000-0000-4000-8000-0000000000c3', '14000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'link',
   'https://example.com/video', 'A talk on bridges', null, null, 0, '14000000-0000-4000-8000-0000000000a2');
insert into app.item_tags (item_id, group_id, tag, added_by) values
  ('14000000-0000-4000-8000-0000000000c3', '14000000-0000-4000-8000-0000000000b1', 'civil engineering', '14000000-0000-4000-8000-0000000000a2');
insert into app.comments (item_id, group_id, author_id, body) values
  ('14000000-0000-4000-8000-0000000000c2', '14000000-0000-4000-8000-0000000000b1', '14000000-0000-4000-8000-0000000000a1', 'Reminds me of Kyoto');
-- Otto's 10,000 articles (one says "leadership" in its title) and 10,000 comments.
insert into app.items (group_id, client_id, kind, url, title, content_html, text_length, added_by)
select '14000000-0000-4000-8000-0000000000b2', gen_random_uuid(), 'article', 'https://example.org/other/' || n,
       case when n = 1 then 'Leadership elsewhere' else 'Other book ' || n end,
       '<p>' || repeat('word' || (n % 97) || ' of other text ', 12) || '</p>', 300, '14000000-0000-4000-8000-0000000000a3'
  from generate_series(1, 10000) as n;
insert into app.comments (item_id, group_id, author_id, body)
select i.id, i.group_id, i.added_by, 'Kyoto notes ' || i.title
  from app.items as i where i.group_id = '14000000-0000-4000-8000-0000000000b2';
insert into app.item_tags (item_id, group_id, tag, added_by)
select i.id, i.group_id, 'topic ' || (row_number() over (order by i.id) % 50), i.added_by
  from app.items as i where i.group_id = '14000000-0000-4000-8000-0000000000b2';
analyze app.items;
analyze app.comments;
analyze app.item_tags;

create function tests.titles(p_query text) returns text[] language sql as $$
  select coalesce(array_agg(h ->> 'title' order by ord), '{}')
    from jsonb_array_elements(public.search_library('14000000-0000-4000-8000-0000000000b1', p_query) -> 'entries') with ordinality as e(h, ord)
$$;
grant execute on function tests.titles(text) to authenticated;
select tests.act_as('14000000-0000-4000-8000-0000000000a2');

select is(tests.titles('leadership'), array['Quiet Leadership'], 'A word of the title finds the item (and nothing of another group).');
select is(tests.titles('lead'), array['Quiet Leadership'], 'Every word is a prefix: "lead" finds "Leadership" and "leading".');
select is(tests.titles('LISTEN'), array['Quiet Leadership'], 'Words of the clipped text are found, whatever their case; the HTML around them is not in the way.');
select is(tests.titles('führung'), array['Städtische Gärten'], 'Words with accents and umlauts in any language are found as written.');
select is(tests.titles('engineer'), array['A talk on bridges'], 'A tag finds its item, by prefix too.');
select is(tests.titles('kyoto'), array['Städtische Gärten'], 'A word of a comment finds its item; other groups'' comments do not count.');
select is(tests.titles('gärten kyoto'), array['Städtische Gärten'], 'Two words found in different places (title and comment) are a match.');
select is(tests.titles('leadership kyoto'), '{}'::text[], 'Every word must be found: one missing, no match.');
select is(tests.titles('b'), array['A talk on bridges'], 'One letter is a prefix too ("bridges"); HTML tag names like <b> are not indexed.');
select is((public.search_library('14000000-0000-4000-8000-0000000000b1', 'quiet') -> 'entries' -> 0 -> 'tags'), '[]'::jsonb,
  'A result carries what the library shows (tags, comment count, queue place…).');
select ok((public.search_library('14000000-0000-4000-8000-0000000000b1', 'quiet') -> 'entries' -> 0 ->> 'rank')::numeric > 0, 'A result carries its rank.');
select throws_ok($$select public.search_library('14000000-0000-4000-8000-0000000000b1', ' *** ')$$, '22023', 'Type a word to search for.',
  'A search with no words says so.');
select is(tests.titles($$'); drop table items; --$$), '{}'::text[], 'SQL typed into the search is only words to look for.');

select throws_ok($$select * from private.search_hits('14000000-0000-4000-8000-0000000000b2', 'leadership', null, 50, 0)$$,
  '42501', 'You are not a member of this group.', 'The definer helper behind the search checks membership itself.');

select tests.act_as('14000000-0000-4000-8000-0000000000a3');
select throws_ok($$select public.search_library('14000000-0000-4000-8000-0000000000b1', 'leadership')$$, '42501',
  'You are not a member of this group.', 'Someone outside the group cannot search it.');
select is(jsonb_array_length(public.search_library('14000000-0000-4000-8000-0000000000b2', 'leadership') -> 'entries'), 1,
  'Otto finds his one item among 10,000.');
reset role;
-- The lookups as private.search_hits runs them (as the tables' owner), in Otto's large group.
select ok(
  'items_search_keys_idx' = any (tests.plan_nodes($$select i.id from app.items as i
     where private.group_search_keys(i.group_id, i.search_text) @@ (private.group_search_term('14000000-0000-4000-8000-0000000000b2', 'leader'))$$, 'items')),
  'In a group of 10,000 articles, a word prefix is looked up within the group in the GIN index keyed by group on items.search_text.');
select ok(
  'comments_search_keys_idx' = any (tests.plan_nodes($$select c.item_id from app.comments as c
     where private.group_search_keys(c.group_id, to_tsvector('simple', c.body))
           @@ (private.group_search_term('14000000-0000-4000-8000-0000000000b2', 'leader'))$$, 'comments')),
  'Among 10,000 comments, a word prefix is looked up in the GIN expression index on their text.');
select ok(
  'item_tags_search_keys_idx' = any (tests.plan_nodes($$select t.item_id from app.item_tags as t
     where private.group_search_keys(t.group_id, to_tsvector('simple', t.tag))
           @@ (private.group_search_term('14000000-0000-4000-8000-0000000000b2', 'engin'))$$, 'item_tags')),
  'Among 10,000 tags, a word prefix is looked up in the GIN expression index on tags.');
-- Why the helper: as a member (RLS), the same lookup cannot use the GIN index (@@ is not leakproof).
select tests.act_as('14000000-0000-4000-8000-0000000000a3');
select ok(
  not 'items_search_keys_idx' = any (tests.plan_nodes($$select i.id from app.items as i
     where private.group_search_keys(i.group_id, i.search_text) @@ (private.group_search_term('14000000-0000-4000-8000-0000000000b2', 'leader'))$$, 'items')),
  'Under RLS the planner does not use the GIN index for @@: the reason search_hits is a definer helper.');
reset role;
select is(
  tests.plan_nodes($$select count(*) from app.items as i where i.title like 'Other%'$$, 'items'), array['Seq Scan'],
  'The plan check does see a sequential scan when there is one, so the index answers above mean something.');

select * from finish();
rollback;
