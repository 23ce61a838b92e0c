-- ======================================================================================
-- Queue for the next meeting, votes, reads
--
-- The group's queue for the next meeting (positions 1..n, no gaps), members' votes on
-- queued items, and who has read what.
-- ======================================================================================

-- --------------------------------------------------------------------------------------
-- Tables
-- --------------------------------------------------------------------------------------

create table app.queue_entries (
  item_id uuid primary key,
  group_id uuid not null,
  position integer not null
    constraint queue_entries_position_positive check (position > 0),
  queued_by uuid default auth.uid() references app.profiles (id) on delete set null,
  queued_at timestamptz not null default now(),
  foreign key (group_id, item_id) references app.items (group_id, id) on delete cascade,
  constraint queue_entries_group_position_unique unique (group_id, position) deferrable initially immediate
);

alter table app.queue_entries enable row level security;

comment on table app.queue_entries is
  'The group''s discussion queue for the next meeting: at most one entry per item, read in position order.';

comment on column app.queue_entries.item_id is 'The queued item (in the queue once at most).';

comment on column app.queue_entries.group_id is 'The item''s group (kept here so policies need no join; the foreign key keeps it right).';

comment on column app.queue_entries.position is 'Place in the queue, 1..n with no gaps: lower comes first; new entries go to the end; whatever takes an entry off renumbers the rest (private.close_queue_gaps).';

comment on column app.queue_entries.queued_by is 'Who queued it (null once that account is deleted).';

comment on column app.queue_entries.queued_at is 'When it was queued.';

create table app.queue_votes (
  item_id uuid not null references app.queue_entries (item_id) on delete cascade,
  group_id uuid not null,
  member_id uuid not null default auth.uid() references app.profiles (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (item_id, member_id),
  foreign key (group_id, item_id) references app.items (group_id, id) on delete cascade
);

alter table app.queue_votes enable row level security;

comment on table app.queue_votes is
  'One row per member who wants a queued item discussed ("most wanted" counts them). Goes when the item leaves the queue.';

comment on column app.queue_votes.item_id is 'The queued item voted for.';

comment on column app.queue_votes.group_id is 'The item''s group (kept here so policies need no join; the foreign key keeps it right).';

comment on column app.queue_votes.member_id is 'Who voted: one vote per member per item (the primary key).';

comment on column app.queue_votes.created_at is 'When they voted.';

create table app.item_reads (
  item_id uuid not null,
  group_id uuid not null,
  member_id uuid not null default auth.uid() references app.profiles (id) on delete cascade,
  read_at timestamptz not null default now(),
  primary key (item_id, member_id),
  foreign key (group_id, item_id) references app.items (group_id, id) on delete cascade
);

alter table app.item_reads enable row level security;

comment on table app.item_reads is 'A member has read an item (each member marks their own).';

comment on column app.item_reads.item_id is 'The item read.';

comment on column app.item_reads.group_id is 'The item''s group (kept here so policies need no join; the foreign key keeps it right).';

comment on column app.item_reads.member_id is 'Who read it.';

comment on column app.item_reads.read_at is 'When they marked it read.';

-- --------------------------------------------------------------------------------------
-- Indexes
-- --------------------------------------------------------------------------------------

create index queue_entries_group_id_item_id_idx on app.queue_entries (group_id, item_id);

create index queue_entries_queued_by_idx on app.queue_entries (queued_by);

create index queue_votes_group_id_item_id_idx on app.queue_votes (group_id, item_id);

create index queue_votes_member_id_idx on app.queue_votes (member_id);

create index item_reads_group_id_item_id_idx on app.item_reads (group_id, item_id);

create index item_reads_member_id_idx on app.item_reads (member_id);

-- --------------------------------------------------------------------------------------
-- Functions
-- --------------------------------------------------------------------------------------

create function private.queue_at_end(p_item_id uuid, p_group_id uuid)
returns void
language plpgsql
volatile
set search_path = ''
as $$
begin
  -- The caller holds private.lock_library, so the place after the last one is free.
  -- "Last place" rather than max(position): the planner reads one index entry for it,
  -- where max() under the queue's policy read the group's whole queue.
  insert into app.queue_entries (item_id, group_id, position, queued_by)
  values (
    p_item_id,
    p_group_id,
    coalesce((select q.position
                from app.queue_entries as q
               where q.group_id = p_group_id
               order by q.position desc
               limit 1), 0) + 1,
    (select auth.uid()))
  on conflict (item_id) do nothing;
end;
$$;

comment on function private.queue_at_end(uuid, uuid) is
  'Puts an item at the end of its group''s queue; an item already queued keeps its place.';

revoke all on function private.queue_at_end(uuid, uuid) from public;

grant execute on function private.queue_at_end(uuid, uuid) to authenticated;

create function private.close_queue_gaps(p_group_id uuid)
returns void
language plpgsql
volatile
set search_path = ''
as $$
begin
  -- The caller holds private.lock_library(p_group_id) and has just taken entries off: the
  -- rest keep their order and are numbered 1..n again. One statement, so the deferrable
  -- unique (group, position) is checked when it ends; rows already in place are not touched.
  update app.queue_entries as q
     set position = o.n
    from (select e.item_id, row_number() over (order by e.position, e.queued_at, e.item_id) as n
            from app.queue_entries as e
           where e.group_id = p_group_id) as o
   where q.item_id = o.item_id and q.position <> o.n;
end;
$$;

comment on function private.close_queue_gaps(uuid) is
  'Renumbers a group''s queue 1..n in its current order, closing the places of entries just taken off. The caller holds private.lock_library for the group.';

revoke all on function private.close_queue_gaps(uuid) from public;

grant execute on function private.close_queue_gaps(uuid) to authenticated;

create function private.queue_place(p_item_id uuid)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
begin
  return (
    select jsonb_build_object(
             'position', q.position,
             'queued_by', private.person(q.queued_by, queuer.display_name),
             'queued_at', q.queued_at)
      from app.queue_entries as q
      left join app.profiles as queuer on queuer.id = q.queued_by
     where q.item_id = p_item_id);
end;
$$;

comment on function private.queue_place(uuid) is
  'The queue place of api-types.ts ItemDetail.queue ({position, queued_by, queued_at}), or null when the item is not queued.';

revoke all on function private.queue_place(uuid) from public;

grant execute on function private.queue_place(uuid) to authenticated;

create function public.queue_item(p_item_id uuid)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_group_id uuid := private.require_item_membership(p_item_id);
begin
  perform private.lock_library(v_group_id);
  perform private.queue_at_end(p_item_id, v_group_id);
  return private.queue_place(p_item_id);
end;
$$;

comment on function public.queue_item(uuid) is
  'RPC queue_item(p_item_id) → {position, queued_by, queued_at}: puts the item at the end of its group''s queue; an item already queued keeps its place, which is returned.';

revoke all on function public.queue_item(uuid) from public, anon;

grant execute on function public.queue_item(uuid) to authenticated;

create function public.move_queue_entry(p_item_id uuid, p_before_item_id uuid default null)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_group_id uuid := private.require_item_membership(p_item_id);
  v_order uuid[];
  v_at integer;
begin
  perform private.lock_library(v_group_id);
  -- Read the order only now, under the lock: a move made a moment ago by someone else counts.
  if not exists (select from app.queue_entries as q where q.item_id = p_item_id) then
    raise exception 'Another member just took that article off the queue, so it cannot be moved.' using errcode = 'P0001';
  end if;
  if p_before_item_id = p_item_id then
    return public.group_queue(v_group_id);
  end if;
  if p_before_item_id is not null
     and not exists (select from app.queue_entries as q where q.item_id = p_before_item_id and q.group_id = v_group_id) then
    raise exception 'The article you moved it next to was just taken off the queue. Look at the queue again and retry.' using errcode = 'P0001';
  end if;
  select coalesce(array_agg(q.item_id order by q.position, q.queued_at), '{}')
    into v_order
    from app.queue_entries as q
   where q.group_id = v_group_id and q.item_id <> p_item_id;
  v_at := coalesce(array_position(v_order, p_before_item_id), cardinality(v_order) + 1);
  v_order := v_order[1:v_at - 1] || p_item_id || v_order[v_at:];
  -- Renumber 1..n in one statement: the unique (group, position) is deferrable, so it is
  -- checked when the statement ends, not row by row.
  update app.queue_entries as q
     set position = o.n
    from unnest(v_order) with ordinality as o(item_id, n)
   where q.item_id = o.item_id and q.position <> o.n;
  return public.group_queue(v_group_id);
end;
$$;

comment on function public.move_queue_entry(uuid, uuid) is
  'RPC move_queue_entry(p_item_id, p_before_item_id) → GroupQueue: moves one queued item just before another (null: to the end), relative to the queue as it is now, under the group''s lock, and renumbers 1..n. P0001 when the item (or the one it goes before) was taken off the queue.';

revoke all on function public.move_queue_entry(uuid, uuid) from public, anon;

grant execute on function public.move_queue_entry(uuid, uuid) to authenticated;

create function public.unqueue_item(p_item_id uuid)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_group_id uuid := private.require_item_membership(p_item_id);
begin
  perform private.lock_library(v_group_id);
  -- Taking off an item already off the queue changes nothing: a repeat is harmless.
  delete from app.queue_entries as q where q.item_id = p_item_id;
  if found then
    perform private.close_queue_gaps(v_group_id);
  end if;
  return public.group_queue(v_group_id);
end;
$$;

comment on function public.unqueue_item(uuid) is
  'RPC unqueue_item(p_item_id) → GroupQueue: takes the item off its group''s queue (it stays in the library; its votes go) and moves the entries after it up one place, under the group''s lock.';

revoke all on function public.unqueue_item(uuid) from public, anon;

grant execute on function public.unqueue_item(uuid) to authenticated;

create function public.vote_item(p_item_id uuid, p_vote boolean)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_group_id uuid := private.require_item_membership(p_item_id);
  v_uid uuid := (select auth.uid());
begin
  if p_vote is null then
    raise exception 'Say whether to vote or take the vote back.' using errcode = '22023';
  end if;
  if p_vote then
    if not exists (select from app.queue_entries as q where q.item_id = p_item_id) then
      raise exception 'That article is not in the queue any more, so it takes no votes.' using errcode = 'P0001';
    end if;
    -- The primary key (item, member) makes a second vote the same vote.
    insert into app.queue_votes (item_id, group_id, member_id)
    values (p_item_id, v_group_id, v_uid)
    on conflict (item_id, member_id) do nothing;
  else
    delete from app.queue_votes as v where v.item_id = p_item_id and v.member_id = v_uid;
  end if;
  return jsonb_build_object(
    'votes', (select count(*)::integer from app.queue_votes as v where v.item_id = p_item_id),
    'voted', exists (select from app.queue_votes as v where v.item_id = p_item_id and v.member_id = v_uid));
end;
$$;

comment on function public.vote_item(uuid, boolean) is
  'RPC vote_item(p_item_id, p_vote) → {votes, voted}: p_vote true adds the caller''s one vote (again: no change), false takes it back. P0001 when the item is no longer queued.';

revoke all on function public.vote_item(uuid, boolean) from public, anon;

grant execute on function public.vote_item(uuid, boolean) to authenticated;

create function public.mark_read(p_item_id uuid, p_read boolean)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_group_id uuid := private.require_item_membership(p_item_id);
  v_uid uuid := (select auth.uid());
begin
  if p_read is null then
    raise exception 'Say whether you read it or not.' using errcode = '22023';
  end if;
  if p_read then
    insert into app.item_reads (item_id, group_id, member_id)
    values (p_item_id, v_group_id, v_uid)
    on conflict (item_id, member_id) do nothing;
  else
    delete from app.item_reads as r where r.item_id = p_item_id and r.member_id = v_uid;
  end if;
  return jsonb_build_object(
    'read', exists (select from app.item_reads as r where r.item_id = p_item_id and r.member_id = v_uid),
    'read_count', (select count(*)::integer from app.item_reads as r where r.item_id = p_item_id));
end;
$$;

comment on function public.mark_read(uuid, boolean) is
  'RPC mark_read(p_item_id, p_read) → {read, read_count}: the caller marks the item read (true) or unread (false); each member has their own mark.';

revoke all on function public.mark_read(uuid, boolean) from public, anon;

grant execute on function public.mark_read(uuid, boolean) to authenticated;

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
              from app.queue_entries as q
             where q.group_id = p_group_id
             order by q.position
             limit p_limit offset p_offset) as p;
  elsif p_order = 'wanted' then
    select coalesce(array_agg(p.item_id order by p.n), '{}') into v_page
      from (select q.item_id, row_number() over (order by coalesce(v.votes, 0) desc, q.position) as n
              from app.queue_entries as q
              left join (select qv.item_id, count(*) as votes
                           from app.queue_votes as qv
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
    from app.queue_entries as q
    join app.items as i on i.id = q.item_id
   where q.group_id = p_group_id;

  return jsonb_build_object(
    'group', (select jsonb_build_object('id', g.id, 'name', g.name, 'role', v_role)
                from app.groups as g where g.id = p_group_id),
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
                                     from app.item_tags as t where t.item_id = i.id), '[]'::jsonb),
                 -- Deleted placeholders are not comments, nor are replies on highlights
                 -- (group_library counts the same way).
                 'comment_count', (select count(*) from app.comments as c
                                    where c.item_id = i.id and c.deleted_at is null and c.highlight_id is null),
                 'reading_minutes', i.reading_minutes,
                 'votes', v.votes,
                 'voted', v.voted,
                 'read', r.read,
                 'read_count', r.read_count)
               order by p.n)
        from unnest(v_page) with ordinality as p(item_id, n)
        join app.queue_entries as q on q.item_id = p.item_id
        join app.items as i on i.id = q.item_id
        left join app.profiles as adder on adder.id = i.added_by
        cross join lateral (select count(*)::integer as votes, coalesce(bool_or(qv.member_id = v_uid), false) as voted
                              from app.queue_votes as qv where qv.item_id = i.id) as v
        cross join lateral (select count(*)::integer as read_count, coalesce(bool_or(ir.member_id = v_uid), false) as read
                              from app.item_reads as ir where ir.item_id = i.id) as r), '[]'::jsonb),
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

grant execute on function public.group_queue(uuid, integer, integer, text) to authenticated;

-- --------------------------------------------------------------------------------------
-- Table privileges
-- --------------------------------------------------------------------------------------

-- Row-level security decides which rows; these grants decide what the SECURITY INVOKER
-- RPCs may do at all (no other API role holds anything on these tables).

grant select, insert, delete on table app.queue_entries to authenticated;
grant update (position) on table app.queue_entries to authenticated;

grant select, insert, delete on table app.queue_votes to authenticated;

grant select, insert, delete on table app.item_reads to authenticated;

-- --------------------------------------------------------------------------------------
-- Row level security policies
-- --------------------------------------------------------------------------------------

create policy "Members can queue their groups' items"
  on app.queue_entries for insert to authenticated
  with check (queued_by = (select auth.uid()) and group_id in (select private.my_group_ids()));

create policy "Members can take items off their groups' queues"
  on app.queue_entries for delete to authenticated
  using (group_id in (select private.my_group_ids()));

create policy "Members can read their groups' queues"
  on app.queue_entries for select to authenticated
  using (group_id = any (array(select private.my_group_ids())));

create policy "Members can reorder their groups' queues"
  on app.queue_entries for update to authenticated
  using (group_id in (select private.my_group_ids()))
  with check (group_id in (select private.my_group_ids()));

create policy "Members can see the votes in their groups"
  on app.queue_votes for select to authenticated
  using (group_id in (select private.my_group_ids()));

create policy "Members can vote in their groups"
  on app.queue_votes for insert to authenticated
  with check (member_id = (select auth.uid()) and group_id in (select private.my_group_ids()));

create policy "Members can take back their own votes"
  on app.queue_votes for delete to authenticated
  using (member_id = (select auth.uid()) and group_id in (select private.my_group_ids()));

create policy "Members can see who read what in their groups"
  on app.item_reads for select to authenticated
  using (group_id in (select private.my_group_ids()));

create policy "Members can mark items read for themselves"
  on app.item_reads for insert to authenticated
  with check (member_id = (select auth.uid()) and group_id in (select private.my_group_ids()));

create policy "Members can unmark their own reads"
  on app.item_reads for delete to authenticated
  using (member_id = (select auth.uid()) and group_id in (select private.my_group_ids()));
