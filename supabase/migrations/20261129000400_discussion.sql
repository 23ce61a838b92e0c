-- =====================================================================================
-- Discussion: members' comments on items, and the group's queue for the next meeting.
-- =====================================================================================

-- ---------- comments ----------
create table public.comments (
  id uuid primary key default gen_random_uuid(),
  item_id uuid not null,
  group_id uuid not null,
  author_id uuid default auth.uid() references public.profiles (id) on delete set null,
  body text not null
    constraint comments_body_length check (char_length(btrim(body)) between 1 and 4000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (group_id, item_id) references public.items (group_id, id) on delete cascade
);

comment on table public.comments is 'Members'' comments on library items, oldest first.';
comment on column public.comments.id is 'Comment id.';
comment on column public.comments.item_id is 'The item commented on.';
comment on column public.comments.group_id is 'The item''s group (kept here so policies need no join; the foreign key keeps it right).';
comment on column public.comments.author_id is 'Who wrote it (null once that account is deleted).';
comment on column public.comments.body is 'The comment, 1–4000 characters.';
comment on column public.comments.created_at is 'When it was written.';
comment on column public.comments.updated_at is 'When it was last edited.';

create index comments_group_id_item_id_created_at_idx on public.comments (group_id, item_id, created_at);
create index comments_item_id_idx on public.comments (item_id);
create index comments_author_id_idx on public.comments (author_id);

create trigger comments_touch_updated_at
  before update on public.comments
  for each row execute function private.touch_updated_at();

-- ---------- queue_entries ----------
create table public.queue_entries (
  item_id uuid primary key,
  group_id uuid not null,
  position integer not null
    constraint queue_entries_position_positive check (position > 0),
  queued_by uuid default auth.uid() references public.profiles (id) on delete set null,
  queued_at timestamptz not null default now(),
  foreign key (group_id, item_id) references public.items (group_id, id) on delete cascade,
  constraint queue_entries_group_position_unique unique (group_id, position) deferrable initially immediate
);

comment on table public.queue_entries is
  'The group''s discussion queue for the next meeting: at most one entry per item, read in position order.';
comment on column public.queue_entries.item_id is 'The queued item (in the queue once at most).';
comment on column public.queue_entries.group_id is 'The item''s group (kept here so policies need no join; the foreign key keeps it right).';
comment on column public.queue_entries.position is 'Place in the queue: lower comes first; new entries go to the end. Gaps are fine.';
comment on column public.queue_entries.queued_by is 'Who queued it (null once that account is deleted).';
comment on column public.queue_entries.queued_at is 'When it was queued.';

create index queue_entries_group_id_item_id_idx on public.queue_entries (group_id, item_id);
create index queue_entries_queued_by_idx on public.queue_entries (queued_by);

-- ---------- Row-level security ----------
alter table public.comments enable row level security;
alter table public.queue_entries enable row level security;
revoke all on table public.comments, public.queue_entries from anon;
revoke truncate, references, trigger on table public.comments, public.queue_entries from authenticated;

-- comments
create policy "Members can read comments in their groups"
  on public.comments for select to authenticated
  using (group_id in (select private.my_group_ids()));

create policy "Members can comment on their groups' items"
  on public.comments for insert to authenticated
  with check (author_id = (select auth.uid()) and group_id in (select private.my_group_ids()));

create policy "Authors can edit their own comments"
  on public.comments for update to authenticated
  using (author_id = (select auth.uid()) and group_id in (select private.my_group_ids()))
  with check (author_id = (select auth.uid()) and group_id in (select private.my_group_ids()));

create policy "Authors, owners and admins can delete comments"
  on public.comments for delete to authenticated
  using (
    (author_id = (select auth.uid()) and group_id in (select private.my_group_ids()))
    or group_id in (select private.my_group_ids(array['owner', 'admin']))
  );

-- queue_entries
create policy "Members can read their groups' queues"
  on public.queue_entries for select to authenticated
  using (group_id in (select private.my_group_ids()));

create policy "Members can queue their groups' items"
  on public.queue_entries for insert to authenticated
  with check (queued_by = (select auth.uid()) and group_id in (select private.my_group_ids()));

create policy "Owners and admins can reorder their groups' queues"
  on public.queue_entries for update to authenticated
  using (group_id in (select private.my_group_ids(array['owner', 'admin'])))
  with check (group_id in (select private.my_group_ids(array['owner', 'admin'])));

create policy "Members can take items off their groups' queues"
  on public.queue_entries for delete to authenticated
  using (group_id in (select private.my_group_ids()));
