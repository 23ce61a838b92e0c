-- Meetings: scheduling (future only, owners and admins, one at a time), the
-- agenda from the top of the queue and its edits, discussed items with takeaways, finishing
-- (discussed items leave the queue, the rest carry over), past meetings, cancelling.
begin;
set search_path = public, extensions;
select plan(23);

create function tests.titles(p_meeting jsonb) returns text language sql as $$
  select string_agg(a ->> 'title', ',' order by n) from jsonb_array_elements(p_meeting -> 'agenda') with ordinality as x(a, n)
$$;
grant execute on function tests.titles(jsonb) to authenticated;
create table tests.ids (label text primary key, id uuid);
grant select, insert on tests.ids to authenticated;

-- Mia owns "Meet"; Ned is a member; Oz is in no group of theirs. A..F queued 1..6.
insert into auth.users (id, email, raw_user_meta_data) values
  ('16000000-0000-4000-8000-0000000000a1', 'mia@test.test', '{"display_name": "Mia"}'),
  ('16000000-0000-4000-8000-0000000000a2', 'ned@test.test', '{"display_name": "Ned"}'),
  ('16000000-0000-4000-8000-0000000000a3', 'oz@test.test', '{"display_name": "Oz"}');
insert into app.groups (id, name, created_by) values
  ('16000000-0000-4000-8000-0000000000b1', 'Meet', '16000000-0000-4000-8000-0000000000a1');
insert into app.group_members (group_id, user_id, role) values
  ('16000000-0000-4000-8000-0000000000b1', '16000000-0000-4000-8000-0000000000a2', 'member');
insert into app.items (id, group_id, client_id, kind, url, title, added_by)
select ('16000000-0000-4000-8000-0000000000c' || n)::uuid, '16000000-0000-4000-8000-0000000000b1', gen_random_uuid(),
       'link', 'https://example.com/' || n, t, '16000000-0000-4000-8000-0000000000a1'
  from (values (1, 'A'), (2, 'B'), (3, 'C'), (4, 'D'), (5, 'E'), (6, 'F')) as v(n, t);
insert into app.queue_entries (item_id, group_id, position, queued_by)
select ('16000000-0000-4000-8000-0000000000c' || n)::uuid, '16000000-0000-4000-8000-0000000000b1', n,
       '16000000-0000-4000-8000-0000000000a1'
  from generate_series(1, 6) as n;

-- ---------- Scheduling ----------
select tests.act_as('16000000-0000-4000-8000-0000000000a2');
select throws_ok($$select public.schedule_meeting('16000000-0000-4000-8000-0000000000b1', now() + interval '1 day')$$,
  '42501', 'Only owners and admins schedule meetings.', 'A member cannot schedule a meeting; the message says who can.');
select tests.act_as('16000000-0000-4000-8000-0000000000a1');
select throws_ok($$select public.schedule_meeting('16000000-0000-4000-8000-0000000000b1', now() - interval '1 hour')$$,
  '22023', 'That time has already passed. Pick a time in the future.', 'A meeting in the past is refused with a clear message.');
select throws_ok($$select public.schedule_meeting('16000000-0000-4000-8000-0000000000b1', now() + interval '1 day', null, null, '16000000-0000-4000-8000-0000000000a3')$$,
  '22023', 'The discussion lead must be a member of the group.', 'The discussion lead must be a member.');
insert into tests.ids
select 'm1', (public.schedule_meeting('16000000-0000-4000-8000-0000000000b1', now() + interval '1 day', '  November  ',
        'https://meet.example/abc', '16000000-0000-4000-8000-0000000000a2') ->> 'id')::uuid;
select is((select public.group_meetings('16000000-0000-4000-8000-0000000000b1') -> 'next' ->> 'title'), 'November',
  'An owner schedules the next meeting with a trimmed title.');
select is((select public.group_meetings('16000000-0000-4000-8000-0000000000b1') -> 'next' -> 'lead' ->> 'display_name'), 'Ned',
  'The meeting names its discussion lead.');
select is(tests.titles(public.group_meetings('16000000-0000-4000-8000-0000000000b1') -> 'next'), 'A,B,C,D,E',
  'The top five of the queue form the agenda.');
select throws_ok($$select public.schedule_meeting('16000000-0000-4000-8000-0000000000b1', now() + interval '2 days')$$,
  'P0001', 'The group already has a meeting coming up. Finish or cancel it first.', 'One upcoming meeting at a time.');

-- ---------- Agenda edits ----------
select is(tests.titles(public.edit_agenda((select id from tests.ids where label = 'm1'), '16000000-0000-4000-8000-0000000000c2', 'remove')),
  'A,C,D,E', 'An owner takes an item off the agenda.');
select is(tests.titles(public.edit_agenda((select id from tests.ids where label = 'm1'), '16000000-0000-4000-8000-0000000000c6', 'add')),
  'A,C,D,E,F', 'An owner adds an item at the end of the agenda.');
select is(tests.titles(public.edit_agenda((select id from tests.ids where label = 'm1'), '16000000-0000-4000-8000-0000000000c6', 'add')),
  'A,C,D,E,F', 'Adding an item already on the agenda changes nothing.');
select is(tests.titles(public.edit_agenda((select id from tests.ids where label = 'm1'), '16000000-0000-4000-8000-0000000000c6', 'move',
  '16000000-0000-4000-8000-0000000000c1')), 'F,A,C,D,E', 'An owner moves an agenda item before another.');
select throws_ok($$select public.edit_agenda((select id from tests.ids where label = 'm1'), '16000000-0000-4000-8000-0000000000c1', 'shuffle')$$,
  '22023', 'An agenda item is added, removed or moved.', 'An unknown agenda action is refused.');
select tests.act_as('16000000-0000-4000-8000-0000000000a2');
select throws_ok($$select public.edit_agenda((select id from tests.ids where label = 'm1'), '16000000-0000-4000-8000-0000000000c1', 'remove')$$,
  '42501', 'Only owners and admins run meetings.', 'A member cannot edit the agenda.');
select is((select public.group_meetings('16000000-0000-4000-8000-0000000000b1') ->> 'can_manage'), 'false',
  'group_meetings tells a member they do not run meetings.');

-- ---------- At the meeting ----------
select tests.act_as('16000000-0000-4000-8000-0000000000a1');
select is((select a from jsonb_array_elements(public.record_discussed((select id from tests.ids where label = 'm1'),
  '16000000-0000-4000-8000-0000000000c1', true, '  Walls make neighbours.  ') -> 'agenda') as a where a ->> 'title' = 'A') ->> 'takeaway',
  'Walls make neighbours.', 'An owner marks an item discussed with a takeaway.');
select lives_ok($$select public.record_discussed((select id from tests.ids where label = 'm1'), '16000000-0000-4000-8000-0000000000c6', true)$$,
  'An item is marked discussed without a takeaway.');
select throws_ok($$select public.record_discussed((select id from tests.ids where label = 'm1'), '16000000-0000-4000-8000-0000000000c3', true, repeat('x', 2001))$$,
  '22023', 'A takeaway can be at most 2000 characters.', 'An over-long takeaway is refused.');
select throws_ok($$select public.record_discussed((select id from tests.ids where label = 'm1'), '16000000-0000-4000-8000-0000000000c2', true)$$,
  'P0001', 'That article is not on this meeting''s agenda.', 'An item off the agenda cannot be marked discussed.');

-- ---------- Finishing: discussed items leave the queue, the rest carry over ----------
select isnt((public.finish_meeting((select id from tests.ids where label = 'm1')) ->> 'ended_at'), null, 'An owner finishes the meeting.');
select is(array(select i.title from app.queue_entries as q join app.items as i on i.id = q.item_id
                 where q.group_id = '16000000-0000-4000-8000-0000000000b1' order by q.position),
  array['B', 'C', 'D', 'E'], 'Discussed items left the queue; the rest carried over in order.');
select is((select public.group_meetings('16000000-0000-4000-8000-0000000000b1') -> 'past' -> 0 -> 'agenda' -> 0 ->> 'discussed'), 'true',
  'The past meeting shows what was discussed.');
select throws_ok($$select public.record_discussed((select id from tests.ids where label = 'm1'), '16000000-0000-4000-8000-0000000000c3', true)$$,
  'P0001', 'That meeting is over; its notes can no longer change.', 'A finished meeting''s notes are fixed.');

-- ---------- Cancelling ----------
insert into tests.ids select 'm2', (public.schedule_meeting('16000000-0000-4000-8000-0000000000b1', now() + interval '7 days') ->> 'id')::uuid;
select public.cancel_meeting((select id from tests.ids where label = 'm2'));
select is((select public.group_meetings('16000000-0000-4000-8000-0000000000b1') -> 'next'), 'null'::jsonb,
  'An owner cancels the next meeting; the queue is untouched and nothing is next.');

select * from finish();
rollback;
