-- Groups and invites: create_group makes an owner; owners and admins make codes; a code
-- lets a signed-in person in once; a wrong or expired code says so clearly.
begin;
set search_path = public, extensions;
select plan(27);

create table tests.results (label text primary key, result jsonb);
grant select, insert on tests.results to authenticated;

insert into auth.users (id, email, raw_user_meta_data) values
  ('03000000-0000-4000-8000-0000000000a1', 'owen@test.test', '{"display_name": "Owen"}'),
  ('03000000-0000-4000-8000-0000000000a2', 'ida@test.test', '{"display_name": "Ida"}'),
  ('03000000-0000-4000-8000-0000000000a3', 'max@test.test', '{"display_name": "Max"}');

-- ---------- create_group ----------
select tests.act_as('03000000-0000-4000-8000-0000000000a1');
insert into tests.results select 'group', public.create_group('  Tuesday   Readers ');
select is((select result ->> 'name' from tests.results where label = 'group'), 'Tuesday Readers',
  'create_group returns the name, trimmed, with inner spaces collapsed.');
select results_eq(
  $$select name, role, member_count, queue_count from public.my_groups()$$,
  $$values ('Tuesday Readers'::text, 'owner'::text, 1, 0)$$,
  'The creator is the owner of a group of one with an empty queue.');
select throws_ok($$select public.create_group('   ')$$, '22023', 'A group name needs 1 to 80 characters.', 'A blank group name is refused clearly.');

-- ---------- create_invite ----------
insert into tests.results
select 'invite', public.create_invite((select (result ->> 'id')::uuid from tests.results where label = 'group'));
select matches((select result ->> 'code' from tests.results where label = 'invite'), '^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){6}$',
  'An invite code is seven groups of four like K7QM-3XWD-… (no 0/O/1/I; 140 bits, see invite_codes.sql).');
select is((select result ->> 'group_id' from tests.results where label = 'invite'), (select result ->> 'id' from tests.results where label = 'group'),
  'The invite names its group.');
insert into tests.results
select 'invite2', public.create_invite((select (result ->> 'id')::uuid from tests.results where label = 'group'));
select isnt((select result ->> 'code' from tests.results where label = 'invite2'), (select result ->> 'code' from tests.results where label = 'invite'),
  'Each invite gets a new code.');
select ok(
  (select expires_at between now() + interval '6 days' and now() + interval '8 days'
     from app.group_invites where code_hash = private.invite_code_hash((select result ->> 'code' from tests.results where label = 'invite'))),
  'A new code expires in 7 days by default.');

-- ---------- join_group ----------
select tests.act_as('03000000-0000-4000-8000-0000000000a2');
select throws_ok($$select public.join_group('NOT-A-REAL-CODE')$$, 'P0001', 'That invite code is not valid.',
  'A wrong code is refused with P0001 and a message people understand.');
select throws_ok($$select public.join_group(null)$$, 'P0001', 'That invite code is not valid.', 'No code at all is a wrong code.');
select is_empty($$select * from public.my_groups()$$, 'A wrong code lets no one in.');
select is_empty($$select * from app.group_invites$$, 'Someone outside the group cannot list invite codes.');

insert into tests.results
select 'join', public.join_group(lower(' ' || (select result ->> 'code' from tests.results where label = 'invite') || ' '));
select is((select result from tests.results where label = 'join'),
  (select jsonb_build_object('id', result ->> 'id', 'name', 'Tuesday Readers') from tests.results where label = 'group'),
  'join_group (code in any case, with spaces) returns the group''s id and name.');
select results_eq(
  $$select name, role, member_count from public.my_groups()$$,
  $$values ('Tuesday Readers'::text, 'member'::text, 2)$$,
  'The newcomer is a member of a group of two.');
select lives_ok(
  format('select public.join_group(%L)', (select result ->> 'code' from tests.results where label = 'invite2')),
  'Joining again with another code is fine.');
select results_eq(
  $$select role, member_count from public.my_groups()$$,
  $$values ('member'::text, 2)$$,
  'Joining again changes nothing.');
select is(
  array(select display_name from app.profiles order by display_name), array['Ida', 'Owen'],
  'Members can now see each other''s names (and no one else''s).');

-- ---------- A plain member cannot invite, promote themselves or throw out the owner ----------
select throws_ok(
  format('select public.create_invite(%L)', (select result ->> 'id' from tests.results where label = 'group')),
  '42501', 'Only the group''s owner or an admin can invite people.', 'A plain member cannot make invite codes.');
select is_empty($$select * from app.group_invites$$, 'A plain member cannot list invite codes.');
update app.group_members set role = 'admin' where user_id = '03000000-0000-4000-8000-0000000000a2';
delete from app.group_members where user_id = '03000000-0000-4000-8000-0000000000a1';
select results_eq(
  $$select user_id::text, role from app.group_members order by role$$,
  $$values ('03000000-0000-4000-8000-0000000000a2', 'member'), ('03000000-0000-4000-8000-0000000000a1', 'owner')$$,
  'A member''s attempts to promote themselves and to remove the owner change nothing.');

-- ---------- An admin can invite ----------
select tests.act_as('03000000-0000-4000-8000-0000000000a1');
update app.group_members set role = 'admin' where user_id = '03000000-0000-4000-8000-0000000000a2';
select tests.act_as('03000000-0000-4000-8000-0000000000a2');
select lives_ok(
  format('select public.create_invite(%L)', (select result ->> 'id' from tests.results where label = 'group')),
  'Once the owner makes them an admin, they can invite.');

-- ---------- Expired codes ----------
reset role;
update app.group_invites set expires_at = now() - interval '1 minute'
 where code_hash = private.invite_code_hash((select result ->> 'code' from tests.results where label = 'invite'));
select tests.act_as('03000000-0000-4000-8000-0000000000a3');
select throws_ok(
  format('select public.join_group(%L)', (select result ->> 'code' from tests.results where label = 'invite')),
  'P0001', 'That invite code has expired. Ask for a new one.', 'An expired code is refused with its own message.');
select is_empty($$select * from public.my_groups()$$, 'An expired code lets no one in.');

-- ---------- The demo group's code from the seed ----------
select is(public.join_group('DEMO-CIRCLE') ->> 'name', 'Thursday Reading Circle', 'The seeded invite code DEMO-CIRCLE works.');
select results_eq(
  $$select name, role, member_count, queue_count from public.my_groups()$$,
  $$values ('Thursday Reading Circle'::text, 'member'::text, 4, 4)$$,
  'The seeded group has Ada, Ben and Cleo (plus the newcomer) and four queued items.');
select is(
  (select jsonb_agg(q ->> 'title') from jsonb_array_elements(public.group_queue('d0000000-0000-4000-8000-00000000c1c1') -> 'queue') as q),
  '["In Praise of Slow Reading", "The Library of Tomorrow", "Notes on Attention", "Middlemarch"]'::jsonb,
  'The seeded queue is in order, ending with the book added by hand.');

-- ---------- Signed out ----------
reset role;
set local role anon;
select throws_ok($$select public.join_group('DEMO-CIRCLE')$$, '42501', null, 'Signed out, join_group is refused.');
select throws_ok($$select public.create_group('Anon club')$$, '42501', null, 'Signed out, create_group is refused.');

select * from finish();
rollback;
