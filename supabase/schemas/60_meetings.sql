-- ======================================================================================
-- Meetings and their agendas
--
-- The group schedules its next meeting; the top of the queue forms its agenda; afterwards
-- items are marked discussed with optional takeaways; the meeting is finished, discussed
-- items leave the queue and the rest carry over.
-- * Owners and admins schedule, edit the agenda, record what was discussed, finish and
--   cancel; every member reads meetings and may be named the discussion lead.
-- * One unfinished meeting per group at a time (a partial unique index): "the next meeting".
-- ======================================================================================

-- --------------------------------------------------------------------------------------
-- Tables
-- --------------------------------------------------------------------------------------

create table app.meetings (
  id uuid primary key default gen_random_uuid(),
  group_id uuid not null references app.groups (id) on delete cascade,
  starts_at timestamptz not null,
  title text
    constraint meetings_title_length check (char_length(title) between 1 and 120),
  place text
    constraint meetings_place_length check (char_length(place) between 1 and 500),
  lead_id uuid references app.profiles (id) on delete set null,
  created_by uuid default auth.uid() references app.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  ended_at timestamptz,
  changed_at timestamptz,
  changed_by uuid references app.profiles (id) on delete set null
);

alter table app.meetings enable row level security;

comment on table app.meetings is 'A reading group''s meetings: the next one (ended_at null) and past ones.';

comment on column app.meetings.id is 'Meeting id.';

comment on column app.meetings.group_id is 'The group meeting.';

comment on column app.meetings.starts_at is 'When it starts (in the future when scheduled).';

comment on column app.meetings.title is 'Optional title, 1–120 characters.';

comment on column app.meetings.place is 'Optional place or call link (plain text, 1–500 characters).';

comment on column app.meetings.lead_id is 'The member leading the discussion (null: nobody named, or the account is gone).';

comment on column app.meetings.created_by is 'Who scheduled it (null once that account is deleted).';

comment on column app.meetings.created_at is 'When it was scheduled (what''s new compares it).';

comment on column app.meetings.ended_at is 'When it was finished (null: the next meeting).';

comment on column app.meetings.changed_at is 'When its time, title, place or lead last changed (null: never; what''s new compares it).';

comment on column app.meetings.changed_by is 'Who last changed its time, title, place or lead (null: never, or the account is gone).';

create table app.meeting_items (
  meeting_id uuid not null references app.meetings (id) on delete cascade,
  item_id uuid not null,
  group_id uuid not null,
  position integer not null
    constraint meeting_items_position_positive check (position > 0),
  discussed boolean not null default false,
  takeaway text
    constraint meeting_items_takeaway_length check (char_length(takeaway) between 1 and 2000),
  primary key (meeting_id, item_id),
  foreign key (group_id, item_id) references app.items (group_id, id) on delete cascade
);

alter table app.meeting_items enable row level security;

comment on table app.meeting_items is 'A meeting''s agenda: items in order, whether each was discussed, and what was taken away.';

comment on column app.meeting_items.meeting_id is 'The meeting.';

comment on column app.meeting_items.item_id is 'The item on the agenda (once per meeting).';

comment on column app.meeting_items.group_id is 'The group (kept here so policies need no join; the foreign key keeps it right).';

comment on column app.meeting_items.position is 'Place on the agenda: lower comes first.';

comment on column app.meeting_items.discussed is 'Marked discussed at the meeting.';

comment on column app.meeting_items.takeaway is 'Optional takeaway, 1–2000 characters.';

-- --------------------------------------------------------------------------------------
-- Indexes
-- --------------------------------------------------------------------------------------

create unique index meetings_one_next_per_group_idx on app.meetings (group_id) where ended_at is null;

create index meetings_group_id_starts_at_idx on app.meetings (group_id, starts_at);

create index meetings_lead_id_idx on app.meetings (lead_id);

create index meetings_created_by_idx on app.meetings (created_by);

create index meeting_items_group_id_idx on app.meeting_items (group_id);

create index meeting_items_group_id_item_id_idx on app.meeting_items (group_id, item_id);

create index meeting_items_item_id_idx on app.meeting_items (item_id);

create index meetings_group_id_created_at_idx on app.meetings (group_id, created_at);

-- --------------------------------------------------------------------------------------
-- Functions
-- --------------------------------------------------------------------------------------

create function private.meeting_json(p_meeting_id uuid)
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

revoke all on function private.meeting_json(uuid) from public;

grant execute on function private.meeting_json(uuid) to authenticated;

create function private.require_meeting(p_meeting_id uuid, p_open boolean default true)
returns uuid
language plpgsql
stable
set search_path = ''
as $$
declare
  v_group_id uuid;
  v_ended timestamptz;
begin
  select m.group_id, m.ended_at into v_group_id, v_ended from app.meetings as m where m.id = p_meeting_id;
  if v_group_id is null then
    raise exception 'That meeting is no longer scheduled (it was cancelled).' using errcode = 'P0001';
  end if;
  perform private.require_membership(v_group_id, array['owner', 'admin'], 'Only owners and admins run meetings.');
  if p_open and v_ended is not null then
    raise exception 'That meeting is over; its notes can no longer change.' using errcode = 'P0001';
  end if;
  return v_group_id;
end;
$$;

comment on function private.require_meeting(uuid, boolean) is
  'The meeting''s group id, after checking the caller is an owner or admin there (42501) and, with p_open, that the meeting is not finished (P0001). P0001 when it is gone.';

revoke all on function private.require_meeting(uuid, boolean) from public;

grant execute on function private.require_meeting(uuid, boolean) to authenticated;

create function public.group_meetings(p_group_id uuid)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_role text := private.require_membership(p_group_id);
begin
  return jsonb_build_object(
    'next', (select private.meeting_json(m.id) from app.meetings as m where m.group_id = p_group_id and m.ended_at is null),
    'past', coalesce((select jsonb_agg(private.meeting_json(m.id) order by m.starts_at desc)
                        from app.meetings as m where m.group_id = p_group_id and m.ended_at is not null), '[]'::jsonb),
    'can_manage', v_role in ('owner', 'admin'));
end;
$$;

comment on function public.group_meetings(uuid) is
  'RPC group_meetings(p_group_id) → GroupMeetings: the next meeting (or null), past meetings newest first with what was discussed, and whether the caller may run meetings.';

revoke all on function public.group_meetings(uuid) from public, anon;

grant execute on function public.group_meetings(uuid) to authenticated;

create function public.schedule_meeting(
  p_group_id uuid,
  p_starts_at timestamptz,
  p_title text default null,
  p_place text default null,
  p_lead_id uuid default null,
  p_agenda_size integer default 5
)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_id uuid;
  v_title text := nullif(btrim(coalesce(p_title, '')), '');
  v_place text := nullif(btrim(coalesce(p_place, '')), '');
begin
  perform private.require_membership(p_group_id, array['owner', 'admin'], 'Only owners and admins schedule meetings.');
  if p_starts_at is null then
    raise exception 'Pick a date and time for the meeting.' using errcode = '22023';
  end if;
  if p_starts_at < now() then
    raise exception 'That time has already passed. Pick a time in the future.' using errcode = '22023';
  end if;
  if char_length(v_title) > 120 then
    raise exception 'A meeting title can be at most 120 characters.' using errcode = '22023';
  end if;
  if char_length(v_place) > 500 then
    raise exception 'A place or call link can be at most 500 characters.' using errcode = '22023';
  end if;
  if p_lead_id is not null
     and not exists (select from app.group_members as gm where gm.group_id = p_group_id and gm.user_id = p_lead_id) then
    raise exception 'The discussion lead must be a member of the group.' using errcode = '22023';
  end if;
  if coalesce(p_agenda_size, 5) not between 0 and 50 then
    raise exception 'An agenda starts with 0 to 50 items.' using errcode = '22023';
  end if;
  perform private.lock_library(p_group_id);
  if exists (select from app.meetings as m where m.group_id = p_group_id and m.ended_at is null) then
    raise exception 'The group already has a meeting coming up. Finish or cancel it first.' using errcode = 'P0001';
  end if;
  insert into app.meetings (group_id, starts_at, title, place, lead_id, created_by)
  values (p_group_id, p_starts_at, v_title, v_place, p_lead_id, (select auth.uid()))
  returning id into v_id;
  -- The top of the queue is the agenda.
  insert into app.meeting_items (meeting_id, item_id, group_id, position)
  select v_id, q.item_id, q.group_id, row_number() over (order by q.position, q.queued_at)
    from app.queue_entries as q
   where q.group_id = p_group_id
   order by q.position, q.queued_at
   limit coalesce(p_agenda_size, 5);
  return private.meeting_json(v_id);
end;
$$;

comment on function public.schedule_meeting(uuid, timestamptz, text, text, uuid, integer) is
  'RPC schedule_meeting(p_group_id, p_starts_at, p_title, p_place, p_lead_id, p_agenda_size) → Meeting. Owners and admins; one unfinished meeting per group; the time must be in the future (22023); the top p_agenda_size (default 5) queue entries become the agenda.';

revoke all on function public.schedule_meeting(uuid, timestamptz, text, text, uuid, integer) from public, anon;

grant execute on function public.schedule_meeting(uuid, timestamptz, text, text, uuid, integer) to authenticated;

create function public.cancel_meeting(p_meeting_id uuid)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
begin
  perform private.require_meeting(p_meeting_id);
  delete from app.meetings as m where m.id = p_meeting_id;
  return null;
end;
$$;

comment on function public.cancel_meeting(uuid) is 'RPC cancel_meeting(p_meeting_id) → null: owners and admins call off the next meeting (its agenda goes; the queue is untouched).';

revoke all on function public.cancel_meeting(uuid) from public, anon;

grant execute on function public.cancel_meeting(uuid) to authenticated;

create function public.edit_agenda(p_meeting_id uuid, p_item_id uuid, p_action text, p_before_item_id uuid default null)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_group_id uuid := private.require_meeting(p_meeting_id);
  v_order uuid[];
  v_at integer;
begin
  perform private.lock_library(v_group_id);
  if p_action = 'add' then
    if private.item_group_id(p_item_id) is distinct from v_group_id then
      raise exception 'That article is no longer in the library.' using errcode = 'P0001';
    end if;
    insert into app.meeting_items (meeting_id, item_id, group_id, position)
    select p_meeting_id, p_item_id, v_group_id, coalesce(max(a.position), 0) + 1
      from app.meeting_items as a where a.meeting_id = p_meeting_id
    on conflict (meeting_id, item_id) do nothing;
  elsif p_action = 'remove' then
    delete from app.meeting_items as a where a.meeting_id = p_meeting_id and a.item_id = p_item_id;
  elsif p_action = 'move' then
    if not exists (select from app.meeting_items as a where a.meeting_id = p_meeting_id and a.item_id = p_item_id) then
      raise exception 'That article was just taken off the agenda.' using errcode = 'P0001';
    end if;
    select coalesce(array_agg(a.item_id order by a.position), '{}') into v_order
      from app.meeting_items as a where a.meeting_id = p_meeting_id and a.item_id <> p_item_id;
    v_at := coalesce(array_position(v_order, p_before_item_id), cardinality(v_order) + 1);
    v_order := v_order[1:v_at - 1] || p_item_id || v_order[v_at:];
    update app.meeting_items as a set position = o.n
      from unnest(v_order) with ordinality as o(item_id, n)
     where a.meeting_id = p_meeting_id and a.item_id = o.item_id and a.position <> o.n;
  else
    raise exception 'An agenda item is added, removed or moved.' using errcode = '22023';
  end if;
  return private.meeting_json(p_meeting_id);
end;
$$;

comment on function public.edit_agenda(uuid, uuid, text, uuid) is
  'RPC edit_agenda(p_meeting_id, p_item_id, p_action, p_before_item_id) → Meeting: owners and admins add an item at the end (again: no change), remove it, or move it before another (null: the end), on an unfinished meeting.';

revoke all on function public.edit_agenda(uuid, uuid, text, uuid) from public, anon;

grant execute on function public.edit_agenda(uuid, uuid, text, uuid) to authenticated;

create function public.record_discussed(p_meeting_id uuid, p_item_id uuid, p_discussed boolean, p_takeaway text default null)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_takeaway text := nullif(btrim(coalesce(p_takeaway, '')), '');
begin
  perform private.require_meeting(p_meeting_id);
  if char_length(v_takeaway) > 2000 then
    raise exception 'A takeaway can be at most 2000 characters.' using errcode = '22023';
  end if;
  update app.meeting_items as a
     set discussed = coalesce(p_discussed, false), takeaway = v_takeaway
   where a.meeting_id = p_meeting_id and a.item_id = p_item_id;
  if not found then
    raise exception 'That article is not on this meeting''s agenda.' using errcode = 'P0001';
  end if;
  return private.meeting_json(p_meeting_id);
end;
$$;

comment on function public.record_discussed(uuid, uuid, boolean, text) is
  'RPC record_discussed(p_meeting_id, p_item_id, p_discussed, p_takeaway) → Meeting: owners and admins mark an agenda item discussed (or not) with an optional takeaway (at most 2000 characters).';

revoke all on function public.record_discussed(uuid, uuid, boolean, text) from public, anon;

grant execute on function public.record_discussed(uuid, uuid, boolean, text) to authenticated;

create function public.finish_meeting(p_meeting_id uuid)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_group_id uuid := private.require_meeting(p_meeting_id);
begin
  perform private.lock_library(v_group_id);
  update app.meetings as m set ended_at = now() where m.id = p_meeting_id;
  -- Discussed items leave the queue; everything else stays: it carries over to the next meeting.
  delete from app.queue_entries as q
   using app.meeting_items as a
   where a.meeting_id = p_meeting_id and a.discussed and q.item_id = a.item_id;
  if found then
    perform private.close_queue_gaps(v_group_id);
  end if;
  return private.meeting_json(p_meeting_id);
end;
$$;

comment on function public.finish_meeting(uuid) is
  'RPC finish_meeting(p_meeting_id) → Meeting: owners and admins end the meeting; discussed items leave the queue, the rest stay in it (carry over), renumbered 1..n. The notes are then fixed.';

revoke all on function public.finish_meeting(uuid) from public, anon;

grant execute on function public.finish_meeting(uuid) to authenticated;

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
  select m.starts_at into v_was from app.meetings as m where m.id = p_meeting_id;
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
     and not exists (select from app.group_members as gm where gm.group_id = v_group_id and gm.user_id = p_lead_id) then
    raise exception 'The discussion lead must be a member of the group.' using errcode = '22023';
  end if;
  update app.meetings as m
     set starts_at = p_starts_at, title = v_title, place = v_place, lead_id = p_lead_id
   where m.id = p_meeting_id;
  return private.meeting_json(p_meeting_id);
end;
$$;

comment on function public.edit_meeting(uuid, timestamptz, text, text, uuid) is
  'RPC edit_meeting(p_meeting_id, p_starts_at, p_title, p_place, p_lead_id) → Meeting: owners and admins change an unfinished meeting''s time, title, place and lead (all replaced; empty clears) with schedule_meeting''s checks; a new time must be in the future (22023). The agenda is kept.';

revoke all on function public.edit_meeting(uuid, timestamptz, text, text, uuid) from public, anon;

grant execute on function public.edit_meeting(uuid, timestamptz, text, text, uuid) to authenticated;

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

-- --------------------------------------------------------------------------------------
-- Table privileges
-- --------------------------------------------------------------------------------------

-- Row-level security decides which rows; these grants decide what the SECURITY INVOKER
-- RPCs may do at all (no other API role holds anything on these tables).

grant select, insert, delete on table app.meetings to authenticated;
grant update (starts_at, title, place, lead_id, ended_at) on table app.meetings to authenticated;

grant select, insert, delete on table app.meeting_items to authenticated;
grant update (position, discussed, takeaway) on table app.meeting_items to authenticated;

-- --------------------------------------------------------------------------------------
-- Row level security policies
-- --------------------------------------------------------------------------------------

create policy "Members can read their groups' meetings"
  on app.meetings for select to authenticated
  using (group_id in (select private.my_group_ids()));

create policy "Owners and admins can schedule meetings"
  on app.meetings for insert to authenticated
  with check (created_by = (select auth.uid()) and group_id in (select private.my_group_ids(array['owner', 'admin'])));

create policy "Owners and admins can change meetings"
  on app.meetings for update to authenticated
  using (group_id in (select private.my_group_ids(array['owner', 'admin'])))
  with check (group_id in (select private.my_group_ids(array['owner', 'admin'])));

create policy "Owners and admins can cancel meetings"
  on app.meetings for delete to authenticated
  using (group_id in (select private.my_group_ids(array['owner', 'admin'])));

create policy "Members can read their groups' agendas"
  on app.meeting_items for select to authenticated
  using (group_id in (select private.my_group_ids()));

create policy "Owners and admins can add to agendas"
  on app.meeting_items for insert to authenticated
  with check (group_id in (select private.my_group_ids(array['owner', 'admin'])));

create policy "Owners and admins can edit agendas and record discussions"
  on app.meeting_items for update to authenticated
  using (group_id in (select private.my_group_ids(array['owner', 'admin'])))
  with check (group_id in (select private.my_group_ids(array['owner', 'admin'])));

create policy "Owners and admins can take items off agendas"
  on app.meeting_items for delete to authenticated
  using (group_id in (select private.my_group_ids(array['owner', 'admin'])));

-- --------------------------------------------------------------------------------------
-- Triggers
-- --------------------------------------------------------------------------------------

create trigger meetings_note_change
  before update on app.meetings
  for each row execute function private.note_meeting_change();
