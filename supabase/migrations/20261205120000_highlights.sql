-- Highlights: passages of an item's stored copy that members mark, with an optional
-- comment, replies (comments with highlight_id), and where the rest of the API shows them:
-- item_reader, meeting agendas, what's new, search, export and account deletion. The item's
-- own comment lists and counts leave replies on highlights out. Same change as
-- supabase/schemas/40_comments.sql and 45_highlights.sql (and the functions below in their
-- area files).

-- ---------- comments: replies on highlights ----------

alter table app.comments add column highlight_id uuid;

alter table app.comments
  add constraint comments_highlight_reply_flat check (highlight_id is null or parent_id is null);

comment on column app.comments.highlight_id is
  'The highlight this comment replies to (null for the item''s own discussion). Such replies are flat (parent_id null), on the highlight''s item, and go with the highlight; the item''s comment lists and counts leave them out.';

create index comments_item_id_highlight_id_idx on app.comments (item_id, highlight_id);

-- ---------- highlights (supabase/schemas/45_highlights.sql) ----------

-- --------------------------------------------------------------------------------------
-- Tables
-- --------------------------------------------------------------------------------------

create table app.highlights (
  id uuid primary key default gen_random_uuid(),
  item_id uuid not null,
  group_id uuid not null,
  author_id uuid default auth.uid() references app.profiles (id) on delete set null,
  exact text not null,
  prefix text not null default '',
  suffix text not null default '',
  start_offset integer,
  end_offset integer,
  body text not null default '',
  client_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint highlights_exact_length check (char_length(exact) between 1 and 2000 and exact ~ '\S'),
  constraint highlights_context_length check (char_length(prefix) <= 32 and char_length(suffix) <= 32),
  -- Both offsets or neither; the passage ends after it starts.
  constraint highlights_position check (
    (start_offset is null and end_offset is null)
    or (start_offset >= 0 and end_offset > start_offset)),
  constraint highlights_body_length check (char_length(body) <= 4000 and body = btrim(body)),
  constraint highlights_author_id_client_id_key unique (author_id, client_id),
  -- Lets replies (app.comments) carry item_id and still agree with their highlight.
  constraint highlights_item_id_id_unique unique (item_id, id),
  foreign key (group_id, item_id) references app.items (group_id, id) on delete cascade
);

alter table app.highlights enable row level security;

comment on table app.highlights is
  'Passages of items'' stored copies that members marked, each with an optional comment; replies are comments with highlight_id.';

comment on column app.highlights.id is 'Highlight id.';

comment on column app.highlights.item_id is 'The item whose stored copy holds the passage.';

comment on column app.highlights.group_id is 'The item''s group (kept here so policies need no join; the foreign key keeps it right).';

comment on column app.highlights.author_id is 'Who marked it (null once that account is deleted).';

comment on column app.highlights.exact is
  'The passage as marked (TextQuoteSelector exact), 1–2000 characters, kept as it was (its offsets point at it).';

comment on column app.highlights.prefix is 'Up to 32 characters of the copy''s text just before the passage ('''' when none).';

comment on column app.highlights.suffix is 'Up to 32 characters of the copy''s text just after the passage ('''' when none).';

comment on column app.highlights.start_offset is
  'Where the passage starts in the stored copy''s text (TextPositionSelector start, from 0); null for a highlight made on the live page.';

comment on column app.highlights.end_offset is
  'Where the passage ends in the stored copy''s text (exclusive, after start_offset); null exactly when start_offset is.';

comment on column app.highlights.body is
  'The author''s comment on the passage, at most 4000 characters; '''' for none (and once its author''s account is deleted).';

comment on column app.highlights.client_id is
  'The id the author''s client gave this highlight, so a repeated send is answered with the first highlight (null when made without one).';

comment on column app.highlights.created_at is 'When it was marked.';

comment on column app.highlights.updated_at is 'When its comment was last edited.';

-- Replies: app.comments.highlight_id (declared in 40_comments.sql) points here.
alter table app.comments
  add constraint comments_highlight_same_item foreign key (item_id, highlight_id)
    references app.highlights (item_id, id) on delete cascade;

-- --------------------------------------------------------------------------------------
-- Indexes
-- --------------------------------------------------------------------------------------

create index highlights_group_id_item_id_created_at_idx on app.highlights (group_id, item_id, created_at);

create index highlights_item_id_idx on app.highlights (item_id);

create index highlights_author_id_idx on app.highlights (author_id);

create index highlights_group_id_created_at_idx on app.highlights (group_id, created_at);

create index highlights_search_keys_idx on app.highlights
  using gin (private.group_search_keys(group_id, to_tsvector('simple'::regconfig, exact || ' ' || body))) with (fastupdate = off);

-- --------------------------------------------------------------------------------------
-- Table privileges
-- --------------------------------------------------------------------------------------

-- Row-level security decides which rows; these grants decide what the SECURITY INVOKER
-- RPCs may do at all (no other API role holds anything on these tables).

grant select, insert on table app.highlights to authenticated;
grant update (body) on table app.highlights to authenticated;

-- --------------------------------------------------------------------------------------
-- Functions
-- --------------------------------------------------------------------------------------

create function private.highlight_for_change(p_highlight_id uuid)
returns app.highlights
language plpgsql
stable
set search_path = ''
as $$
declare
  v_highlight app.highlights%rowtype;
begin
  if (select auth.uid()) is null then
    raise exception 'Sign in first.' using errcode = '42501';
  end if;
  -- RLS: only members see their groups' highlights; to anyone else it is simply not there.
  select h.* into v_highlight from app.highlights as h where h.id = p_highlight_id;
  if not found then
    raise exception 'That highlight is no longer there.' using errcode = 'P0001';
  end if;
  return v_highlight;
end;
$$;

comment on function private.highlight_for_change(uuid) is
  'The highlight the signed-in person is about to change, as they can see it; P0001 when it is gone (or not theirs to see).';

revoke all on function private.highlight_for_change(uuid) from public;

grant execute on function private.highlight_for_change(uuid) to authenticated;

create function private.highlight_body(p_body text)
returns text
language plpgsql
immutable
set search_path = ''
as $$
declare
  v_body text := btrim(coalesce(p_body, ''));
begin
  if char_length(v_body) > 4000 then
    raise exception 'A comment can be at most 4,000 characters (this one has %).',
      to_char(char_length(v_body), 'FM999,999,999') using errcode = '22023';
  end if;
  return v_body;
end;
$$;

comment on function private.highlight_body(text) is
  'A highlight''s comment as stored: trimmed, '''' for none; 22023 with the length when over 4000 characters.';

revoke all on function private.highlight_body(text) from public;

grant execute on function private.highlight_body(text) to authenticated;

create function private.highlight_replies_json(p_highlight_id uuid)
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
      from app.comments as c
      left join app.profiles as author on author.id = c.author_id
     where c.highlight_id = p_highlight_id);
end;
$$;

comment on function private.highlight_replies_json(uuid) is
  'A highlight''s replies (Comment shape, parent_id null), oldest first.';

revoke all on function private.highlight_replies_json(uuid) from public;

grant execute on function private.highlight_replies_json(uuid) to authenticated;

create function private.highlight_json(p_highlight_id uuid, p_with_replies boolean default false)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
begin
  return (
    select jsonb_build_object(
             'id', h.id,
             'item_id', h.item_id,
             'author', private.person(h.author_id, author.display_name),
             'exact', h.exact,
             'prefix', h.prefix,
             'suffix', h.suffix,
             'start', h.start_offset,
             'end', h.end_offset,
             'body', h.body,
             'created_at', h.created_at,
             'updated_at', h.updated_at,
             'reply_count', (select count(*)::integer from app.comments as c
                              where c.highlight_id = h.id and c.deleted_at is null))
           || case when p_with_replies then jsonb_build_object('replies', private.highlight_replies_json(h.id))
                   else '{}'::jsonb end
      from app.highlights as h
      left join app.profiles as author on author.id = h.author_id
     where h.id = p_highlight_id);
end;
$$;

comment on function private.highlight_json(uuid, boolean) is
  'The Highlight shape of api-types.ts (start/end from start_offset/end_offset, reply_count), with its replies when p_with_replies, as the caller may see it.';

revoke all on function private.highlight_json(uuid, boolean) from public;

grant execute on function private.highlight_json(uuid, boolean) to authenticated;

create function private.highlights_json(p_item_id uuid)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
begin
  return (
    select coalesce(jsonb_agg(private.highlight_json(h.id, true) order by h.created_at, h.id), '[]'::jsonb)
      from app.highlights as h
     where h.item_id = p_item_id);
end;
$$;

comment on function private.highlights_json(uuid) is
  'An item''s highlights, oldest first, each with its replies: item_reader''s and export_group''s highlights.';

revoke all on function private.highlights_json(uuid) from public;

grant execute on function private.highlights_json(uuid) to authenticated;

create function private.agenda_highlights_json(p_item_id uuid)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object('id', h.id, 'exact', h.exact,
                                               'author', private.person(h.author_id, author.display_name),
                                               'reply_count', h.reply_count)
                            order by h.reply_count desc, h.created_at, h.id), '[]'::jsonb)
    from (select h.id, h.exact, h.author_id, h.created_at,
                 (select count(*)::integer from app.comments as c
                   where c.highlight_id = h.id and c.deleted_at is null) as reply_count
            from app.highlights as h
           where h.item_id = p_item_id) as h
    left join app.profiles as author on author.id = h.author_id
$$;

comment on function private.agenda_highlights_json(uuid) is
  'An agenda item''s highlights for the meeting (id, exact, author, reply_count), most discussed first: most replies, then oldest.';

revoke all on function private.agenda_highlights_json(uuid) from public;

grant execute on function private.agenda_highlights_json(uuid) to authenticated;

create function public.add_highlight(
  p_item_id uuid,
  p_exact text,
  p_prefix text,
  p_suffix text,
  p_start integer,
  p_end integer,
  p_body text default '',
  p_client_id uuid default null
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
  v_exact text := coalesce(p_exact, '');
  v_body text := private.highlight_body(p_body);
  v_highlight app.highlights%rowtype;
begin
  if v_exact !~ '\S' then
    raise exception 'Select a passage to highlight first.' using errcode = '22023';
  end if;
  if char_length(v_exact) > 2000 then
    raise exception 'A highlight can be at most 2,000 characters (this passage has %): select less.',
      to_char(char_length(v_exact), 'FM999,999,999') using errcode = '22023';
  end if;
  if char_length(coalesce(p_prefix, '')) > 32 or char_length(coalesce(p_suffix, '')) > 32 then
    raise exception 'The context kept around a highlight is at most 32 characters on each side.' using errcode = '22023';
  end if;
  if (p_start is null) <> (p_end is null) then
    raise exception 'A highlight has both a start and an end, or neither.' using errcode = '22023';
  end if;
  if p_start < 0 or p_end <= p_start then
    raise exception 'A highlight ends after it starts, at whole character offsets from 0.' using errcode = '22023';
  end if;
  insert into app.highlights (item_id, group_id, author_id, exact, prefix, suffix, start_offset, end_offset, body, client_id)
  values (p_item_id, v_group_id, v_uid, v_exact, coalesce(p_prefix, ''), coalesce(p_suffix, ''), p_start, p_end, v_body,
          p_client_id)
  on conflict (author_id, client_id) do nothing
  returning * into v_highlight;
  if v_highlight.id is null then
    -- Sent before: answer with the first highlight, unchanged.
    select h.* into v_highlight from app.highlights as h
     where h.author_id = v_uid and h.client_id = p_client_id;
    if v_highlight.item_id is distinct from p_item_id then
      raise exception 'That highlight was already sent for another item.' using errcode = '22023';
    end if;
  end if;
  return private.highlight_json(v_highlight.id);
end;
$$;

comment on function public.add_highlight(uuid, text, text, text, integer, integer, text, uuid) is
  'RPC add_highlight(p_item_id, p_exact, p_prefix, p_suffix, p_start, p_end, p_body?, p_client_id?) → Highlight: a member marks a passage of the item''s stored copy, with an optional comment. 22023 with the reason for an empty or too long passage (2000), context over 32 characters, a comment over 4000, or start/end that disagree. A known p_client_id replays that highlight.';

revoke all on function public.add_highlight(uuid, text, text, text, integer, integer, text, uuid) from public, anon;

grant execute on function public.add_highlight(uuid, text, text, text, integer, integer, text, uuid) to authenticated;

create function public.edit_highlight(p_highlight_id uuid, p_body text)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_highlight app.highlights%rowtype := private.highlight_for_change(p_highlight_id);
  v_body text := private.highlight_body(p_body);
begin
  if v_highlight.author_id is distinct from (select auth.uid()) then
    raise exception 'Only its author can edit a highlight.' using errcode = '42501';
  end if;
  update app.highlights as h set body = v_body where h.id = p_highlight_id;
  return private.highlight_json(p_highlight_id);
end;
$$;

comment on function public.edit_highlight(uuid, text) is
  'RPC edit_highlight(p_highlight_id, p_body) → Highlight: the author rewrites their comment on the passage ('''' clears it).';

revoke all on function public.edit_highlight(uuid, text) from public, anon;

grant execute on function public.edit_highlight(uuid, text) to authenticated;

create function private.remove_highlight(p_highlight_id uuid)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_highlight app.highlights%rowtype;
begin
  select h.* into v_highlight from app.highlights as h where h.id = p_highlight_id for update;
  if not found then
    return;
  end if;
  if v_highlight.author_id is distinct from (select auth.uid())
     and coalesce(private.group_role(v_highlight.group_id), '') not in ('owner', 'admin') then
    raise exception 'Only its author, or an owner or admin, can delete a highlight.' using errcode = '42501';
  end if;
  delete from app.highlights as h where h.id = p_highlight_id;  -- its replies go with it
end;
$$;

comment on function private.remove_highlight(uuid) is
  'Deletes a highlight, with its replies, for its author or an owner or admin of its group (checked here).';

revoke all on function private.remove_highlight(uuid) from public;

grant execute on function private.remove_highlight(uuid) to authenticated;

create function public.delete_highlight(p_highlight_id uuid)
returns void
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_highlight app.highlights%rowtype := private.highlight_for_change(p_highlight_id);
begin
  if v_highlight.author_id is distinct from (select auth.uid())
     and coalesce(private.group_role(v_highlight.group_id), '') not in ('owner', 'admin') then
    raise exception 'Only its author, or an owner or admin, can delete a highlight.' using errcode = '42501';
  end if;
  perform private.remove_highlight(p_highlight_id);
end;
$$;

comment on function public.delete_highlight(uuid) is
  'RPC delete_highlight(p_highlight_id) → void: its author, or an owner or admin of the group, deletes a highlight; its replies go with it.';

revoke all on function public.delete_highlight(uuid) from public, anon;

grant execute on function public.delete_highlight(uuid) to authenticated;

-- --------------------------------------------------------------------------------------
-- Row level security policies
-- --------------------------------------------------------------------------------------

create policy "Members can highlight their groups' items"
  on app.highlights for insert to authenticated
  with check (author_id = (select auth.uid()) and group_id in (select private.my_group_ids()));

create policy "Authors can edit their own highlights"
  on app.highlights for update to authenticated
  using (author_id = (select auth.uid()) and group_id in (select private.my_group_ids()))
  with check (author_id = (select auth.uid()) and group_id in (select private.my_group_ids()));

create policy "Authors, owners and admins can delete highlights"
  on app.highlights for delete to authenticated
  using (
    (author_id = (select auth.uid()) and group_id in (select private.my_group_ids()))
    or group_id in (select private.my_group_ids(array['owner', 'admin']))
  );

create policy "Members can read highlights in their groups"
  on app.highlights for select to authenticated
  using (group_id = any (array(select private.my_group_ids())));

-- --------------------------------------------------------------------------------------
-- Triggers
-- --------------------------------------------------------------------------------------

create trigger highlights_touch_updated_at
  before update on app.highlights
  for each row execute function private.touch_updated_at();

-- ---------- comments: add_comment takes p_highlight_id; threads know highlights ----------

drop function public.add_comment(uuid, text, uuid, uuid);

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

create or replace function private.comment_thread()
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
      from app.comments as c
      left join app.profiles as author on author.id = c.author_id
     where c.item_id = p_item_id and c.highlight_id is null);
end;
$$;

comment on function private.comments_json(uuid) is
  'An item''s own comments, oldest first, flat (replies carry parent_id), without replies on highlights: item_detail''s and the reader''s comments.';

-- ---------- library, reader, search ----------

create or replace function private.library_entries(p_item_ids uuid[])
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
begin
  -- One statement for the whole page, so each table's policy is evaluated once, not per item.
  return (
    select coalesce(jsonb_agg(jsonb_build_object(
             'item_id', i.id,
             'kind', i.kind,
             'title', i.title,
             'url', private.preferred_url(i.url, i.canonical_url),
             'site_name', i.site_name,
             'excerpt', i.excerpt,
             'added_by', private.person(i.added_by, adder.display_name),
             'created_at', i.created_at,
             'tags', coalesce(t.tags, '[]'::jsonb),
             'comment_count', coalesce(c.n, 0),
             'reading_minutes', i.reading_minutes,
             'queue_position', q.position) order by o.n), '[]'::jsonb)
      from unnest(p_item_ids) with ordinality as o (id, n)
      join app.items as i on i.id = o.id
      left join app.profiles as adder on adder.id = i.added_by
      left join lateral (select jsonb_agg(t.tag order by t.tag) as tags
                           from app.item_tags as t where t.item_id = i.id) as t on true
      -- The item's own discussion: replies on highlights are the highlights'.
      left join lateral (select count(*)::integer as n
                           from app.comments as c
                          where c.item_id = i.id and c.deleted_at is null and c.highlight_id is null) as c on true
      left join app.queue_entries as q on q.item_id = i.id);
end;
$$;

comment on function private.library_entries(uuid[]) is
  'Rows of the library (api-types.ts LibraryEntry), in the order of p_item_ids, read as the caller (RLS): what each item is, its tags, live comment count (replies on highlights not counted), reading time and queue place (null when not queued).';

create or replace function public.item_reader(p_item_id uuid)
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
             'comments', private.comments_json(i.id),
             'highlights', private.highlights_json(i.id))
      from app.items as i where i.id = p_item_id);
end;
$$;

comment on function public.item_reader(uuid) is
  'RPC item_reader(p_item_id) → ItemReader: the item''s clipped copy (sanitised content_html, null for a link or manual entry) with its own comments and its highlights (oldest first, each with reply_count and replies), for the reader view.';

create or replace function private.search_hits(p_group_id uuid, p_query text, p_tag text, p_limit integer, p_offset integer)
returns table (item_id uuid, rank real, snippet text, total integer)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_words text[];
  v_any tsquery;
begin
  if private.group_role(p_group_id) is null then
    raise exception 'You are not a member of this group.' using errcode = '42501';
  end if;
  -- The words as private.search_terms splits them; v_any: any of them (ranking, snippets).
  select array_agg(w.lexeme order by w.lexeme) into v_words
    from unnest(to_tsvector('simple'::regconfig, left(coalesce(p_query, ''), 500))) as w;
  select string_agg(t::text, ' | ')::tsquery into v_any from unnest(private.search_terms(p_query)) as t;
  return query
    with matched as (
      -- Each word within the group (private.group_search_term), through the GIN indexes.
      select m.item_id, count(*) filter (where m.source <> 'item') as extra
        from (
          select t.n, s.item_id, s.source
            from unnest(v_words) with ordinality as t (word, n)
           cross join lateral (
             select i.id as item_id, 'item' as source
               from app.items as i
              where private.group_search_keys(i.group_id, i.search_text) @@ private.group_search_term(p_group_id, t.word)
             union
             select it.item_id, 'tag'
               from app.item_tags as it
              where private.group_search_keys(it.group_id, to_tsvector('simple'::regconfig, it.tag))
                    @@ private.group_search_term(p_group_id, t.word)
             union
             select c.item_id, 'comment'
               from app.comments as c
              where private.group_search_keys(c.group_id, to_tsvector('simple'::regconfig, c.body))
                    @@ private.group_search_term(p_group_id, t.word)
             union
             -- A highlighted passage and the comment on it count as the discussion's words.
             select h.item_id, 'highlight'
               from app.highlights as h
              where private.group_search_keys(h.group_id, to_tsvector('simple'::regconfig, h.exact || ' ' || h.body))
                    @@ private.group_search_term(p_group_id, t.word)
           ) as s
        ) as m
       group by m.item_id
      having count(distinct m.n) = cardinality(v_words)
    ),
    hits as (
      -- Title and text as ts_rank weighs them, plus a step for each word a tag, comment or highlight holds.
      select i.id, (ts_rank(i.search_text, v_any) + 0.1 * x.extra)::real as rank, i.created_at
        from matched as x
        join app.items as i on i.id = x.item_id
       where i.group_id = p_group_id
         and (p_tag is null or exists (select from app.item_tags as t where t.item_id = i.id and t.tag = p_tag))
    ),
    page as (
      select h.id, h.rank, h.created_at
        from hits as h
       order by h.rank desc, h.created_at desc, h.id
       limit p_limit offset p_offset
    )
    select p.id, p.rank, private.search_snippet(p.id, v_any, v_words), (select count(*)::integer from hits)
      from page as p
     order by p.rank desc, p.created_at desc, p.id;
end;
$$;

comment on function private.search_hits(uuid, text, text, integer, integer) is
  'One page of the group''s items holding every word of p_query (in the title/text, a tag, a comment (replies on highlights too) or a highlight''s passage and comment), tagged p_tag when given, best first (then newest, then id): ids, ranks, snippets (private.search_snippet, for this page only) and the number of matches in all. SECURITY DEFINER so the GIN indexes serve it (RLS would forbid them: @@ is not leakproof); it checks the caller''s membership itself (42501) and reads only that group.';

-- ---------- queue ----------

create or replace function public.group_queue(
  p_group_id uuid,
  p_limit integer default 50,
  p_offset integer default 0,
  p_order text default 'queue')
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_role text := private.require_membership(p_group_id);
  v_uid uuid := (select auth.uid());
  v_page uuid[];
  v_total integer;
  v_minutes integer;
begin
  if p_limit is null or p_limit < 1 or p_limit > 200 then
    raise exception 'A page of the queue holds 1 to 200 entries (asked for %).', coalesce(p_limit::text, 'none')
      using errcode = '22023';
  end if;
  if p_offset is null or p_offset < 0 then
    raise exception 'A page of the queue starts at entry 0 or later (asked for %).', coalesce(p_offset::text, 'none')
      using errcode = '22023';
  end if;

  -- The page's item ids in order. Positions are unique in a group (queue_entries_group_position_unique),
  -- so queue order walks that index and stops after the page (no sort of the whole queue);
  -- "most wanted" has to count every entry's votes before it can sort.
  if p_order = 'queue' then
    select coalesce(array_agg(p.item_id order by p.n), '{}') into v_page
      from (select q.item_id, row_number() over (order by q.position) as n
              from app.queue_entries as q
             where q.group_id = p_group_id
             order by q.position
             limit p_limit offset p_offset) as p;
  elsif p_order = 'wanted' then
    select coalesce(array_agg(p.item_id order by p.n), '{}') into v_page
      from (select q.item_id, row_number() over (order by coalesce(v.votes, 0) desc, q.position) as n
              from app.queue_entries as q
              left join (select qv.item_id, count(*) as votes
                           from app.queue_votes as qv
                          where qv.group_id = p_group_id
                          group by qv.item_id) as v on v.item_id = q.item_id
             where q.group_id = p_group_id
             order by coalesce(v.votes, 0) desc, q.position
             limit p_limit offset p_offset) as p;
  else
    raise exception 'The queue is ordered by ''queue'' (its own order) or ''wanted'' (most votes first), not ''%''.', p_order
      using errcode = '22023';
  end if;

  -- The whole queue, for "N queued · H h of reading".
  select count(*)::integer, coalesce(sum(i.reading_minutes), 0)::integer into v_total, v_minutes
    from app.queue_entries as q
    join app.items as i on i.id = q.item_id
   where q.group_id = p_group_id;

  return jsonb_build_object(
    'group', (select jsonb_build_object('id', g.id, 'name', g.name, 'role', v_role)
                from app.groups as g where g.id = p_group_id),
    'queue', coalesce((
      select jsonb_agg(
               jsonb_build_object(
                 'item_id', i.id,
                 'position', q.position,
                 'kind', i.kind,
                 'title', i.title,
                 'url', private.preferred_url(i.url, i.canonical_url),
                 'site_name', i.site_name,
                 -- private.person(i.added_by, adder.display_name), from the joined row.
                 'added_by', jsonb_build_object('id', i.added_by,
                                                'display_name', coalesce(adder.display_name, 'Former member'),
                                                'avatar_url', case when adder.display_name is null then null else adder.avatar_url end),
                 'tags', coalesce((select jsonb_agg(t.tag order by t.tag)
                                     from app.item_tags as t where t.item_id = i.id), '[]'::jsonb),
                 -- Deleted placeholders are not comments, nor are replies on highlights
                 -- (group_library counts the same way).
                 'comment_count', (select count(*) from app.comments as c
                                    where c.item_id = i.id and c.deleted_at is null and c.highlight_id is null),
                 'reading_minutes', i.reading_minutes,
                 'votes', v.votes,
                 'voted', v.voted,
                 'read', r.read,
                 'read_count', r.read_count)
               order by p.n)
        from unnest(v_page) with ordinality as p(item_id, n)
        join app.queue_entries as q on q.item_id = p.item_id
        join app.items as i on i.id = q.item_id
        left join app.profiles as adder on adder.id = i.added_by
        cross join lateral (select count(*)::integer as votes, coalesce(bool_or(qv.member_id = v_uid), false) as voted
                              from app.queue_votes as qv where qv.item_id = i.id) as v
        cross join lateral (select count(*)::integer as read_count, coalesce(bool_or(ir.member_id = v_uid), false) as read
                              from app.item_reads as ir where ir.item_id = i.id) as r), '[]'::jsonb),
    'total', v_total,
    'total_minutes', v_minutes,
    'offset', p_offset,
    'limit', p_limit,
    'order', p_order);
end;
$$;

comment on function public.group_queue(uuid, integer, integer, text) is
  'RPC group_queue(p_group_id, p_limit = 50, p_offset = 0, p_order = ''queue'') → GroupQueue: the group and the caller''s role; one page of the queue (p_limit entries, 1 to 200, after skipping p_offset, 0 or more) in the queue''s order (''queue'') or most votes first, ties in queue order (''wanted''), each entry with its kind, who added it, tags, comment count (deleted placeholders left out), reading time, votes (and the caller''s) and read marks (the caller''s, and how many read it); and for the whole queue: total (entries) and total_minutes (reading time). Echoes offset, limit and order. 42501 for a non-member, 22023 for a bad limit, offset or order. Who queued it and when: item_detail.';

-- ---------- meetings ----------

create or replace function private.meeting_json(p_meeting_id uuid)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select jsonb_build_object(
    'id', m.id,
    'group_id', m.group_id,
    'starts_at', m.starts_at,
    'title', m.title,
    'place', m.place,
    'lead', case when m.lead_id is null then null else private.person(m.lead_id, lead.display_name) end,
    'created_by', private.person(m.created_by, creator.display_name),
    'created_at', m.created_at,
    'ended_at', m.ended_at,
    'agenda', coalesce((
      select jsonb_agg(jsonb_build_object(
               'item_id', i.id, 'title', i.title, 'url', private.preferred_url(i.url, i.canonical_url),
               'kind', i.kind, 'reading_minutes', i.reading_minutes, 'position', a.position,
               'discussed', a.discussed, 'takeaway', a.takeaway,
               'highlights', private.agenda_highlights_json(i.id))
             order by a.position, i.title)
        from app.meeting_items as a
        join app.items as i on i.id = a.item_id
       where a.meeting_id = m.id), '[]'::jsonb))
    from app.meetings as m
    left join app.profiles as lead on lead.id = m.lead_id
    left join app.profiles as creator on creator.id = m.created_by
   where m.id = p_meeting_id
$$;

comment on function private.meeting_json(uuid) is
  'The Meeting shape of api-types.ts, agenda in order, each agenda item with its highlights most discussed first (SECURITY INVOKER: RLS decides what the caller sees).';

-- ---------- what's new ----------

create or replace function public.group_news(p_group_id uuid)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_uid uuid;
  v_since timestamptz;
  v_items uuid[];
  v_comments jsonb;
  v_highlights jsonb;
begin
  perform private.require_membership(p_group_id);
  v_uid := (select auth.uid());
  select coalesce(s.seen_at, gm.joined_at) into v_since
    from app.group_members as gm
    left join app.group_seen as s on s.group_id = gm.group_id and s.member_id = gm.user_id
   where gm.group_id = p_group_id and gm.user_id = v_uid;
  select coalesce(array_agg(n.id order by n.created_at desc), '{}') into v_items
    from (select i.id, i.created_at from app.items as i
           where i.group_id = p_group_id and i.created_at > v_since and i.added_by is distinct from v_uid
           order by i.created_at desc limit 500) as n;
  select coalesce(jsonb_object_agg(c.item_id, c.n), '{}'::jsonb) into v_comments
    from (select cm.item_id, count(*)::integer as n from app.comments as cm
           where cm.group_id = p_group_id and cm.created_at > v_since and cm.author_id is distinct from v_uid
             and cm.deleted_at is null
           group by cm.item_id) as c;
  select coalesce(jsonb_object_agg(h.item_id, h.n), '{}'::jsonb) into v_highlights
    from (select hl.item_id, count(*)::integer as n from app.highlights as hl
           where hl.group_id = p_group_id and hl.created_at > v_since and hl.author_id is distinct from v_uid
           group by hl.item_id) as h;
  return jsonb_build_object(
    'seen_at', v_since,
    'new_items', to_jsonb(v_items),
    'new_comments', v_comments,
    'new_highlights', v_highlights,
    -- The items above (new, or with new comments or highlights) that are on the queue now.
    'queued', coalesce((
      select jsonb_agg(q.item_id order by q.position)
        from app.queue_entries as q
       where q.group_id = p_group_id
         and (q.item_id = any (v_items)
              or q.item_id in (select k::uuid from jsonb_object_keys(v_comments) as k)
              or q.item_id in (select k::uuid from jsonb_object_keys(v_highlights) as k))), '[]'::jsonb),
    -- Scheduled or changed by someone else since the caller looked; `changed`: it was known before.
    'meeting', (
      select jsonb_build_object('id', m.id, 'starts_at', m.starts_at, 'title', m.title, 'changed', m.created_at <= v_since)
        from app.meetings as m
       where m.group_id = p_group_id and m.ended_at is null
         and coalesce(m.changed_at, m.created_at) > v_since
         and coalesce(m.changed_by, m.created_by) is distinct from v_uid));
end;
$$;

comment on function public.group_news(uuid) is
  'RPC group_news(p_group_id) → GroupNews: items (newest first, at most 500), comments per item (replies on highlights included), highlights per item and an upcoming meeting that others scheduled or changed (time, title, place, lead) since the caller last marked the group seen, with changed: true when it was scheduled before (before that: since they joined); queued: which of those items are on the queue now, in queue order.';

-- ---------- live ----------

create trigger broadcast_change
  after insert or update or delete on app.highlights
  for each row execute function private.broadcast_group_change();

-- ---------- your data ----------

create or replace function public.export_group(p_group_id uuid, p_after text default null, p_limit integer default null)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_uid uuid := (select auth.uid());
  v_role text := private.require_membership(p_group_id);
  -- Saved copies a page holds at most, past its first item (bytes of content_html).
  c_page_bytes constant bigint := 4000000;
  v_after_at timestamptz;
  v_after_id uuid;
  v_page uuid[];
  v_bytes bigint := 0;
  v_last record;
  v_next text;
  v_items jsonb;
begin
  if p_limit is null and p_after is not null then
    raise exception using errcode = '22023', message = 'An export page marker needs a page size (p_limit).';
  end if;
  if p_limit is not null and (p_limit < 1 or p_limit > 200) then
    raise exception using errcode = '22023', message = 'An export page holds 1 to 200 items.';
  end if;
  if p_after is not null then
    begin
      v_after_at := split_part(p_after, '/', 1)::timestamptz;
      v_after_id := split_part(p_after, '/', 2)::uuid;
    exception when others then
      raise exception using errcode = '22023', message = 'That export page marker is not valid.';
    end;
    if v_after_at is null or v_after_id is null then
      raise exception using errcode = '22023', message = 'That export page marker is not valid.';
    end if;
  end if;

  if p_limit is not null then
    -- The page: items after the marker in export order, up to p_limit, stopping once the
    -- saved copies reach c_page_bytes (a page holds at least one item).
    v_page := '{}';
    for v_last in
      select i.id, i.created_at, coalesce(octet_length(i.content_html), 0) as bytes
        from app.items as i
       where i.group_id = p_group_id
         and (v_after_at is null or (i.created_at, i.id) > (v_after_at, v_after_id))
       order by i.created_at, i.id
       limit p_limit
    loop
      exit when cardinality(v_page) > 0 and v_bytes + v_last.bytes > c_page_bytes;
      v_page := v_page || v_last.id;
      v_bytes := v_bytes + v_last.bytes;
      v_next := to_char(v_last.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || '/' || v_last.id;
    end loop;
    -- No marker when nothing follows the page.
    if v_next is not null and not exists (
      select from app.items as i
       where i.group_id = p_group_id
         and (i.created_at, i.id) > (split_part(v_next, '/', 1)::timestamptz, split_part(v_next, '/', 2)::uuid)) then
      v_next := null;
    end if;
  end if;

  v_items := coalesce((
    select jsonb_agg(
             jsonb_build_object(
               'id', i.id,
               'kind', i.kind,
               'title', i.title,
               'url', i.url,
               'canonical_url', i.canonical_url,
               'site_name', i.site_name,
               'byline', i.byline,
               'authors', to_jsonb(i.authors),
               'published_at', i.published_at,
               'modified_at', i.modified_at,
               'lang', i.lang,
               'dir', i.dir,
               'excerpt', i.excerpt,
               'lead_image_url', i.lead_image_url,
               'favicon_url', i.favicon_url,
               'word_count', i.word_count,
               'reading_minutes', i.reading_minutes,
               'selection', i.is_selection,
               'content_html', i.content_html,
               'added_by', private.person(i.added_by, adder.display_name),
               'created_at', i.created_at,
               'tags', coalesce((
                 select jsonb_agg(jsonb_build_object('tag', t.tag, 'added_by', private.person(t.added_by, tagger.display_name),
                                                     'created_at', t.created_at) order by t.tag)
                   from app.item_tags as t
                   left join app.profiles as tagger on tagger.id = t.added_by
                  where t.group_id = p_group_id and t.item_id = i.id), '[]'::jsonb),
               -- The item's own discussion; replies on highlights are under their highlight.
               'comments', coalesce((
                 select jsonb_agg(jsonb_build_object('id', c.id, 'body', c.body,
                                                     'author', private.person(c.author_id, author.display_name),
                                                     'created_at', c.created_at, 'updated_at', c.updated_at,
                                                     'parent_id', c.parent_id, 'deleted', c.deleted_at is not null)
                                  order by c.created_at, c.id)
                   from app.comments as c
                   left join app.profiles as author on author.id = c.author_id
                  where c.group_id = p_group_id and c.item_id = i.id and c.highlight_id is null), '[]'::jsonb),
               'highlights', private.highlights_json(i.id),
               'queue', private.queue_place(i.id),
               -- Read marks: when I marked it read (null: not yet), and how many members did.
               'read_at', (select r.read_at from app.item_reads as r where r.item_id = i.id and r.member_id = v_uid),
               'read_count', (select count(*)::integer from app.item_reads as r where r.item_id = i.id))
             order by i.created_at, i.id)
      from app.items as i
      left join app.profiles as adder on adder.id = i.added_by
     where i.group_id = p_group_id and (v_page is null or i.id = any (v_page))), '[]'::jsonb);

  if p_limit is not null and p_after is not null then
    return jsonb_build_object('items', v_items, 'next', v_next);
  end if;

  return jsonb_build_object(
    'format', 'readclub-export',
    'version', 1,
    'exported_at', now(),
    'exported_by', private.person(v_uid, (select p.display_name from app.profiles as p where p.id = v_uid)),
    'group', (
      select jsonb_build_object('id', g.id, 'name', g.name, 'description', g.description,
                                'created_at', g.created_at, 'my_role', v_role)
        from app.groups as g where g.id = p_group_id),
    'members', coalesce((
      select jsonb_agg(jsonb_build_object('id', m.user_id, 'display_name', coalesce(p.display_name, 'Former member'),
                                          'role', m.role, 'joined_at', m.joined_at)
                       order by m.joined_at, m.user_id)
        from app.group_members as m
        left join app.profiles as p on p.id = m.user_id
       where m.group_id = p_group_id), '[]'::jsonb),
    'items', v_items,
    'queue', coalesce((
      select jsonb_agg(jsonb_build_object('item_id', q.item_id, 'title', i.title, 'position', q.position,
                                          'queued_by', private.person(q.queued_by, queuer.display_name),
                                          'queued_at', q.queued_at,
                                          'votes', (select count(*)::integer from app.queue_votes as v where v.item_id = q.item_id),
                                          'voted', exists (select from app.queue_votes as v where v.item_id = q.item_id and v.member_id = v_uid))
                       order by q.position)
        from app.queue_entries as q
        join app.items as i on i.id = q.item_id
        left join app.profiles as queuer on queuer.id = q.queued_by
       where q.group_id = p_group_id), '[]'::jsonb),
    -- group_meetings' shape without can_manage: the next meeting and past ones, newest first,
    -- each with its lead, agenda in order, what was discussed and the takeaways.
    'meetings', jsonb_build_object(
      'next', (select private.meeting_json(m.id) from app.meetings as m
                where m.group_id = p_group_id and m.ended_at is null),
      'past', coalesce((select jsonb_agg(private.meeting_json(m.id) order by m.starts_at desc, m.id)
                          from app.meetings as m
                         where m.group_id = p_group_id and m.ended_at is not null), '[]'::jsonb)))
    || case when p_limit is null then '{}'::jsonb else jsonb_build_object('next', v_next) end;
end;
$$;

comment on function public.export_group(uuid, text, integer) is
  'RPC export_group(p_group_id, p_after, p_limit) → GroupExport (no p_limit) or GroupExportPage (p_limit 1-200: items after the page marker p_after, at most p_limit and about 4 MB of saved copies, with next: the following page''s marker or null; the first page also carries the group, members, queue and meetings): everything the signed-in member can see in the group (the group, members, every item with its metadata, copy, tags, comments, highlights with their replies and read marks, the queue with votes, the meetings with agendas, discussed items and takeaways), as of now. SECURITY INVOKER: row-level security decides what is in it. 42501 for non-members, 22023 for a bad page size or marker.';

create or replace function private.delete_account(p_confirm text)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_uid uuid := (select auth.uid());
  v_email text;
  v_confirm text := btrim(coalesce(p_confirm, ''));
  v_blocking text;
  v_groups integer;
  v_comments integer;
  v_highlights integer;
  v_items integer;
  v_kept integer;
  v_group_id uuid;
  v_queues uuid[] := array[]::uuid[];
begin
  if v_uid is null then
    raise exception 'Sign in first.' using errcode = '42501';
  end if;
  select u.email into v_email from auth.users as u where u.id = v_uid;
  if not found then
    raise exception 'This account has already been deleted.' using errcode = 'P0001';
  end if;
  if v_confirm <> 'DELETE' and lower(v_confirm) is distinct from lower(v_email) then
    raise exception 'Type DELETE or your email address to delete your account.' using errcode = '22023';
  end if;

  -- Queues that may lose one of my items: their libraries are locked (in one order) so the
  -- places can be closed after the items go, and before the group rows below, since a
  -- writer holding a library lock may wait on its group's row, never the other way round.
  for v_group_id in
    select distinct q.group_id
      from app.queue_entries as q
      join app.items as i on i.id = q.item_id
     where i.added_by = v_uid
     order by q.group_id
  loop
    perform private.lock_library(v_group_id);
    v_queues := v_queues || v_group_id;
  end loop;

  -- Hold my groups still while deciding: nobody joins one or changes an owner meanwhile
  -- (joining checks the group row, which this lock blocks).
  perform from app.groups as g
   where g.id in (select m.group_id from app.group_members as m where m.user_id = v_uid)
     for update;

  select string_agg(g.name, ', ' order by g.name) into v_blocking
    from app.groups as g
    join app.group_members as mine on mine.group_id = g.id and mine.user_id = v_uid and mine.role = 'owner'
   where not exists (select from app.group_members as o where o.group_id = g.id and o.user_id <> v_uid and o.role = 'owner')
     and exists (select from app.group_members as o where o.group_id = g.id and o.user_id <> v_uid);
  if v_blocking is not null then
    raise exception 'You are the last owner of %: make another member an owner first, or delete the group.', v_blocking
      using errcode = 'P0001';
  end if;

  -- Groups where I am the only member go, library and all.
  with gone as (
    delete from app.groups as g
     where g.id in (select m.group_id from app.group_members as m where m.user_id = v_uid)
       and not exists (select from app.group_members as o where o.group_id = g.id and o.user_id <> v_uid)
    returning 1)
  select count(*)::integer into v_groups from gone;

  -- A comment others replied to stays as the thread's "deleted" placeholder (blank, no
  -- author), so their replies keep their place; every other comment of mine goes.
  update app.comments as c set body = '', deleted_at = now()
   where c.author_id = v_uid and c.deleted_at is null
     and exists (select from app.comments as r where r.parent_id = c.id and r.author_id is distinct from v_uid);
  get diagnostics v_comments = row_count;
  with gone as (
    delete from app.comments as c
     where c.author_id = v_uid
       and not exists (select from app.comments as r where r.parent_id = c.id and r.author_id is distinct from v_uid)
    returning 1)
  select v_comments + count(*)::integer into v_comments from gone;
  -- The same for highlights: one others replied to stays (blank, no author) for their
  -- replies; every other highlight of mine goes.
  update app.highlights as h set body = ''
   where h.author_id = v_uid
     and exists (select from app.comments as r where r.highlight_id = h.id and r.author_id is distinct from v_uid);
  get diagnostics v_highlights = row_count;
  with gone as (
    delete from app.highlights as h
     where h.author_id = v_uid
       and not exists (select from app.comments as r where r.highlight_id = h.id and r.author_id is distinct from v_uid)
    returning 1)
  select v_highlights + count(*)::integer into v_highlights from gone;
  delete from app.item_tags as t where t.added_by = v_uid;

  -- My items, unless another member engaged with them: their comments and tags stay.
  with gone as (
    delete from app.items as i
     where i.added_by = v_uid
       and not exists (select from app.comments as c where c.item_id = i.id)
       and not exists (select from app.highlights as h where h.item_id = i.id)
       and not exists (select from app.item_tags as t where t.item_id = i.id)
       and not exists (select from app.item_clips as k where k.item_id = i.id and k.clipped_by is distinct from v_uid)
       and not exists (select from app.queue_entries as q where q.item_id = i.id and q.queued_by is distinct from v_uid)
       and not exists (select from app.queue_votes as v where v.item_id = i.id and v.member_id <> v_uid)
       and not exists (select from app.meeting_items as m where m.item_id = i.id)
    returning 1)
  select count(*)::integer into v_items from gone;
  select count(*)::integer into v_kept from app.items as i where i.added_by = v_uid;
  -- Groups deleted above have no queue left: renumbering them changes nothing.
  foreach v_group_id in array v_queues loop
    perform private.close_queue_gaps(v_group_id);
  end loop;

  -- The profile, memberships, clip records and wrong-code counts cascade from here; what
  -- others keep (items, queue places, invites, groups they created) forget who it was.
  delete from auth.users as u where u.id = v_uid;

  return jsonb_build_object('deleted_groups', v_groups, 'deleted_comments', v_comments,
                            'deleted_highlights', v_highlights, 'deleted_items', v_items, 'kept_items', v_kept);
end;
$$;

comment on function private.delete_account(text) is
  'Deletes the signed-in person''s account and own content (see the header of supabase/schemas/80_your_data.sql). SECURITY DEFINER: removes the auth.users row and items past RLS; acts only on auth.uid(). Called only by public.delete_account.';

comment on function public.delete_account(text) is
  'RPC delete_account(p_confirm) → {deleted_groups, deleted_comments, deleted_highlights, deleted_items, kept_items}: after typing DELETE or their email, the signed-in person''s account, comments, highlights, tags, clips and the items nobody else engaged with are deleted, and groups where they were alone. P0001 for the last owner of a group with other members. Sign-in with the old session stops working.';
