-- =====================================================================================
-- Groups, the extension's side (issue 4): pictures beside names, who may remove an item,
-- and the signed-in person's own profile.
--
-- * private.person carries the member's avatar_url, so every Person in item, queue, library
--   and comment JSON (all built through it) shows their picture. It reads the picture under
--   RLS (this stays SECURITY INVOKER): a profile the caller cannot see has no picture, as it
--   has no name ("Former member").
-- * private.can_delete_item: the one rule for removing an item (whoever added it, or an
--   owner or admin of its group). delete_item enforces it; item_detail and find_item report
--   it as can_delete, so the extension offers Delete exactly when the database will allow it.
-- * my_profile: the caller's own name and picture, so the profile form starts from them.
-- =====================================================================================

create or replace function private.person(p_id uuid, p_display_name text)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select jsonb_build_object(
           'id', p_id,
           'display_name', coalesce(p_display_name, 'Former member'),
           'avatar_url', case when p_display_name is null then null
                              else (select p.avatar_url from public.profiles as p where p.id = p_id) end)
$$;

comment on function private.person(uuid, text) is
  'The Person shape of api-types.ts (id, display_name, avatar_url); someone whose profile the caller can no longer see shows as "Former member" without a picture.';

create function private.can_delete_item(p_item_id uuid)
returns boolean
language sql
stable
set search_path = ''
as $$
  select coalesce(
           private.group_role(i.group_id) in ('owner', 'admin')
             or (i.added_by = (select auth.uid()) and private.group_role(i.group_id) is not null),
           false)
    from public.items as i
   where i.id = p_item_id
$$;

comment on function private.can_delete_item(uuid) is
  'True when the signed-in person may remove the item: they added it (and are still a member), or they are an owner or admin of its group.';

revoke all on function private.can_delete_item(uuid) from public;
grant execute on function private.can_delete_item(uuid) to authenticated, service_role;

create or replace function public.delete_item(p_item_id uuid)
returns void
language plpgsql
volatile
security invoker
set search_path = ''
as $$
begin
  perform private.require_item_membership(p_item_id);
  if not coalesce(private.can_delete_item(p_item_id), false) then
    raise exception 'Only whoever added this article, or an owner or admin, can remove it.' using errcode = '42501';
  end if;
  delete from public.items as i where i.id = p_item_id;  -- tags, comments and queue place go with it
end;
$$;

comment on function public.delete_item(uuid) is
  'RPC delete_item(p_item_id) → void: removes an item from the library (whoever added it, or an owner or admin: private.can_delete_item).';

create or replace function public.item_detail(p_item_id uuid)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
begin
  perform private.require_item_membership(p_item_id);
  return private.item_json(p_item_id) || jsonb_build_object('can_delete', private.can_delete_item(p_item_id));
end;
$$;

comment on function public.item_detail(uuid) is
  'RPC item_detail(p_item_id) → ItemDetail: the item (kind, url or null, authors, dates, lang, dir, …), its tags, comments (oldest first), queue place (null when not queued) and can_delete (the caller may remove it).';

create or replace function public.find_item(p_group_id uuid, p_url text)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_key text;
  v_item_id uuid;
begin
  perform private.require_membership(p_group_id);
  if p_url is null or btrim(p_url) !~* '^https?://[^/?#]+' then
    return null;  -- not a web page: nothing in the library can be for it
  end if;
  v_key := private.url_key(p_url);
  -- The item for this article (its key) first, else one clipped from this address.
  select i.id into v_item_id
    from public.items as i
   where i.group_id = p_group_id
     and (i.url_key = v_key or i.page_key = v_key)
   order by i.url_key = v_key desc, i.created_at, i.id
   limit 1;
  if v_item_id is null then
    return null;
  end if;
  return private.item_json(v_item_id) || jsonb_build_object('can_delete', private.can_delete_item(v_item_id));
end;
$$;

comment on function public.find_item(uuid, text) is
  'RPC find_item(p_group_id, p_url) → ItemDetail | null: the item in the group''s library for this page — its normalised URL equals the item''s url_key (canonical) or page_key (the address it was clipped from) — else null; can_delete says whether the caller may remove it.';

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
  select jsonb_build_object('id', p.id, 'display_name', p.display_name, 'avatar_url', p.avatar_url)
    into v_profile
    from public.profiles as p
   where p.id = v_uid;
  if v_profile is null then
    raise exception 'Your profile is missing; sign out and in again.' using errcode = 'P0001';
  end if;
  return v_profile;
end;
$$;

comment on function public.my_profile() is
  'RPC my_profile() → {id, display_name, avatar_url}: the signed-in person''s own name and picture (what the profile form starts from).';

revoke all on function public.my_profile() from public, anon;
grant execute on function public.my_profile() to authenticated, service_role;
