-- The queue: moving one entry relative to the queue as it is now, two
-- members' moves both kept, a move of an entry someone just removed, votes (one per member,
-- taken back, gone with the queue entry), read marks per member, and who may do what.
begin;
set search_path = public, extensions;
select plan(24);

-- The queue's titles in order, as group_queue returns them.
create function tests.order_of(p_queue jsonb) returns text language sql as $$
  select string_agg(e ->> 'title', ',' order by n) from jsonb_array_elements(p_queue -> 'queue') with ordinality as x(e, n)
$$;
grant execute on function tests.order_of(jsonb) to authenticated;

-- Quinn owns "Queue"; Rae is a member; Sol is in no group of theirs. Items A, B, C, D queued 1..4; E not queued.
insert into auth.users (id, email, raw_user_meta_data) values
  ('15000000-0000-4000-8000-0000000000a1', 'quinn@test.test', '{"display_name": "Quinn"}'),
  ('15000000-0000-4000-8000-0000000000a2', 'rae@test.test', '{"display_name": "Rae"}'),
  ('15000000-0000-4000-8000-0000000000a3', 'sol@test.test', '{"display_name": "Sol"}');
insert into app.groups (id, name, created_by) values
  ('15000000-0000-4000-8000-0000000000b1', 'Queue', '15000000-0000-4000-8000-0000000000a1');
insert into app.group_members (group_id, user_id, role) values
  ('15000000-0000-4000-8000-0000000000b1', '15000000-0000-4000-8000-0000000000a2', 'member');
insert into app.items (id, group_id, client_id, kind, url, title, word_count, added_by)
select ('15000000-0000-4000-8000-0000000000c' || n)::uuid, '15000000-0000-4000-8000-0000000000b1', gen_random_uuid(),
       'link', 'https://example.com/' || n, t, 0, '15000000-0000-4000-8000-0000000000a1'
  from (values (1, 'A'), (2, 'B'), (3, 'C'), (4, 'D'), (5, 'E')) as v(n, t);
insert into app.queue_entries (item_id, group_id, position, queued_by)
select ('15000000-0000-4000-8000-0000000000c' || n)::uuid, '15000000-0000-4000-8000-0000000000b1', n * 10,
       '15000000-0000-4000-8000-0000000000a1'
  from generate_series(1, 4) as n;

-- ---------- Moving ----------
select tests.act_as('15000000-0000-4000-8000-0000000000a2');
select is(tests.order_of(public.move_queue_entry('15000000-0000-4000-8000-0000000000c3', '15000000-0000-4000-8000-0000000000c1')),
  'C,A,B,D', 'A member (not only owners and admins) moves an entry before another.');
select is(array(select position from app.queue_entries where group_id = '15000000-0000-4000-8000-0000000000b1' order by position),
  array[1, 2, 3, 4], 'A move renumbers the queue 1..n, closing the old gaps.');
select is(tests.order_of(public.move_queue_entry('15000000-0000-4000-8000-0000000000c3', null)),
  'A,B,D,C', 'Before nothing means to the end.');
select is(tests.order_of(public.move_queue_entry('15000000-0000-4000-8000-0000000000c2', '15000000-0000-4000-8000-0000000000c2')),
  'A,B,D,C', 'Moving an entry before itself changes nothing.');

-- Two members looking at A,B,D,C: Quinn moves D to the top; Rae, who has not seen that, moves A
-- to the end. Each move is relative to the queue as it is when it runs, so both are kept.
select tests.act_as('15000000-0000-4000-8000-0000000000a1');
select is(tests.order_of(public.move_queue_entry('15000000-0000-4000-8000-0000000000c4', '15000000-0000-4000-8000-0000000000c1')),
  'D,A,B,C', 'The first of two members'' moves lands.');
select tests.act_as('15000000-0000-4000-8000-0000000000a2');
select is(tests.order_of(public.move_queue_entry('15000000-0000-4000-8000-0000000000c1', null)),
  'D,B,C,A', 'The second member''s move, made from an older view, keeps the first member''s move.');

-- Quinn takes B off the queue; Rae, still seeing it, tries to move it.
select tests.act_as('15000000-0000-4000-8000-0000000000a1');
select is(tests.order_of(public.unqueue_item('15000000-0000-4000-8000-0000000000c2')), 'D,C,A',
  'unqueue_item takes an entry off and returns the queue.');
select is(tests.order_of(public.unqueue_item('15000000-0000-4000-8000-0000000000c2')), 'D,C,A',
  'Taking off an entry already off changes nothing.');
select ok(exists (select from app.items where id = '15000000-0000-4000-8000-0000000000c2'),
  'An entry taken off the queue stays in the library.');
select tests.act_as('15000000-0000-4000-8000-0000000000a2');
select throws_ok($$select public.move_queue_entry('15000000-0000-4000-8000-0000000000c2', '15000000-0000-4000-8000-0000000000c4')$$,
  'P0001', 'Another member just took that article off the queue, so it cannot be moved.',
  'Moving an entry another member just removed says so plainly.');
select throws_ok($$select public.move_queue_entry('15000000-0000-4000-8000-0000000000c1', '15000000-0000-4000-8000-0000000000c2')$$,
  'P0001', 'The article you moved it next to was just taken off the queue. Look at the queue again and retry.',
  'Moving an entry next to one another member just removed says so plainly.');

-- ---------- Votes ----------
select is(public.vote_item('15000000-0000-4000-8000-0000000000c1', true), '{"votes": 1, "voted": true}'::jsonb,
  'A member votes for a queued item.');
select is(public.vote_item('15000000-0000-4000-8000-0000000000c1', true), '{"votes": 1, "voted": true}'::jsonb,
  'Voting twice is still one vote.');
select tests.act_as('15000000-0000-4000-8000-0000000000a1');
select is(public.vote_item('15000000-0000-4000-8000-0000000000c1', true), '{"votes": 2, "voted": true}'::jsonb,
  'A second member''s vote counts beside the first.');
select is((select e from jsonb_array_elements(public.group_queue('15000000-0000-4000-8000-0000000000b1') -> 'queue') as e
            where e ->> 'title' = 'A') - array['item_id', 'position', 'kind', 'title', 'url', 'site_name', 'added_by',
                                              'queued_by', 'queued_at', 'tags', 'comment_count', 'reading_minutes'],
  '{"votes": 2, "voted": true, "read": false, "read_count": 0}'::jsonb,
  'group_queue carries each entry''s votes, the caller''s vote and read mark.');
select is(public.vote_item('15000000-0000-4000-8000-0000000000c1', false), '{"votes": 1, "voted": false}'::jsonb,
  'A member takes their vote back; the other''s stays.');
select throws_ok($$select public.vote_item('15000000-0000-4000-8000-0000000000c5', true)$$,
  'P0001', 'That article is not in the queue any more, so it takes no votes.', 'An item not queued takes no votes.');
select throws_ok($$insert into app.queue_votes (item_id, group_id, member_id) values
  ('15000000-0000-4000-8000-0000000000c4', '15000000-0000-4000-8000-0000000000b1', '15000000-0000-4000-8000-0000000000a2')$$,
  '42501', null, 'Nobody votes in another member''s name.');
select lives_ok($$select public.unqueue_item('15000000-0000-4000-8000-0000000000c1')$$, 'An item voted for is taken off the queue.');
select is((select count(*)::int from app.queue_votes where item_id = '15000000-0000-4000-8000-0000000000c1'), 0,
  'Its votes go with its queue entry.');

-- ---------- Read marks ----------
select is(public.mark_read('15000000-0000-4000-8000-0000000000c4', true), '{"read": true, "read_count": 1}'::jsonb,
  'A member marks an item read.');
select tests.act_as('15000000-0000-4000-8000-0000000000a2');
select is(public.mark_read('15000000-0000-4000-8000-0000000000c4', true), '{"read": true, "read_count": 2}'::jsonb,
  'Each member has their own read mark.');
select is(public.mark_read('15000000-0000-4000-8000-0000000000c4', false), '{"read": false, "read_count": 1}'::jsonb,
  'Unmarking removes only the caller''s mark.');

-- ---------- Outsiders ----------
select tests.act_as('15000000-0000-4000-8000-0000000000a3');
select throws_ok($$select public.move_queue_entry('15000000-0000-4000-8000-0000000000c4', null)$$,
  '42501', 'You are not a member of this group.', 'Someone outside the group cannot move its queue.');

select * from finish();
rollback;
