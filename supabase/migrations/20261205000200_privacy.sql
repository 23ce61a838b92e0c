-- =====================================================================================
-- Privacy: what members learn about each other and what the server learns about pages.
--
-- * Display names are never made from the email address. A new person's profile is
--   called "New member" (name_set = false) until they choose a name (update_profile);
--   profiles named from an email's local part by the old sign-up trigger go back to that
--   placeholder. Names refuse invisible format characters (Unicode Cf: zero-width
--   spaces, direction overrides and isolates, soft hyphens, …).
-- * items.url_key_hash / items.page_key_hash: SHA-256 (hex) of url_key and page_key,
--   kept by the database itself (generated columns, so every clip_item keeps them).
--   find_item takes such a hash, never an address: the extension asks about the page in
--   front of the member without telling the server which page it is, unless some item
--   of the group already is that page.
-- * item_detail answers "no such item" and "not in your group" alike (P0001), so a
--   stranger cannot learn which item ids exist.
-- =====================================================================================

-- ---------- Display names ----------
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
grant execute on function private.has_invisible(text) to authenticated, service_role;

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

alter table app.profiles add column name_set boolean not null default true;
alter table app.profiles alter column name_set set default false;
comment on column app.profiles.name_set is
  'The person chose their display name (update_profile, or a name given at sign-up); while false their groups see "New member".';

-- Names the old trigger made from the email's local part (or "Reader") go back to the placeholder.
update app.profiles as p
   set display_name = 'New member', name_set = false
  from auth.users as u
 where u.id = p.id
   and nullif(btrim(coalesce(u.raw_user_meta_data ->> 'display_name', '')), '') is null
   and (p.display_name = left(btrim(split_part(coalesce(u.email, ''), '@', 1)), 80) or p.display_name = 'Reader');

-- Names holding invisible characters lose them.
update app.profiles as p
   set display_name = coalesce(private.clean_display_name(p.display_name), 'New member')
 where private.has_invisible(p.display_name);

alter table app.profiles
  add constraint profiles_display_name_visible check (not private.has_invisible(display_name));

create or replace function private.handle_new_user()
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

create or replace function public.update_profile(p_display_name text, p_avatar_url text default null)
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

create or replace function public.my_profile()
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

-- ---------- Finding a page's item by a hash of its address ----------
create function private.url_hash(p_key text)
returns text
language sql
immutable
strict
parallel safe
set search_path = ''
as $$
  select encode(sha256(convert_to(p_key, 'UTF8')), 'hex')
$$;

comment on function private.url_hash(text) is
  'SHA-256 of a normalised address (private.url_key), lower-case hex: what find_item compares. utils/background/page-hash.ts computes the same.';

revoke all on function private.url_hash(text) from public;
-- Evaluated as the inserting role by the generated hash columns.
grant execute on function private.url_hash(text) to authenticated, service_role;

alter table app.items
  add column url_key_hash text generated always as (private.url_hash(private.url_key(private.preferred_url(url, canonical_url)))) stored,
  add column page_key_hash text generated always as (private.url_hash(private.url_key(url))) stored;

comment on column app.items.url_key_hash is 'private.url_hash(url_key): find_item finds the item by it.';
comment on column app.items.page_key_hash is 'private.url_hash(page_key): find_item finds the item by it.';

create index items_group_id_url_key_hash_idx on app.items (group_id, url_key_hash);
create index items_group_id_page_key_hash_idx on app.items (group_id, page_key_hash);

create function private.library_item_by_hash(p_group_id uuid, p_hash text)
returns uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if private.group_role(p_group_id) is null then
    raise exception 'You are not a member of this group.' using errcode = '42501';
  end if;
  -- Its key first, else the oldest clipped from this address.
  return (
    select i.id
      from app.items as i
     where i.group_id = p_group_id
       and (i.url_key_hash = p_hash or i.page_key_hash = p_hash)
     order by i.url_key_hash = p_hash desc, i.created_at, i.id
     limit 1);
end;
$$;

comment on function private.library_item_by_hash(uuid, text) is
  'The id of the group''s item whose url_key_hash is p_hash, else the oldest whose page_key_hash is, else null. SECURITY DEFINER so the hash indexes serve it; it checks the caller''s membership itself (42501) and reads only that group.';

revoke all on function private.library_item_by_hash(uuid, text) from public;
grant execute on function private.library_item_by_hash(uuid, text) to authenticated;

-- The address itself is no longer accepted.
drop function public.find_item(uuid, text);

create function public.find_item(p_group_id uuid, p_url_hash text)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_item_id uuid;
begin
  perform private.require_membership(p_group_id);
  if p_url_hash is null or p_url_hash !~ '^[0-9a-f]{64}$' then
    raise exception 'find_item takes the SHA-256 of the page''s normalised address: 64 lower-case hex digits.' using errcode = '22023';
  end if;
  v_item_id := private.library_item_by_hash(p_group_id, p_url_hash);
  if v_item_id is null then
    return null;
  end if;
  return private.item_json(v_item_id) || jsonb_build_object('can_delete', private.can_delete_item(v_item_id));
end;
$$;

comment on function public.find_item(uuid, text) is
  'RPC find_item(p_group_id, p_url_hash) → ItemDetail | null: the item in the group''s library for a page, given the SHA-256 (hex) of its normalised address (private.url_key); matches the item''s url_key_hash (canonical) or page_key_hash (the address it was clipped from), else null; can_delete says whether the caller may remove it. 22023 unless 64 lower-case hex digits.';

revoke all on function public.find_item(uuid, text) from public, anon;
grant execute on function public.find_item(uuid, text) to authenticated, service_role;

-- ---------- item_detail: one answer for "no such item" and "not yours" ----------
create or replace function public.item_detail(p_item_id uuid)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_group_id uuid;
begin
  if (select auth.uid()) is null then
    raise exception 'Sign in first.' using errcode = '42501';
  end if;
  v_group_id := private.item_group_id(p_item_id);
  -- Same code and words whether the item is gone or in a group the caller is not in.
  if v_group_id is null or private.group_role(v_group_id) is null then
    raise exception 'That article is no longer in the library.' using errcode = 'P0001';
  end if;
  return private.item_json(p_item_id) || jsonb_build_object('can_delete', private.can_delete_item(p_item_id));
end;
$$;

comment on function public.item_detail(uuid) is
  'RPC item_detail(p_item_id) → ItemDetail: the item (kind, url or null, authors, dates, lang, dir, …), its tags, comments (oldest first), queue place (null when not queued) and can_delete (the caller may remove it). P0001 "no longer in the library" both when there is no such item and when it is in a group the caller is not in.';
