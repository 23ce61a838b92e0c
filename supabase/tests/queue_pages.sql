-- Queue pages: group_queue returns one page of the queue, in queue order or most
-- wanted first, with the whole queue's count and reading time; a page holds 1 to 200.
begin;
set search_path = public, extensions;
select plan(23);

-- The titles of a page, in the order it lists them.
create function tests.titles(p_queue jsonb) returns text[] language sql as $$
  select coalesce(array_agg(e ->> 'title' order by n), '{}') from jsonb_array_elements(p_queue -> 'queue') with ordinality as x(e, n)
$$;
grant execute on function tests.titles(jsonb) to authenticated;

-- Uma owns "Pages"; Vic is a member; Wes is in no group. Items T001..T120 are queued 1..120,
-- item n reads n minutes (word_count n * 230). Votes: T005 has two (Uma, Vic), T100 and T007 one each.
insert into auth.users (id, email, raw_user_meta_data) values
  ('23000000-0000-4000-8000-0000000000a1', 'uma@test.test', '{"display_name": "Uma"}'),
  ('23000000-0000-4000-8000-0000000000a2', 'vic@test.test', '{"display_name": "Vic"}'),
  ('23000000-0000-4000-8000-0000000000a3', 'wes@test.test', '{"display_name": "Wes"}');
insert into app.groups (id, name, created_by) values
  ('23000000-0000-4000-8000-0000000000b1', 'Pages', '23000000-0000-4000-8000-0000000000a1');
insert into app.group_members (group_id, user_id, role, joined_at) values
  ('23000000-0000-4000-8000-0000000000b1', '23000000-0000-4000-8000-0000000000a2', 'member', now() - interval '1 day');
insert into app.items (id, group_id, client_id, kind, url, title, added_by, word_count)
select ('23000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, '23000000-0000-4000-8000-0000000000b1', gen_random_uuid(),
       'link', 'https://example.com/' || n, 'T' || lpad(n::text, 3, '0'), '23000000-0000-4000-8000-0000000000a1', n * 230
  from generate_series(1, 120) as n;
insert into app.queue_entries (item_id, group_id, position, queued_by)
select ('23000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, '23000000-0000-4000-8000-0000000000b1', n,
       '23000000-0000-4000-8000-0000000000a1'
  from generate_series(1, 120) as n;

select tests.act_as('23000000-0000-4000-8000-0000000000a1');
select public.vote_item('23000000-0000-4000-8000-000000000005', true);
select public.vote_item('23000000-0000-4000-8000-000000000100', true);
select tests.act_as('23000000-0000-4000-8000-0000000000a2');
select public.vote_item('23000000-0000-4000-8000-000000000005', true);
select public.vote_item('23000000-0000-4000-8000-000000000007', true);

select hasnt_function('public', 'group_queue', array['uuid'],
  'The one-argument group_queue is gone, so PostgREST has one group_queue to call, not two.');

-- ---------- Pages in queue order ----------
select is(jsonb_array_length(public.group_queue('23000000-0000-4000-8000-0000000000b1') -> 'queue'), 50,
  'Called with the group only (as before), group_queue returns the first 50 entries.');
select is((tests.titles(public.group_queue('23000000-0000-4000-8000-0000000000b1')))[1:3], array['T001', 'T002', 'T003'],
  'The default page starts at the head of the queue, in queue order.');
select is(jsonb_array_length(public.group_queue('23000000-0000-4000-8000-0000000000b1', 200) -> 'queue'), 120,
  'A page of up to 200 holds the whole of a 120-entry queue.');
select is(tests.titles(public.group_queue('23000000-0000-4000-8000-0000000000b1', 10, 50)),
  array['T051', 'T052', 'T053', 'T054', 'T055', 'T056', 'T057', 'T058', 'T059', 'T060'],
  'p_limit 10 after p_offset 50 gives entries 51 to 60, in queue order.');
select is(tests.titles(public.group_queue('23000000-0000-4000-8000-0000000000b1', 50, 100)),
  (select array_agg('T' || lpad(n::text, 3, '0') order by n) from generate_series(101, 120) as n),
  'The last page holds only what is left (20 of 50).');
select is(public.group_queue('23000000-0000-4000-8000-0000000000b1', 50, 120) -> 'queue', '[]'::jsonb,
  'A page past the end is empty, not an error.');
select is(
  (select array_agg(t order by t) from (
     select unnest(tests.titles(public.group_queue('23000000-0000-4000-8000-0000000000b1', 50, o))) as t
       from generate_series(0, 100, 50) as o) as pages),
  (select array_agg(i.title order by i.title) from app.items as i where i.group_id = '23000000-0000-4000-8000-0000000000b1'),
  'Three pages of 50 cover every queued item once.');

-- ---------- What the panel says about the whole queue ----------
select is(public.group_queue('23000000-0000-4000-8000-0000000000b1', 5, 10) -> 'total', '120'::jsonb,
  'total counts the whole queue, whichever page is asked for.');
select is((public.group_queue('23000000-0000-4000-8000-0000000000b1', 5, 10) ->> 'total_minutes')::int,
  (select sum(x.m)::int from jsonb_array_elements(public.group_queue('23000000-0000-4000-8000-0000000000b1', 200) -> 'queue') as e,
          lateral (select (e ->> 'reading_minutes')::int as m) as x),
  'total_minutes is the sum of every entry''s reading minutes, not just the page''s.');
select is(public.group_queue('23000000-0000-4000-8000-0000000000b1', 5, 10) - 'queue' - 'group',
  '{"total": 120, "total_minutes": 7260, "offset": 10, "limit": 5, "order": "queue"}'::jsonb,
  'The answer echoes the page it is (offset, limit, order) beside the totals (1 + … + 120 = 7260 minutes).');
select is(public.group_queue('23000000-0000-4000-8000-0000000000b1') -> 'group',
  '{"id": "23000000-0000-4000-8000-0000000000b1", "name": "Pages", "role": "member"}'::jsonb,
  'The group and the caller''s role are there as before.');

-- ---------- Most wanted ----------
select is(tests.titles(public.group_queue('23000000-0000-4000-8000-0000000000b1', 5, 0, 'wanted')),
  array['T005', 'T007', 'T100', 'T001', 'T002'],
  'Most wanted: most votes first, ties (and no votes) in queue order.');
select is(tests.titles(public.group_queue('23000000-0000-4000-8000-0000000000b1', 3, 3, 'wanted')),
  array['T001', 'T002', 'T003'],
  'A later page of most wanted continues where the first left off.');
select is((public.group_queue('23000000-0000-4000-8000-0000000000b1', 1, 0, 'wanted') -> 'queue' -> 0) -> 'votes', '2'::jsonb,
  'Entries in most-wanted order still carry their votes.');
select is(public.group_queue('23000000-0000-4000-8000-0000000000b1', 1, 0, 'wanted') ->> 'total', '120',
  'Most wanted counts the same whole queue.');

-- ---------- Refused ----------
select throws_ok($$select public.group_queue('23000000-0000-4000-8000-0000000000b1', 50, 0, 'newest')$$,
  '22023', 'The queue is ordered by ''queue'' (its own order) or ''wanted'' (most votes first), not ''newest''.',
  'An unknown order is refused with 22023 and says which orders there are.');
select throws_ok($$select public.group_queue('23000000-0000-4000-8000-0000000000b1', 201)$$,
  '22023', 'A page of the queue holds 1 to 200 entries (asked for 201).',
  'A page over 200 entries is refused: one call cannot read a whole large queue.');
select throws_ok($$select public.group_queue('23000000-0000-4000-8000-0000000000b1', 0)$$,
  '22023', 'A page of the queue holds 1 to 200 entries (asked for 0).', 'An empty page is refused.');
select throws_ok($$select public.group_queue('23000000-0000-4000-8000-0000000000b1', 50, -1)$$,
  '22023', 'A page of the queue starts at entry 0 or later (asked for -1).', 'A negative offset is refused.');
select tests.act_as('23000000-0000-4000-8000-0000000000a3');
select throws_ok($$select public.group_queue('23000000-0000-4000-8000-0000000000b1', 10, 0, 'wanted')$$,
  '42501', 'You are not a member of this group.', 'A non-member is refused with 42501, for any page or order.');

-- ---------- The changes that answer with the queue answer with its first page ----------
select tests.act_as('23000000-0000-4000-8000-0000000000a1');
select is(public.unqueue_item('23000000-0000-4000-8000-000000000120') - 'queue' - 'group',
  '{"total": 119, "total_minutes": 7140, "offset": 0, "limit": 50, "order": "queue"}'::jsonb,
  'Taking an item off answers with the first page and totals without it.');

-- ---------- group_news says which news is queued ----------
select tests.act_as('23000000-0000-4000-8000-0000000000a2');
select is(public.group_news('23000000-0000-4000-8000-0000000000b1') -> 'queued',
  (select jsonb_agg(q.item_id order by q.position) from app.queue_entries as q where q.group_id = '23000000-0000-4000-8000-0000000000b1'),
  'group_news lists the queued items among the news (Vic never looked: all 119 queued items are new to him).');

select * from finish();
rollback;
