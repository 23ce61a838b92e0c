-- =====================================================================================
-- Queue pages (issue 7: group_queue p95 under 20 ms for a 500-item group; the side panel's
-- first draw of a 1,000-item queue). group_queue returned the whole queue (500 entries,
-- ~215 KB, ~40 ms on the 1M-item bench data, over 20 ms of it building the JSON) while the
-- side panel draws 50 at a time. It now returns one page of entries, in the queue's own
-- order or "most wanted" (most votes first), and what the panel says about the whole queue,
-- computed here: how many are queued and their total reading time.
--
-- * group_queue(p_group_id) still works (the paging arguments have defaults): the first 50
--   in queue order. The `group` and `queue` keys keep their shape; `total`, `total_minutes`,
--   `offset`, `limit` and `order` are new. move_queue_entry, unqueue_item, vote_item and
--   mark_read return group_queue(v_group_id), so they now answer with the first page.
-- * A page holds 1 to 200 entries: no call reads a whole large queue at once.
-- * The one-argument function is dropped, not overloaded, so PostgREST never has two
--   candidates for the same call.
-- * group_news also says which of its new items (and items with new comments) are queued,
--   so the Queue tab's count of news covers the whole queue, not just the loaded pages.
-- Same security as before: SECURITY INVOKER (RLS applies to every row read), membership
-- checked first by private.require_membership (42501 for a non-member), bad paging
-- arguments refused with 22023 and a readable message. utils/api-types.ts is the contract.
-- =====================================================================================

drop function public.group_queue(uuid);

create function public.group_queue(
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
              from public.queue_entries as q
             where q.group_id = p_group_id
             order by q.position
             limit p_limit offset p_offset) as p;
  elsif p_order = 'wanted' then
    select coalesce(array_agg(p.item_id order by p.n), '{}') into v_page
      from (select q.item_id, row_number() over (order by coalesce(v.votes, 0) desc, q.position) as n
              from public.queue_entries as q
              left join (select qv.item_id, count(*) as votes
                           from public.queue_votes as qv
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
    from public.queue_entries as q
    join public.items as i on i.id = q.item_id
   where q.group_id = p_group_id;

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
                 'tags', coalesce((select jsonb_agg(t.tag order by t.tag)
                                     from public.item_tags as t where t.item_id = i.id), '[]'::jsonb),
                 -- Deleted placeholders are not comments (group_library counts the same way).
                 'comment_count', (select count(*) from public.comments as c
                                    where c.item_id = i.id and c.deleted_at is null),
                 'reading_minutes', i.reading_minutes,
                 'votes', v.votes,
                 'voted', v.voted,
                 'read', r.read,
                 'read_count', r.read_count)
               order by p.n)
        from unnest(v_page) with ordinality as p(item_id, n)
        join public.queue_entries as q on q.item_id = p.item_id
        join public.items as i on i.id = q.item_id
        left join public.profiles as adder on adder.id = i.added_by
        cross join lateral (select count(*)::integer as votes, coalesce(bool_or(qv.member_id = v_uid), false) as voted
                              from public.queue_votes as qv where qv.item_id = i.id) as v
        cross join lateral (select count(*)::integer as read_count, coalesce(bool_or(ir.member_id = v_uid), false) as read
                              from public.item_reads as ir where ir.item_id = i.id) as r), '[]'::jsonb),
    'total', v_total,
    'total_minutes', v_minutes,
    'offset', p_offset,
    'limit', p_limit,
    'order', p_order);
end;
$$;

comment on function public.group_queue(uuid, integer, integer, text) is
  'RPC group_queue(p_group_id, p_limit = 50, p_offset = 0, p_order = ''queue'') → GroupQueue: the group and the caller''s role; one page of the queue (p_limit entries, 1 to 200, after skipping p_offset, 0 or more) in the queue''s order (''queue'') or most votes first, ties in queue order (''wanted''), each entry with its kind, who added it, tags, comment count (deleted placeholders left out), reading time, votes (and the caller''s) and read marks (the caller''s, and how many read it); and for the whole queue: total (entries) and total_minutes (reading time). Echoes offset, limit and order. 42501 for a non-member, 22023 for a bad limit, offset or order. Who queued it and when: item_detail.';

revoke all on function public.group_queue(uuid, integer, integer, text) from public, anon;
grant execute on function public.group_queue(uuid, integer, integer, text) to authenticated, service_role;

-- ---------- group_news: which of the news is on the queue ----------
-- Based on the definition in 20261201000600_whats_new.sql; only `queued` is new.
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
begin
  perform private.require_membership(p_group_id);
  v_uid := (select auth.uid());
  select coalesce(s.seen_at, gm.joined_at) into v_since
    from public.group_members as gm
    left join public.group_seen as s on s.group_id = gm.group_id and s.member_id = gm.user_id
   where gm.group_id = p_group_id and gm.user_id = v_uid;
  select coalesce(array_agg(n.id order by n.created_at desc), '{}') into v_items
    from (select i.id, i.created_at from public.items as i
           where i.group_id = p_group_id and i.created_at > v_since and i.added_by is distinct from v_uid
           order by i.created_at desc limit 500) as n;
  select coalesce(jsonb_object_agg(c.item_id, c.n), '{}'::jsonb) into v_comments
    from (select cm.item_id, count(*)::integer as n from public.comments as cm
           where cm.group_id = p_group_id and cm.created_at > v_since and cm.author_id is distinct from v_uid
             and cm.deleted_at is null
           group by cm.item_id) as c;
  return jsonb_build_object(
    'seen_at', v_since,
    'new_items', to_jsonb(v_items),
    'new_comments', v_comments,
    -- The items above (new, or with new comments) that are on the queue now.
    'queued', coalesce((
      select jsonb_agg(q.item_id order by q.position)
        from public.queue_entries as q
       where q.group_id = p_group_id
         and (q.item_id = any (v_items)
              or q.item_id in (select k::uuid from jsonb_object_keys(v_comments) as k))), '[]'::jsonb),
    'meeting', (
      select jsonb_build_object('id', m.id, 'starts_at', m.starts_at, 'title', m.title)
        from public.meetings as m
       where m.group_id = p_group_id and m.ended_at is null and m.created_at > v_since
         and m.created_by is distinct from v_uid));
end;
$$;

comment on function public.group_news(uuid) is
  'RPC group_news(p_group_id) → GroupNews: items (newest first, at most 500), comments per item and an upcoming meeting that others added since the caller last marked the group seen (before that: since they joined); queued: which of those items are on the queue now, in queue order.';
