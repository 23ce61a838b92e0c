-- =====================================================================================
-- Clips: one row per successful clip_item call, keyed by the client's id for that clip.
--
-- This is what makes clip_item idempotent: a retry with the same p_client_id finds its
-- row here and gets the stored result back, changing nothing. It is also the library's
-- history of who clipped what (a second clip of an article adds a row, not an item).
-- =====================================================================================

create table public.item_clips (
  client_id uuid primary key,
  group_id uuid not null,
  item_id uuid not null,
  clipped_by uuid default auth.uid() references public.profiles (id) on delete cascade,
  created boolean not null,
  queued boolean not null,
  comment_id uuid references public.comments (id) on delete set null,
  clipped_at timestamptz not null default now(),
  foreign key (group_id, item_id) references public.items (group_id, id) on delete cascade
);

comment on table public.item_clips is
  'Every clip_item call that succeeded, by client id: its stored result answers retries (idempotency).';
comment on column public.item_clips.client_id is 'The client''s id for the clip (p_client_id), generated once per clip.';
comment on column public.item_clips.group_id is 'The group clipped into.';
comment on column public.item_clips.item_id is 'The item the clip created or added to (result item_id).';
comment on column public.item_clips.clipped_by is 'Who clipped.';
comment on column public.item_clips.created is 'Whether this clip created the item (result created).';
comment on column public.item_clips.queued is 'Whether the item was in the queue after this clip (result queued).';
comment on column public.item_clips.comment_id is 'The comment this clip added, if any (result comment_id).';
comment on column public.item_clips.clipped_at is 'When the clip was saved.';

create index item_clips_group_id_item_id_idx on public.item_clips (group_id, item_id);
create index item_clips_item_id_idx on public.item_clips (item_id);
create index item_clips_clipped_by_idx on public.item_clips (clipped_by);
create index item_clips_comment_id_idx on public.item_clips (comment_id);

alter table public.item_clips enable row level security;
revoke all on table public.item_clips from anon;
revoke truncate, references, trigger on table public.item_clips from authenticated;

-- No update or delete policies: a clip record is written once (deleted with its item).
create policy "People can read their own clips in their groups"
  on public.item_clips for select to authenticated
  using (clipped_by = (select auth.uid()) and group_id in (select private.my_group_ids()));

create policy "Members can record their own clips in their groups"
  on public.item_clips for insert to authenticated
  with check (clipped_by = (select auth.uid()) and group_id in (select private.my_group_ids()));
