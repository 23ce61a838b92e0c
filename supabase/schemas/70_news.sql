-- ======================================================================================
-- What's new since a member last looked
--
-- group_seen: per member per group, when they last looked (mark_seen). group_news lists
-- what others added since then: items, comments per item (replies on highlights are
-- comments too), highlights per item, a meeting scheduled or changed.
-- Before a member's first look, the baseline is when they joined.
-- ======================================================================================

-- --------------------------------------------------------------------------------------
-- Tables
-- --------------------------------------------------------------------------------------

create table app.group_seen (
  group_id uuid not null,
  member_id uuid not null default auth.uid(),
  seen_at timestamptz not null default now(),
  primary key (group_id, member_id),
  foreign key (group_id, member_id) references app.group_members (group_id, user_id) on delete cascade
);

alter table app.group_seen enable row level security;

comment on table app.group_seen is 'When each member last looked at each of their groups (what''s new counts from here).';

comment on column app.group_seen.group_id is 'The group looked at.';

comment on column app.group_seen.member_id is 'The member who looked (the row goes with their membership).';

comment on column app.group_seen.seen_at is 'When they last marked the group seen.';

-- --------------------------------------------------------------------------------------
-- Indexes
-- --------------------------------------------------------------------------------------

create index group_seen_member_id_idx on app.group_seen (member_id);

-- --------------------------------------------------------------------------------------
-- Functions
-- --------------------------------------------------------------------------------------

create function public.group_news(p_group_id uuid)
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

revoke all on function public.group_news(uuid) from public, anon;

grant execute on function public.group_news(uuid) to authenticated;

create function public.mark_seen(p_group_id uuid)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_seen timestamptz;
begin
  perform private.require_membership(p_group_id);
  insert into app.group_seen as s (group_id, member_id, seen_at)
  values (p_group_id, (select auth.uid()), now())
  on conflict (group_id, member_id) do update set seen_at = excluded.seen_at
  returning s.seen_at into v_seen;
  return jsonb_build_object('seen_at', v_seen);
end;
$$;

comment on function public.mark_seen(uuid) is 'RPC mark_seen(p_group_id) → {seen_at}: everything in the group up to now counts as seen by the caller.';

revoke all on function public.mark_seen(uuid) from public, anon;

grant execute on function public.mark_seen(uuid) to authenticated;

-- --------------------------------------------------------------------------------------
-- Table privileges
-- --------------------------------------------------------------------------------------

-- Row-level security decides which rows; these grants decide what the SECURITY INVOKER
-- RPCs may do at all (no other API role holds anything on these tables).

grant select, insert on table app.group_seen to authenticated;
grant update (seen_at) on table app.group_seen to authenticated;

-- --------------------------------------------------------------------------------------
-- Row level security policies
-- --------------------------------------------------------------------------------------

create policy "Members can read when they last looked"
  on app.group_seen for select to authenticated
  using (member_id = (select auth.uid()));

create policy "Members can record their first look at their groups"
  on app.group_seen for insert to authenticated
  with check (member_id = (select auth.uid()) and group_id in (select private.my_group_ids()));

create policy "Members can record their later looks at their groups"
  on app.group_seen for update to authenticated
  using (member_id = (select auth.uid()))
  with check (member_id = (select auth.uid()) and group_id in (select private.my_group_ids()));
