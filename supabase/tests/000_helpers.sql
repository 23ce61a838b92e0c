-- Helpers every pgTAP file here uses, installed once. pg_prove (tests/db/run.sh, and
-- `supabase test db`) runs the files in name order, so this one runs first. Unlike the other
-- files it does not roll back: the schema `tests` and its functions stay for the files after
-- it, each of which runs in its own transaction and rolls back what it did. tests/db/run.sh
-- drops the schema after the run; against a long-lived local database it stays, and running
-- this file again replaces it in place.
--
-- Scratch tables and helpers for one scenario (tests.results, tests.ids, …) stay in that
-- scenario's file, inside its transaction.

create schema if not exists tests;
comment on schema tests is 'pgTAP helpers (supabase/tests/000_helpers.sql); not part of the app.';
grant usage on schema tests to authenticated;

-- Act as a signed-in member for the rest of the transaction: the role PostgREST takes for a
-- signed-in request and the JWT claims auth.uid() reads. Call it again to switch members;
-- `reset role` goes back to the test's superuser.
create or replace function tests.act_as(p_uid uuid) returns void
language plpgsql set search_path = '' as $$
begin
  perform set_config('role', 'authenticated', true);
  perform set_config('request.jwt.claims', json_build_object('sub', p_uid, 'role', 'authenticated')::text, true);
end $$;

-- The authenticated role with no claims at all (auth.uid() is null): what an RPC sees when
-- the caller's session is gone but the role is still signed-in.
create or replace function tests.signed_out() returns void
language plpgsql set search_path = '' as $$
begin
  perform set_config('role', 'authenticated', true);
  perform set_config('request.jwt.claims', '', true);
end $$;

revoke all on function tests.act_as(uuid), tests.signed_out() from public;
grant execute on function tests.act_as(uuid), tests.signed_out() to authenticated;

begin;
set search_path = public, extensions;
select plan(4);

-- The role the test runs as (tests/db/run.sh sets one for the session, so it is not
-- session_user), for `reset role` to come back to.
do $$ begin perform set_config('tests.own_role', current_user::text, true); end $$;
select tests.act_as('00000000-0000-4000-8000-0000000000a1');
select is(current_user::text, 'authenticated', 'tests.act_as switches to the authenticated role.');
select is(auth.uid(), '00000000-0000-4000-8000-0000000000a1'::uuid, 'tests.act_as makes auth.uid() the member.');
select tests.signed_out();
select is(auth.uid(), null::uuid, 'tests.signed_out leaves auth.uid() empty.');
reset role;
select is(current_user::text, current_setting('tests.own_role'), 'reset role goes back to the test''s own role.');

select * from finish();
rollback;
