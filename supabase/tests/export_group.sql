-- Export: export_group gives a member everything they can see in a group (members, items with
-- tags, comments and replies, saved copies, queue places, the queue in order) and nothing of
-- another group; outsiders and other groups are refused; it changes nothing and runs as the
-- member, so row-level security decides what it holds. In pages (p_limit, p_after): the pages
-- joined hold exactly what the one answer holds; a page stops at p_limit items or about 4 MB
-- of saved copies; bad page sizes and markers are refused.
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

-- ---------- export_group ----------
select tests.act_as('18000000-0000-4000-8000-0000000000a2');
create temp table ben_export on commit drop as select public.export_group('18000000-0000-4000-8000-0000000000b1') as e;
select is((select e ->> 'format' from ben_export), 'readclub-export', 'The export says what it is.');
select is((select e -> 'group' ->> 'name' from ben_export), 'Circle', 'The export names the group.');
select is((select e -> 'group' ->> 'my_role' from ben_export), 'member', 'The export says the exporting member''s role.');
select is((select e -> 'exported_by' ->> 'display_name' from ben_export), 'Ben', 'The export says who made it.');
select is((select jsonb_array_length(e -> 'members') from ben_export), 3, 'The export lists all three members.');
select is((select array_agg(i ->> 'title' order by i ->> 'title') from ben_export, jsonb_array_elements(e -> 'items') as i),
  array['An essay', 'Ben''s link', 'Cleo''s quiet link', 'Cleo''s talked-about link'],
  'The export holds every item of the group and none of any other group.');
select is((select array_agg((t ->> 'tag') || ' by ' || (t -> 'added_by' ->> 'display_name') order by t ->> 'tag')
            from ben_export, jsonb_array_elements(e -> 'items') as i, jsonb_array_elements(i -> 'tags') as t
           where i ->> 'id' = '18000000-0000-4000-8000-0000000000c1'),
  array['cleos-tag by Cleo', 'essay by Ada'], 'Each item''s tags say who gave them.');
select is((select array_agg(c ->> 'body' order by ord) from ben_export, jsonb_array_elements(e -> 'items') as i,
                 jsonb_array_elements(i -> 'comments') with ordinality as x(c, ord)
            where i ->> 'id' = '18000000-0000-4000-8000-0000000000c1'),
  array['Ben on the essay', 'Cleo on the essay', 'Ben replies to Cleo'], 'Each item''s comments come oldest first, replies included.');
select is((select c ->> 'parent_id' from ben_export, jsonb_array_elements(e -> 'items') as i, jsonb_array_elements(i -> 'comments') as c
            where c ->> 'body' = 'Ben replies to Cleo'),
  '18000000-0000-4000-8000-0000000000d2', 'A reply says which comment it answers.');
select is((select i ->> 'content_html' from ben_export, jsonb_array_elements(e -> 'items') as i where i ->> 'id' = '18000000-0000-4000-8000-0000000000c1'),
  '<p>Body</p>', 'An article''s saved copy is in the export.');
select is((select i -> 'queue' ->> 'position' from ben_export, jsonb_array_elements(e -> 'items') as i where i ->> 'id' = '18000000-0000-4000-8000-0000000000c1'),
  '1', 'An item''s queue place is in the export.');
select is((select array_agg(q ->> 'title' order by (q ->> 'position')::int) from ben_export, jsonb_array_elements(e -> 'queue') as q),
  array['An essay', 'Ben''s link'], 'The queue is in the export, in order.');

select tests.act_as('18000000-0000-4000-8000-0000000000a5');
select throws_ok($$select public.export_group('18000000-0000-4000-8000-0000000000b1')$$,
  '42501', 'You are not a member of this group.', 'Someone outside the group cannot export it.');
select tests.act_as('18000000-0000-4000-8000-0000000000a2');
select throws_ok($$select public.export_group('18000000-0000-4000-8000-0000000000b3')$$,
  '42501', 'You are not a member of this group.', 'A member cannot export another group.');
select is(provolatile::text, 's', 'export_group changes nothing (stable).') from pg_proc where oid = 'public.export_group(uuid, text, integer)'::regprocedure;
select is(prosecdef, false, 'export_group runs as the member, so row-level security decides what it holds.')
  from pg_proc where oid = 'public.export_group(uuid, text, integer)'::regprocedure;

-- ---------- Pages ----------
-- Ben reads Circle's export one item a page, following each page's marker.
create temp table ben_pages on commit drop as
  with recursive pages (n, page) as (
    select 1, public.export_group('18000000-0000-4000-8000-0000000000b1', null, 1)
    union all
    select n + 1, public.export_group('18000000-0000-4000-8000-0000000000b1', page ->> 'next', 1) from pages where page ->> 'next' is not null)
  select n, page from pages;
select is((select count(*)::int from ben_pages), 4, 'Four items, one a page: four pages.');
select is((select page -> 'next' from ben_pages where n = 4), 'null'::jsonb, 'The last page says no page follows (next is null).');
select is((select jsonb_agg(i order by n, ord) from ben_pages, jsonb_array_elements(page -> 'items') with ordinality as x(i, ord)),
  (select e -> 'items' from ben_export), 'The pages'' items, joined, are the whole export''s items, in the same order.');
select is((select page - 'items' - 'next' from ben_pages where n = 1), (select e - 'items' from ben_export),
  'The first page carries everything else of the export, as the one answer has it.');
select is((select array_agg(k order by k) from ben_pages, jsonb_object_keys(page) as k where n = 2), array['items', 'next'],
  'Later pages hold only items and the next marker.');
select is((select e ? 'next' from ben_export), false, 'The one-answer export (no p_limit) has no page marker.');
select is(jsonb_array_length(public.export_group('18000000-0000-4000-8000-0000000000b1', null, 200) -> 'items'), 4,
  'A page of up to 200 holds the whole small library.');
select throws_ok($$select public.export_group('18000000-0000-4000-8000-0000000000b1', null, 0)$$,
  '22023', 'An export page holds 1 to 200 items.', 'A page of no items is refused.');
select throws_ok($$select public.export_group('18000000-0000-4000-8000-0000000000b1', null, 201)$$,
  '22023', 'An export page holds 1 to 200 items.', 'A page over 200 items is refused.');
select throws_ok($$select public.export_group('18000000-0000-4000-8000-0000000000b1', 'not a marker', 10)$$,
  '22023', 'That export page marker is not valid.', 'A made-up page marker is refused clearly.');
select throws_ok($$select public.export_group('18000000-0000-4000-8000-0000000000b1', (select page ->> 'next' from ben_pages where n = 1))$$,
  '22023', 'An export page marker needs a page size (p_limit).', 'A marker without a page size is refused.');

-- Eve's group gets ten articles with 450 KB saved copies: a page stops before 4 MB of them.
reset role;
insert into app.items (id, group_id, client_id, kind, url, title, content_html, added_by, created_at)
select ('18000000-0000-4000-8000-0000000010' || lpad(n::text, 2, '0'))::uuid, '18000000-0000-4000-8000-0000000000b3', gen_random_uuid(),
       'article', 'https://example.org/long/' || n, 'Long ' || n, '<p>' || repeat('word ', 90000) || '</p>', '18000000-0000-4000-8000-0000000000a5',
       now() + n * interval '1 second'
  from generate_series(1, 10) as n;
select tests.act_as('18000000-0000-4000-8000-0000000000a5');
select is(
  array(select jsonb_array_length(p -> 'items') from (values (public.export_group('18000000-0000-4000-8000-0000000000b3', null, 50))) as x(p)
        union all
        select jsonb_array_length(public.export_group('18000000-0000-4000-8000-0000000000b3',
                 public.export_group('18000000-0000-4000-8000-0000000000b3', null, 50) ->> 'next', 50) -> 'items')),
  array[9, 2],
  'Pages stop at about 4 MB of saved copies (Eve''s link and 8 of 450 KB), however many items were asked for; the next page has the rest.');

select * from finish();
rollback;
