-- Meeting changes are news: another member changing the next meeting's time, title, place or
-- lead since you looked marks it "changed"; your own change, finishing it, or nothing changed does not.
begin;
set search_path = public, extensions;
select plan(7);

-- Pia owns "Plans" and scheduled the next meeting two days ago; Quy looked at the group yesterday.
insert into auth.users (id, email, raw_user_meta_data) values
  ('25000000-0000-4000-8000-0000000000a1', 'pia@test.test', '{"display_name": "Pia"}'),
  ('25000000-0000-4000-8000-0000000000a2', 'quy@test.test', '{"display_name": "Quy"}');
insert into app.groups (id, name, created_by) values
  ('25000000-0000-4000-8000-0000000000b1', 'Plans', '25000000-0000-4000-8000-0000000000a1');
insert into app.group_members (group_id, user_id, role, joined_at) values
  ('25000000-0000-4000-8000-0000000000b1', '25000000-0000-4000-8000-0000000000a2', 'member', now() - interval '3 days');
insert into app.group_seen (group_id, member_id, seen_at) values
  ('25000000-0000-4000-8000-0000000000b1', '25000000-0000-4000-8000-0000000000a2', now() - interval '1 day'),
  ('25000000-0000-4000-8000-0000000000b1', '25000000-0000-4000-8000-0000000000a1', now() - interval '1 day');
insert into app.meetings (id, group_id, starts_at, title, created_by, created_at) values
  ('25000000-0000-4000-8000-0000000000d1', '25000000-0000-4000-8000-0000000000b1', now() + interval '3 days', 'Soon',
   '25000000-0000-4000-8000-0000000000a1', now() - interval '2 days');

select tests.act_as('25000000-0000-4000-8000-0000000000a2');
select is(public.group_news('25000000-0000-4000-8000-0000000000b1') -> 'meeting', 'null'::jsonb,
  'A meeting scheduled before the member looked, and not changed since, is not news.');

select tests.act_as('25000000-0000-4000-8000-0000000000a1');
select lives_ok($$select public.edit_meeting('25000000-0000-4000-8000-0000000000d1', now() + interval '4 days', 'Later')$$,
  'The owner moves the meeting a day later.');
select is((select changed_by from app.meetings where id = '25000000-0000-4000-8000-0000000000d1'), '25000000-0000-4000-8000-0000000000a1'::uuid,
  'The change records who made it.');
select is(public.group_news('25000000-0000-4000-8000-0000000000b1') -> 'meeting', 'null'::jsonb,
  'Their own change is not news to the member who made it.');

select tests.act_as('25000000-0000-4000-8000-0000000000a2');
select is(public.group_news('25000000-0000-4000-8000-0000000000b1') -> 'meeting',
  jsonb_build_object('id', '25000000-0000-4000-8000-0000000000d1', 'starts_at', (select starts_at from app.meetings where id = '25000000-0000-4000-8000-0000000000d1'),
                     'title', 'Later', 'changed', true),
  'Another member sees the changed meeting as news, marked as changed rather than new.');

-- Finishing it is not a change of plans: the stamp stays as it was.
reset role;
update app.meetings set changed_at = now() - interval '2 days' where id = '25000000-0000-4000-8000-0000000000d1';
update app.meetings set ended_at = now() where id = '25000000-0000-4000-8000-0000000000d1';
select is((select changed_at from app.meetings where id = '25000000-0000-4000-8000-0000000000d1'), now() - interval '2 days',
  'Finishing a meeting does not stamp it as changed.');
update app.meetings set title = 'Later' where id = '25000000-0000-4000-8000-0000000000d1';
select is((select changed_at from app.meetings where id = '25000000-0000-4000-8000-0000000000d1'), now() - interval '2 days',
  'Saving the same time, title, place and lead again is not a change.');

select * from finish();
rollback;
