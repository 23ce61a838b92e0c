-- ============================================================================
-- Meeting changes are news (issue 5, what's new): a meeting whose time, title, place or
-- lead another member changed since you last looked is marked "Changed", as a newly
-- scheduled one is marked "New". A trigger records who changed it and when, so every way
-- of changing a meeting (edit_meeting today) is covered; finishing one is not a change.
-- ============================================================================

alter table public.meetings
  add column changed_at timestamptz,
  add column changed_by uuid references public.profiles (id) on delete set null;

comment on column public.meetings.changed_at is 'When its time, title, place or lead last changed (null: never; what''s new compares it).';
comment on column public.meetings.changed_by is 'Who last changed its time, title, place or lead (null: never, or the account is gone).';

-- ============================================================================
-- private.note_meeting_change: stamps a change of what members plan around.
-- ============================================================================

create function private.note_meeting_change()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if (new.starts_at, new.title, new.place, new.lead_id) is distinct from (old.starts_at, old.title, old.place, old.lead_id) then
    new.changed_at := now();
    new.changed_by := (select auth.uid());
  end if;
  return new;
end;
$$;

comment on function private.note_meeting_change() is
  'Trigger: stamps changed_at/changed_by when a meeting''s time, title, place or lead changes (not when it is finished).';
revoke all on function private.note_meeting_change() from public;

create trigger meetings_note_change
  before update on public.meetings
  for each row execute function private.note_meeting_change();

-- ============================================================================
-- group_news: the meeting counts when scheduled or changed by someone else since.
-- ============================================================================

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
    -- Scheduled or changed by someone else since the caller looked; `changed`: it was known before.
    'meeting', (
      select jsonb_build_object('id', m.id, 'starts_at', m.starts_at, 'title', m.title, 'changed', m.created_at <= v_since)
        from public.meetings as m
       where m.group_id = p_group_id and m.ended_at is null
         and coalesce(m.changed_at, m.created_at) > v_since
         and coalesce(m.changed_by, m.created_by) is distinct from v_uid));
end;
$$;

comment on function public.group_news(uuid) is
  'RPC group_news(p_group_id) → GroupNews: items (newest first, at most 500), comments per item and an upcoming meeting that others scheduled or changed (time, title, place, lead) since the caller last marked the group seen, with changed: true when it was scheduled before (before that: since they joined); queued: which of those items are on the queue now, in queue order.';
