-- Export with meetings: export_group holds the group's meetings (the next one and past ones,
-- newest first, with lead, agenda in order, discussed flags and takeaways) and nothing of
-- another group's; and the exporting member's own read marks and votes next to the counts.
begin;
set search_path = public, extensions;
select plan(16);

-- "Circle": Ada owns it, Ben is a member. Eve owns "Elsewhere", which has its own meeting.
-- Ada alone is in "Quiet", which never met.
insert into auth.users (id, email, raw_user_meta_data) values
  ('22000000-0000-4000-8000-0000000000a1', 'ada@test.test', '{"display_name": "Ada"}'),
  ('22000000-0000-4000-8000-0000000000a2', 'ben@test.test', '{"display_name": "Ben"}'),
  ('22000000-0000-4000-8000-0000000000a5', 'eve@test.test', '{"display_name": "Eve"}');
insert into app.groups (id, name, created_by) values
  ('22000000-0000-4000-8000-0000000000b1', 'Circle', '22000000-0000-4000-8000-0000000000a1'),
  ('22000000-0000-4000-8000-0000000000b2', 'Quiet', '22000000-0000-4000-8000-0000000000a1'),
  ('22000000-0000-4000-8000-0000000000b3', 'Elsewhere', '22000000-0000-4000-8000-0000000000a5');
insert into app.group_members (group_id, user_id, role) values
  ('22000000-0000-4000-8000-0000000000b1', '22000000-0000-4000-8000-0000000000a2', 'member');
insert into app.items (id, group_id, client_id, kind, url, title, added_by) values
  ('22000000-0000-4000-8000-0000000000c1', '22000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'link', 'https://example.org/essay', 'An essay', '22000000-0000-4000-8000-0000000000a1'),
  ('22000000-0000-4000-8000-0000000000c2', '22000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'link', 'https://example.org/chapter', 'A chapter', '22000000-0000-4000-8000-0000000000a2'),
  ('22000000-0000-4000-8000-0000000000c3', '22000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'link', 'https://example.org/poem', 'A poem', '22000000-0000-4000-8000-0000000000a1'),
  ('22000000-0000-4000-8000-0000000000c6', '22000000-0000-4000-8000-0000000000b3', gen_random_uuid(), 'link', 'https://example.org/eve', 'Eve''s secret', '22000000-0000-4000-8000-0000000000a5');
insert into app.queue_entries (item_id, group_id, position, queued_by) values
  ('22000000-0000-4000-8000-0000000000c1', '22000000-0000-4000-8000-0000000000b1', 1, '22000000-0000-4000-8000-0000000000a1'),
  ('22000000-0000-4000-8000-0000000000c2', '22000000-0000-4000-8000-0000000000b1', 2, '22000000-0000-4000-8000-0000000000a2');
-- Ben voted for the essay, Ada for the chapter; Ben read the essay, Ada read both.
insert into app.queue_votes (item_id, group_id, member_id) values
  ('22000000-0000-4000-8000-0000000000c1', '22000000-0000-4000-8000-0000000000b1', '22000000-0000-4000-8000-0000000000a2'),
  ('22000000-0000-4000-8000-0000000000c2', '22000000-0000-4000-8000-0000000000b1', '22000000-0000-4000-8000-0000000000a1');
insert into app.item_reads (item_id, group_id, member_id, read_at) values
  ('22000000-0000-4000-8000-0000000000c1', '22000000-0000-4000-8000-0000000000b1', '22000000-0000-4000-8000-0000000000a2', '2026-11-20 10:00+00'),
  ('22000000-0000-4000-8000-0000000000c1', '22000000-0000-4000-8000-0000000000b1', '22000000-0000-4000-8000-0000000000a1', '2026-11-21 10:00+00'),
  ('22000000-0000-4000-8000-0000000000c2', '22000000-0000-4000-8000-0000000000b1', '22000000-0000-4000-8000-0000000000a1', '2026-11-21 11:00+00');
-- Circle met twice (the first without a named lead) and meets next with Ben leading.
-- Written directly: schedule_meeting would refuse times in the past.
insert into app.meetings (id, group_id, starts_at, title, place, lead_id, created_by, ended_at) values
  ('22000000-0000-4000-8000-0000000000e1', '22000000-0000-4000-8000-0000000000b1', '2026-10-01 18:00+00', 'First', null, null, '22000000-0000-4000-8000-0000000000a1', '2026-10-01 20:00+00'),
  ('22000000-0000-4000-8000-0000000000e2', '22000000-0000-4000-8000-0000000000b1', '2026-11-01 18:00+00', 'Second', 'The library', '22000000-0000-4000-8000-0000000000a1', '22000000-0000-4000-8000-0000000000a1', '2026-11-01 20:00+00'),
  ('22000000-0000-4000-8000-0000000000e3', '22000000-0000-4000-8000-0000000000b1', now() + interval '7 days', 'Next', 'https://call.example/circle', '22000000-0000-4000-8000-0000000000a2', '22000000-0000-4000-8000-0000000000a1', null),
  ('22000000-0000-4000-8000-0000000000e6', '22000000-0000-4000-8000-0000000000b3', '2026-11-05 18:00+00', 'Eve''s meeting', null, null, '22000000-0000-4000-8000-0000000000a5', '2026-11-05 20:00+00');
insert into app.meeting_items (meeting_id, item_id, group_id, position, discussed, takeaway) values
  ('22000000-0000-4000-8000-0000000000e1', '22000000-0000-4000-8000-0000000000c3', '22000000-0000-4000-8000-0000000000b1', 1, true, null),
  ('22000000-0000-4000-8000-0000000000e2', '22000000-0000-4000-8000-0000000000c3', '22000000-0000-4000-8000-0000000000b1', 1, true, 'Read it aloud next time.'),
  ('22000000-0000-4000-8000-0000000000e2', '22000000-0000-4000-8000-0000000000c2', '22000000-0000-4000-8000-0000000000b1', 2, false, null),
  ('22000000-0000-4000-8000-0000000000e3', '22000000-0000-4000-8000-0000000000c2', '22000000-0000-4000-8000-0000000000b1', 1, false, null),
  ('22000000-0000-4000-8000-0000000000e3', '22000000-0000-4000-8000-0000000000c1', '22000000-0000-4000-8000-0000000000b1', 2, false, null),
  ('22000000-0000-4000-8000-0000000000e6', '22000000-0000-4000-8000-0000000000c6', '22000000-0000-4000-8000-0000000000b3', 1, true, 'Eve''s takeaway');

-- ---------- Meetings, as Ben sees them ----------
select tests.act_as('22000000-0000-4000-8000-0000000000a2');
create temp table ben_export on commit drop as select public.export_group('22000000-0000-4000-8000-0000000000b1') as e;
select is((select e -> 'meetings' -> 'next' ->> 'title' from ben_export), 'Next', 'The export holds the next meeting.');
select is((select e -> 'meetings' -> 'next' -> 'lead' ->> 'display_name' from ben_export), 'Ben',
  'The next meeting says who leads the discussion.');
select is((select e -> 'meetings' -> 'next' ->> 'place' from ben_export), 'https://call.example/circle',
  'The next meeting says where (or which call).');
select is((select array_agg(a ->> 'title' order by ord) from ben_export, jsonb_array_elements(e -> 'meetings' -> 'next' -> 'agenda') with ordinality as x(a, ord)),
  array['A chapter', 'An essay'], 'The next meeting''s agenda is in agenda order.');
select is((select array_agg(m ->> 'title' order by ord) from ben_export, jsonb_array_elements(e -> 'meetings' -> 'past') with ordinality as x(m, ord)),
  array['Second', 'First'], 'Past meetings come newest first, and none of another group''s.');
select is((select array_agg(format('%s discussed=%s takeaway=%s', a ->> 'title', a ->> 'discussed', coalesce(a ->> 'takeaway', '-')) order by ord)
             from ben_export, jsonb_array_elements(e -> 'meetings' -> 'past' -> 0 -> 'agenda') with ordinality as x(a, ord)),
  array['A poem discussed=true takeaway=Read it aloud next time.', 'A chapter discussed=false takeaway=-'],
  'A past meeting says which items were discussed and what was taken away.');
select is((select e -> 'meetings' -> 'past' -> 1 -> 'lead' from ben_export), 'null'::jsonb,
  'A meeting without a named lead says so (null), rather than inventing one.');
select ok((select e -> 'meetings' -> 'past' -> 0 ->> 'ended_at' is not null and e -> 'meetings' -> 'next' ->> 'ended_at' is null from ben_export),
  'Past meetings carry when they ended; the next one has not ended.');
select ok((select e::text not like '%Eve''s%' from ben_export), 'Nothing of Eve''s group (her meeting, item or takeaway) is in Circle''s export.');

-- ---------- Read marks and votes are the exporting member's own ----------
select is((select jsonb_object_agg(i ->> 'title', jsonb_build_object('read_at', (i ->> 'read_at')::timestamptz, 'read_count', i -> 'read_count'))
             from ben_export, jsonb_array_elements(e -> 'items') as i where i ->> 'title' in ('An essay', 'A chapter')),
  jsonb_build_object('An essay', jsonb_build_object('read_at', '2026-11-20 10:00+00'::timestamptz, 'read_count', 2),
                     'A chapter', jsonb_build_object('read_at', null, 'read_count', 1)),
  'Each item says when Ben marked it read (null: not yet) and how many members read it.');
select is((select array_agg(format('%s votes=%s voted=%s', q ->> 'title', q ->> 'votes', q ->> 'voted') order by (q ->> 'position')::int)
             from ben_export, jsonb_array_elements(e -> 'queue') as q),
  array['An essay votes=1 voted=true', 'A chapter votes=1 voted=false'], 'Each queue entry says whether Ben voted for it, next to the count.');
select tests.act_as('22000000-0000-4000-8000-0000000000a1');
select is((select array_agg(format('%s voted=%s', q ->> 'title', q ->> 'voted') order by (q ->> 'position')::int)
             from jsonb_array_elements(public.export_group('22000000-0000-4000-8000-0000000000b1') -> 'queue') as q),
  array['An essay voted=false', 'A chapter voted=true'], 'Ada''s export of the same queue shows her votes, not Ben''s.');
select is((select (i ->> 'read_at')::timestamptz from jsonb_array_elements(public.export_group('22000000-0000-4000-8000-0000000000b1') -> 'items') as i
            where i ->> 'title' = 'A chapter'),
  '2026-11-21 11:00+00'::timestamptz, 'Ada''s export shows when she read the chapter, which Ben has not.');
select is((select public.export_group('22000000-0000-4000-8000-0000000000b2') -> 'meetings'), '{"next": null, "past": []}'::jsonb,
  'A group that never met exports no next meeting and an empty list of past ones.');

-- ---------- Row-level security decides ----------
-- export_group runs as the caller: an outsider is refused, and the meetings policy it runs
-- under hides the rows from them anyway.
select tests.act_as('22000000-0000-4000-8000-0000000000a5');
select throws_ok($$select public.export_group('22000000-0000-4000-8000-0000000000b1')$$,
  '42501', 'You are not a member of this group.', 'Eve, outside Circle, cannot export its meetings.');
select is((select count(*) from app.meetings where group_id = '22000000-0000-4000-8000-0000000000b1'), 0::bigint,
  'Row-level security hides Circle''s meetings from Eve, the same policy export_group runs under.');

select * from finish();
rollback;
