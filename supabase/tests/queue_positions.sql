-- Queue positions stay 1..n with no gaps whenever an entry leaves the queue: taken off
-- (unqueue_item), its item deleted (delete_item), discussed at a finished meeting
-- (finish_meeting), or its item deleted with the account of whoever added and queued it
-- (delete_account). Other groups' queues are left as they are.
begin;
set search_path = public, extensions;
select plan(12);

-- The group's queue as "title@position", in queue order (read past row-level security).
create function tests.queue_of(p_group_id uuid) returns text language sql security definer set search_path = '' as $$
  select coalesce(string_agg(i.title || '@' || q.position, ',' order by q.position), '')
    from app.queue_entries as q join app.items as i on i.id = q.item_id
   where q.group_id = p_group_id
$$;
grant execute on function tests.queue_of(uuid) to authenticated;

-- Olga owns "Shelf"; Max and Nia are members. Items A..F in the library; Nia added E.
-- Max owns "Other", whose queue has a gap of its own (positions 1 and 5).
insert into auth.users (id, email, raw_user_meta_data) values
  ('31000000-0000-4000-8000-0000000000a1', 'olga@test.test', '{"display_name": "Olga"}'),
  ('31000000-0000-4000-8000-0000000000a2', 'max@test.test', '{"display_name": "Max"}'),
  ('31000000-0000-4000-8000-0000000000a3', 'nia@test.test', '{"display_name": "Nia"}');
insert into app.groups (id, name, created_by) values
  ('31000000-0000-4000-8000-0000000000b1', 'Shelf', '31000000-0000-4000-8000-0000000000a1'),
  ('31000000-0000-4000-8000-0000000000b2', 'Other', '31000000-0000-4000-8000-0000000000a2');
insert into app.group_members (group_id, user_id, role) values
  ('31000000-0000-4000-8000-0000000000b1', '31000000-0000-4000-8000-0000000000a2', 'member'),
  ('31000000-0000-4000-8000-0000000000b1', '31000000-0000-4000-8000-0000000000a3', 'member');
insert into app.items (id, group_id, client_id, kind, url, title, word_count, added_by)
select ('31000000-0000-4000-8000-0000000000c' || n)::uuid, '31000000-0000-4000-8000-0000000000b1', gen_random_uuid(),
       'link', 'https://example.com/shelf/' || n, t, 0,
       case when t = 'E' then '31000000-0000-4000-8000-0000000000a3' else '31000000-0000-4000-8000-0000000000a1' end::uuid
  from (values (1, 'A'), (2, 'B'), (3, 'C'), (4, 'D'), (5, 'E'), (6, 'F')) as v(n, t);
insert into app.items (id, group_id, client_id, kind, url, title, word_count, added_by) values
  ('31000000-0000-4000-8000-0000000000d1', '31000000-0000-4000-8000-0000000000b2', gen_random_uuid(), 'link', 'https://example.com/other/1', 'X', 0, '31000000-0000-4000-8000-0000000000a2'),
  ('31000000-0000-4000-8000-0000000000d2', '31000000-0000-4000-8000-0000000000b2', gen_random_uuid(), 'link', 'https://example.com/other/2', 'Y', 0, '31000000-0000-4000-8000-0000000000a2');
insert into app.queue_entries (item_id, group_id, position, queued_by) values
  ('31000000-0000-4000-8000-0000000000d1', '31000000-0000-4000-8000-0000000000b2', 1, '31000000-0000-4000-8000-0000000000a2'),
  ('31000000-0000-4000-8000-0000000000d2', '31000000-0000-4000-8000-0000000000b2', 5, '31000000-0000-4000-8000-0000000000a2');

-- Each member queues what they added, in order A..F.
select tests.act_as('31000000-0000-4000-8000-0000000000a1');
select public.queue_item(('31000000-0000-4000-8000-0000000000c' || n)::uuid) from generate_series(1, 4) as n;
select tests.act_as('31000000-0000-4000-8000-0000000000a3');
select public.queue_item('31000000-0000-4000-8000-0000000000c5');
select tests.act_as('31000000-0000-4000-8000-0000000000a1');
select public.queue_item('31000000-0000-4000-8000-0000000000c6');
select is(tests.queue_of('31000000-0000-4000-8000-0000000000b1'), 'A@1,B@2,C@3,D@4,E@5,F@6', 'Queued A..F at 1..6.');

-- ---------- Taken off ----------
select tests.act_as('31000000-0000-4000-8000-0000000000a2');
select is(array(select (e ->> 'position')::integer
                  from jsonb_array_elements(public.unqueue_item('31000000-0000-4000-8000-0000000000c2') -> 'queue') as e),
  array[1, 2, 3, 4, 5], 'unqueue_item returns the queue numbered 1..n without the gap.');
select is(tests.queue_of('31000000-0000-4000-8000-0000000000b1'), 'A@1,C@2,D@3,E@4,F@5',
  'Taking an entry off moves the ones after it up by one.');
select is(tests.queue_of('31000000-0000-4000-8000-0000000000b2'), 'X@1,Y@5', 'Another group''s queue is left as it was.');

-- ---------- Item deleted ----------
select tests.act_as('31000000-0000-4000-8000-0000000000a1');
select lives_ok($$select public.delete_item('31000000-0000-4000-8000-0000000000c4')$$, 'The owner deletes D.');
select is(tests.queue_of('31000000-0000-4000-8000-0000000000b1'), 'A@1,C@2,E@3,F@4',
  'Deleting a queued item closes its place in the queue.');

-- ---------- Discussed at a meeting ----------
-- The agenda is the top two (A and C); C is discussed.
create temp table meeting on commit drop as
  select (public.schedule_meeting('31000000-0000-4000-8000-0000000000b1', now() + interval '1 day', null, null, null, 2) ->> 'id')::uuid as id;
grant select on meeting to authenticated;
select lives_ok($$select public.record_discussed((select id from meeting), '31000000-0000-4000-8000-0000000000c3', true)$$,
  'C is discussed at the meeting.');
select lives_ok($$select public.finish_meeting((select id from meeting))$$, 'The owner finishes the meeting.');
select is(tests.queue_of('31000000-0000-4000-8000-0000000000b1'), 'A@1,E@2,F@3',
  'Finishing a meeting takes the discussed items off and closes their places.');

-- ---------- Account deleted ----------
-- Nia added and queued E, and nobody else touched it: it goes with her account.
select tests.act_as('31000000-0000-4000-8000-0000000000a3');
select is((public.delete_account('DELETE') ->> 'deleted_items')::integer, 1, 'Nia deletes her account and her item E.');
select is(tests.queue_of('31000000-0000-4000-8000-0000000000b1'), 'A@1,F@2',
  'An item deleted with its member''s account leaves no gap in the queue.');

-- ---------- New entries go right after the last ----------
select tests.act_as('31000000-0000-4000-8000-0000000000a2');
select is((public.queue_item('31000000-0000-4000-8000-0000000000c2') ->> 'position')::integer, 3,
  'An entry queued afterwards takes the next number, n + 1.');

select * from finish();
rollback;
