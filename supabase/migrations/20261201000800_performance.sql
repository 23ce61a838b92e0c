-- =====================================================================================
-- Performance (issue 7): group_queue at scale.
--
-- `npm run bench` (tests/bench/db-bench.ts) times group_queue for a 500-item queue in a
-- database of 1,000,000 items. The definition before this one (20261201000400_queue_votes)
-- ran, per queue entry, two private.person calls (each a separate SQL function execution
-- with its own profiles lookup, which for a member also re-evaluates the profiles policy's
-- co-member set: 1,000 of those per call) and six correlated subqueries.
-- This definition returns the same JSON (same keys, values and order), but:
-- * people come from the profiles rows already joined (display name and picture), with
--   private.person's rule written out: no profile visible -> "Former member", no picture;
-- * votes (count and mine) and reads (count and mine) are one lateral aggregate each.
-- Any later change to group_queue's shape belongs here (this is its last definition).
--
-- private.person (item_detail's comments, members, …) looked the picture up under the
-- caller's RLS: each call re-ran the profiles policy's co-member set (about 0.3 ms a person
-- as a member, so a 200-comment thread paid some 60 ms for RLS alone). It now reads the
-- picture through a definer helper, only when p_display_name is set, i.e. only when the
-- caller could already see that profile: it reveals nothing RLS would hide.
-- =====================================================================================

create function private.avatar_url_of(p_id uuid)
returns text
language sql
stable
security definer
set search_path = ''
as $$
  select p.avatar_url from public.profiles as p where p.id = p_id
$$;

comment on function private.avatar_url_of(uuid) is
  'The picture address of a profile, for private.person, which asks only for people the caller can already see.';
revoke all on function private.avatar_url_of(uuid) from public;
grant execute on function private.avatar_url_of(uuid) to authenticated, service_role;

create or replace function private.person(p_id uuid, p_display_name text)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select jsonb_build_object(
           'id', p_id,
           'display_name', coalesce(p_display_name, 'Former member'),
           'avatar_url', case when p_display_name is null then null else private.avatar_url_of(p_id) end)
$$;

create or replace function public.group_queue(p_group_id uuid)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_role text := private.require_membership(p_group_id);
  v_uid uuid := (select auth.uid());
begin
  return jsonb_build_object(
    'group', (select jsonb_build_object('id', g.id, 'name', g.name, 'role', v_role)
                from public.groups as g where g.id = p_group_id),
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
                 'queued_by', jsonb_build_object('id', q.queued_by,
                                                 'display_name', coalesce(queuer.display_name, 'Former member'),
                                                 'avatar_url', case when queuer.display_name is null then null else queuer.avatar_url end),
                 'queued_at', q.queued_at,
                 'tags', coalesce((select jsonb_agg(t.tag order by t.tag)
                                     from public.item_tags as t where t.item_id = i.id), '[]'::jsonb),
                 'comment_count', (select count(*) from public.comments as c where c.item_id = i.id),
                 'reading_minutes', i.reading_minutes,
                 'votes', v.votes,
                 'voted', v.voted,
                 'read', r.read,
                 'read_count', r.read_count)
               order by q.position, q.queued_at)
        from public.queue_entries as q
        join public.items as i on i.id = q.item_id
        left join public.profiles as adder on adder.id = i.added_by
        left join public.profiles as queuer on queuer.id = q.queued_by
        cross join lateral (select count(*)::integer as votes, coalesce(bool_or(qv.member_id = v_uid), false) as voted
                              from public.queue_votes as qv where qv.item_id = i.id) as v
        cross join lateral (select count(*)::integer as read_count, coalesce(bool_or(ir.member_id = v_uid), false) as read
                              from public.item_reads as ir where ir.item_id = i.id) as r
       where q.group_id = p_group_id), '[]'::jsonb));
end;
$$;

-- An item's comments in one query. private.comments_json called private.comment_json per
-- comment: a separate query each, which for a member re-ran the comments and profiles
-- policies every time (a 200-comment item_detail took 6x as long with RLS as without).
-- The rows are built here as comment_json builds one, which stays the shape's definition
-- for single comments (add_comment, edit_comment); the bench checks the two agree.
create or replace function private.comments_json(p_item_id uuid)
returns jsonb
language sql
stable
set search_path = ''
as $$
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
   where c.item_id = p_item_id
$$;
