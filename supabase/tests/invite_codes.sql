-- Invites that hold: codes nobody can guess and nobody can read back, an expiry, a number
-- of uses, revocation, a preview that shows only the name and member count, a distinct
-- message for each kind of refused code, a slow-down after repeated wrong codes, and
-- joining twice doing no harm.
begin;
set search_path = public, extensions;
select plan(43);

create table tests.results (label text primary key, result jsonb);
grant select, insert on tests.results to authenticated;
create function tests.code(p_label text) returns text language sql as $$
  select result ->> 'code' from tests.results where label = p_label
$$;
grant execute on function tests.code(text) to authenticated;

-- Olivia owns "Poetry Night"; Pia, Quinn and Rosa are signed in but in no group.
insert into auth.users (id, email, raw_user_meta_data) values
  ('07000000-0000-4000-8000-0000000000a1', 'olivia@test.test', '{"display_name": "Olivia"}'),
  ('07000000-0000-4000-8000-0000000000a2', 'pia@test.test', '{"display_name": "Pia"}'),
  ('07000000-0000-4000-8000-0000000000a3', 'quinn@test.test', '{"display_name": "Quinn"}'),
  ('07000000-0000-4000-8000-0000000000a4', 'rosa@test.test', '{"display_name": "Rosa"}');
insert into app.groups (id, name, created_by) values
  ('07000000-0000-4000-8000-0000000000b1', 'Poetry Night', '07000000-0000-4000-8000-0000000000a1');

-- ---------- Making invites ----------
select tests.act_as('07000000-0000-4000-8000-0000000000a1');
insert into tests.results values
  ('week', public.create_invite('07000000-0000-4000-8000-0000000000b1')),
  ('once', public.create_invite('07000000-0000-4000-8000-0000000000b1', 30, 1)),
  ('revoked', public.create_invite('07000000-0000-4000-8000-0000000000b1')),
  ('expired', public.create_invite('07000000-0000-4000-8000-0000000000b1', 1));

select matches(tests.code('week'), '^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){6}$',
  'A code is 28 symbols from a 32-symbol alphabet (no 0/O/1/I), in groups of four.');
select cmp_ok(char_length(private.invite_code_key(tests.code('week'))) * 5, '>=', 128,
  'So a code carries at least 128 random bits (28 × 5 = 140).');
select is((select count(distinct private.new_invite_code())::int from generate_series(1, 500)), 500,
  'Five hundred fresh codes are all different.');
select is(
  (select count(distinct substr(private.new_invite_code(), 1, 1))::int from generate_series(1, 500)), 32,
  'Every symbol of the alphabet turns up in the first place (the bytes are used whole).');
select is(
  (select array[result ->> 'group_id', (result ->> 'max_uses')] from tests.results where label = 'week'),
  array['07000000-0000-4000-8000-0000000000b1', null],
  'create_invite answers with the group and no use limit by default.');
select ok(
  (select (result ->> 'expires_at')::timestamptz between now() + interval '7 days' - interval '1 minute' and now() + interval '7 days' + interval '1 minute'
     from tests.results where label = 'week'),
  'By default an invite expires in 7 days.');
select ok(
  (select (result ->> 'expires_at')::timestamptz between now() + interval '30 days' - interval '1 minute' and now() + interval '30 days' + interval '1 minute'
           and (result ->> 'max_uses')::int = 1
     from tests.results where label = 'once'),
  'The owner can choose a 30-day, single-use invite.');
select throws_ok($$select public.create_invite('07000000-0000-4000-8000-0000000000b1', 0)$$,
  '22023', 'An invite lasts 1 to 90 days.', 'An invite that would expire at once is refused clearly.');
select throws_ok($$select public.create_invite('07000000-0000-4000-8000-0000000000b1', 7, 0)$$,
  '22023', 'An invite allows 1 to 1000 uses, or any number.', 'An invite nobody could use is refused clearly.');

-- ---------- Stored hashed, listed without codes ----------
select is(
  (select count(*)::int from app.group_invites as i, tests.results as r
    where to_jsonb(i)::text like '%' || private.invite_code_key(r.result ->> 'code') || '%'
       or to_jsonb(i)::text like '%' || (r.result ->> 'code') || '%'),
  0,
  'No invite row holds its code, with or without dashes: a leaked table leaks no live code.');
select is(
  (select encode(code_hash, 'hex') from app.group_invites
    where hint = right(private.invite_code_key(tests.code('week')), 4) and group_id = '07000000-0000-4000-8000-0000000000b1'),
  encode(sha256(convert_to(private.invite_code_key(tests.code('week')), 'UTF8')), 'hex'),
  'What is stored is the sha256 of the code''s letters and digits, and its last four as a hint.');
select is(
  (select array_agg(distinct k order by k) from jsonb_array_elements(public.list_invites('07000000-0000-4000-8000-0000000000b1')) as e,
          jsonb_object_keys(e) as k),
  array['created_at', 'created_by', 'expires_at', 'hint', 'id', 'max_uses', 'uses'],
  'list_invites shows id, hint, who made it, when, expiry, limit and uses: never a code.');
select is(jsonb_array_length(public.list_invites('07000000-0000-4000-8000-0000000000b1')), 4,
  'The owner sees their four open invites.');

-- ---------- Revoking and expiring ----------
select lives_ok(
  format('select public.revoke_invite(%L)',
         (select id from app.group_invites where hint = right(private.invite_code_key(tests.code('revoked')), 4))),
  'The owner revokes an invite.');
reset role;
update app.group_invites set expires_at = now() - interval '1 minute'
 where code_hash = private.invite_code_hash(tests.code('expired'));
select tests.act_as('07000000-0000-4000-8000-0000000000a1');
select is(jsonb_array_length(public.list_invites('07000000-0000-4000-8000-0000000000b1')), 2,
  'Revoked and expired invites drop off the list of open invites.');

-- ---------- Preview, then join ----------
select tests.act_as('07000000-0000-4000-8000-0000000000a2');
select is(public.preview_invite(tests.code('week')), '{"name": "Poetry Night", "member_count": 1, "already_member": false}'::jsonb,
  'Before joining, a signed-in outsider sees the group''s name and member count, and nothing else.');
select is_empty($$select * from public.my_groups()$$, 'Previewing does not join.');
select is(public.join_group(tests.code('week')), '{"id": "07000000-0000-4000-8000-0000000000b1", "name": "Poetry Night"}'::jsonb,
  'The code joins the group and answers with its id and name.');
select is(public.join_group(lower(replace(tests.code('week'), '-', ' '))) ->> 'name', 'Poetry Night',
  'Joining twice (the code typed in lower case with spaces) is harmless and answers the same.');
select is(public.preview_invite(tests.code('week')), '{"name": "Poetry Night", "member_count": 2, "already_member": true}'::jsonb,
  'A member who enters the group''s code again is told they are already in it.');
select is(public.join_group(tests.code('revoked')) ->> 'name', 'Poetry Night',
  'A member entering a dead code of their own group just gets the group back.');
select results_eq($$select role, member_count from public.my_groups()$$, $$values ('member'::text, 2)$$,
  'Pia is a member once, in a group of two.');
reset role;
select is((select uses from app.group_invites where code_hash = private.invite_code_hash(tests.code('week'))), 1,
  'Joining again used nothing up: the invite counts one use.');

-- ---------- Used up ----------
select tests.act_as('07000000-0000-4000-8000-0000000000a3');
select is(public.join_group('https://readclub.example/join#' || tests.code('once')) ->> 'name', 'Poetry Night',
  'A pasted invite link works as well as the code.');
select tests.act_as('07000000-0000-4000-8000-0000000000a4');
select throws_ok(format('select public.join_group(%L)', tests.code('once')),
  'P0001', 'That invite has been used as many times as it allows. Ask for a new one.',
  'A single-use invite, once used, says it is used up.');

-- ---------- Each refusal has its own message ----------
select throws_ok($$select public.join_group('WRNG-CODE-WRNG-CODE')$$,
  'P0001', 'That invite code is not valid.', 'A wrong code says it is not valid.');
select throws_ok($$select public.join_group('  ')$$,
  'P0001', 'That invite code is not valid.', 'A blank code is a wrong code.');
select throws_ok(format('select public.join_group(%L)', tests.code('expired')),
  'P0001', 'That invite code has expired. Ask for a new one.', 'An expired code says it expired.');
select throws_ok(format('select public.join_group(%L)', tests.code('revoked')),
  'P0001', 'That invite has been withdrawn. Ask for a new one.', 'A revoked code says it was withdrawn.');
select throws_ok(format('select public.preview_invite(%L)', tests.code('revoked')),
  'P0001', 'That invite has been withdrawn. Ask for a new one.', 'Preview refuses a revoked code the same way.');
select is_empty($$select * from public.my_groups()$$, 'None of those let Rosa in.');

-- ---------- Owners and admins only ----------
select throws_ok($$select public.list_invites('07000000-0000-4000-8000-0000000000b1')$$,
  '42501', 'You are not a member of this group.', 'An outsider cannot list invites.');
select tests.act_as('07000000-0000-4000-8000-0000000000a2');
select throws_ok($$select public.list_invites('07000000-0000-4000-8000-0000000000b1')$$,
  '42501', 'Only the group''s owner or an admin can see its invites.', 'A plain member cannot list invites.');
select throws_ok(
  format('select public.revoke_invite(%L)', (select id from app.group_invites limit 1)),
  'P0001', 'That invite is no longer there.', 'A plain member cannot even see an invite to revoke it.');
update app.group_invites set revoked_at = now();
reset role;
select is((select count(*)::int from app.group_invites where revoked_at is not null and group_id = '07000000-0000-4000-8000-0000000000b1'), 1,
  'A member''s direct update of invites changes nothing (only the owner''s revocation stands).');

-- ---------- Slow-down after repeated wrong codes ----------
-- Over HTTP (PostgREST sets request.method) a refused code is answered with a committed
-- 400 response, so the failure is still counted on the next request.
select tests.act_as('07000000-0000-4000-8000-0000000000a4');
select set_config('request.method', 'POST', true);
select is(public.join_group('NOPE-NOPE-NOPE'),
  '{"code": "P0001", "message": "That invite code is not valid.", "details": null, "hint": "Check the code with whoever invited you."}'::jsonb,
  'Over HTTP a wrong code is answered with the same P0001 error body PostgREST would send.');
select is(current_setting('response.status', true), '400', '… with status 400.');
reset role;
select is((select count(*)::int from private.code_failures where user_id = '07000000-0000-4000-8000-0000000000a4'), 1,
  'The wrong code was recorded against Rosa (and stays, because the request succeeded).');
insert into private.code_failures (user_id, failed_at)
select '07000000-0000-4000-8000-0000000000a4', now() - interval '2 minutes' from generate_series(1, 9);
select tests.act_as('07000000-0000-4000-8000-0000000000a4');
select throws_ok($$select * from private.code_failures$$, '42501', null, 'Clients cannot read the failure records.');
select throws_ok(format('select public.join_group(%L)', tests.code('week')),
  'PT429', 'Too many wrong codes; try again in 13 minutes.',
  'After 10 wrong codes in 15 minutes even a good code is refused for a while, with the minutes to wait (HTTP 429).');
select throws_ok(format('select public.preview_invite(%L)', tests.code('week')),
  'PT429', 'Too many wrong codes; try again in 13 minutes.', 'Previews are slowed down too.');
select tests.act_as('07000000-0000-4000-8000-0000000000a3');
select lives_ok(format('select public.preview_invite(%L)', tests.code('week')),
  'The slow-down is per person: Quinn is not held back by Rosa''s guesses.');

-- ---------- Signed out ----------
reset role;
select set_config('tests.week_code', tests.code('week'), true);
set local role anon;
select throws_ok(format('select public.preview_invite(%L)', current_setting('tests.week_code')), '42501', null,
  'Signed out, preview_invite cannot even be called.');

select * from finish();
rollback;
