-- =====================================================================================
-- API: the functions the extension calls through supabase.rpc — and nothing else.
-- utils/api-types.ts is the contract: names, p_ argument names and JSON results.
--
-- Every public function here is SECURITY INVOKER: it runs as the signed-in person, so
-- row-level security still decides what it can read and write. Each one also checks
-- membership first, to answer with a clear message instead of an empty result or a
-- bare RLS violation. The only privileged steps (joining by invite, finding which group
-- an item belongs to) are SECURITY DEFINER helpers in the non-exposed private schema.
--
-- Errors people can hit (stable SQLSTATEs, messages written to be shown as they are):
--   42501  not signed in / not a member / not allowed
--   P0001  a wrong or expired invite code, an item that is gone
--   22023  input the database will not take (empty name, tag too long, …)
-- =====================================================================================

-- ---------- Helpers ----------
create function private.require_membership(
  p_group_id uuid,
  p_roles text[] default array['owner', 'admin', 'member'],
  p_refusal text default null
)
returns text
language plpgsql
stable
set search_path = ''
as $$
declare
  v_role text;
begin
  if (select auth.uid()) is null then
    raise exception 'Sign in first.' using errcode = '42501';
  end if;
  v_role := private.group_role(p_group_id);
  if v_role is null then
    raise exception 'You are not a member of this group.' using errcode = '42501';
  end if;
  if not v_role = any (p_roles) then
    raise exception '%', coalesce(p_refusal, 'Your role in this group does not allow that.') using errcode = '42501';
  end if;
  return v_role;
end;
$$;

comment on function private.require_membership(uuid, text[], text) is
  'Raises 42501 with a readable message unless the signed-in person is in the group with one of the roles; returns their role.';

create function private.item_group_id(p_item_id uuid)
returns uuid
language sql
stable
security definer
set search_path = ''
as $$
  select i.group_id from public.items as i where i.id = p_item_id
$$;

comment on function private.item_group_id(uuid) is
  'The group an item belongs to, whoever asks (SECURITY DEFINER), so RPCs can tell "not a member" (42501) from "no such item" (P0001).';

create function private.require_item_membership(p_item_id uuid)
returns uuid
language plpgsql
stable
set search_path = ''
as $$
declare
  v_group_id uuid;
begin
  if (select auth.uid()) is null then
    raise exception 'Sign in first.' using errcode = '42501';
  end if;
  v_group_id := private.item_group_id(p_item_id);
  if v_group_id is null then
    raise exception 'That article is no longer in the library.' using errcode = 'P0001';
  end if;
  perform private.require_membership(v_group_id);
  return v_group_id;
end;
$$;

comment on function private.require_item_membership(uuid) is
  'Returns the item''s group id; raises P0001 when the item does not exist and 42501 when the signed-in person is not in its group.';

create function private.person(p_id uuid, p_display_name text)
returns jsonb
language sql
immutable
set search_path = ''
as $$
  select jsonb_build_object('id', p_id, 'display_name', coalesce(p_display_name, 'Former member'))
$$;

comment on function private.person(uuid, text) is
  'The Person shape of api-types.ts; someone whose profile the caller can no longer see shows as "Former member".';

create function private.new_invite_code()
returns text
language plpgsql
volatile
set search_path = ''
as $$
declare
  -- 32 symbols without 0/O and 1/I: a random byte mod 32 is uniform. 8 symbols = 40 bits.
  v_alphabet constant text := 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  v_bytes bytea := uuid_send(gen_random_uuid());
  v_code text := '';
  v_index integer;
begin
  -- Bytes 6 and 8 of a v4 UUID carry its version and variant; use only fully random ones.
  foreach v_index in array array[0, 1, 2, 3, 10, 11, 12, 13] loop
    v_code := v_code || substr(v_alphabet, get_byte(v_bytes, v_index) % 32 + 1, 1);
  end loop;
  return left(v_code, 4) || '-' || right(v_code, 4);
end;
$$;

comment on function private.new_invite_code() is 'A fresh random invite code like K7QM-3XWD.';

revoke all on function private.require_membership(uuid, text[], text) from public;
revoke all on function private.item_group_id(uuid) from public;
revoke all on function private.require_item_membership(uuid) from public;
revoke all on function private.person(uuid, text) from public;
revoke all on function private.new_invite_code() from public;
grant execute on function private.require_membership(uuid, text[], text) to authenticated;
grant execute on function private.item_group_id(uuid) to authenticated;
grant execute on function private.require_item_membership(uuid) to authenticated;
grant execute on function private.person(uuid, text) to authenticated;
grant execute on function private.new_invite_code() to authenticated;

-- ---------- my_groups ----------
create function public.my_groups()
returns table (id uuid, name text, role text, member_count integer, queue_count integer)
language sql
stable
security invoker
set search_path = ''
as $$
  select g.id,
         g.name,
         m.role,
         (select count(*)::integer from public.group_members as mm where mm.group_id = g.id),
         (select count(*)::integer from public.queue_entries as q where q.group_id = g.id)
    from public.group_members as m
    join public.groups as g on g.id = m.group_id
   where m.user_id = (select auth.uid())
   order by lower(g.name), g.id
$$;

comment on function public.my_groups() is
  'RPC my_groups → GroupSummary[]: the signed-in person''s groups with their role, member count and queue length.';

-- ---------- create_group ----------
create function public.create_group(p_name text)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_uid uuid := (select auth.uid());
  v_id uuid := gen_random_uuid();
  v_name text := regexp_replace(btrim(coalesce(p_name, '')), '\s+', ' ', 'g');
begin
  if v_uid is null then
    raise exception 'Sign in to create a group.' using errcode = '42501';
  end if;
  if char_length(v_name) not between 1 and 80 then
    raise exception 'A group name needs 1 to 80 characters.' using errcode = '22023';
  end if;
  -- The groups_add_creator_as_owner trigger makes the caller the owner.
  insert into public.groups (id, name, created_by) values (v_id, v_name, v_uid);
  return jsonb_build_object('id', v_id, 'name', v_name);
end;
$$;

comment on function public.create_group(text) is
  'RPC create_group(p_name) → {id, name}: a new group with the caller as its owner.';

-- ---------- create_invite ----------
create function public.create_invite(p_group_id uuid)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_code text;
begin
  perform private.require_membership(
    p_group_id, array['owner', 'admin'], 'Only the group''s owner or an admin can invite people.');
  loop
    v_code := private.new_invite_code();
    insert into public.group_invites (code, group_id, created_by, expires_at)
    values (v_code, p_group_id, (select auth.uid()), now() + interval '14 days')
    on conflict (code) do nothing;
    exit when found;
  end loop;
  return jsonb_build_object('code', v_code, 'group_id', p_group_id);
end;
$$;

comment on function public.create_invite(uuid) is
  'RPC create_invite(p_group_id) → {code, group_id}: a new invite code, valid 14 days (owners and admins only).';

-- ---------- join_group ----------
create function public.join_group(p_code text)
returns jsonb
language sql
volatile
security invoker
set search_path = ''
as $$
  select jsonb_build_object('id', r.id, 'name', r.name) from private.redeem_invite(p_code) as r
$$;

comment on function public.join_group(text) is
  'RPC join_group(p_code) → {id, name}: joins the invite''s group as a member (again: no change). Wrong code: P0001 "That invite code is not valid."';

-- ---------- clip_item ----------
create function public.clip_item(
  p_client_id uuid,
  p_group_id uuid,
  p_clip jsonb,
  p_tags text[] default '{}',
  p_comment text default null,
  p_queue boolean default false
)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_uid uuid := (select auth.uid());
  v_done public.item_clips%rowtype;
  v_kind text := p_clip ->> 'kind';
  v_url text := btrim(coalesce(p_clip ->> 'url', ''));
  v_canonical text := nullif(btrim(coalesce(p_clip ->> 'canonical_url', '')), '');
  v_title text := regexp_replace(btrim(coalesce(p_clip ->> 'title', '')), '\s+', ' ', 'g');
  v_content text := p_clip ->> 'content_html';
  v_text_length integer;
  v_lead_image text := nullif(btrim(coalesce(p_clip ->> 'lead_image_url', '')), '');
  v_tags text[];
  v_comment text := nullif(btrim(coalesce(p_comment, '')), '');
  v_item_id uuid;
  v_created boolean := false;
  v_comment_id uuid;
  v_queued boolean;
begin
  if v_uid is null then
    raise exception 'Sign in to save articles.' using errcode = '42501';
  end if;
  if p_client_id is null then
    raise exception 'A clip needs a client id.' using errcode = '22023';
  end if;
  perform private.require_membership(p_group_id);

  -- One clip at a time per group: concurrent clips of one article, or retries, queue up here.
  perform pg_advisory_xact_lock(hashtextextended('readclub.clip_item:' || p_group_id::text, 0));

  -- A retry of a clip that already succeeded: the same item, comment and queue answer, and
  -- no change. created is false: the article is already in the library (api-types.ts).
  select c.* into v_done from public.item_clips as c where c.client_id = p_client_id;
  if found then
    return jsonb_build_object(
      'item_id', v_done.item_id, 'created', false, 'queued', v_done.queued, 'comment_id', v_done.comment_id);
  end if;

  -- ----- Check the clip -----
  if p_clip is null or jsonb_typeof(p_clip) <> 'object' then
    raise exception 'Nothing to save: the clip is empty.' using errcode = '22023';
  end if;
  if v_kind is null or v_kind not in ('article', 'link') then
    raise exception 'A clip is either an article or a link.' using errcode = '22023';
  end if;
  if v_url !~* '^https?://[^/?#]+' then
    raise exception 'Only web pages (http or https addresses) can be saved.' using errcode = '22023';
  end if;
  if char_length(v_url) > 2048 then
    raise exception 'That page''s address is too long to save (over 2048 characters).' using errcode = '22023';
  end if;
  if v_canonical !~* '^https?://[^/?#]+' or char_length(v_canonical) > 2048 then
    v_canonical := null;  -- an unusable canonical link is ignored, not an error
  end if;
  if v_lead_image !~* '^https?://' or char_length(v_lead_image) > 2048 then
    v_lead_image := null;
  end if;
  if v_title = '' then
    v_title := left(v_url, 500);
  end if;
  if v_kind = 'link' then
    v_content := null;
  end if;
  if octet_length(v_content) > 2097152 then
    raise exception 'This article is too long to save (over 2 MB). Save it as a link instead.' using errcode = '22023';
  end if;
  begin
    v_text_length := greatest(0, least(coalesce((p_clip ->> 'text_length')::numeric, 0), 10000000))::integer;
  exception when invalid_text_representation then
    raise exception 'The clip''s text length is not a number.' using errcode = '22023';
  end;
  if v_kind = 'link' then
    v_text_length := 0;
  end if;

  -- Tags: trimmed, lower-case, no leading #, inner spaces collapsed, no duplicates.
  select coalesce(array_agg(distinct t.tag order by t.tag), '{}')
    into v_tags
    from (
      select lower(regexp_replace(regexp_replace(btrim(raw), '^#+', ''), '\s+', ' ', 'g')) as tag
        from unnest(coalesce(p_tags, '{}')) as raw
    ) as t
   where t.tag <> '';
  if exists (select from unnest(v_tags) as t where char_length(t) > 40) then
    raise exception 'A tag can be at most 40 characters.' using errcode = '22023';
  end if;
  if cardinality(v_tags) > 20 then
    raise exception 'An article can have at most 20 tags.' using errcode = '22023';
  end if;
  if char_length(v_comment) > 4000 then
    raise exception 'A comment can be at most 4000 characters.' using errcode = '22023';
  end if;

  -- ----- The item: new, or the one already in the library under the same normalised URL -----
  select i.id into v_item_id
    from public.items as i
   where i.group_id = p_group_id
     and i.url_key = private.url_key(private.preferred_url(v_url, v_canonical));
  if v_item_id is null then
    v_item_id := gen_random_uuid();
    insert into public.items (
      id, group_id, client_id, kind, url, canonical_url, title, byline, site_name, excerpt,
      content_html, text_length, lang, lead_image_url, added_by)
    values (
      v_item_id, p_group_id, p_client_id, v_kind, v_url, v_canonical, left(v_title, 500),
      left(nullif(btrim(p_clip ->> 'byline'), ''), 300),
      left(nullif(btrim(p_clip ->> 'site_name'), ''), 200),
      left(nullif(btrim(p_clip ->> 'excerpt'), ''), 2000),
      v_content, v_text_length,
      left(nullif(btrim(p_clip ->> 'lang'), ''), 35),
      v_lead_image, v_uid);
    v_created := true;
  end if;

  -- ----- Tags (merged), comment, queue place -----
  insert into public.item_tags (item_id, group_id, tag, added_by)
  select v_item_id, p_group_id, t, v_uid from unnest(v_tags) as t
  on conflict (item_id, tag) do nothing;

  if v_comment is not null then
    insert into public.comments (item_id, group_id, author_id, body)
    values (v_item_id, p_group_id, v_uid, v_comment)
    returning id into v_comment_id;
  end if;

  if p_queue and not exists (select from public.queue_entries as q where q.item_id = v_item_id) then
    insert into public.queue_entries (item_id, group_id, position, queued_by)
    select v_item_id, p_group_id, coalesce(max(q.position), 0) + 1, v_uid
      from public.queue_entries as q
     where q.group_id = p_group_id;
  end if;
  v_queued := exists (select from public.queue_entries as q where q.item_id = v_item_id);

  insert into public.item_clips (client_id, group_id, item_id, clipped_by, created, queued, comment_id)
  values (p_client_id, p_group_id, v_item_id, v_uid, v_created, v_queued, v_comment_id);

  return jsonb_build_object('item_id', v_item_id, 'created', v_created, 'queued', v_queued, 'comment_id', v_comment_id);
exception
  when unique_violation then
    -- Only reachable when another person's clip already used this client id.
    if sqlerrm like '%item_clips_pkey%' or sqlerrm like '%items_client_id_key%' then
      raise exception 'This clip id was already used. Try saving again.' using errcode = '22023';
    end if;
    raise;
end;
$$;

comment on function public.clip_item(uuid, uuid, jsonb, text[], text, boolean) is
  'RPC clip_item(p_client_id, p_group_id, p_clip, p_tags, p_comment, p_queue) → ClipItemResult. One transaction: the item (or the existing one with the same normalised URL: created = false), merged tags, an optional comment, an optional place at the end of the queue (queued = in the queue afterwards). A retry with the same p_client_id changes nothing and returns the first answer''s item_id, queued and comment_id, with created = false (the article is in the library by then).';

-- ---------- add_comment ----------
create function public.add_comment(p_item_id uuid, p_body text)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_uid uuid := (select auth.uid());
  v_group_id uuid := private.require_item_membership(p_item_id);
  v_body text := btrim(coalesce(p_body, ''));
  v_comment public.comments%rowtype;
begin
  if v_body = '' then
    raise exception 'Write something before sending the comment.' using errcode = '22023';
  end if;
  if char_length(v_body) > 4000 then
    raise exception 'A comment can be at most 4000 characters.' using errcode = '22023';
  end if;
  insert into public.comments (item_id, group_id, author_id, body)
  values (p_item_id, v_group_id, v_uid, v_body)
  returning * into v_comment;
  return jsonb_build_object(
    'id', v_comment.id,
    'body', v_comment.body,
    'author', private.person(v_uid, (select p.display_name from public.profiles as p where p.id = v_uid)),
    'created_at', v_comment.created_at);
end;
$$;

comment on function public.add_comment(uuid, text) is 'RPC add_comment(p_item_id, p_body) → Comment.';

-- ---------- group_queue ----------
create function public.group_queue(p_group_id uuid)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_role text := private.require_membership(p_group_id);
begin
  return jsonb_build_object(
    'group', (select jsonb_build_object('id', g.id, 'name', g.name, 'role', v_role)
                from public.groups as g where g.id = p_group_id),
    'queue', coalesce((
      select jsonb_agg(
               jsonb_build_object(
                 'item_id', i.id,
                 'position', q.position,
                 'title', i.title,
                 'url', private.preferred_url(i.url, i.canonical_url),
                 'site_name', i.site_name,
                 'added_by', private.person(i.added_by, adder.display_name),
                 'queued_by', private.person(q.queued_by, queuer.display_name),
                 'queued_at', q.queued_at,
                 'tags', coalesce((select jsonb_agg(t.tag order by t.tag)
                                     from public.item_tags as t where t.item_id = i.id), '[]'::jsonb),
                 'comment_count', (select count(*) from public.comments as c where c.item_id = i.id),
                 'reading_minutes', i.reading_minutes)
               order by q.position, q.queued_at)
        from public.queue_entries as q
        join public.items as i on i.id = q.item_id
        left join public.profiles as adder on adder.id = i.added_by
        left join public.profiles as queuer on queuer.id = q.queued_by
       where q.group_id = p_group_id), '[]'::jsonb));
end;
$$;

comment on function public.group_queue(uuid) is
  'RPC group_queue(p_group_id) → GroupQueue: the group, the caller''s role, and the queue in order with tags, comment counts and reading time.';

-- ---------- item_detail ----------
create function public.item_detail(p_item_id uuid)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_group_id uuid := private.require_item_membership(p_item_id);
begin
  return (
    select jsonb_build_object(
      'item', jsonb_build_object(
        'id', i.id,
        'group_id', i.group_id,
        'title', i.title,
        'url', private.preferred_url(i.url, i.canonical_url),
        'site_name', i.site_name,
        'byline', i.byline,
        'excerpt', i.excerpt,
        'lead_image_url', i.lead_image_url,
        'reading_minutes', i.reading_minutes,
        'added_by', private.person(i.added_by, adder.display_name),
        'created_at', i.created_at),
      'tags', coalesce((select jsonb_agg(t.tag order by t.tag)
                          from public.item_tags as t where t.item_id = i.id), '[]'::jsonb),
      'comments', coalesce((
        select jsonb_agg(
                 jsonb_build_object(
                   'id', c.id,
                   'body', c.body,
                   'author', private.person(c.author_id, author.display_name),
                   'created_at', c.created_at)
                 order by c.created_at, c.id)
          from public.comments as c
          left join public.profiles as author on author.id = c.author_id
         where c.item_id = i.id), '[]'::jsonb),
      'queue', (
        select jsonb_build_object(
                 'position', q.position,
                 'queued_by', private.person(q.queued_by, queuer.display_name),
                 'queued_at', q.queued_at)
          from public.queue_entries as q
          left join public.profiles as queuer on queuer.id = q.queued_by
         where q.item_id = i.id))
      from public.items as i
      left join public.profiles as adder on adder.id = i.added_by
     where i.id = p_item_id and i.group_id = v_group_id);
end;
$$;

comment on function public.item_detail(uuid) is
  'RPC item_detail(p_item_id) → ItemDetail: the item, its tags, comments (oldest first) and queue place (null when not queued).';

-- ---------- Signed-in people only ----------
revoke all on function public.my_groups() from public, anon;
revoke all on function public.create_group(text) from public, anon;
revoke all on function public.create_invite(uuid) from public, anon;
revoke all on function public.join_group(text) from public, anon;
revoke all on function public.clip_item(uuid, uuid, jsonb, text[], text, boolean) from public, anon;
revoke all on function public.add_comment(uuid, text) from public, anon;
revoke all on function public.group_queue(uuid) from public, anon;
revoke all on function public.item_detail(uuid) from public, anon;

grant execute on function public.my_groups() to authenticated, service_role;
grant execute on function public.create_group(text) to authenticated, service_role;
grant execute on function public.create_invite(uuid) to authenticated, service_role;
grant execute on function public.join_group(text) to authenticated, service_role;
grant execute on function public.clip_item(uuid, uuid, jsonb, text[], text, boolean) to authenticated, service_role;
grant execute on function public.add_comment(uuid, text) to authenticated, service_role;
grant execute on function public.group_queue(uuid) to authenticated, service_role;
grant execute on function public.item_detail(uuid) to authenticated, service_role;
