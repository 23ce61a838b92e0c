-- =====================================================================================
-- Tags and comments (issue 5, parts 1, 2 and 5): what a group does with what it clipped.
--
-- * Tags: plain words. clean_tags also refuses < > and control characters (a tag is shown
--   as text, never HTML, but "<script>" as a tag helps nobody); emoji and SQL-looking text
--   are stored as the literal text they are. At most 20 tags per item (unchanged).
--   untag_item removes one; group_tags lists the group's tags with counts (autocomplete,
--   the library's filter); rename_tag lets owners and admins rename a tag across the group,
--   merging it into an existing one when the new name is taken.
-- * group_library: every item in the group, newest first, optionally only one tag's.
-- * Comments: replies one level deep (parent_id). A reply to a reply is attached to the top
--   comment of its thread (a trigger re-points it), so a thread never nests deeper and no
--   reply is lost. Deleting a comment that has replies keeps it as a "deleted" placeholder
--   (body blanked, deleted_at set) so the thread stays readable; the placeholder goes once
--   its last reply is deleted. Bodies stay 1–4000 characters (CHECK, and readable errors).
-- * item_reader: an item's clipped copy (content_html) for the side panel's reader view;
--   item_detail stays light because the popup reads it on every page.
-- utils/api-types.ts is the contract.
-- =====================================================================================

-- ---------- Tags: plain text only ----------
create or replace function private.clean_tags(p_tags text[])
returns text[]
language plpgsql
immutable
set search_path = ''
as $$
declare
  v_tags text[];
begin
  -- Trimmed, lower-case, no leading #, inner spaces collapsed, no duplicates, sorted.
  select coalesce(array_agg(distinct t.tag order by t.tag), '{}')
    into v_tags
    from (
      select lower(regexp_replace(regexp_replace(btrim(raw), '^#+', ''), '\s+', ' ', 'g')) as tag
        from unnest(coalesce(p_tags, '{}')) as raw
    ) as t
   where t.tag <> '';
  if exists (select from unnest(v_tags) as t where t ~ '[<>[:cntrl:]]') then
    raise exception 'A tag is plain text: it cannot contain < or > or control characters.' using errcode = '22023';
  end if;
  if exists (select from unnest(v_tags) as t where char_length(t) > 40) then
    raise exception 'A tag can be at most 40 characters.' using errcode = '22023';
  end if;
  if cardinality(v_tags) > 20 then
    raise exception 'An article can have at most 20 tags.' using errcode = '22023';
  end if;
  return v_tags;
end;
$$;

comment on function private.clean_tags(text[]) is
  'Tags as stored: trimmed, lower-case, no leading #, inner spaces collapsed, de-duplicated, sorted. 22023 when one holds < > or a control character, is over 40 characters, or there are over 20.';

alter table public.item_tags
  add constraint item_tags_tag_plain check (tag !~ '[<>[:cntrl:]]');

create function private.clean_tag(p_tag text)
returns text
language plpgsql
immutable
set search_path = ''
as $$
declare
  v_tag text := (private.clean_tags(array[p_tag]))[1];
begin
  if v_tag is null then
    raise exception 'Name the tag.' using errcode = '22023';
  end if;
  return v_tag;
end;
$$;

comment on function private.clean_tag(text) is 'One tag as clean_tags stores it; 22023 "Name the tag." when nothing is left.';

create function private.item_tags_json(p_item_id uuid)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select coalesce(jsonb_agg(t.tag order by t.tag), '[]'::jsonb) from public.item_tags as t where t.item_id = p_item_id
$$;

comment on function private.item_tags_json(uuid) is 'The item''s tags, sorted, as a JSON array (what tag_item and untag_item return).';

create function public.untag_item(p_item_id uuid, p_tag text)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_group_id uuid := private.require_item_membership(p_item_id);
begin
  perform private.lock_library(v_group_id);
  -- Removing a tag the item does not have changes nothing: a repeat is harmless.
  delete from public.item_tags as t where t.item_id = p_item_id and t.tag = private.clean_tag(p_tag);
  return private.item_tags_json(p_item_id);
end;
$$;

comment on function public.untag_item(uuid, text) is
  'RPC untag_item(p_item_id, p_tag) → string[]: removes one tag (normalised as tag_item does) from the item; returns its remaining tags, sorted.';

create function public.group_tags(p_group_id uuid)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
begin
  perform private.require_membership(p_group_id);
  return coalesce((
    select jsonb_agg(jsonb_build_object('tag', t.tag, 'count', t.items) order by t.items desc, t.tag)
      from (select it.tag, count(*)::integer as items
              from public.item_tags as it
             where it.group_id = p_group_id
             group by it.tag) as t), '[]'::jsonb);
end;
$$;

comment on function public.group_tags(uuid) is
  'RPC group_tags(p_group_id) → {tag, count}[]: every tag in the group''s library with how many items carry it, most used first.';

create function public.rename_tag(p_group_id uuid, p_from text, p_to text)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_from text;
  v_to text;
  v_items integer;
begin
  perform private.require_membership(p_group_id, array['owner', 'admin'], 'Only owners and admins can rename a tag.');
  v_from := private.clean_tag(p_from);
  v_to := private.clean_tag(p_to);
  perform private.lock_library(p_group_id);
  select count(*)::integer into v_items from public.item_tags as t where t.group_id = p_group_id and t.tag = v_from;
  if v_items = 0 then
    raise exception 'No article in this group has the tag "%".', v_from using errcode = 'P0001';
  end if;
  if v_from <> v_to then
    -- item_tags has no update policy (tags are added or removed), so a rename is both:
    -- the new tag keeps when the old one was given; items that had both keep one (a merge).
    insert into public.item_tags (item_id, group_id, tag, added_by, created_at)
    select t.item_id, t.group_id, v_to, (select auth.uid()), t.created_at
      from public.item_tags as t
     where t.group_id = p_group_id and t.tag = v_from
    on conflict (item_id, tag) do nothing;
    delete from public.item_tags as t where t.group_id = p_group_id and t.tag = v_from;
  end if;
  return jsonb_build_object('tag', v_to, 'items', v_items);
end;
$$;

comment on function public.rename_tag(uuid, text, text) is
  'RPC rename_tag(p_group_id, p_from, p_to) → {tag, items}: owners and admins rename a tag on every item of the group; when p_to is already a tag the two merge. items: how many items had p_from. P0001 when no item has it.';

-- ---------- Comments: replies one level deep, deleted placeholders ----------
alter table public.comments
  add column parent_id uuid,
  add column deleted_at timestamptz,
  add constraint comments_item_id_id_unique unique (item_id, id),
  -- A reply belongs to the same item as the comment it answers.
  add constraint comments_parent_same_item foreign key (item_id, parent_id)
    references public.comments (item_id, id) on delete cascade;

comment on column public.comments.parent_id is
  'The top comment this one replies to (null for a top comment). Always a top comment: replies are one level deep.';
comment on column public.comments.deleted_at is
  'When a comment with replies was deleted: it stays, blanked, as the thread''s "deleted" placeholder. Null while live.';

alter table public.comments drop constraint comments_body_length;
alter table public.comments add constraint comments_body_length check (
  case when deleted_at is null then char_length(btrim(body)) between 1 and 4000 else body = '' end);
comment on column public.comments.body is 'The comment, 1–4000 characters; empty once deleted (deleted_at set).';

create index comments_parent_id_idx on public.comments (item_id, parent_id);

create function private.comment_thread()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v_parent public.comments%rowtype;
begin
  if tg_op = 'UPDATE' then
    if new.item_id <> old.item_id or new.group_id <> old.group_id
       or new.parent_id is distinct from old.parent_id or new.author_id is distinct from old.author_id then
      raise exception 'A comment stays where and by whom it was written; only its text changes.' using errcode = '22023';
    end if;
    if old.deleted_at is not null then
      raise exception 'That comment was deleted.' using errcode = '22023';
    end if;
    return new;
  end if;
  if new.parent_id is null then
    return new;
  end if;
  select c.* into v_parent from public.comments as c where c.id = new.parent_id;
  if not found then
    raise exception 'The comment you replied to is no longer there.' using errcode = 'P0001';
  end if;
  if v_parent.item_id <> new.item_id then
    raise exception 'A reply belongs to the same article as the comment it answers.' using errcode = '22023';
  end if;
  -- A reply to a reply joins the thread of the top comment: one level deep, nothing refused.
  new.parent_id := coalesce(v_parent.parent_id, v_parent.id);
  return new;
end;
$$;

comment on function private.comment_thread() is
  'Trigger on comments: a reply to a reply is attached to its thread''s top comment; a reply stays on its parent''s item; an edit changes only the text (never of a deleted comment).';

create trigger comments_thread
  before insert or update on public.comments
  for each row execute function private.comment_thread();

create function private.comment_json(p_comment_id uuid)
returns jsonb
language sql
stable
set search_path = ''
as $$
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
   where c.id = p_comment_id
$$;

comment on function private.comment_json(uuid) is
  'The Comment shape of api-types.ts (with parent_id, updated_at and deleted), as the caller may see it.';

create function private.comments_json(p_item_id uuid)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select coalesce(jsonb_agg(private.comment_json(c.id) order by c.created_at, c.id), '[]'::jsonb)
    from public.comments as c
   where c.item_id = p_item_id
$$;

comment on function private.comments_json(uuid) is
  'An item''s comments, oldest first, flat (replies carry parent_id): item_detail''s and the reader''s comments.';

-- item_json: the same ItemDetail, with comments from comments_json (threads, deleted placeholders).
create or replace function private.item_json(p_item_id uuid)
returns jsonb
language sql
stable
set search_path = ''
as $$
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
   where i.id = p_item_id
$$;

drop function public.add_comment(uuid, text, uuid);

create function public.add_comment(p_item_id uuid, p_body text, p_client_id uuid default null, p_parent_id uuid default null)
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
    raise exception 'A comment can be at most 4,000 characters (this one has %).',
      to_char(char_length(v_body), 'FM999,999,999') using errcode = '22023';
  end if;
  insert into public.comments (item_id, group_id, author_id, body, client_id, parent_id)
  values (p_item_id, v_group_id, v_uid, v_body, p_client_id, p_parent_id)
  on conflict (author_id, client_id) do nothing
  returning * into v_comment;
  if v_comment.id is null then
    -- Sent before: answer with the first comment, unchanged.
    select c.* into v_comment from public.comments as c
     where c.author_id = v_uid and c.client_id = p_client_id;
    if v_comment.item_id is distinct from p_item_id then
      raise exception 'That comment was already sent for another item.' using errcode = '22023';
    end if;
  end if;
  return private.comment_json(v_comment.id);
end;
$$;

comment on function public.add_comment(uuid, text, uuid, uuid) is
  'RPC add_comment(p_item_id, p_body, p_client_id?, p_parent_id?) → Comment. p_parent_id: the comment answered (a reply to a reply joins its top comment''s thread). A known p_client_id replays that comment.';

create or replace function public.edit_comment(p_comment_id uuid, p_body text)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_comment public.comments%rowtype := private.comment_for_change(p_comment_id);
  v_body text := btrim(coalesce(p_body, ''));
begin
  if v_comment.author_id is distinct from (select auth.uid()) then
    raise exception 'Only its author can edit a comment.' using errcode = '42501';
  end if;
  if v_comment.deleted_at is not null then
    raise exception 'That comment was deleted.' using errcode = '22023';
  end if;
  if v_body = '' then
    raise exception 'Write something before sending the comment.' using errcode = '22023';
  end if;
  if char_length(v_body) > 4000 then
    raise exception 'A comment can be at most 4,000 characters (this one has %).',
      to_char(char_length(v_body), 'FM999,999,999') using errcode = '22023';
  end if;
  update public.comments as c set body = v_body where c.id = p_comment_id;
  return private.comment_json(p_comment_id);
end;
$$;

comment on function public.edit_comment(uuid, text) is
  'RPC edit_comment(p_comment_id, p_body) → Comment: the author rewrites their comment (not once deleted).';

-- Deleting may blank a comment someone else wrote (an admin's delete of a comment with
-- replies) and remove a placeholder that is not the caller's: privileged, so here, checked.
create function private.remove_comment(p_comment_id uuid)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_comment public.comments%rowtype;
begin
  select c.* into v_comment from public.comments as c where c.id = p_comment_id for update;
  if not found then
    return;
  end if;
  if v_comment.author_id is distinct from (select auth.uid())
     and coalesce(private.group_role(v_comment.group_id), '') not in ('owner', 'admin') then
    raise exception 'Only its author, or an owner or admin, can delete a comment.' using errcode = '42501';
  end if;
  if exists (select from public.comments as r where r.item_id = v_comment.item_id and r.parent_id = p_comment_id) then
    update public.comments as c set body = '', deleted_at = now() where c.id = p_comment_id and c.deleted_at is null;
    return;
  end if;
  delete from public.comments as c where c.id = p_comment_id;
  -- The last reply under a deleted comment takes the placeholder with it.
  delete from public.comments as p
   where p.id = v_comment.parent_id
     and p.deleted_at is not null
     and not exists (select from public.comments as r where r.item_id = p.item_id and r.parent_id = p.id);
end;
$$;

comment on function private.remove_comment(uuid) is
  'Deletes a comment for its author or an owner or admin of its group (checked here): with replies it becomes a blank "deleted" placeholder; the last reply under a placeholder removes it.';

create or replace function public.delete_comment(p_comment_id uuid)
returns void
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_comment public.comments%rowtype := private.comment_for_change(p_comment_id);
begin
  if v_comment.author_id is distinct from (select auth.uid())
     and coalesce(private.group_role(v_comment.group_id), '') not in ('owner', 'admin') then
    raise exception 'Only its author, or an owner or admin, can delete a comment.' using errcode = '42501';
  end if;
  perform private.remove_comment(p_comment_id);
end;
$$;

comment on function public.delete_comment(uuid) is
  'RPC delete_comment(p_comment_id) → void: its author, or an owner or admin of the group, deletes a comment; one with replies stays as "deleted" so its thread reads on.';

-- ---------- group_library ----------
create function public.group_library(p_group_id uuid, p_tag text default null)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_tag text := case when nullif(btrim(coalesce(p_tag, '')), '') is null then null else private.clean_tag(p_tag) end;
begin
  perform private.require_membership(p_group_id);
  return coalesce((
    select jsonb_agg(private.library_entry(i.id) order by i.created_at desc, i.id)
      from (select i.id, i.created_at
              from public.items as i
             where i.group_id = p_group_id
               and (v_tag is null or exists (select from public.item_tags as t where t.item_id = i.id and t.tag = v_tag))
             order by i.created_at desc, i.id
             limit 500) as i), '[]'::jsonb);
end;
$$;

create function private.library_entry(p_item_id uuid)
returns jsonb
language sql
stable
set search_path = ''
as $$
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
           'comment_count', (select count(*)::integer from public.comments as c where c.item_id = i.id and c.deleted_at is null),
           'reading_minutes', i.reading_minutes,
           'queue_position', (select q.position from public.queue_entries as q where q.item_id = i.id))
    from public.items as i
    left join public.profiles as adder on adder.id = i.added_by
   where i.id = p_item_id
$$;

comment on function private.library_entry(uuid) is
  'One row of the library (api-types.ts LibraryEntry): what the item is, its tags, live comment count, reading time and queue place (null when not queued).';
comment on function public.group_library(uuid, text) is
  'RPC group_library(p_group_id, p_tag?) → LibraryEntry[]: the group''s items, newest first (the latest 500), only those tagged p_tag when given.';

-- ---------- item_reader ----------
create function public.item_reader(p_item_id uuid)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
begin
  perform private.require_item_membership(p_item_id);
  return (
    select jsonb_build_object(
             'id', i.id,
             'group_id', i.group_id,
             'kind', i.kind,
             'title', i.title,
             'url', private.preferred_url(i.url, i.canonical_url),
             'site_name', i.site_name,
             'byline', i.byline,
             'published_at', i.published_at,
             'lang', i.lang,
             'dir', i.dir,
             'excerpt', i.excerpt,
             'reading_minutes', i.reading_minutes,
             'content_html', i.content_html,
             'comments', private.comments_json(i.id))
      from public.items as i where i.id = p_item_id);
end;
$$;

comment on function public.item_reader(uuid) is
  'RPC item_reader(p_item_id) → ItemReader: the item''s clipped copy (sanitised content_html, null for a link or manual entry) with its comments, for the reader view.';

-- ---------- Grants: private helpers to the signed-in; RPCs to the signed-in only ----------
revoke all on function private.clean_tag(text) from public;
revoke all on function private.item_tags_json(uuid) from public;
revoke all on function private.library_entry(uuid) from public;
revoke all on function private.comment_thread() from public;
revoke all on function private.comment_json(uuid) from public;
revoke all on function private.comments_json(uuid) from public;
revoke all on function private.remove_comment(uuid) from public;
grant execute on function private.clean_tag(text) to authenticated;
grant execute on function private.item_tags_json(uuid) to authenticated;
grant execute on function private.library_entry(uuid) to authenticated;
grant execute on function private.comment_json(uuid) to authenticated;
grant execute on function private.comments_json(uuid) to authenticated;
grant execute on function private.remove_comment(uuid) to authenticated;

revoke all on function public.untag_item(uuid, text) from public, anon;
revoke all on function public.group_tags(uuid) from public, anon;
revoke all on function public.rename_tag(uuid, text, text) from public, anon;
revoke all on function public.group_library(uuid, text) from public, anon;
revoke all on function public.add_comment(uuid, text, uuid, uuid) from public, anon;
revoke all on function public.item_reader(uuid) from public, anon;
grant execute on function public.untag_item(uuid, text) to authenticated, service_role;
grant execute on function public.group_tags(uuid) to authenticated, service_role;
grant execute on function public.rename_tag(uuid, text, text) to authenticated, service_role;
grant execute on function public.group_library(uuid, text) to authenticated, service_role;
grant execute on function public.add_comment(uuid, text, uuid, uuid) to authenticated, service_role;
grant execute on function public.item_reader(uuid) to authenticated, service_role;
