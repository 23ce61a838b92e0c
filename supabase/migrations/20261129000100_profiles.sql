-- =====================================================================================
-- Profiles: the name each person shows to their reading groups.
--
-- * private: a schema the Data API never exposes. It holds the SECURITY DEFINER helpers
--   that row-level security policies and RPCs use, so they can look at memberships
--   without recursing into RLS, and without being callable over HTTP.
-- * public.profiles: one row per auth.users row, made by a trigger when someone signs up.
-- =====================================================================================

-- ---------- The non-exposed schema for helpers ----------
create schema if not exists private;
comment on schema private is
  'Helpers for RLS policies, triggers and RPCs. Not exposed by the Data API (not in pgrst.db_schemas).';
revoke all on schema private from public;
-- RLS policies run as the caller, so the caller needs to reach the helpers they call.
grant usage on schema private to authenticated, service_role;

-- ---------- profiles ----------
create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  display_name text not null
    constraint profiles_display_name_length check (char_length(btrim(display_name)) between 1 and 80),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

comment on table public.profiles is
  'One row per signed-up person (made by the on_auth_user_created trigger): the name their groups see.';
comment on column public.profiles.id is 'The person''s auth.users id.';
comment on column public.profiles.display_name is 'Name shown to fellow group members (1–80 characters).';
comment on column public.profiles.created_at is 'When the profile was made (sign-up).';
comment on column public.profiles.updated_at is 'When the profile was last changed.';

alter table public.profiles enable row level security;
revoke all on table public.profiles from anon;
revoke truncate, references, trigger on table public.profiles from authenticated;

-- ---------- Sign-up trigger ----------
create function private.handle_new_user()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into public.profiles (id, display_name)
  values (
    new.id,
    left(
      coalesce(
        nullif(btrim(new.raw_user_meta_data ->> 'display_name'), ''),
        nullif(btrim(split_part(coalesce(new.email, ''), '@', 1)), ''),
        'Reader'
      ),
      80
    )
  )
  on conflict (id) do nothing;
  return new;
end;
$$;

comment on function private.handle_new_user() is
  'Trigger on auth.users: makes the profile, named from raw_user_meta_data.display_name, else the email''s local part.';
revoke all on function private.handle_new_user() from public;

create trigger on_auth_user_created
  after insert on auth.users
  for each row execute function private.handle_new_user();

-- Keeps updated_at honest on every table that has one.
create function private.touch_updated_at()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end;
$$;

comment on function private.touch_updated_at() is 'Trigger: sets updated_at to now() on update.';
revoke all on function private.touch_updated_at() from public;

create trigger profiles_touch_updated_at
  before update on public.profiles
  for each row execute function private.touch_updated_at();
