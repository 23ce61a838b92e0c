-- ======================================================================================
-- Your data: export and account deletion
--
-- A member takes a copy of everything they can see in a group, and deletes their account
-- and their own content.
-- * export_group(p_group_id, p_after default null, p_limit default null): SECURITY
--   INVOKER, like every public RPC here. Row-level security decides what goes into the
--   file, so an export never holds more than the member could read through the API anyway.
--   Without p_limit it answers the whole export at once (fine for a small group). With
--   p_limit (1-200) it answers one page, so the export of a large group is many short
--   statements instead of one that outlives the statement timeout a hosted project gives
--   the API roles (authenticated 8 s, anon 3 s) and builds a JSON value of every saved copy
--   at once (up to 512 KB an item; jsonb stops at 256 MB): the items in export order
--   (created_at, id) after the page marker p_after, at most p_limit of them and, past the
--   first, no more than about 4 MB of saved copies; `next` is the marker of the following
--   page (null: this was the last). The first page (no p_after) also carries everything
--   else of the export (format, version, exported_at, exported_by, group, members, queue,
--   meetings); later pages only items and next. Joining the pages' items after the first
--   page's fields gives what the one answer gives. A page marker is opaque text; a bad one
--   is refused (22023). utils/shared/api-types.ts (GroupExportPage) is the contract;
--   utils/background/export-pages.ts reads the pages.
-- * delete_account(p_confirm): the public wrapper of private.delete_account, the one
--   SECURITY DEFINER step (removing the auth.users row is beyond what a member may do).
--   What goes: the member's comments (one that others replied to stays as a blank
--   placeholder without an author), their highlights (one that others replied to stays,
--   its comment blanked and without an author, so the replies keep their passage), the tags they gave, their votes and read marks, their
--   clip records, their profile and memberships, their auth.users row; the items they added
--   that nobody else engaged with; groups where they are the only member. The last owner of
--   a group that has other members is refused (P0001) until they hand over ownership or
--   delete the group.
-- ======================================================================================

-- --------------------------------------------------------------------------------------
-- Functions
-- --------------------------------------------------------------------------------------

create function public.export_group(p_group_id uuid, p_after text default null, p_limit integer default null)
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

revoke all on function public.export_group(uuid, text, integer) from public, anon;

grant execute on function public.export_group(uuid, text, integer) to authenticated;

create function private.delete_account(p_confirm text)
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

revoke all on function private.delete_account(text) from public;

grant execute on function private.delete_account(text) to authenticated;

create function public.delete_account(p_confirm text)
returns jsonb
language sql
volatile
security invoker
set search_path = ''
as $$
  select private.delete_account(p_confirm)
$$;

comment on function public.delete_account(text) is
  'RPC delete_account(p_confirm) → {deleted_groups, deleted_comments, deleted_highlights, deleted_items, kept_items}: after typing DELETE or their email, the signed-in person''s account, comments, highlights, tags, clips and the items nobody else engaged with are deleted, and groups where they were alone. P0001 for the last owner of a group with other members. Sign-in with the old session stops working.';

revoke all on function public.delete_account(text) from public, anon;

grant execute on function public.delete_account(text) to authenticated;
