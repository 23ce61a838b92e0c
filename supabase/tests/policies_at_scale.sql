-- Policies that scale: with 100,000 items in other groups, the queries a member runs reach
-- items through indexes (the EXPLAIN plan, as JSON, has no sequential scan of items), so
-- their cost follows the size of their own group, not of the whole database.
begin;
set search_path = public, extensions;
select plan(9);

-- How the plan of p_sql reaches the items table: 'seq scan' if any node scans it whole,
-- 'index' if every node that reads it is index-driven, 'not read' if none reads it.
create function tests.items_access(p_sql text) returns text language plpgsql as $$
declare
  v_plan jsonb;
  v_nodes text[];
begin
  execute 'explain (format json) ' || p_sql into v_plan;
  v_nodes := array(select n ->> 'Node Type' from jsonb_path_query(v_plan, 'strict $.**') as n
                    where jsonb_typeof(n) = 'object' and n ->> 'Relation Name' = 'items');
  return case
    when cardinality(v_nodes) = 0 then 'not read'
    when 'Seq Scan' = any (v_nodes) then 'seq scan'
    when v_nodes <@ array['Index Scan', 'Index Only Scan', 'Bitmap Heap Scan'] then 'index'
    else array_to_string(v_nodes, ', ') end;
end $$;
grant execute on function tests.items_access(text) to authenticated;

-- Mia's group "Small Circle" has 20 items, 10 queued. 100 other groups (Otto's) hold
-- 100,000 items, a thousand queued in each. Manual entries (no URL) keep the insert fast.
insert into auth.users (id, email, raw_user_meta_data) values
  ('10000000-0000-4000-8000-0000000000a1', 'mia@test.test', '{"display_name": "Mia"}'),
  ('10000000-0000-4000-8000-0000000000a2', 'otto@test.test', '{"display_name": "Otto"}');
insert into app.groups (id, name, created_by) values
  ('10000000-0000-4000-8000-0000000000b1', 'Small Circle', '10000000-0000-4000-8000-0000000000a1');
insert into app.groups (id, name, created_by)
select ('10000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid, 'Other ' || g, '10000000-0000-4000-8000-0000000000a2'
  from generate_series(1, 100) as g;
insert into app.items (group_id, client_id, kind, url, title, added_by)
select ('10000000-0000-4000-8000-' || lpad((1 + n % 100)::text, 12, '0'))::uuid, gen_random_uuid(), 'manual', null,
       'Other book ' || n, '10000000-0000-4000-8000-0000000000a2'
  from generate_series(1, 100000) as n;
insert into app.items (id, group_id, client_id, kind, url, title, added_by)
select ('10000000-0000-4000-8000-0000000c' || lpad(n::text, 4, '0'))::uuid, '10000000-0000-4000-8000-0000000000b1',
       gen_random_uuid(), 'link', 'https://example.org/mine/' || n, 'Mine ' || n, '10000000-0000-4000-8000-0000000000a1'
  from generate_series(1, 20) as n;
insert into app.queue_entries (item_id, group_id, position, queued_by)
select i.id, i.group_id, row_number() over (partition by i.group_id order by i.id), i.added_by
  from app.items as i
 where i.added_by = '10000000-0000-4000-8000-0000000000a2'
    or (i.group_id = '10000000-0000-4000-8000-0000000000b1' and i.title ~ '^Mine ([1-9]|10)$');
analyze app.items;
analyze app.queue_entries;
analyze app.group_members;

select is((select count(*)::int from app.items where added_by = '10000000-0000-4000-8000-0000000000a2'), 100000,
  'There are 100,000 items in other groups.');

-- ---------- As Mia ----------
select tests.act_as('10000000-0000-4000-8000-0000000000a1');

select is((select count(*)::int from app.items), 20, 'Mia sees her group''s 20 items and none of the others.');
select is(
  tests.items_access($$select id, title from app.items order by created_at desc$$), 'index',
  'Her whole library, with no group filter (RLS alone), is read through an index, not a scan of all items.');
select is(
  tests.items_access($$select id, title from app.items where group_id = '10000000-0000-4000-8000-0000000000b1' order by created_at desc limit 50$$),
  'index', 'Her group''s library page is read through an index.');
select is(
  tests.items_access($$select q.position, i.title, i.reading_minutes
                         from app.queue_entries as q join app.items as i on i.id = q.item_id
                        where q.group_id = '10000000-0000-4000-8000-0000000000b1' order by q.position$$),
  'index', 'The queue query (as group_queue runs it) reaches items through an index.');
select is(
  tests.items_access($$select * from app.items where id = '10000000-0000-4000-8000-0000000c0001'$$),
  'index', 'One item (as item_detail reads it) is read through its primary key.');
select is(
  tests.items_access($$select id from app.items
                        where group_id = '10000000-0000-4000-8000-0000000000b1'
                          and (page_key = 'https://example.org/mine/3' or url_key = 'https://example.org/mine/3')$$),
  'index', 'Looking a page up in the library (as clip_item does) uses the group''s URL indexes.');
select is(
  (select count(*)::int from app.queue_entries), 10,
  'Her queue has its 10 entries, and none of the other groups'' 100,000.');
reset role;
select is(
  tests.items_access($$select count(*) from app.items as i where i.title like 'Other%'$$), 'seq scan',
  'The check does see a sequential scan when there is one (no index on title), so ''index'' above means something.');

select * from finish();
rollback;
