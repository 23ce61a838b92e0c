-- =====================================================================================
-- Policy cost (issue 7): what row-level security costs a member's small statements.
--
-- Measured on the 1M-item bench data (clip_item, item_detail, my_groups as a member against
-- the same statement with RLS bypassed), the extra time came from three things, none of
-- them the policies' meaning:
--
-- * The membership helpers were SQL functions that PostgreSQL cannot inline (SECURITY
--   DEFINER and SET search_path both prevent it), and Postgres 15 parses and plans a
--   non-inlined SQL function's body again on every call. Every policy asks
--   private.my_group_ids() once per statement and table, so each cost a fresh plan
--   (~60-90 µs). In PL/pgSQL the body's plan is kept for the session: ~25 µs a call.
-- * The same held one level up: item_json, item_tags_json, comments_json, comment_json,
--   queue_place, can_delete_item, library_entry and my_groups are SQL functions that read
--   tables with policies, so each call planned the policies (subplans, auth.uid()) anew.
--   As PL/pgSQL their plans, policies included, are kept for the session too.
-- * Two look-ups read a whole group where they meant one row. The SELECT policies of the
--   library tables say `group_id = any (array(select private.my_group_ids()))` (so a query
--   without a group filter still goes through a group_id index; 10_policy_scale), and the
--   planner takes that array for 10 values independent of the statement's own
--   `group_id = $1`: it then expects ~0.1 rows of the group and takes any group_id index.
--   clip_item's and find_item's search for an article's keys read every item of the group
--   (500 rows in the bench group) instead of probing the key indexes, and queue_at_end's
--   max(position) read the group's whole queue. queue_at_end now asks for the last place
--   in position order (the (group_id, position) index, one row); the key search moves into
--   private.library_item_for, a SECURITY DEFINER helper that checks the caller's membership
--   itself and reads only that group, as private.search_hits does for the same reason.
--
-- No policy changes: every USING and WITH CHECK clause is as it was, and the helpers return
-- what they returned. supabase/tests/24_policy_cost.sql pins that they still refuse.
-- This is the last definition of each function below; later changes belong here.
-- =====================================================================================

-- ---------- Membership helpers: same results, plans kept per session ----------
create or replace function private.my_group_ids(p_roles text[] default array['owner', 'admin', 'member'])
returns setof uuid
language plpgsql
stable
security definer
set search_path = ''
rows 10
as $$
begin
  return query
    select m.group_id
      from public.group_members as m
     where m.user_id = (select auth.uid())
       and m.role = any (p_roles);
end;
$$;

comment on function private.my_group_ids(text[]) is
  'Ids of the groups the signed-in person belongs to with one of the given roles. Policies use it as `group_id in (select private.my_group_ids())` or `group_id = any (array(select private.my_group_ids()))`. PL/pgSQL so its plan is kept for the session (a SQL function that cannot be inlined is planned on every call).';

create or replace function private.my_co_member_ids()
returns setof uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query
    select distinct other.user_id
      from public.group_members as mine
      join public.group_members as other on other.group_id = mine.group_id
     where mine.user_id = (select auth.uid());
end;
$$;

comment on function private.my_co_member_ids() is
  'Ids of everyone who shares at least one group with the signed-in person (themselves included once they belong to a group). PL/pgSQL so its plan is kept for the session.';

-- ---------- Readers of policy-guarded tables: plans (policies included) kept per session ----------
create or replace function private.item_tags_json(p_item_id uuid)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
begin
  return (select coalesce(jsonb_agg(t.tag order by t.tag), '[]'::jsonb)
            from public.item_tags as t
           where t.item_id = p_item_id);
end;
$$;

create or replace function private.comment_json(p_comment_id uuid)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
begin
  return (
    select jsonb_build_object(
             'id', c.id,
             'body', c.body,
             'author', private.person(c.author_id, author.display_name),
             'created_at', c.created_at,
             'updated_at', c.updated_at,
             'parent_id', c.parent_id,
             'deleted', c.deleted_at is not null)
      from public.comments as c
      left join public.profiles as author on author.id = c.author_id
     where c.id = p_comment_id);
end;
$$;

-- One query for the whole thread, each element as comment_json builds it (the bench checks
-- that the two agree).
create or replace function private.comments_json(p_item_id uuid)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
begin
  return (
    select coalesce(jsonb_agg(
             jsonb_build_object(
               'id', c.id,
               'body', c.body,
               'author', private.person(c.author_id, author.display_name),
               'created_at', c.created_at,
               'updated_at', c.updated_at,
               'parent_id', c.parent_id,
               'deleted', c.deleted_at is not null)
             order by c.created_at, c.id), '[]'::jsonb)
      from public.comments as c
      left join public.profiles as author on author.id = c.author_id
     where c.item_id = p_item_id);
end;
$$;

create or replace function private.queue_place(p_item_id uuid)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
begin
  return (
    select jsonb_build_object(
             'position', q.position,
             'queued_by', private.person(q.queued_by, queuer.display_name),
             'queued_at', q.queued_at)
      from public.queue_entries as q
      left join public.profiles as queuer on queuer.id = q.queued_by
     where q.item_id = p_item_id);
end;
$$;

create or replace function private.can_delete_item(p_item_id uuid)
returns boolean
language plpgsql
stable
set search_path = ''
as $$
begin
  return (
    select coalesce(
             private.group_role(i.group_id) in ('owner', 'admin')
               or (i.added_by = (select auth.uid()) and private.group_role(i.group_id) is not null),
             false)
      from public.items as i
     where i.id = p_item_id);
end;
$$;

create or replace function private.item_json(p_item_id uuid)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
begin
  return (
    select jsonb_build_object(
      'item', jsonb_build_object(
        'id', i.id,
        'group_id', i.group_id,
        'kind', i.kind,
        'title', i.title,
        'url', private.preferred_url(i.url, i.canonical_url),
        'site_name', i.site_name,
        'byline', i.byline,
        'authors', to_jsonb(i.authors),
        'published_at', i.published_at,
        'lang', i.lang,
        'dir', i.dir,
        'excerpt', i.excerpt,
        'lead_image_url', i.lead_image_url,
        'reading_minutes', i.reading_minutes,
        'added_by', private.person(i.added_by, adder.display_name),
        'created_at', i.created_at),
      'tags', private.item_tags_json(i.id),
      'comments', private.comments_json(i.id),
      'queue', private.queue_place(i.id))
      from public.items as i
      left join public.profiles as adder on adder.id = i.added_by
     where i.id = p_item_id);
end;
$$;

create or replace function private.library_entry(p_item_id uuid)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
begin
  return (
    select jsonb_build_object(
             'item_id', i.id,
             'kind', i.kind,
             'title', i.title,
             'url', private.preferred_url(i.url, i.canonical_url),
             'site_name', i.site_name,
             'excerpt', i.excerpt,
             'added_by', private.person(i.added_by, adder.display_name),
             'created_at', i.created_at,
             'tags', private.item_tags_json(i.id),
             'comment_count', (select count(*)::integer from public.comments as c
                                where c.item_id = i.id and c.deleted_at is null),
             'reading_minutes', i.reading_minutes,
             'queue_position', (select q.position from public.queue_entries as q where q.item_id = i.id))
      from public.items as i
      left join public.profiles as adder on adder.id = i.added_by
     where i.id = p_item_id);
end;
$$;

create or replace function public.my_groups()
returns table (id uuid, name text, description text, role text, member_count integer, queue_count integer)
language plpgsql
stable
security invoker
set search_path = ''
as $$
begin
  return query
    select g.id,
           g.name,
           g.description,
           m.role,
           (select count(*)::integer from public.group_members as mm where mm.group_id = g.id),
           (select count(*)::integer from public.queue_entries as q where q.group_id = g.id)
      from public.group_members as m
      join public.groups as g on g.id = m.group_id
     where m.user_id = (select auth.uid())
     order by lower(g.name), g.id;
end;
$$;

-- ---------- queue_at_end: the last place through the (group_id, position) index ----------
create or replace function private.queue_at_end(p_item_id uuid, p_group_id uuid)
returns void
language plpgsql
volatile
set search_path = ''
as $$
begin
  -- The caller holds private.lock_library, so the place after the last one is free.
  -- "Last place" rather than max(position): the planner reads one index entry for it,
  -- where max() under the queue's policy read the group's whole queue.
  insert into public.queue_entries (item_id, group_id, position, queued_by)
  values (
    p_item_id,
    p_group_id,
    coalesce((select q.position
                from public.queue_entries as q
               where q.group_id = p_group_id
               order by q.position desc
               limit 1), 0) + 1,
    (select auth.uid()))
  on conflict (item_id) do nothing;
end;
$$;

-- ---------- The item a page already has in a group's library ----------
create function private.library_item_for(p_group_id uuid, p_key text, p_page_key text)
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
  -- Its key first, else the oldest clipped from this address or keyed by it.
  return (
    select i.id
      from public.items as i
     where i.group_id = p_group_id
       and (i.url_key = p_key or i.page_key = p_page_key or i.url_key = p_page_key)
     order by i.url_key = p_key desc, i.created_at, i.id
     limit 1);
end;
$$;

comment on function private.library_item_for(uuid, text, text) is
  'The id of the group''s item whose url_key is p_key, else the oldest whose page_key or url_key is p_page_key, else null. SECURITY DEFINER so the key indexes serve it (under the items policy the planner read the whole group); it checks the caller''s membership itself (42501) and reads only that group.';

revoke all on function private.library_item_for(uuid, text, text) from public;
grant execute on function private.library_item_for(uuid, text, text) to authenticated;

-- ---------- clip_item and find_item: the key search through library_item_for ----------
create or replace function public.clip_item(
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
  v_url text := nullif(btrim(coalesce(p_clip ->> 'url', '')), '');
  v_canonical text := nullif(btrim(coalesce(p_clip ->> 'canonical_url', '')), '');
  v_title text := regexp_replace(btrim(coalesce(p_clip ->> 'title', '')), '\s+', ' ', 'g');
  v_content text := p_clip ->> 'content_html';
  v_authors text[] := private.clip_authors(p_clip -> 'authors');
  v_byline text := left(nullif(btrim(p_clip ->> 'byline'), ''), 300);
  v_dir text := p_clip ->> 'dir';
  v_lead_image text := nullif(btrim(coalesce(p_clip ->> 'lead_image_url', '')), '');
  v_favicon text := nullif(btrim(coalesce(p_clip ->> 'favicon_url', '')), '');
  v_text_length integer;
  v_word_count integer;
  v_key text;
  v_page_key text;
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
  perform private.lock_library(p_group_id);

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
  if v_kind is null or v_kind not in ('article', 'link', 'manual') then
    raise exception 'A clip is an article, a link or an entry added by hand.' using errcode = '22023';
  end if;
  if v_url is null and v_kind = 'manual' then
    v_canonical := null;  -- a book or print article without a link
  elsif coalesce(v_url, '') !~* '^https?://[^/?#]+' then
    raise exception 'Only web pages (http or https addresses) can be saved.' using errcode = '22023';
  elsif char_length(v_url) > 2048 then
    raise exception 'That page''s address is too long to save (over 2048 characters).' using errcode = '22023';
  end if;
  if v_canonical !~* '^https?://[^/?#]+' or char_length(v_canonical) > 2048 then
    v_canonical := null;  -- an unusable canonical link is ignored, not an error
  end if;
  if v_lead_image !~* '^https?://' or char_length(v_lead_image) > 2048 then
    v_lead_image := null;
  end if;
  if v_favicon !~* '^https?://' or char_length(v_favicon) > 2048 then
    v_favicon := null;
  end if;
  if v_dir not in ('ltr', 'rtl') then
    v_dir := null;
  end if;
  if v_title = '' and v_kind = 'manual' then
    raise exception 'Give the book or article a title.' using errcode = '22023';
  end if;
  if v_title = '' then
    v_title := left(v_url, 500);
  end if;
  if v_byline is null and cardinality(v_authors) > 0 then
    v_byline := left(array_to_string(v_authors, ', '), 300);
  end if;
  if v_kind <> 'article' then
    v_content := null;  -- a link card or a manual entry holds no copy of the text
  end if;
  if octet_length(v_content) > 512000 then
    raise exception 'This article is too long to save (over 500 KB of text and markup). Save it as a link instead.'
      using errcode = '22023';
  end if;
  begin
    v_text_length := greatest(0, least(coalesce((p_clip ->> 'text_length')::numeric, 0), 10000000))::integer;
    v_word_count := greatest(0, least(coalesce((p_clip ->> 'word_count')::numeric, 0), 5000000))::integer;
  exception when invalid_text_representation then
    raise exception 'The clip''s text length or word count is not a number.' using errcode = '22023';
  end;
  if v_kind = 'link' then
    v_text_length := 0;
    v_word_count := 0;
  end if;

  v_tags := private.clean_tags(p_tags);
  if char_length(v_comment) > 4000 then
    raise exception 'A comment can be at most 4000 characters.' using errcode = '22023';
  end if;

  -- ----- The item: new, or the one already in the library for the same page -----
  -- Same normalised preferred URL (the unique key), else an item clipped from this very
  -- address (its page_key) or whose key is this address. A manual entry without a link
  -- matches nothing: two books of one title may be two editions.
  if v_url is not null then
    v_key := private.url_key(private.preferred_url(v_url, v_canonical));
    v_page_key := private.url_key(v_url);
    v_item_id := private.library_item_for(p_group_id, v_key, v_page_key);
  end if;
  if v_item_id is null then
    v_item_id := gen_random_uuid();
    insert into public.items (
      id, group_id, client_id, kind, url, canonical_url, title, byline, authors, site_name, excerpt,
      content_html, text_length, word_count, lang, dir, lead_image_url, favicon_url,
      published_at, modified_at, is_selection, added_by)
    values (
      v_item_id, p_group_id, p_client_id, v_kind, v_url, v_canonical, left(v_title, 500),
      v_byline, v_authors,
      left(nullif(btrim(p_clip ->> 'site_name'), ''), 200),
      left(nullif(btrim(p_clip ->> 'excerpt'), ''), 2000),
      v_content, v_text_length, v_word_count,
      left(nullif(btrim(p_clip ->> 'lang'), ''), 35),
      v_dir, v_lead_image, v_favicon,
      private.iso_timestamp(p_clip ->> 'published_at'),
      private.iso_timestamp(p_clip ->> 'modified_at'),
      coalesce(p_clip -> 'selection' = 'true'::jsonb, false),
      v_uid);
    v_created := true;
  end if;

  -- ----- Tags (merged), comment, queue place -----
  perform private.add_tags(v_item_id, p_group_id, v_tags);

  if v_comment is not null then
    insert into public.comments (item_id, group_id, author_id, body)
    values (v_item_id, p_group_id, v_uid, v_comment)
    returning id into v_comment_id;
  end if;

  if p_queue then
    perform private.queue_at_end(v_item_id, p_group_id);
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
  v_item_id := private.library_item_for(p_group_id, v_key, v_key);
  if v_item_id is null then
    return null;
  end if;
  return private.item_json(v_item_id) || jsonb_build_object('can_delete', private.can_delete_item(v_item_id));
end;
$$;
