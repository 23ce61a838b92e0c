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

-- ---------- No default grants, as on a project created today ----------
-- Since 2026 Supabase no longer grants new tables, sequences and functions in public to
-- anon, authenticated and service_role, and no longer enables pg_graphql: a migration
-- grants what it exposes. So nothing here grants anything on objects a migration makes.
-- Postgres still grants EXECUTE on every new function to PUBLIC; the schemas revoke that.

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

-- =====================================================================================
-- Realtime: the `realtime` schema as Supabase Realtime's own migrations leave it, as far
-- as this project uses it (private Broadcast authorised by RLS on realtime.messages,
-- fed by realtime.send / realtime.broadcast_changes). Definitions follow
-- supabase/realtime lib/realtime/tenants/repo/migrations (squashed 2026-04, ownership
-- and grants as of 2026-06). One difference, on purpose:
--   * realtime.messages is a plain table here. Supabase partitions it by day (range on
--     inserted_at, plus a default partition) and drops old partitions; the columns,
--     primary key, RLS and grants are the same, which is all a policy or a trigger sees.
-- And one local addition: the trigger realtime.local_notify_broadcast, which stands in
-- for Realtime reading the table's WAL: it tells the local stand-in's websocket
-- (supabase/local/realtime.ts) about each Broadcast row once its transaction commits.
-- =====================================================================================
do $$
begin
  if not exists (select from pg_roles where rolname = 'supabase_realtime_admin') then
    create role supabase_realtime_admin nologin noinherit noreplication;
  end if;
end
$$;
grant supabase_realtime_admin to postgres;

create schema if not exists realtime;

create table if not exists realtime.messages (
  topic text not null,
  extension text not null,
  payload jsonb,
  event text,
  private boolean default false,
  updated_at timestamp without time zone not null default now(),
  inserted_at timestamp without time zone not null default now(),
  id uuid not null default gen_random_uuid(),
  constraint messages_pkey primary key (id, inserted_at)
);
create index if not exists messages_inserted_at_topic_index
  on realtime.messages (inserted_at desc, topic)
  where extension = 'broadcast' and private is true;
alter table realtime.messages enable row level security;

create or replace function realtime.topic() returns text
language sql stable
as $$
  select nullif(current_setting('realtime.topic', true), '')::text;
$$;

create or replace function realtime.send(payload jsonb, event text, topic text, private boolean default true) returns void
language plpgsql
as $$
declare
  generated_id uuid;
  final_payload jsonb;
begin
  begin
    generated_id := gen_random_uuid();
    if payload ? 'id' then
      final_payload := payload;
    else
      final_payload := jsonb_set(payload, '{id}', to_jsonb(generated_id));
    end if;
    execute format('SET LOCAL realtime.topic TO %L', topic);
    insert into realtime.messages (id, payload, event, topic, private, extension)
    values (generated_id, final_payload, event, topic, private, 'broadcast');
  exception
    when others then
      raise warning 'ErrorSendingBroadcastMessage: %', sqlerrm;
  end;
end;
$$;

create or replace function realtime.broadcast_changes(
  topic_name text, event_name text, operation text, table_name text, table_schema text,
  new record, old record, level text default 'ROW'
) returns void
language plpgsql
as $$
declare
  row_data jsonb := '{}'::jsonb;
begin
  if level = 'STATEMENT' then
    raise exception 'function can only be triggered for each row, not for each statement';
  end if;
  if operation = 'INSERT' or operation = 'UPDATE' or operation = 'DELETE' then
    row_data := jsonb_build_object('old_record', old, 'record', new, 'operation', operation, 'table', table_name, 'schema', table_schema);
    perform realtime.send(row_data, event_name, topic_name);
  else
    raise exception 'Unexpected operation type: %', operation;
  end if;
exception
  when others then
    raise exception 'Failed to process the row: %', sqlerrm;
end;
$$;

-- Local only: what Realtime's replication of realtime.messages does on Supabase.
create or replace function realtime.local_notify_broadcast() returns trigger
language plpgsql
as $$
begin
  perform pg_notify('local_realtime_broadcast', json_build_object('id', new.id, 'topic', new.topic, 'private', new.private)::text);
  return null;
end;
$$;
drop trigger if exists local_notify_broadcast on realtime.messages;
create trigger local_notify_broadcast
  after insert on realtime.messages
  for each row when (new.extension = 'broadcast')
  execute function realtime.local_notify_broadcast();

alter table realtime.messages owner to supabase_realtime_admin;
alter function realtime.topic() owner to supabase_realtime_admin;
alter function realtime.send(jsonb, text, text, boolean) owner to supabase_realtime_admin;
alter function realtime.broadcast_changes(text, text, text, text, text, record, record, text) owner to supabase_realtime_admin;

grant usage on schema realtime to postgres, anon, authenticated, service_role, supabase_realtime_admin;
grant create on schema realtime to supabase_realtime_admin;
grant all on all tables in schema realtime to supabase_realtime_admin;
grant all on all functions in schema realtime to supabase_realtime_admin;
grant select, insert, update on realtime.messages to postgres, anon, authenticated, service_role;
grant delete, truncate, references, trigger on realtime.messages to postgres;
