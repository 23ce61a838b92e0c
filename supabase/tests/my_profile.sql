-- my_profile, the profile form's starting point: the caller's own name and picture; saving
-- the name with the picture it gave keeps the picture; signed-in people only.
begin;
set search_path = public, extensions;
select plan(5);

-- Mo has a picture.
insert into auth.users (id, email, raw_user_meta_data) values
  ('12000000-0000-4000-8000-0000000000a3', 'mo@test.test', '{"display_name": "Mo"}');
update app.profiles set avatar_url = 'https://img.example.org/mo.png' where id = '12000000-0000-4000-8000-0000000000a3';

-- ---------- my_profile ----------
select tests.act_as('12000000-0000-4000-8000-0000000000a3');
select is(public.my_profile(),
  '{"id": "12000000-0000-4000-8000-0000000000a3", "display_name": "Mo", "avatar_url": "https://img.example.org/mo.png", "name_set": true}'::jsonb,
  'my_profile gives the caller''s own name and picture.');
select lives_ok($$select public.update_profile('Mo Reader', (select public.my_profile() ->> 'avatar_url'))$$,
  'Saving the name with the picture my_profile gave…');
select is(public.my_profile() ->> 'avatar_url', 'https://img.example.org/mo.png', '…keeps the picture.');
reset role;
select set_config('request.jwt.claims', '{"role": "anon"}', true);
select throws_ok($$select public.my_profile()$$, '42501', 'Sign in first.', 'Without a session my_profile says to sign in.');
select is(
  (select array_agg(r.rolname::text order by r.rolname) from pg_roles as r
    where r.rolname in ('anon', 'authenticated') and has_function_privilege(r.oid, 'public.my_profile()', 'execute')),
  array['authenticated'], 'Only signed-in people may call my_profile; anon may not.');

select * from finish();
rollback;
