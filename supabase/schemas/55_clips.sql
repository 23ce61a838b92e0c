-- ======================================================================================
-- Clipping a page into a group
--
-- One row per successful clip_item call, keyed by the client's id for that clip. This is
-- what makes clip_item idempotent: a retry with the same p_client_id finds its row here and
-- gets the stored result back, changing nothing. It is also the library's history of who
-- clipped what (a second clip of a page adds a row, not an item).
-- ======================================================================================

-- --------------------------------------------------------------------------------------
-- Tables
-- --------------------------------------------------------------------------------------

create table app.item_clips (
  client_id uuid primary key,
  group_id uuid not null,
  item_id uuid not null,
  clipped_by uuid default auth.uid() references app.profiles (id) on delete cascade,
  created boolean not null,
  queued boolean not null,
  comment_id uuid references app.comments (id) on delete set null,
  clipped_at timestamptz not null default now(),
  foreign key (group_id, item_id) references app.items (group_id, id) on delete cascade
);

alter table app.item_clips enable row level security;

comment on table app.item_clips is
  'Every clip_item call that succeeded, by client id: its stored result answers retries (idempotency).';

comment on column app.item_clips.client_id is 'The client''s id for the clip (p_client_id), generated once per clip.';

comment on column app.item_clips.group_id is 'The group clipped into.';

comment on column app.item_clips.item_id is 'The item the clip created or added to (result item_id).';

comment on column app.item_clips.clipped_by is 'Who clipped.';

comment on column app.item_clips.created is 'Whether this clip created the item (result created).';

comment on column app.item_clips.queued is 'Whether the item was in the queue after this clip (result queued).';

comment on column app.item_clips.comment_id is 'The comment this clip added, if any (result comment_id).';

comment on column app.item_clips.clipped_at is 'When the clip was saved.';

-- --------------------------------------------------------------------------------------
-- Indexes
-- --------------------------------------------------------------------------------------

create index item_clips_group_id_item_id_idx on app.item_clips (group_id, item_id);

create index item_clips_item_id_idx on app.item_clips (item_id);

create index item_clips_clipped_by_idx on app.item_clips (clipped_by);

create index item_clips_comment_id_idx on app.item_clips (comment_id);

-- --------------------------------------------------------------------------------------
-- Functions
-- --------------------------------------------------------------------------------------

create function public.clip_item(
  p_client_id uuid,
  p_group_id uuid,
  p_clip jsonb,
  p_tags text[] default '{}',
  p_comment text default null,
  p_queue boolean default false
)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_uid uuid := (select auth.uid());
  v_done app.item_clips%rowtype;
  v_kind text := p_clip ->> 'kind';
  v_url text := nullif(btrim(coalesce(p_clip ->> 'url', '')), '');
  v_canonical text := nullif(btrim(coalesce(p_clip ->> 'canonical_url', '')), '');
  v_title text := regexp_replace(btrim(coalesce(p_clip ->> 'title', '')), '\s+', ' ', 'g');
  v_content text := p_clip ->> 'content_html';
  v_authors text[] := private.clip_authors(p_clip -> 'authors');
  v_byline text := left(nullif(btrim(p_clip ->> 'byline'), ''), 300);
  v_dir text := p_clip ->> 'dir';
  v_lead_image text := nullif(btrim(coalesce(p_clip ->> 'lead_image_url', '')), '');
  v_favicon text := nullif(btrim(coalesce(p_clip ->> 'favicon_url', '')), '');
  v_text_length integer;
  v_word_count integer;
  v_key text;
  v_page_key text;
  v_tags text[];
  v_comment text := nullif(btrim(coalesce(p_comment, '')), '');
  v_item_id uuid;
  v_created boolean := false;
  v_comment_id uuid;
  v_queued boolean;
begin
  if v_uid is null then
    raise exception 'Sign in to save articles.' using errcode = '42501';
  end if;
  if p_client_id is null then
    raise exception 'A clip needs a client id.' using errcode = '22023';
  end if;
  perform private.require_membership(p_group_id);

  -- One clip at a time per group: concurrent clips of one article, or retries, queue up here.
  perform private.lock_library(p_group_id);

  -- A retry of a clip that already succeeded: the same item, comment and queue answer, and
  -- no change. created is false: the article is already in the library (api-types.ts).
  select c.* into v_done from app.item_clips as c where c.client_id = p_client_id;
  if found then
    return jsonb_build_object(
      'item_id', v_done.item_id, 'created', false, 'queued', v_done.queued, 'comment_id', v_done.comment_id);
  end if;

  -- ----- Check the clip -----
  if p_clip is null or jsonb_typeof(p_clip) <> 'object' then
    raise exception 'Nothing to save: the clip is empty.' using errcode = '22023';
  end if;
  if v_kind is null or v_kind not in ('article', 'link', 'manual') then
    raise exception 'A clip is an article, a link or an entry added by hand.' using errcode = '22023';
  end if;
  if v_url is null and v_kind = 'manual' then
    v_canonical := null;  -- a book or print article without a link
  elsif coalesce(v_url, '') !~* '^https?://[^/?#]+' then
    raise exception 'Only web pages (http or https addresses) can be saved.' using errcode = '22023';
  elsif char_length(v_url) > 2048 then
    raise exception 'That page''s address is too long to save (over 2048 characters).' using errcode = '22023';
  end if;
  if v_canonical !~* '^https?://[^/?#]+' or char_length(v_canonical) > 2048 then
    v_canonical := null;  -- an unusable canonical link is ignored, not an error
  end if;
  if v_lead_image !~* '^https?://' or char_length(v_lead_image) > 2048 then
    v_lead_image := null;
  end if;
  if v_favicon !~* '^https?://' or char_length(v_favicon) > 2048 then
    v_favicon := null;
  end if;
  if v_dir not in ('ltr', 'rtl') then
    v_dir := null;
  end if;
  if v_title = '' and v_kind = 'manual' then
    raise exception 'Give the book or article a title.' using errcode = '22023';
  end if;
  if v_title = '' then
    v_title := left(v_url, 500);
  end if;
  if v_byline is null and cardinality(v_authors) > 0 then
    v_byline := left(array_to_string(v_authors, ', '), 300);
  end if;
  if v_kind <> 'article' then
    v_content := null;  -- a link card or a manual entry holds no copy of the text
  end if;
  if octet_length(v_content) > 512000 then
    raise exception 'This article is too long to save (over 500 KB of text and markup). Save it as a link instead.'
      using errcode = '22023';
  end if;
  begin
    v_text_length := greatest(0, least(coalesce((p_clip ->> 'text_length')::numeric, 0), 10000000))::integer;
    v_word_count := greatest(0, least(coalesce((p_clip ->> 'word_count')::numeric, 0), 5000000))::integer;
  exception when invalid_text_representation then
    raise exception 'The clip''s text length or word count is not a number.' using errcode = '22023';
  end;
  if v_kind = 'link' then
    v_text_length := 0;
    v_word_count := 0;
  end if;

  v_tags := private.clean_tags(p_tags);
  if char_length(v_comment) > 4000 then
    raise exception 'A comment can be at most 4000 characters.' using errcode = '22023';
  end if;

  -- ----- The item: new, or the one already in the library for the same page -----
  -- Same normalised preferred URL (the unique key), else an item clipped from this very
  -- address (its page_key) or whose key is this address. A manual entry without a link
  -- matches nothing: two books of one title may be two editions.
  if v_url is not null then
    v_key := private.url_key(private.preferred_url(v_url, v_canonical));
    v_page_key := private.url_key(v_url);
    v_item_id := private.library_item_for(p_group_id, v_key, v_page_key);
  end if;
  if v_item_id is null then
    v_item_id := gen_random_uuid();
    insert into app.items (
      id, group_id, client_id, kind, url, canonical_url, title, byline, authors, site_name, excerpt,
      content_html, text_length, word_count, lang, dir, lead_image_url, favicon_url,
      published_at, modified_at, is_selection, added_by)
    values (
      v_item_id, p_group_id, p_client_id, v_kind, v_url, v_canonical, left(v_title, 500),
      v_byline, v_authors,
      left(nullif(btrim(p_clip ->> 'site_name'), ''), 200),
      left(nullif(btrim(p_clip ->> 'excerpt'), ''), 2000),
      v_content, v_text_length, v_word_count,
      left(nullif(btrim(p_clip ->> 'lang'), ''), 35),
      v_dir, v_lead_image, v_favicon,
      private.iso_timestamp(p_clip ->> 'published_at'),
      private.iso_timestamp(p_clip ->> 'modified_at'),
      coalesce(p_clip -> 'selection' = 'true'::jsonb, false),
      v_uid);
    v_created := true;
  end if;

  -- ----- Tags (merged), comment, queue place -----
  perform private.add_tags(v_item_id, p_group_id, v_tags);

  if v_comment is not null then
    insert into app.comments (item_id, group_id, author_id, body)
    values (v_item_id, p_group_id, v_uid, v_comment)
    returning id into v_comment_id;
  end if;

  if p_queue then
    perform private.queue_at_end(v_item_id, p_group_id);
  end if;
  v_queued := exists (select from app.queue_entries as q where q.item_id = v_item_id);

  insert into app.item_clips (client_id, group_id, item_id, clipped_by, created, queued, comment_id)
  values (p_client_id, p_group_id, v_item_id, v_uid, v_created, v_queued, v_comment_id);

  return jsonb_build_object('item_id', v_item_id, 'created', v_created, 'queued', v_queued, 'comment_id', v_comment_id);
exception
  when unique_violation then
    -- Only reachable when another person's clip already used this client id.
    if sqlerrm like '%item_clips_pkey%' or sqlerrm like '%items_client_id_key%' then
      raise exception 'This clip id was already used. Try saving again.' using errcode = '22023';
    end if;
    raise;
end;
$$;

comment on function public.clip_item(uuid, uuid, jsonb, text[], text, boolean) is
  'RPC clip_item(p_client_id, p_group_id, p_clip, p_tags, p_comment, p_queue) → ClipItemResult. One transaction: the item (or the one already in the library for the same page — same normalised URL, or clipped from this address: created = false), merged tags (at most 20 per item), an optional comment, an optional place at the end of the queue (queued = in the queue afterwards). kind manual: added by hand, url optional; without one it never merges. Bad dates, directions and image addresses are dropped, not refused. A retry with the same p_client_id changes nothing and returns the first answer''s item_id, queued and comment_id, with created = false.';

revoke all on function public.clip_item(uuid, uuid, jsonb, text[], text, boolean) from public, anon;

grant execute on function public.clip_item(uuid, uuid, jsonb, text[], text, boolean) to authenticated;

-- --------------------------------------------------------------------------------------
-- Table privileges
-- --------------------------------------------------------------------------------------

-- Row-level security decides which rows; these grants decide what the SECURITY INVOKER
-- RPCs may do at all (no other API role holds anything on these tables).

grant select, insert on table app.item_clips to authenticated;

-- --------------------------------------------------------------------------------------
-- Row level security policies
-- --------------------------------------------------------------------------------------

create policy "People can read their own clips in their groups"
  on app.item_clips for select to authenticated
  using (clipped_by = (select auth.uid()) and group_id in (select private.my_group_ids()));

create policy "Members can record their own clips in their groups"
  on app.item_clips for insert to authenticated
  with check (clipped_by = (select auth.uid()) and group_id in (select private.my_group_ids()));
