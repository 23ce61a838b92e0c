-- =====================================================================================
-- Local bootstrap: what a Supabase project already has before any migration runs.
--
-- Used ONLY for local databases (embedded PGlite, or a plain Postgres in tests and CI).
-- Never push this to a Supabase project: there, the platform provides all of it.
-- Idempotent, so it can run on every start.
-- =====================================================================================

-- ---------- Roles PostgREST switches to (set local role) ----------
do $$
begin
  if not exists (select from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select from pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
end
$$;

-- ---------- Schemas ----------
create schema if not exists extensions;
create schema if not exists auth;
grant usage on schema extensions to anon, authenticated, service_role;
grant usage on schema auth to anon, authenticated, service_role;
grant usage on schema public to anon, authenticated, service_role;

-- ---------- auth.users: the columns of GoTrue's table that this project touches ----------
create table if not exists auth.users (
  instance_id uuid,
  id uuid primary key,
  aud varchar(255),
  role varchar(255),
  email varchar(255) unique,
  encrypted_password varchar(255),
  email_confirmed_at timestamptz,
  last_sign_in_at timestamptz,
  raw_app_meta_data jsonb default '{}'::jsonb,
  raw_user_meta_data jsonb default '{}'::jsonb,
  is_anonymous boolean not null default false,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  deleted_at timestamptz
);

-- ---------- auth helpers, as Supabase defines them ----------
create or replace function auth.uid() returns uuid
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
  )::uuid
$$;

create or replace function auth.role() returns text
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
  )::text
$$;

create or replace function auth.jwt() returns jsonb
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')
  )::jsonb
$$;

grant execute on function auth.uid(), auth.role(), auth.jwt() to anon, authenticated, service_role;

-- ---------- Supabase's default grants: RLS, not a missing grant, decides access ----------
alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;

-- ---------- Statement timeouts of the API roles, as on a hosted project ----------
-- Supabase sets these role defaults (docs: Database > Timeouts): anon 3 s, authenticated 8 s;
-- service_role has none of its own. PostgREST applies a role's settings to each request it
-- runs as that role, and so does the stand-in (supabase/local/postgrest.ts).
alter role anon set statement_timeout = '3s';
alter role authenticated set statement_timeout = '8s';

-- ---------- Realtime's publication (empty until a migration adds tables) ----------
do $$
begin
  if not exists (select from pg_publication where pubname = 'supabase_realtime') then
    create publication supabase_realtime;
  end if;
end
$$;

-- ---------- The schemas PostgREST exposes, as Supabase sets them (read by db advisors) ----------
do $$
begin
  execute format('alter database %I set pgrst.db_schemas = %L', current_database(), 'public, graphql_public');
end
$$;
