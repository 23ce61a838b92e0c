-- The outbox sends a kept change again whenever it cannot tell whether the server
-- got it (a worker stopped mid-call, a reply lost). These pin that every change it keeps —
-- untag, vote, read mark, move, take off — is a set: sent twice, it is the same as once,
-- and the second answer is not an error; a change whose article is gone is refused plainly.
begin;
set search_path = public, extensions;
select plan(14);

create function tests.order_of(p_queue jsonb) returns text language sql as $$
  select string_agg(e ->> 'title', ',' order by n) from jsonb_array_elements(p_queue -> 'queue') with ordinality as x(e, n)
$$;
grant execute on function tests.order_of(jsonb) to authenticated;

-- Olga owns "Outbox"; items A, B, C queued 1..3; A tagged focus and work.
insert into auth.users (id, email, raw_user_meta_data) values
  ('19000000-0000-4000-8000-0000000000a1', 'olga@test.test', '{"display_name": "Olga"}');
insert into app.groups (id, name, created_by) values
  ('19000000-0000-4000-8000-0000000000b1', 'Outbox', '19000000-0000-4000-8000-0000000000a1');
insert into app.items (id, group_id, client_id, kind, url, title, word_count, added_by)
select ('19000000-0000-4000-8000-0000000000c' || n)::uuid, '19000000-0000-4000-8000-0000000000b1', gen_random_uuid(),
       'link', 'https://example.com/' || n, t, 0, '19000000-0000-4000-8000-0000000000a1'
  from (values (1, 'A'), (2, 'B'), (3, 'C')) as v(n, t);
insert into app.queue_entries (item_id, group_id, position, queued_by)
select ('19000000-0000-4000-8000-0000000000c' || n)::uuid, '19000000-0000-4000-8000-0000000000b1', n,
       '19000000-0000-4000-8000-0000000000a1'
  from generate_series(1, 3) as n;
insert into app.item_tags (item_id, group_id, tag)
values ('19000000-0000-4000-8000-0000000000c1', '19000000-0000-4000-8000-0000000000b1', 'focus'),
       ('19000000-0000-4000-8000-0000000000c1', '19000000-0000-4000-8000-0000000000b1', 'work');

select tests.act_as('19000000-0000-4000-8000-0000000000a1');

-- ---------- Untag ----------
select is(public.untag_item('19000000-0000-4000-8000-0000000000c1', 'Focus'), '["work"]'::jsonb, 'Untag removes the tag.');
select is(public.untag_item('19000000-0000-4000-8000-0000000000c1', 'Focus'), '["work"]'::jsonb,
  'Untag sent again answers the same, not an error.');

-- ---------- Vote (a set: true or false, never a toggle) ----------
select is(public.vote_item('19000000-0000-4000-8000-0000000000c2', true), '{"votes": 1, "voted": true}'::jsonb, 'Vote on.');
select is(public.vote_item('19000000-0000-4000-8000-0000000000c2', true), '{"votes": 1, "voted": true}'::jsonb,
  'Vote on sent again: still one vote (a toggle would have taken it back).');
select is(public.vote_item('19000000-0000-4000-8000-0000000000c2', false), '{"votes": 0, "voted": false}'::jsonb, 'Vote off.');
select is(public.vote_item('19000000-0000-4000-8000-0000000000c2', false), '{"votes": 0, "voted": false}'::jsonb,
  'Vote off sent again: still none, not an error.');

-- ---------- Read mark ----------
select is(public.mark_read('19000000-0000-4000-8000-0000000000c3', true), '{"read": true, "read_count": 1}'::jsonb, 'Marked read.');
select is(public.mark_read('19000000-0000-4000-8000-0000000000c3', true), '{"read": true, "read_count": 1}'::jsonb,
  'Marked read again: counted once.');

-- ---------- Move (X before Y in the queue as it is then) ----------
select is(tests.order_of(public.move_queue_entry('19000000-0000-4000-8000-0000000000c3', '19000000-0000-4000-8000-0000000000c1')),
  'C,A,B', 'C moves before A.');
select is(tests.order_of(public.move_queue_entry('19000000-0000-4000-8000-0000000000c3', '19000000-0000-4000-8000-0000000000c1')),
  'C,A,B', 'The same move sent again leaves the queue as it was.');

-- ---------- Take off ----------
select is(tests.order_of(public.unqueue_item('19000000-0000-4000-8000-0000000000c2')), 'C,A', 'B taken off.');
select is(tests.order_of(public.unqueue_item('19000000-0000-4000-8000-0000000000c2')), 'C,A',
  'Taking B off again answers the queue, not an error.');

-- ---------- Gone: refused in words the outbox shows (marked failed, blocking nothing) ----------
select throws_ok($$select public.move_queue_entry('19000000-0000-4000-8000-0000000000c2', null)$$,
  'P0001', 'Another member just took that article off the queue, so it cannot be moved.',
  'A kept move of an entry no longer queued is refused with a clear message.');
select throws_ok($$select public.vote_item('19000000-0000-4000-8000-0000000000c2', true)$$,
  'P0001', 'That article is not in the queue any more, so it takes no votes.',
  'A kept vote for an entry no longer queued is refused with a clear message.');

select * from finish();
rollback;
