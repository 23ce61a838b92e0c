-- =====================================================================================
-- The queue (issue 5, part 3): reorder, votes, "read" marks.
--
-- * Any member reorders the queue (before: owners and admins only). A reading group
--   is small and trusting; any member could already take items off it.
-- * move_queue_entry moves ONE entry before another (or to the end) relative to the
--   queue as it is now, under the group's library lock (private.lock_library): two
--   members moving at once both get their move, in turn, instead of the second writing
--   back a whole order it read before the first. An entry another member just took off
--   the queue gets a readable message, not a silent no-op.
-- * Votes are rows, unique on (item, member): voting twice is one vote, two members
--   voting at once never overwrite each other. They go when the item leaves the queue.
-- * Read marks are per member per item and stay with the item.
-- * group_queue returns each entry's votes, the caller's vote and read mark.
-- utils/api-types.ts is the contract.
-- =====================================================================================

-- ---------- Any member reorders ----------
drop policy "Owners and admins can reorder their groups' queues" on public.queue_entries;

create policy "Members can reorder their groups' queues"
  on public.queue_entries for update to authenticated
  using (group_id in (select private.my_group_ids()))
  with check (group_id in (select private.my_group_ids()));

-- ---------- queue_votes ----------
create table public.queue_votes (
  item_id uuid not null references public.queue_entries (item_id) on delete cascade,
  group_id uuid not null,
  member_id uuid not null default auth.uid() references public.profiles (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (item_id, member_id),
  foreign key (group_id, item_id) references public.items (group_id, id) on delete cascade
);

comment on table public.queue_votes is
  'One row per member who wants a queued item discussed ("most wanted" counts them). Goes when the item leaves the queue.';
comment on column public.queue_votes.item_id is 'The queued item voted for.';
comment on column public.queue_votes.group_id is 'The item''s group (kept here so policies need no join; the foreign key keeps it right).';
comment on column public.queue_votes.member_id is 'Who voted: one vote per member per item (the primary key).';
comment on column public.queue_votes.created_at is 'When they voted.';

create index queue_votes_group_id_item_id_idx on public.queue_votes (group_id, item_id);
create index queue_votes_member_id_idx on public.queue_votes (member_id);

-- ---------- item_reads ----------
create table public.item_reads (
  item_id uuid not null,
  group_id uuid not null,
  member_id uuid not null default auth.uid() references public.profiles (id) on delete cascade,
  read_at timestamptz not null default now(),
  primary key (item_id, member_id),
  foreign key (group_id, item_id) references public.items (group_id, id) on delete cascade
);

comment on table public.item_reads is 'A member has read an item (each member marks their own).';
comment on column public.item_reads.item_id is 'The item read.';
comment on column public.item_reads.group_id is 'The item''s group (kept here so policies need no join; the foreign key keeps it right).';
comment on column public.item_reads.member_id is 'Who read it.';
comment on column public.item_reads.read_at is 'When they marked it read.';

create index item_reads_group_id_item_id_idx on public.item_reads (group_id, item_id);
create index item_reads_member_id_idx on public.item_reads (member_id);

-- ---------- Row-level security ----------
alter table public.queue_votes enable row level security;
alter table public.item_reads enable row level security;
revoke all on table public.queue_votes, public.item_reads from anon;
revoke truncate, references, trigger, update on table public.queue_votes, public.item_reads from authenticated;

create policy "Members can see the votes in their groups"
  on public.queue_votes for select to authenticated
  using (group_id in (select private.my_group_ids()));

create policy "Members can vote in their groups"
  on public.queue_votes for insert to authenticated
  with check (member_id = (select auth.uid()) and group_id in (select private.my_group_ids()));

create policy "Members can take back their own votes"
  on public.queue_votes for delete to authenticated
  using (member_id = (select auth.uid()) and group_id in (select private.my_group_ids()));

create policy "Members can see who read what in their groups"
  on public.item_reads for select to authenticated
  using (group_id in (select private.my_group_ids()));

create policy "Members can mark items read for themselves"
  on public.item_reads for insert to authenticated
  with check (member_id = (select auth.uid()) and group_id in (select private.my_group_ids()));

create policy "Members can unmark their own reads"
  on public.item_reads for delete to authenticated
  using (member_id = (select auth.uid()) and group_id in (select private.my_group_ids()));

-- ---------- RPCs ----------
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
  if not exists (select from public.queue_entries as q where q.item_id = p_item_id) then
    raise exception 'Another member just took that article off the queue, so it cannot be moved.' using errcode = 'P0001';
  end if;
  if p_before_item_id = p_item_id then
    return public.group_queue(v_group_id);
  end if;
  if p_before_item_id is not null
     and not exists (select from public.queue_entries as q where q.item_id = p_before_item_id and q.group_id = v_group_id) then
    raise exception 'The article you moved it next to was just taken off the queue. Look at the queue again and retry.' using errcode = 'P0001';
  end if;
  select coalesce(array_agg(q.item_id order by q.position, q.queued_at), '{}')
    into v_order
    from public.queue_entries as q
   where q.group_id = v_group_id and q.item_id <> p_item_id;
  v_at := coalesce(array_position(v_order, p_before_item_id), cardinality(v_order) + 1);
  v_order := v_order[1:v_at - 1] || p_item_id || v_order[v_at:];
  -- Renumber 1..n in one statement: the unique (group, position) is deferrable, so it is
  -- checked when the statement ends, not row by row.
  update public.queue_entries as q
     set position = o.n
    from unnest(v_order) with ordinality as o(item_id, n)
   where q.item_id = o.item_id and q.position <> o.n;
  return public.group_queue(v_group_id);
end;
$$;

comment on function public.move_queue_entry(uuid, uuid) is
  'RPC move_queue_entry(p_item_id, p_before_item_id) → GroupQueue: moves one queued item just before another (null: to the end), relative to the queue as it is now, under the group''s lock, and renumbers 1..n. P0001 when the item (or the one it goes before) was taken off the queue.';

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
  delete from public.queue_entries as q where q.item_id = p_item_id;
  return public.group_queue(v_group_id);
end;
$$;

comment on function public.unqueue_item(uuid) is
  'RPC unqueue_item(p_item_id) → GroupQueue: takes the item off its group''s queue (it stays in the library; its votes go).';

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
    if not exists (select from public.queue_entries as q where q.item_id = p_item_id) then
      raise exception 'That article is not in the queue any more, so it takes no votes.' using errcode = 'P0001';
    end if;
    -- The primary key (item, member) makes a second vote the same vote.
    insert into public.queue_votes (item_id, group_id, member_id)
    values (p_item_id, v_group_id, v_uid)
    on conflict (item_id, member_id) do nothing;
  else
    delete from public.queue_votes as v where v.item_id = p_item_id and v.member_id = v_uid;
  end if;
  return jsonb_build_object(
    'votes', (select count(*)::integer from public.queue_votes as v where v.item_id = p_item_id),
    'voted', exists (select from public.queue_votes as v where v.item_id = p_item_id and v.member_id = v_uid));
end;
$$;

comment on function public.vote_item(uuid, boolean) is
  'RPC vote_item(p_item_id, p_vote) → {votes, voted}: p_vote true adds the caller''s one vote (again: no change), false takes it back. P0001 when the item is no longer queued.';

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
    insert into public.item_reads (item_id, group_id, member_id)
    values (p_item_id, v_group_id, v_uid)
    on conflict (item_id, member_id) do nothing;
  else
    delete from public.item_reads as r where r.item_id = p_item_id and r.member_id = v_uid;
  end if;
  return jsonb_build_object(
    'read', exists (select from public.item_reads as r where r.item_id = p_item_id and r.member_id = v_uid),
    'read_count', (select count(*)::integer from public.item_reads as r where r.item_id = p_item_id));
end;
$$;

comment on function public.mark_read(uuid, boolean) is
  'RPC mark_read(p_item_id, p_read) → {read, read_count}: the caller marks the item read (true) or unread (false); each member has their own mark.';

-- ---------- group_queue: votes and read marks ----------
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
                 'added_by', private.person(i.added_by, adder.display_name),
                 'queued_by', private.person(q.queued_by, queuer.display_name),
                 'queued_at', q.queued_at,
                 'tags', coalesce((select jsonb_agg(t.tag order by t.tag)
                                     from public.item_tags as t where t.item_id = i.id), '[]'::jsonb),
                 'comment_count', (select count(*) from public.comments as c where c.item_id = i.id),
                 'reading_minutes', i.reading_minutes,
                 'votes', (select count(*)::integer from public.queue_votes as v where v.item_id = i.id),
                 'voted', exists (select from public.queue_votes as v where v.item_id = i.id and v.member_id = v_uid),
                 'read', exists (select from public.item_reads as r where r.item_id = i.id and r.member_id = v_uid),
                 'read_count', (select count(*)::integer from public.item_reads as r where r.item_id = i.id))
               order by q.position, q.queued_at)
        from public.queue_entries as q
        join public.items as i on i.id = q.item_id
        left join public.profiles as adder on adder.id = i.added_by
        left join public.profiles as queuer on queuer.id = q.queued_by
       where q.group_id = p_group_id), '[]'::jsonb));
end;
$$;

comment on function public.group_queue(uuid) is
  'RPC group_queue(p_group_id) → GroupQueue: the group, the caller''s role, and the queue in order with each item''s kind, tags, comment count, reading time, votes (and the caller''s), and read marks (the caller''s, and how many read it).';

-- ---------- Signed-in people only ----------
revoke all on function public.move_queue_entry(uuid, uuid) from public, anon;
revoke all on function public.unqueue_item(uuid) from public, anon;
revoke all on function public.vote_item(uuid, boolean) from public, anon;
revoke all on function public.mark_read(uuid, boolean) from public, anon;
grant execute on function public.move_queue_entry(uuid, uuid) to authenticated, service_role;
grant execute on function public.unqueue_item(uuid) to authenticated, service_role;
grant execute on function public.vote_item(uuid, boolean) to authenticated, service_role;
grant execute on function public.mark_read(uuid, boolean) to authenticated, service_role;
