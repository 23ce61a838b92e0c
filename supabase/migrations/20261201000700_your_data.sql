-- =====================================================================================
-- Your data (issue 6, part 6): a member takes a copy of everything they can see in a
-- group, and deletes their account and their own content.
--
-- * export_group(p_group_id): SECURITY INVOKER, like every public RPC here. Row-level
--   security decides what goes into the file, so an export can never hold more than the
--   member could read through the API anyway; require_membership first turns "not a
--   member" into a clear 42501 instead of an empty file.
-- * delete_account(p_confirm): the public wrapper (SECURITY INVOKER) of
--   private.delete_account, the one SECURITY DEFINER step, because removing the auth.users
--   row (so the old sign-in stops working) is beyond what a member may do. What goes:
--     - the member's comments (one that others replied to stays as the thread's blank
--       "deleted" placeholder without an author, so the replies keep their place), the tags
--       they gave, their votes and read marks, their clip records, their profile and
--       memberships, their auth.users row (sessions and refresh tokens go with it);
--     - the items they added that nobody else engaged with (no other member's comment, tag,
--       clip, queue place or vote, and no meeting record). Items others engaged with stay in
--       the group's library with "Former member" as who added them;
--     - groups where they are the only member.
--   The last owner of a group that has other members is refused (P0001) until they make
--   another member an owner or delete the group: a group always keeps an owner.
-- =====================================================================================

-- ---------- export_group ----------
create function public.export_group(p_group_id uuid)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_uid uuid := (select auth.uid());
  v_role text := private.require_membership(p_group_id);
begin
  return jsonb_build_object(
    'format', 'readclub-export',
    'version', 1,
    'exported_at', now(),
    'exported_by', private.person(v_uid, (select p.display_name from public.profiles as p where p.id = v_uid)),
    'group', (
      select jsonb_build_object('id', g.id, 'name', g.name, 'description', g.description,
                                'created_at', g.created_at, 'my_role', v_role)
        from public.groups as g where g.id = p_group_id),
    'members', coalesce((
      select jsonb_agg(jsonb_build_object('id', m.user_id, 'display_name', coalesce(p.display_name, 'Former member'),
                                          'role', m.role, 'joined_at', m.joined_at)
                       order by m.joined_at, m.user_id)
        from public.group_members as m
        left join public.profiles as p on p.id = m.user_id
       where m.group_id = p_group_id), '[]'::jsonb),
    'items', coalesce((
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
                     from public.item_tags as t
                     left join public.profiles as tagger on tagger.id = t.added_by
                    where t.group_id = p_group_id and t.item_id = i.id), '[]'::jsonb),
                 'comments', coalesce((
                   select jsonb_agg(jsonb_build_object('id', c.id, 'body', c.body,
                                                       'author', private.person(c.author_id, author.display_name),
                                                       'created_at', c.created_at, 'updated_at', c.updated_at,
                                                       'parent_id', c.parent_id, 'deleted', c.deleted_at is not null)
                                    order by c.created_at, c.id)
                     from public.comments as c
                     left join public.profiles as author on author.id = c.author_id
                    where c.group_id = p_group_id and c.item_id = i.id), '[]'::jsonb),
                 'queue', private.queue_place(i.id))
               order by i.created_at, i.id)
        from public.items as i
        left join public.profiles as adder on adder.id = i.added_by
       where i.group_id = p_group_id), '[]'::jsonb),
    'queue', coalesce((
      select jsonb_agg(jsonb_build_object('item_id', q.item_id, 'title', i.title, 'position', q.position,
                                          'queued_by', private.person(q.queued_by, queuer.display_name),
                                          'queued_at', q.queued_at,
                                          'votes', (select count(*)::integer from public.queue_votes as v where v.item_id = q.item_id))
                       order by q.position)
        from public.queue_entries as q
        join public.items as i on i.id = q.item_id
        left join public.profiles as queuer on queuer.id = q.queued_by
       where q.group_id = p_group_id), '[]'::jsonb));
end;
$$;

comment on function public.export_group(uuid) is
  'RPC export_group(p_group_id) → GroupExport: everything the signed-in member can see in the group (the group, members, every item with its metadata, copy, tags and comments, the queue), as of now. SECURITY INVOKER: row-level security decides what is in it. 42501 for non-members.';

-- ---------- Comments let go of a deleted author ----------
-- comments.author_id is set null when its author's profile goes (the foreign key's
-- referential action is an UPDATE, which the thread trigger sees). That one change is let
-- through, also on "deleted" placeholders; everything else the trigger refused it still does.
create or replace function private.comment_thread()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v_parent public.comments%rowtype;
begin
  if tg_op = 'UPDATE' then
    if new.author_id is null and old.author_id is not null
       and (new.item_id, new.group_id, new.parent_id, new.body, new.deleted_at)
           is not distinct from (old.item_id, old.group_id, old.parent_id, old.body, old.deleted_at) then
      return new;  -- the author's account is being deleted
    end if;
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
  'Trigger on comments: a reply to a reply is attached to its thread''s top comment; a reply stays on its parent''s item; an edit changes only the text (never of a deleted comment); a deleted account''s comments lose their author.';

-- ---------- delete_account ----------
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
  v_items integer;
  v_kept integer;
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

  -- Hold my groups still while deciding: nobody joins one or changes an owner meanwhile
  -- (joining checks the group row, which this lock blocks).
  perform from public.groups as g
   where g.id in (select m.group_id from public.group_members as m where m.user_id = v_uid)
     for update;

  select string_agg(g.name, ', ' order by g.name) into v_blocking
    from public.groups as g
    join public.group_members as mine on mine.group_id = g.id and mine.user_id = v_uid and mine.role = 'owner'
   where not exists (select from public.group_members as o where o.group_id = g.id and o.user_id <> v_uid and o.role = 'owner')
     and exists (select from public.group_members as o where o.group_id = g.id and o.user_id <> v_uid);
  if v_blocking is not null then
    raise exception 'You are the last owner of %: make another member an owner first, or delete the group.', v_blocking
      using errcode = 'P0001';
  end if;

  -- Groups where I am the only member go, library and all.
  with gone as (
    delete from public.groups as g
     where g.id in (select m.group_id from public.group_members as m where m.user_id = v_uid)
       and not exists (select from public.group_members as o where o.group_id = g.id and o.user_id <> v_uid)
    returning 1)
  select count(*)::integer into v_groups from gone;

  -- A comment others replied to stays as the thread's "deleted" placeholder (blank, no
  -- author), so their replies keep their place; every other comment of mine goes.
  update public.comments as c set body = '', deleted_at = now()
   where c.author_id = v_uid and c.deleted_at is null
     and exists (select from public.comments as r where r.parent_id = c.id and r.author_id is distinct from v_uid);
  get diagnostics v_comments = row_count;
  with gone as (
    delete from public.comments as c
     where c.author_id = v_uid
       and not exists (select from public.comments as r where r.parent_id = c.id and r.author_id is distinct from v_uid)
    returning 1)
  select v_comments + count(*)::integer into v_comments from gone;
  delete from public.item_tags as t where t.added_by = v_uid;

  -- My items, unless another member engaged with them: their comments and tags stay.
  with gone as (
    delete from public.items as i
     where i.added_by = v_uid
       and not exists (select from public.comments as c where c.item_id = i.id)
       and not exists (select from public.item_tags as t where t.item_id = i.id)
       and not exists (select from public.item_clips as k where k.item_id = i.id and k.clipped_by is distinct from v_uid)
       and not exists (select from public.queue_entries as q where q.item_id = i.id and q.queued_by is distinct from v_uid)
       and not exists (select from public.queue_votes as v where v.item_id = i.id and v.member_id <> v_uid)
       and not exists (select from public.meeting_items as m where m.item_id = i.id)
    returning 1)
  select count(*)::integer into v_items from gone;
  select count(*)::integer into v_kept from public.items as i where i.added_by = v_uid;

  -- The profile, memberships, clip records and wrong-code counts cascade from here; what
  -- others keep (items, queue places, invites, groups they created) forget who it was.
  delete from auth.users as u where u.id = v_uid;

  return jsonb_build_object('deleted_groups', v_groups, 'deleted_comments', v_comments,
                            'deleted_items', v_items, 'kept_items', v_kept);
end;
$$;

comment on function private.delete_account(text) is
  'Deletes the signed-in person''s account and own content (see the migration''s header). SECURITY DEFINER: removes the auth.users row and items past RLS; acts only on auth.uid(). Called only by public.delete_account.';
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
  'RPC delete_account(p_confirm) → {deleted_groups, deleted_comments, deleted_items, kept_items}: after typing DELETE or their email, the signed-in person''s account, comments, tags, clips and the items nobody else engaged with are deleted, and groups where they were alone. P0001 for the last owner of a group with other members. Sign-in with the old session stops working.';

revoke all on function public.export_group(uuid) from public, anon;
revoke all on function public.delete_account(text) from public, anon;
grant execute on function public.export_group(uuid) to authenticated, service_role;
grant execute on function public.delete_account(text) to authenticated, service_role;
