-- Editing a meeting: owners and admins change an unfinished meeting's time, title, place and
-- lead with schedule_meeting's checks, keeping its agenda; a meeting under way keeps its
-- passed time; members cannot edit, and a finished meeting stays as it was.
begin;
set search_path = public, extensions;
select plan(12);

create table tests.ids (label text primary key, id uuid);
grant select, insert on tests.ids to authenticated;

-- Pia owns "Agenda"; Quin is a member; Rae is in no group of theirs. A and B queued 1, 2.
insert into auth.users (id, email, raw_user_meta_data) values
  ('20000000-0000-4000-8000-0000000000a1', 'pia@test.test', '{"display_name": "Pia"}'),
  ('20000000-0000-4000-8000-0000000000a2', 'quin@test.test', '{"display_name": "Quin"}'),
  ('20000000-0000-4000-8000-0000000000a3', 'rae@test.test', '{"display_name": "Rae"}');
insert into app.groups (id, name, created_by) values
  ('20000000-0000-4000-8000-0000000000b1', 'Agenda', '20000000-0000-4000-8000-0000000000a1');
insert into app.group_members (group_id, user_id, role) values
  ('20000000-0000-4000-8000-0000000000b1', '20000000-0000-4000-8000-0000000000a2', 'member');
insert into app.items (id, group_id, client_id, kind, url, title, added_by)
select ('20000000-0000-4000-8000-0000000000c' || n)::uuid, '20000000-0000-4000-8000-0000000000b1', gen_random_uuid(),
       'link', 'https://example.com/' || n, t, '20000000-0000-4000-8000-0000000000a1'
  from (values (1, 'A'), (2, 'B')) as v(n, t);
insert into app.queue_entries (item_id, group_id, position, queued_by)
select ('20000000-0000-4000-8000-0000000000c' || n)::uuid, '20000000-0000-4000-8000-0000000000b1', n,
       '20000000-0000-4000-8000-0000000000a1'
  from generate_series(1, 2) as n;

-- ---------- edit_meeting ----------
select tests.act_as('20000000-0000-4000-8000-0000000000a1');
insert into tests.ids
select 'm1', (public.schedule_meeting('20000000-0000-4000-8000-0000000000b1', now() + interval '1 day', 'June', 'Café') ->> 'id')::uuid;
select is(jsonb_array_length(public.group_meetings('20000000-0000-4000-8000-0000000000b1') -> 'next' -> 'agenda'), 2,
  'The scheduled meeting has the queue as its agenda.');
select is(public.edit_meeting((select id from tests.ids where label = 'm1'), date_trunc('minute', now()) + interval '3 days',
  '  July  ', 'https://call.example/x', '20000000-0000-4000-8000-0000000000a2') - 'id' - 'group_id' - 'created_by' - 'created_at' - 'ended_at' - 'agenda' - 'lead',
  jsonb_build_object('starts_at', date_trunc('minute', now()) + interval '3 days', 'title', 'July', 'place', 'https://call.example/x'),
  'An owner changes the time, title (trimmed) and place.');
select is((public.group_meetings('20000000-0000-4000-8000-0000000000b1') -> 'next' -> 'lead' ->> 'display_name'), 'Quin',
  'An owner names a new discussion lead.');
select is(jsonb_array_length(public.group_meetings('20000000-0000-4000-8000-0000000000b1') -> 'next' -> 'agenda'), 2,
  'Editing the meeting keeps its agenda.');
select is(public.edit_meeting((select id from tests.ids where label = 'm1'), now() + interval '3 days', '', '  ') -> 'title', 'null'::jsonb,
  'An empty title or place clears it.');
select throws_ok($$select public.edit_meeting((select id from tests.ids where label = 'm1'), now() - interval '1 hour')$$,
  '22023', 'That time has already passed. Pick a time in the future.', 'A new time in the past is refused with a clear message.');
select throws_ok($$select public.edit_meeting((select id from tests.ids where label = 'm1'), null)$$,
  '22023', 'Pick a date and time for the meeting.', 'No time is refused.');
select throws_ok($$select public.edit_meeting((select id from tests.ids where label = 'm1'), now() + interval '1 day', repeat('x', 121))$$,
  '22023', 'A meeting title can be at most 120 characters.', 'An over-long title is refused.');
select throws_ok($$select public.edit_meeting((select id from tests.ids where label = 'm1'), now() + interval '1 day', null, null, '20000000-0000-4000-8000-0000000000a3')$$,
  '22023', 'The discussion lead must be a member of the group.', 'The lead must be a member.');

-- A meeting under way (its time passed) can still have its place fixed, keeping its time.
reset role;
update app.meetings set starts_at = now() - interval '10 minutes' where id = (select id from tests.ids where label = 'm1');
select tests.act_as('20000000-0000-4000-8000-0000000000a1');
select is(public.edit_meeting((select id from tests.ids where label = 'm1'),
  (select starts_at from app.meetings where id = (select id from tests.ids where label = 'm1')), null, 'Room 2') ->> 'place', 'Room 2',
  'A meeting under way keeps its passed time while its place changes.');

select tests.act_as('20000000-0000-4000-8000-0000000000a2');
select throws_ok($$select public.edit_meeting((select id from tests.ids where label = 'm1'), now() + interval '1 day')$$,
  '42501', 'Only owners and admins run meetings.', 'A member cannot edit the meeting.');

select tests.act_as('20000000-0000-4000-8000-0000000000a1');
select public.finish_meeting((select id from tests.ids where label = 'm1'));
select throws_ok($$select public.edit_meeting((select id from tests.ids where label = 'm1'), now() + interval '1 day')$$,
  'P0001', 'That meeting is over; its notes can no longer change.', 'A finished meeting cannot be edited.');

select * from finish();
rollback;
