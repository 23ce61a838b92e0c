-- ======================================================================================
-- Highlights on items
--
-- A highlight is a passage of an item's stored copy that a member marked, with an optional
-- comment (body), seen by the whole group. Its target is stored as Web Annotation selectors,
-- as Hypothesis stores them: the quote (TextQuoteSelector: exact, with up to 32 characters
-- of prefix and suffix) and, when it was made in the reader, the passage's offsets into the
-- copy's text (TextPositionSelector: start, end; null for a highlight made on the live page).
-- The reader finds the passage again where it shows it; the database only keeps the target.
-- * Rights: as comments. Members of every role highlight and read their groups' highlights;
--   only its author changes a highlight's comment; its author, or an owner or admin, deletes
--   it (delete_highlight, through private.remove_highlight), and its replies go with it.
-- * Replies are comments with highlight_id set (app.comments, 40_comments.sql; the foreign
--   key is added here, once this table exists): one flat list per highlight, written with
--   add_comment(p_highlight_id), edited and deleted as any comment.
-- * p_client_id: the author's client names each highlight, so a repeated send (the outbox
--   sending again after a lost answer) is answered with the first highlight.
-- * Account deletion (80_your_data.sql): a member's highlights go, except one that others
--   replied to: it stays, its comment blanked and without an author, so their replies keep
--   their passage.
-- ======================================================================================

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
-- Guards
-- --------------------------------------------------------------------------------------

create function private.highlight_stays_put()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if (new.item_id, new.group_id, new.exact, new.prefix, new.suffix, new.start_offset, new.end_offset, new.client_id)
     is distinct from
     (old.item_id, old.group_id, old.exact, old.prefix, old.suffix, old.start_offset, old.end_offset, old.client_id)
     -- Only the author's account being deleted clears author_id (on delete set null).
     or (new.author_id is distinct from old.author_id and new.author_id is not null) then
    raise exception 'A highlight stays on its passage and with whoever marked it; only its comment changes.' using errcode = '22023';
  end if;
  return new;
end;
$$;

comment on function private.highlight_stays_put() is
  'Trigger: a highlight''s passage, item, group, author and client id never change (only its comment, and its author to null when that account is deleted), whoever updates it, SECURITY DEFINER code included; 22023 otherwise.';

revoke all on function private.highlight_stays_put() from public;

-- --------------------------------------------------------------------------------------
-- Triggers
-- --------------------------------------------------------------------------------------

create trigger highlights_touch_updated_at
  before update on app.highlights
  for each row execute function private.touch_updated_at();

create trigger highlights_stay_put
  before update on app.highlights
  for each row execute function private.highlight_stays_put();
