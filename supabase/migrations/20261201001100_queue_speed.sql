-- =====================================================================================
-- Queue speed (issue 7): group_queue for a 500-item group returned ~290 KB of JSON (about
-- 590 bytes an entry) and building it was most of its time. Each entry carried who queued
-- it and when (a second Person object and a timestamp, ~160 bytes) that the queue list never
-- shows; item_detail and find_item still say "queued by" for one item. Same order, votes,
-- read marks, tags, comment counts and reading minutes otherwise; based on the definition in
-- 20261201000900_discussion_fixes.sql (deleted placeholders not counted).
-- utils/api-types.ts (QueueEntry) is the contract.
-- =====================================================================================

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
               order by q.position, q.queued_at)
        from public.queue_entries as q
        join public.items as i on i.id = q.item_id
        left join public.profiles as adder on adder.id = i.added_by
        cross join lateral (select count(*)::integer as votes, coalesce(bool_or(qv.member_id = v_uid), false) as voted
                              from public.queue_votes as qv where qv.item_id = i.id) as v
        cross join lateral (select count(*)::integer as read_count, coalesce(bool_or(ir.member_id = v_uid), false) as read
                              from public.item_reads as ir where ir.item_id = i.id) as r
       where q.group_id = p_group_id), '[]'::jsonb));
end;
$$;


comment on function public.group_queue(uuid) is
  'RPC group_queue(p_group_id) → GroupQueue: the group, the caller''s role, and the queue in order with each item''s kind, who added it, tags, comment count (deleted placeholders left out), reading time, votes (and the caller''s), and read marks (the caller''s, and how many read it). Who queued it and when: item_detail.';
