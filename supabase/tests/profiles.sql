-- Profiles: made by the sign-up trigger, named from the sign-up metadata, else "New member" (never the email).
begin;
set search_path = public, extensions;
select plan(12);

select has_trigger('auth', 'users', 'on_auth_user_created', 'auth.users has the sign-up trigger.');
select ok(
  (select p.prosecdef and p.proconfig @> array['search_path=""'] from pg_proc as p where p.oid = 'private.handle_new_user'::regproc),
  'The sign-up trigger function is SECURITY DEFINER with an empty search_path.');

insert into auth.users (id, email, raw_user_meta_data) values
  ('04000000-0000-4000-8000-0000000000a1', 'grace@test.test', '{"display_name": "  Grace Hopper "}'),
  ('04000000-0000-4000-8000-0000000000a2', 'alan.turing@test.test', '{}'),
  ('04000000-0000-4000-8000-0000000000a3', 'kat@test.test', '{"display_name": "   "}'),
  ('04000000-0000-4000-8000-0000000000a4', 'long@test.test', jsonb_build_object('display_name', repeat('n', 200)));
insert into auth.users (id, email, raw_user_meta_data) values ('04000000-0000-4000-8000-0000000000a5', null, null);

select is((select display_name from app.profiles where id = '04000000-0000-4000-8000-0000000000a1'), 'Grace Hopper',
  'display_name comes from the sign-up metadata, trimmed.');
select is((select display_name from app.profiles where id = '04000000-0000-4000-8000-0000000000a2'), 'New member',
  'Without a display name, the profile is "New member", never the email''s local part.');
select is((select display_name from app.profiles where id = '04000000-0000-4000-8000-0000000000a3'), 'New member',
  'A blank display name counts as none.');
select is((select char_length(display_name) from app.profiles where id = '04000000-0000-4000-8000-0000000000a4'), 80,
  'An overlong display name is cut to 80 characters.');
select is((select display_name from app.profiles where id = '04000000-0000-4000-8000-0000000000a5'), 'New member',
  'A user with neither name nor email (e.g. anonymous sign-in) is a "New member".');

-- ---------- Who sees and changes which profile ----------
select tests.act_as('04000000-0000-4000-8000-0000000000a1');
select results_eq($$select display_name from app.profiles$$, $$values ('Grace Hopper'::text)$$,
  'Someone in no group sees only their own profile.');
update app.profiles set display_name = 'Amazing Grace' where id = '04000000-0000-4000-8000-0000000000a1';
update app.profiles set display_name = 'Hacked' where id = '04000000-0000-4000-8000-0000000000a2';
select throws_ok(
  $$update app.profiles set id = '04000000-0000-4000-8000-0000000000a2' where id = '04000000-0000-4000-8000-0000000000a1'$$,
  '42501', null, 'Nobody can take over another profile id.');
reset role;
select is((select display_name from app.profiles where id = '04000000-0000-4000-8000-0000000000a1'), 'Amazing Grace',
  'People can rename themselves.');
select is((select display_name from app.profiles where id = '04000000-0000-4000-8000-0000000000a2'), 'New member',
  'People cannot rename others.');

delete from auth.users where id = '04000000-0000-4000-8000-0000000000a2';
select is_empty($$select * from app.profiles where id = '04000000-0000-4000-8000-0000000000a2'$$,
  'Deleting the account deletes the profile.');

select * from finish();
rollback;
