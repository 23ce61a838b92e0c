-- ======================================================================================
-- Comments on items
--
-- Members' comments on items, threaded one level deep (parent_id). A deleted comment that
-- others answered stays as a blank placeholder so the replies keep their place.
-- A comment with highlight_id is a reply on that highlight (45_highlights.sql, which adds
-- the foreign key): it belongs to the highlight's thread, not to the item's own discussion,
-- so the item's comment lists and comment counts leave it out (comment_page_json, group_library,
-- group_queue); what's new counts it among the item's new comments, and search finds it.
-- ======================================================================================

-- --------------------------------------------------------------------------------------
-- Tables
-- --------------------------------------------------------------------------------------

create table app.comments (
  id uuid primary key default gen_random_uuid(),
  item_id uuid not null,
  group_id uuid not null,
  author_id uuid default auth.uid() references app.profiles (id) on delete set null,
  body text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  client_id uuid,
  parent_id uuid,
  deleted_at timestamptz,
  highlight_id uuid,
  -- A deleted comment keeps its place in the thread with an empty body.
  constraint comments_body_length check (
    case when deleted_at is null then char_length(btrim(body)) between 1 and 4000 else body = '' end),
  constraint comments_author_id_client_id_key unique (author_id, client_id),
  constraint comments_item_id_id_unique unique (item_id, id),
  foreign key (group_id, item_id) references app.items (group_id, id) on delete cascade,
  -- A reply belongs to the same item as the comment it answers.
  constraint comments_parent_same_item foreign key (item_id, parent_id)
    references app.comments (item_id, id) on delete cascade,
  -- A reply on a highlight is one flat list under it: never also a reply to a comment.
  constraint comments_highlight_reply_flat check (highlight_id is null or parent_id is null)
);

alter table app.comments enable row level security;

comment on table app.comments is 'Members'' comments on library items, oldest first.';

comment on column app.comments.id is 'Comment id.';

comment on column app.comments.item_id is 'The item commented on.';

comment on column app.comments.group_id is 'The item''s group (kept here so policies need no join; the foreign key keeps it right).';

comment on column app.comments.author_id is 'Who wrote it (null once that account is deleted).';

comment on column app.comments.body is 'The comment, 1–4000 characters; empty once deleted (deleted_at set).';

comment on column app.comments.created_at is 'When it was written.';

comment on column app.comments.updated_at is 'When it was last edited.';

comment on column app.comments.client_id is
  'The id the author''s client gave this comment, so a repeated send is answered with the first comment (null for comments made without one).';

comment on column app.comments.parent_id is
  'The top comment this one replies to (null for a top comment). Always a top comment: replies are one level deep.';

comment on column app.comments.deleted_at is
  'When a comment with replies was deleted: it stays, blanked, as the thread''s "deleted" placeholder. Null while live.';

comment on column app.comments.highlight_id is
  'The highlight this comment replies to (null for the item''s own discussion). Such replies are flat (parent_id null), on the highlight''s item, and go with the highlight; the item''s comment lists and counts leave them out.';

-- --------------------------------------------------------------------------------------
-- Indexes
-- --------------------------------------------------------------------------------------

create index comments_group_id_item_id_created_at_idx on app.comments (group_id, item_id, created_at);

create index comments_item_id_idx on app.comments (item_id);

create index comments_author_id_idx on app.comments (author_id);

create index comments_parent_id_idx on app.comments (item_id, parent_id);

-- No pending list (fastupdate = off), as the library's search indexes (30_library.sql).
create index comments_search_keys_idx on app.comments
  using gin (private.group_search_keys(group_id, to_tsvector('simple'::regconfig, body))) with (fastupdate = off);

create index comments_group_id_created_at_idx on app.comments (group_id, created_at);

create index comments_item_id_highlight_id_idx on app.comments (item_id, highlight_id);

-- An item's top comments in thread order: the pages of its discussion (comment_page_json) are
-- read newest first from a keyset (created_at, id), and counted, without reading replies.
create index comments_item_id_top_created_at_id_idx on app.comments (item_id, created_at, id)
  where parent_id is null and highlight_id is null;

-- --------------------------------------------------------------------------------------
-- Table privileges
-- --------------------------------------------------------------------------------------

-- Row-level security decides which rows; these grants decide what the SECURITY INVOKER
-- RPCs may do at all (no other API role holds anything on these tables).

grant select, insert on table app.comments to authenticated;
grant update (body) on table app.comments to authenticated;

-- --------------------------------------------------------------------------------------
-- Functions
-- --------------------------------------------------------------------------------------

create function private.comment_for_change(p_comment_id uuid)
returns app.comments
language plpgsql
stable
set search_path = ''
as $$
declare
  v_comment app.comments%rowtype;
begin
  if (select auth.uid()) is null then
    raise exception 'Sign in first.' using errcode = '42501';
  end if;
  -- RLS: only members see their groups' comments; to anyone else it is simply not there.
  select c.* into v_comment from app.comments as c where c.id = p_comment_id;
  if not found then
    raise exception 'That comment is no longer there.' using errcode = 'P0001';
  end if;
  return v_comment;
end;
$$;

comment on function private.comment_for_change(uuid) is
  'The comment the signed-in person is about to change, as they can see it; P0001 when it is gone (or not theirs to see).';

revoke all on function private.comment_for_change(uuid) from public;

grant execute on function private.comment_for_change(uuid) to authenticated;

create function public.edit_comment(p_comment_id uuid, p_body text)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_comment app.comments%rowtype := private.comment_for_change(p_comment_id);
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
  update app.comments as c set body = v_body where c.id = p_comment_id;
  return private.comment_json(p_comment_id);
end;
$$;

comment on function public.edit_comment(uuid, text) is
  'RPC edit_comment(p_comment_id, p_body) → Comment: the author rewrites their comment (not once deleted).';

revoke all on function public.edit_comment(uuid, text) from public, anon;

grant execute on function public.edit_comment(uuid, text) to authenticated;

create function public.delete_comment(p_comment_id uuid)
returns void
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_comment app.comments%rowtype := private.comment_for_change(p_comment_id);
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

revoke all on function public.delete_comment(uuid) from public, anon;

grant execute on function public.delete_comment(uuid) to authenticated;

create function private.comment_thread()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v_parent app.comments%rowtype;
begin
  if tg_op = 'UPDATE' then
    if new.author_id is null and old.author_id is not null
       and (new.item_id, new.group_id, new.parent_id, new.highlight_id, new.body, new.deleted_at)
           is not distinct from (old.item_id, old.group_id, old.parent_id, old.highlight_id, old.body, old.deleted_at) then
      return new;  -- the author's account is being deleted
    end if;
    if new.item_id <> old.item_id or new.group_id <> old.group_id
       or new.parent_id is distinct from old.parent_id or new.highlight_id is distinct from old.highlight_id
       or new.author_id is distinct from old.author_id then
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
  select c.* into v_parent from app.comments as c where c.id = new.parent_id;
  if not found then
    raise exception 'The comment you replied to is no longer there.' using errcode = 'P0001';
  end if;
  if v_parent.item_id <> new.item_id then
    raise exception 'A reply belongs to the same article as the comment it answers.' using errcode = '22023';
  end if;
  if v_parent.highlight_id is not null then
    -- Answering a reply on a highlight joins that highlight's (flat) replies.
    if new.highlight_id is distinct from null and new.highlight_id <> v_parent.highlight_id then
      raise exception 'A reply belongs to the highlight of the comment it answers.' using errcode = '22023';
    end if;
    new.highlight_id := v_parent.highlight_id;
    new.parent_id := null;
    return new;
  end if;
  if new.highlight_id is not null then
    raise exception 'A reply on a highlight answers the highlight, not a comment of the article.' using errcode = '22023';
  end if;
  -- A reply to a reply joins the thread of the top comment: one level deep, nothing refused.
  new.parent_id := coalesce(v_parent.parent_id, v_parent.id);
  return new;
end;
$$;

comment on function private.comment_thread() is
  'Trigger on comments: a reply to a reply is attached to its thread''s top comment (to the highlight, for a reply on a highlight); a reply stays on its parent''s item; an edit changes only the text (never of a deleted comment); a deleted account''s comments lose their author.';

revoke all on function private.comment_thread() from public;

create function private.comment_json(p_comment_id uuid)
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
      from app.comments as c
      left join app.profiles as author on author.id = c.author_id
     where c.id = p_comment_id);
end;
$$;

comment on function private.comment_json(uuid) is
  'The Comment shape of api-types.ts (with parent_id, updated_at and deleted), as the caller may see it.';

revoke all on function private.comment_json(uuid) from public;

grant execute on function private.comment_json(uuid) to authenticated;

create function private.comment_page_json(
  p_item_id uuid,
  p_before_created_at timestamptz,
  p_before_id uuid,
  p_limit integer
)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
begin
  return (
    with page as (
      -- The p_limit newest top comments older than (p_before_created_at, p_before_id), or the
      -- newest of all without it: keyset order, so equal timestamps neither repeat nor skip.
      select t.id, t.created_at
        from app.comments as t
       where t.item_id = p_item_id and t.parent_id is null and t.highlight_id is null
         and (p_before_created_at is null or (t.created_at, t.id) < (p_before_created_at, p_before_id))
       order by t.created_at desc, t.id desc
       limit p_limit
    ),
    oldest as (
      select p.created_at, p.id from page as p order by p.created_at, p.id limit 1
    )
    select jsonb_build_object(
             'comments', coalesce((
               select jsonb_agg(
                        jsonb_build_object(
                          'id', c.id,
                          'body', c.body,
                          'author', private.person(c.author_id, author.display_name),
                          'created_at', c.created_at,
                          'updated_at', c.updated_at,
                          'parent_id', c.parent_id,
                          'deleted', c.deleted_at is not null)
                        order by c.created_at, c.id)
                 from app.comments as c
                 left join app.profiles as author on author.id = c.author_id
                where c.item_id = p_item_id and c.highlight_id is null
                  and (c.id in (select p.id from page as p) or c.parent_id in (select p.id from page as p))), '[]'::jsonb),
             'top_comment_count', (
               select count(*)
                 from app.comments as t
                where t.item_id = p_item_id and t.parent_id is null and t.highlight_id is null),
             'earlier_comment_count', (
               select count(*)
                 from app.comments as t
                 join oldest as o on (t.created_at, t.id) < (o.created_at, o.id)
                where t.item_id = p_item_id and t.parent_id is null and t.highlight_id is null)));
end;
$$;

comment on function private.comment_page_json(uuid, timestamptz, uuid, integer) is
  'One page of an item''s own discussion (replies on highlights left out), the CommentPage shape of api-types.ts: the p_limit newest top comments before (p_before_created_at, p_before_id) (the newest when null) with all their replies, oldest first and flat (replies carry parent_id); top_comment_count (top comments in all, deleted placeholders included) and earlier_comment_count (top comments older than this page''s oldest). Read as the caller (RLS); callers check membership first.';

revoke all on function private.comment_page_json(uuid, timestamptz, uuid, integer) from public;

grant execute on function private.comment_page_json(uuid, timestamptz, uuid, integer) to authenticated;

create function public.item_comments(
  p_item_id uuid,
  p_before_created_at timestamptz default null,
  p_before_id uuid default null,
  p_limit integer default 50
)
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
  -- As item_detail: the same code and words whether the item is gone or in a group the caller is not in.
  if v_group_id is null or private.group_role(v_group_id) is null then
    raise exception 'That article is no longer in the library.' using errcode = 'P0001';
  end if;
  if (p_before_created_at is null) <> (p_before_id is null) then
    raise exception 'An earlier page of comments starts before a comment: give both its created_at and its id, or neither for the latest page.'
      using errcode = '22023';
  end if;
  if p_limit is null or p_limit < 1 or p_limit > 200 then
    raise exception 'A page of comments holds 1 to 200 top comments (asked for %).', coalesce(p_limit::text, 'none')
      using errcode = '22023';
  end if;
  return private.comment_page_json(p_item_id, p_before_created_at, p_before_id, p_limit);
end;
$$;

comment on function public.item_comments(uuid, timestamptz, uuid, integer) is
  'RPC item_comments(p_item_id, p_before_created_at = null, p_before_id = null, p_limit = 50) → CommentPage: the p_limit (1 to 200) newest top comments of the item''s own discussion older than the top comment (p_before_created_at, p_before_id), or the newest without them, each with all its replies, oldest first; with top_comment_count and earlier_comment_count (top comments older than this page). item_detail, find_item and item_reader carry the latest page. P0001 "no longer in the library" both for no such item and for an item in a group the caller is not in; 22023 for half a position or a bad limit.';

revoke all on function public.item_comments(uuid, timestamptz, uuid, integer) from public, anon;

grant execute on function public.item_comments(uuid, timestamptz, uuid, integer) to authenticated;

create function public.add_comment(
  p_item_id uuid,
  p_body text,
  p_client_id uuid default null,
  p_parent_id uuid default null,
  p_highlight_id uuid default null
)
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
  v_comment app.comments%rowtype;
begin
  if v_body = '' then
    raise exception 'Write something before sending the comment.' using errcode = '22023';
  end if;
  if char_length(v_body) > 4000 then
    raise exception 'A comment can be at most 4,000 characters (this one has %).',
      to_char(char_length(v_body), 'FM999,999,999') using errcode = '22023';
  end if;
  if p_highlight_id is not null
     and not exists (select from app.highlights as h where h.id = p_highlight_id and h.item_id = p_item_id) then
    raise exception 'The highlight you replied to is no longer there.' using errcode = 'P0001';
  end if;
  insert into app.comments (item_id, group_id, author_id, body, client_id, parent_id, highlight_id)
  values (p_item_id, v_group_id, v_uid, v_body, p_client_id, p_parent_id, p_highlight_id)
  on conflict (author_id, client_id) do nothing
  returning * into v_comment;
  if v_comment.id is null then
    -- Sent before: answer with the first comment, unchanged.
    select c.* into v_comment from app.comments as c
     where c.author_id = v_uid and c.client_id = p_client_id;
    if v_comment.item_id is distinct from p_item_id then
      raise exception 'That comment was already sent for another item.' using errcode = '22023';
    end if;
  end if;
  return private.comment_json(v_comment.id);
end;
$$;

comment on function public.add_comment(uuid, text, uuid, uuid, uuid) is
  'RPC add_comment(p_item_id, p_body, p_client_id?, p_parent_id?, p_highlight_id?) → Comment. p_parent_id: the comment answered (a reply to a reply joins its top comment''s thread). p_highlight_id: a reply on that highlight of the item (P0001 when it is gone). A known p_client_id replays that comment.';

revoke all on function public.add_comment(uuid, text, uuid, uuid, uuid) from public, anon;

grant execute on function public.add_comment(uuid, text, uuid, uuid, uuid) to authenticated;

create function private.remove_comment(p_comment_id uuid)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_comment app.comments%rowtype;
begin
  select c.* into v_comment from app.comments as c where c.id = p_comment_id for update;
  if not found then
    return;
  end if;
  if v_comment.author_id is distinct from (select auth.uid())
     and coalesce(private.group_role(v_comment.group_id), '') not in ('owner', 'admin') then
    raise exception 'Only its author, or an owner or admin, can delete a comment.' using errcode = '42501';
  end if;
  if exists (select from app.comments as r where r.item_id = v_comment.item_id and r.parent_id = p_comment_id) then
    update app.comments as c set body = '', deleted_at = now() where c.id = p_comment_id and c.deleted_at is null;
    return;
  end if;
  delete from app.comments as c where c.id = p_comment_id;
  -- The last reply under a deleted comment takes the placeholder with it.
  delete from app.comments as p
   where p.id = v_comment.parent_id
     and p.deleted_at is not null
     and not exists (select from app.comments as r where r.item_id = p.item_id and r.parent_id = p.id);
end;
$$;

comment on function private.remove_comment(uuid) is
  'Deletes a comment for its author or an owner or admin of its group (checked here): with replies it becomes a blank "deleted" placeholder; the last reply under a placeholder removes it.';

revoke all on function private.remove_comment(uuid) from public;

grant execute on function private.remove_comment(uuid) to authenticated;

-- --------------------------------------------------------------------------------------
-- Row level security policies
-- --------------------------------------------------------------------------------------

create policy "Members can comment on their groups' items"
  on app.comments for insert to authenticated
  with check (author_id = (select auth.uid()) and group_id in (select private.my_group_ids()));

create policy "Authors can edit their own comments"
  on app.comments for update to authenticated
  using (author_id = (select auth.uid()) and group_id in (select private.my_group_ids()))
  with check (author_id = (select auth.uid()) and group_id in (select private.my_group_ids()));

create policy "Authors, owners and admins can delete comments"
  on app.comments for delete to authenticated
  using (
    (author_id = (select auth.uid()) and group_id in (select private.my_group_ids()))
    or group_id in (select private.my_group_ids(array['owner', 'admin']))
  );

create policy "Members can read comments in their groups"
  on app.comments for select to authenticated
  using (group_id = any (array(select private.my_group_ids())));

-- --------------------------------------------------------------------------------------
-- Triggers
-- --------------------------------------------------------------------------------------

create trigger comments_touch_updated_at
  before update on app.comments
  for each row execute function private.touch_updated_at();

create trigger comments_thread
  before insert or update on app.comments
  for each row execute function private.comment_thread();
