-- ======================================================================================
-- Profiles: one per signed-up person
--
-- The name (and optional avatar) each person shows to their reading groups: one row per
-- auth.users row, made by a trigger when someone signs up.
-- * Display names are never made from the email address (fellow members would learn it):
--   a new person is "New member" (name_set = false) until they choose a name.
-- * Names hold no invisible format characters (Unicode Cf: zero-width spaces, direction
--   overrides and isolates, soft hyphens, …).
-- ======================================================================================

-- --------------------------------------------------------------------------------------
-- Functions
-- --------------------------------------------------------------------------------------

create function private.has_invisible(p_text text)
returns boolean
language sql
immutable
strict
parallel safe
set search_path = ''
as $$
  -- Every Unicode (17.0) format character, general category Cf.
  select p_text ~ U&'[\00AD\0600-\0605\061C\06DD\070F\0890-\0891\08E2\180E\200B-\200F\202A-\202E\2060-\2064\2066-\206F\FEFF\FFF9-\FFFB\+0110BD\+0110CD\+013430-\+01343F\+01BCA0-\+01BCA3\+01D173-\+01D17A\+0E0001\+0E0020-\+0E007F]'
$$;

comment on function private.has_invisible(text) is
  'Whether the text holds an invisible format character (Unicode general category Cf: U+200B zero-width space, U+202E right-to-left override, U+2066 isolate, U+00AD soft hyphen, …). Keep in step with utils/ui/display-name.ts.';

revoke all on function private.has_invisible(text) from public;

-- Evaluated as the updating role by profiles_display_name_visible.
grant execute on function private.has_invisible(text) to authenticated;

create function private.clean_display_name(p_name text)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  select nullif(left(btrim(regexp_replace(
           regexp_replace(coalesce(p_name, ''),
             U&'[\00AD\0600-\0605\061C\06DD\070F\0890-\0891\08E2\180E\200B-\200F\202A-\202E\2060-\2064\2066-\206F\FEFF\FFF9-\FFFB\+0110BD\+0110CD\+013430-\+01343F\+01BCA0-\+01BCA3\+01D173-\+01D17A\+0E0001\+0E0020-\+0E007F]',
             '', 'g'),
           '\s+', ' ', 'g')), 80), '')
$$;

comment on function private.clean_display_name(text) is
  'A name given at sign-up, made fit to show: invisible format characters dropped, runs of white space made one space, trimmed, at most 80 characters; null when nothing is left.';

revoke all on function private.clean_display_name(text) from public;

-- --------------------------------------------------------------------------------------
-- Tables
-- --------------------------------------------------------------------------------------

create table app.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  display_name text not null
    constraint profiles_display_name_length check (char_length(btrim(display_name)) between 1 and 80)
    constraint profiles_display_name_visible check (not private.has_invisible(display_name)),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  avatar_url text
    constraint profiles_avatar_url_valid check (avatar_url ~ '^https://[^/?#\s]+[^\s]*$' and char_length(avatar_url) <= 2048),
  name_set boolean not null default false
);

alter table app.profiles enable row level security;

comment on table app.profiles is
  'One row per signed-up person (made by the on_auth_user_created trigger): the name their groups see.';

comment on column app.profiles.id is 'The person''s auth.users id.';

comment on column app.profiles.display_name is
  'Name shown to fellow group members (1–80 characters, no invisible format characters); "New member" until the person chooses one.';

comment on column app.profiles.created_at is 'When the profile was made (sign-up).';

comment on column app.profiles.updated_at is 'When the profile was last changed.';

comment on column app.profiles.avatar_url is 'Optional picture shown beside the name: an https URL (at most 2048 characters), or null.';

comment on column app.profiles.name_set is
  'The person chose their display name (update_profile, or a name given at sign-up); while false their groups see "New member".';

-- --------------------------------------------------------------------------------------
-- Functions
-- --------------------------------------------------------------------------------------

create function private.handle_new_user()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_name text := private.clean_display_name(new.raw_user_meta_data ->> 'display_name');
begin
  -- Never named from the email: fellow members would learn the address.
  insert into app.profiles (id, display_name, name_set)
  values (new.id, coalesce(v_name, 'New member'), v_name is not null)
  on conflict (id) do nothing;
  return new;
end;
$$;

comment on function private.handle_new_user() is
  'Trigger on auth.users: makes the profile, named from raw_user_meta_data.display_name when given (name_set), else "New member" until the person chooses a name. Never from the email.';

revoke all on function private.handle_new_user() from public;

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

create function private.avatar_url_of(p_id uuid)
returns text
language sql
stable
security definer
set search_path = ''
as $$
  select p.avatar_url from app.profiles as p where p.id = p_id
$$;

comment on function private.avatar_url_of(uuid) is
  'The picture address of a profile, for private.person, which asks only for people the caller can already see.';

revoke all on function private.avatar_url_of(uuid) from public;

grant execute on function private.avatar_url_of(uuid) to authenticated;

create function private.person(p_id uuid, p_display_name text)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select jsonb_build_object(
           'id', p_id,
           'display_name', coalesce(p_display_name, 'Former member'),
           'avatar_url', case when p_display_name is null then null else private.avatar_url_of(p_id) end)
$$;

comment on function private.person(uuid, text) is
  'The Person shape of api-types.ts (id, display_name, avatar_url); someone whose profile the caller can no longer see shows as "Former member" without a picture.';

revoke all on function private.person(uuid, text) from public;

grant execute on function private.person(uuid, text) to authenticated;

create function public.update_profile(p_display_name text, p_avatar_url text default null)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_uid uuid := (select auth.uid());
  v_name text := regexp_replace(btrim(coalesce(p_display_name, '')), '\s+', ' ', 'g');
  v_avatar text := nullif(btrim(coalesce(p_avatar_url, '')), '');
begin
  if v_uid is null then
    raise exception 'Sign in first.' using errcode = '42501';
  end if;
  if private.has_invisible(v_name) then
    raise exception 'A display name cannot hold invisible characters (zero-width spaces, direction marks); type it again without them.'
      using errcode = '22023';
  end if;
  if char_length(v_name) not between 1 and 80 then
    raise exception 'A display name needs 1 to 80 characters.' using errcode = '22023';
  end if;
  if v_avatar is not null and (v_avatar !~ '^https://[^/?#\s]+[^\s]*$' or char_length(v_avatar) > 2048) then
    raise exception 'A picture address must start with https:// (at most 2048 characters).' using errcode = '22023';
  end if;
  update app.profiles as p set display_name = v_name, avatar_url = v_avatar, name_set = true where p.id = v_uid;
  return jsonb_build_object('id', v_uid, 'display_name', v_name, 'avatar_url', v_avatar);
end;
$$;

comment on function public.update_profile(text, text) is
  'RPC update_profile(p_display_name, p_avatar_url) → {id, display_name, avatar_url}: the name (1–80 characters, no invisible format characters) and optional https picture fellow members see; the name counts as chosen from then on.';

revoke all on function public.update_profile(text, text) from public, anon;

grant execute on function public.update_profile(text, text) to authenticated;

create function public.my_profile()
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_uid uuid := (select auth.uid());
  v_profile jsonb;
begin
  if v_uid is null then
    raise exception 'Sign in first.' using errcode = '42501';
  end if;
  select jsonb_build_object('id', p.id, 'display_name', p.display_name, 'avatar_url', p.avatar_url, 'name_set', p.name_set)
    into v_profile
    from app.profiles as p
   where p.id = v_uid;
  if v_profile is null then
    raise exception 'Your profile is missing; sign out and in again.' using errcode = 'P0001';
  end if;
  return v_profile;
end;
$$;

comment on function public.my_profile() is
  'RPC my_profile() → {id, display_name, avatar_url, name_set}: the signed-in person''s own name and picture (what the profile form starts from); name_set false while they are still "New member" (the extension asks for a name).';

revoke all on function public.my_profile() from public, anon;

grant execute on function public.my_profile() to authenticated;

-- --------------------------------------------------------------------------------------
-- Table privileges
-- --------------------------------------------------------------------------------------

-- Row-level security decides which rows; these grants decide what the SECURITY INVOKER
-- RPCs may do at all (no other API role holds anything on these tables).

grant select on table app.profiles to authenticated;
grant update (display_name, avatar_url, name_set) on table app.profiles to authenticated;

-- --------------------------------------------------------------------------------------
-- Row level security policies
-- --------------------------------------------------------------------------------------

create policy "People can update their own profile"
  on app.profiles for update to authenticated
  using (id = (select auth.uid()))
  with check (id = (select auth.uid()));

-- --------------------------------------------------------------------------------------
-- Triggers
-- --------------------------------------------------------------------------------------

create trigger on_auth_user_created
  after insert on auth.users
  for each row execute function private.handle_new_user();

create trigger profiles_touch_updated_at
  before update on app.profiles
  for each row execute function private.touch_updated_at();
