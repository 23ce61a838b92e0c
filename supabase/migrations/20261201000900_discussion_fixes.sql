-- =====================================================================================
-- Discussion fixes (issue 5, polish):
-- * group_queue's comment count leaves out deleted placeholders ("This comment was
--   deleted." kept for its replies), as group_library's count already did: the queue and
--   the library now show the same number for an item. Otherwise the same definition as
--   20261201000800_performance (same keys and order); this is now its last definition.
-- * edit_meeting: owners and admins change an unfinished meeting's time, title, place and
--   lead instead of cancelling and scheduling again (which lost the edited agenda). The
--   checks are schedule_meeting's; a time already passed is refused only when it changes,
--   so a meeting under way can still get its call link fixed.
-- utils/api-types.ts is the contract.
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
                 'queued_by', jsonb_build_object('id', q.queued_by,
                                                 'display_name', coalesce(queuer.display_name, 'Former member'),
                                                 'avatar_url', case when queuer.display_name is null then null else queuer.avatar_url end),
                 'queued_at', q.queued_at,
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
        left join public.profiles as queuer on queuer.id = q.queued_by
        cross join lateral (select count(*)::integer as votes, coalesce(bool_or(qv.member_id = v_uid), false) as voted
                              from public.queue_votes as qv where qv.item_id = i.id) as v
        cross join lateral (select count(*)::integer as read_count, coalesce(bool_or(ir.member_id = v_uid), false) as read
                              from public.item_reads as ir where ir.item_id = i.id) as r
       where q.group_id = p_group_id), '[]'::jsonb));
end;
$$;

comment on function public.group_queue(uuid) is
  'RPC group_queue(p_group_id) → GroupQueue: the group, the caller''s role, and the queue in order with each item''s kind, tags, comment count (deleted placeholders left out), reading time, votes (and the caller''s), and read marks (the caller''s, and how many read it).';

-- ---------- edit_meeting ----------
create function public.edit_meeting(
  p_meeting_id uuid,
  p_starts_at timestamptz,
  p_title text default null,
  p_place text default null,
  p_lead_id uuid default null
)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  -- Owners and admins only (42501), and not a finished meeting (P0001).
  v_group_id uuid := private.require_meeting(p_meeting_id);
  v_title text := nullif(btrim(coalesce(p_title, '')), '');
  v_place text := nullif(btrim(coalesce(p_place, '')), '');
  v_was timestamptz;
begin
  if p_starts_at is null then
    raise exception 'Pick a date and time for the meeting.' using errcode = '22023';
  end if;
  select m.starts_at into v_was from public.meetings as m where m.id = p_meeting_id;
  if p_starts_at is distinct from v_was and p_starts_at < now() then
    raise exception 'That time has already passed. Pick a time in the future.' using errcode = '22023';
  end if;
  if char_length(v_title) > 120 then
    raise exception 'A meeting title can be at most 120 characters.' using errcode = '22023';
  end if;
  if char_length(v_place) > 500 then
    raise exception 'A place or call link can be at most 500 characters.' using errcode = '22023';
  end if;
  if p_lead_id is not null
     and not exists (select from public.group_members as gm where gm.group_id = v_group_id and gm.user_id = p_lead_id) then
    raise exception 'The discussion lead must be a member of the group.' using errcode = '22023';
  end if;
  update public.meetings as m
     set starts_at = p_starts_at, title = v_title, place = v_place, lead_id = p_lead_id
   where m.id = p_meeting_id;
  return private.meeting_json(p_meeting_id);
end;
$$;

comment on function public.edit_meeting(uuid, timestamptz, text, text, uuid) is
  'RPC edit_meeting(p_meeting_id, p_starts_at, p_title, p_place, p_lead_id) → Meeting: owners and admins change an unfinished meeting''s time, title, place and lead (all replaced; empty clears) with schedule_meeting''s checks; a new time must be in the future (22023). The agenda is kept.';

revoke all on function public.edit_meeting(uuid, timestamptz, text, text, uuid) from public, anon;
grant execute on function public.edit_meeting(uuid, timestamptz, text, text, uuid) to authenticated, service_role;
