-- =====================================================================================
-- Capture (issue 3): richer clips, items added by hand, and finding, tagging and queuing
-- an item that is already in the library.
--
-- * items: kind 'manual' (a book or print article added by hand; its url is optional),
--   the clip's metadata (authors, dates, text direction, favicon, word count, whether it
--   is only a selection), and page_key: the normalised address the item was clipped from,
--   so a tab showing a non-canonical address still finds the item.
-- * reading_minutes counts words when the clipper counted them (CJK text has few spaces).
-- * content_html is capped at 512000 bytes (api-types.ts MAX_STORED_CONTENT_BYTES).
-- * RPCs: clip_item takes the new fields; find_item, tag_item and queue_item are new;
--   item_detail and group_queue return the new fields. utils/api-types.ts is the contract.
-- =====================================================================================

-- ---------- Helpers for the items table ----------
create function private.authors_valid(p_authors text[])
returns boolean
language sql
immutable
parallel safe
set search_path = ''
as $$
  select cardinality(p_authors) <= 20
     and not exists (
       select from unnest(p_authors) as a
        where a is null or a <> btrim(a) or char_length(a) not between 1 and 200)
$$;

comment on function private.authors_valid(text[]) is
  'items.authors rule: at most 20 names, each trimmed and 1–200 characters.';

revoke all on function private.authors_valid(text[]) from public;
-- Evaluated as the inserting role by the items_authors_valid check.
grant execute on function private.authors_valid(text[]) to authenticated, service_role;

-- ---------- items: kinds, metadata, page key ----------
alter table public.items drop constraint items_kind_valid;
alter table public.items add constraint items_kind_valid check (kind in ('article', 'link', 'manual'));

-- A book or print article added by hand may have no web address; everything else has one.
alter table public.items alter column url drop not null;
alter table public.items add constraint items_url_required_unless_manual check (url is not null or kind = 'manual');
-- (items_link_has_no_content already allows content for articles only: links and manual entries hold none.)

alter table public.items
  add column authors text[] not null default '{}'
    constraint items_authors_valid check (private.authors_valid(authors)),
  add column published_at timestamptz,
  add column modified_at timestamptz,
  add column dir text
    constraint items_dir_valid check (dir in ('ltr', 'rtl')),
  add column favicon_url text
    constraint items_favicon_url_valid check (favicon_url ~* '^https?://' and char_length(favicon_url) <= 2048),
  add column word_count integer not null default 0
    constraint items_word_count_valid check (word_count between 0 and 5000000),
  add column is_selection boolean not null default false,
  add column page_key text generated always as (private.url_key(url)) stored;

comment on column public.items.kind is
  'article (readable copy saved), link (a link card: the page could not be read) or manual (added by hand: a book or print article).';
comment on column public.items.url is 'The URL the page was clipped from; null only for a manual entry without a link.';
comment on column public.items.authors is 'Individual authors (at most 20, each trimmed, 1–200 characters); byline is the line as shown.';
comment on column public.items.published_at is 'When the page says it was published (from its metadata), if it says.';
comment on column public.items.modified_at is 'When the page says it was last changed (from its metadata), if it says.';
comment on column public.items.dir is 'Text direction of the article: ltr or rtl (null: not known).';
comment on column public.items.favicon_url is 'The site''s icon, as the page declared it.';
comment on column public.items.word_count is 'Words of readable text (CJK characters count as words); 0 when not counted.';
comment on column public.items.is_selection is 'The item holds only the text a member selected on the page, not the whole article.';
comment on column public.items.page_key is
  'Normalised URL the item was clipped from (private.url_key(url)); find_item matches it as well as url_key, so a non-canonical address finds the item.';

create index items_group_id_page_key_idx on public.items (group_id, page_key);

-- Reading time counts words when there is a count; readingMinutes() in api-types.ts agrees.
alter table public.items drop column reading_minutes;
alter table public.items add column reading_minutes integer generated always as (
  greatest(1, round(case when word_count > 0 then word_count::numeric else text_length / 5.0 end / 230))::integer) stored;
comment on column public.items.reading_minutes is
  'greatest(1, round(words / 230)): words = word_count when counted, else text_length / 5 (~5 characters a word); 230 words a minute.';

-- Content cap: 512000 bytes (MAX_STORED_CONTENT_BYTES); the clipper cuts below it.
alter table public.items drop constraint items_content_html_size;
alter table public.items add constraint items_content_html_size check (octet_length(content_html) <= 512000) not valid;
do $$
begin
  -- Items clipped under the old 2 MB cap stay as they are; new and changed rows obey the new cap.
  if not exists (select from public.items as i where octet_length(i.content_html) > 512000) then
    alter table public.items validate constraint items_content_html_size;
  end if;
end
$$;
comment on column public.items.content_html is 'Sanitised article HTML (at most 512000 bytes); null for a link or a manual entry.';

-- ---------- API helpers ----------
create function private.lock_library(p_group_id uuid)
returns void
language sql
volatile
set search_path = ''
as $$
  select pg_advisory_xact_lock(hashtextextended('readclub.clip_item:' || p_group_id::text, 0))
$$;

comment on function private.lock_library(uuid) is
  'Serialises writes to a group''s library (clips, tags, queue places) until the transaction ends, so concurrent calls cannot duplicate an item or a queue position, or pass the tag limit.';

create function private.clean_tags(p_tags text[])
returns text[]
language plpgsql
immutable
set search_path = ''
as $$
declare
  v_tags text[];
begin
  -- Trimmed, lower-case, no leading #, inner spaces collapsed, no duplicates, sorted.
  select coalesce(array_agg(distinct t.tag order by t.tag), '{}')
    into v_tags
    from (
      select lower(regexp_replace(regexp_replace(btrim(raw), '^#+', ''), '\s+', ' ', 'g')) as tag
        from unnest(coalesce(p_tags, '{}')) as raw
    ) as t
   where t.tag <> '';
  if exists (select from unnest(v_tags) as t where char_length(t) > 40) then
    raise exception 'A tag can be at most 40 characters.' using errcode = '22023';
  end if;
  if cardinality(v_tags) > 20 then
    raise exception 'An article can have at most 20 tags.' using errcode = '22023';
  end if;
  return v_tags;
end;
$$;

comment on function private.clean_tags(text[]) is
  'Tags as stored: trimmed, lower-case, no leading #, inner spaces collapsed, de-duplicated, sorted. 22023 when one is over 40 characters or there are over 20.';

create function private.add_tags(p_item_id uuid, p_group_id uuid, p_tags text[])
returns void
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_have integer;
  v_total integer;
begin
  -- p_tags are clean (private.clean_tags); the caller holds private.lock_library.
  select count(*)::integer into v_have from public.item_tags as t where t.item_id = p_item_id;
  select v_have + count(*)::integer into v_total
    from unnest(p_tags) as n
   where not exists (select from public.item_tags as t where t.item_id = p_item_id and t.tag = n);
  if v_total > 20 then
    raise exception 'An article can have at most 20 tags (this one has % already).', v_have using errcode = '22023';
  end if;
  insert into public.item_tags (item_id, group_id, tag, added_by)
  select p_item_id, p_group_id, n, (select auth.uid()) from unnest(p_tags) as n
  on conflict (item_id, tag) do nothing;
end;
$$;

comment on function private.add_tags(uuid, uuid, text[]) is
  'Adds clean tags to an item (existing ones are kept, not duplicated); 22023 when the item would have over 20.';

create function private.queue_at_end(p_item_id uuid, p_group_id uuid)
returns void
language sql
volatile
set search_path = ''
as $$
  -- The caller holds private.lock_library, so max(position) + 1 is free.
  insert into public.queue_entries (item_id, group_id, position, queued_by)
  select p_item_id, p_group_id, coalesce(max(q.position), 0) + 1, (select auth.uid())
    from public.queue_entries as q
   where q.group_id = p_group_id
  on conflict (item_id) do nothing
$$;

comment on function private.queue_at_end(uuid, uuid) is
  'Puts an item at the end of its group''s queue; an item already queued keeps its place.';

create function private.queue_place(p_item_id uuid)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select jsonb_build_object(
           'position', q.position,
           'queued_by', private.person(q.queued_by, queuer.display_name),
           'queued_at', q.queued_at)
    from public.queue_entries as q
    left join public.profiles as queuer on queuer.id = q.queued_by
   where q.item_id = p_item_id
$$;

comment on function private.queue_place(uuid) is
  'The queue place of api-types.ts ItemDetail.queue ({position, queued_by, queued_at}), or null when the item is not queued.';

create function private.item_json(p_item_id uuid)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select jsonb_build_object(
    'item', jsonb_build_object(
      'id', i.id,
      'group_id', i.group_id,
      'kind', i.kind,
      'title', i.title,
      'url', private.preferred_url(i.url, i.canonical_url),
      'site_name', i.site_name,
      'byline', i.byline,
      'authors', to_jsonb(i.authors),
      'published_at', i.published_at,
      'lang', i.lang,
      'dir', i.dir,
      'excerpt', i.excerpt,
      'lead_image_url', i.lead_image_url,
      'reading_minutes', i.reading_minutes,
      'added_by', private.person(i.added_by, adder.display_name),
      'created_at', i.created_at),
    'tags', coalesce((select jsonb_agg(t.tag order by t.tag)
                        from public.item_tags as t where t.item_id = i.id), '[]'::jsonb),
    'comments', coalesce((
      select jsonb_agg(
               jsonb_build_object(
                 'id', c.id,
                 'body', c.body,
                 'author', private.person(c.author_id, author.display_name),
                 'created_at', c.created_at)
               order by c.created_at, c.id)
        from public.comments as c
        left join public.profiles as author on author.id = c.author_id
       where c.item_id = i.id), '[]'::jsonb),
    'queue', private.queue_place(i.id))
    from public.items as i
    left join public.profiles as adder on adder.id = i.added_by
   where i.id = p_item_id
$$;

comment on function private.item_json(uuid) is
  'The ItemDetail shape of api-types.ts for one item (SECURITY INVOKER: row-level security decides what the caller sees). Callers check membership first.';

create function private.iso_timestamp(p_value text)
returns timestamptz
language plpgsql
stable
set search_path = ''
as $$
begin
  -- ISO 8601 only: no 'now', 'infinity' or locale formats. A date alone is midnight UTC.
  if p_value is null or btrim(p_value) !~ '^\d{4}-\d{2}-\d{2}' then
    return null;
  end if;
  if btrim(p_value) ~ '^\d{4}-\d{2}-\d{2}$' then
    return (btrim(p_value) || 'T00:00:00Z')::timestamptz;
  end if;
  return btrim(p_value)::timestamptz;
exception
  when data_exception then
    return null;  -- a page's bad date is ignored, not an error
end;
$$;

comment on function private.iso_timestamp(text) is
  'A page''s ISO 8601 date or timestamp, or null when it is missing or not a valid one (pages get dates wrong; that must not stop a clip).';

create function private.clip_authors(p_authors jsonb)
returns text[]
language sql
immutable
set search_path = ''
as $$
  -- Strings only, trimmed, inner spaces collapsed, at most 200 characters, no repeats
  -- (ignoring case; the first spelling wins), in the page's order, the first 20.
  select coalesce((array_agg(a.name order by a.ord))[1:20], '{}')
    from (
      select distinct on (lower(n.name)) n.name, n.ord
        from (
          select btrim(left(regexp_replace(btrim(e.value #>> '{}'), '\s+', ' ', 'g'), 200)) as name, e.ord
            from jsonb_array_elements(case when jsonb_typeof(p_authors) = 'array' then p_authors else '[]'::jsonb end)
                 with ordinality as e(value, ord)
           where jsonb_typeof(e.value) = 'string'
        ) as n
       where n.name <> ''
       order by lower(n.name), n.ord
    ) as a
$$;

comment on function private.clip_authors(jsonb) is
  'ClipPayload.authors as items.authors takes them: strings only, trimmed, no repeats, at most 20 of 200 characters each; anything else is dropped.';

revoke all on function private.lock_library(uuid) from public;
revoke all on function private.clean_tags(text[]) from public;
revoke all on function private.add_tags(uuid, uuid, text[]) from public;
revoke all on function private.queue_at_end(uuid, uuid) from public;
revoke all on function private.queue_place(uuid) from public;
revoke all on function private.item_json(uuid) from public;
revoke all on function private.iso_timestamp(text) from public;
revoke all on function private.clip_authors(jsonb) from public;
grant execute on function private.lock_library(uuid) to authenticated;
grant execute on function private.clean_tags(text[]) to authenticated;
grant execute on function private.add_tags(uuid, uuid, text[]) to authenticated;
grant execute on function private.queue_at_end(uuid, uuid) to authenticated;
grant execute on function private.queue_place(uuid) to authenticated;
grant execute on function private.item_json(uuid) to authenticated;
grant execute on function private.iso_timestamp(text) to authenticated;
grant execute on function private.clip_authors(jsonb) to authenticated;

-- ---------- clip_item (same signature; new fields and kinds) ----------
create or replace function public.clip_item(
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
  v_done public.item_clips%rowtype;
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
  select c.* into v_done from public.item_clips as c where c.client_id = p_client_id;
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
    select i.id into v_item_id
      from public.items as i
     where i.group_id = p_group_id
       and (i.url_key = v_key or i.page_key = v_page_key or i.url_key = v_page_key)
     order by i.url_key = v_key desc, i.created_at, i.id
     limit 1;
  end if;
  if v_item_id is null then
    v_item_id := gen_random_uuid();
    insert into public.items (
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
    insert into public.comments (item_id, group_id, author_id, body)
    values (v_item_id, p_group_id, v_uid, v_comment)
    returning id into v_comment_id;
  end if;

  if p_queue then
    perform private.queue_at_end(v_item_id, p_group_id);
  end if;
  v_queued := exists (select from public.queue_entries as q where q.item_id = v_item_id);

  insert into public.item_clips (client_id, group_id, item_id, clipped_by, created, queued, comment_id)
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

-- ---------- item_detail (new fields; body shared with find_item) ----------
create or replace function public.item_detail(p_item_id uuid)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
begin
  perform private.require_item_membership(p_item_id);
  return private.item_json(p_item_id);
end;
$$;

comment on function public.item_detail(uuid) is
  'RPC item_detail(p_item_id) → ItemDetail: the item (kind, url or null, authors, dates, lang, dir, …), its tags, comments (oldest first) and queue place (null when not queued).';

-- ---------- find_item ----------
create function public.find_item(p_group_id uuid, p_url text)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_key text;
  v_item_id uuid;
begin
  perform private.require_membership(p_group_id);
  if p_url is null or btrim(p_url) !~* '^https?://[^/?#]+' then
    return null;  -- not a web page: nothing in the library can be for it
  end if;
  v_key := private.url_key(p_url);
  -- The item for this article (its key) first, else one clipped from this address.
  select i.id into v_item_id
    from public.items as i
   where i.group_id = p_group_id
     and (i.url_key = v_key or i.page_key = v_key)
   order by i.url_key = v_key desc, i.created_at, i.id
   limit 1;
  if v_item_id is null then
    return null;
  end if;
  return private.item_json(v_item_id);
end;
$$;

comment on function public.find_item(uuid, text) is
  'RPC find_item(p_group_id, p_url) → ItemDetail | null: the item in the group''s library for this page — its normalised URL equals the item''s url_key (canonical) or page_key (the address it was clipped from) — else null.';

-- ---------- tag_item ----------
create function public.tag_item(p_item_id uuid, p_tags text[])
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_group_id uuid := private.require_item_membership(p_item_id);
  v_tags text[] := private.clean_tags(p_tags);
begin
  perform private.lock_library(v_group_id);
  perform private.add_tags(p_item_id, v_group_id, v_tags);
  return coalesce((select jsonb_agg(t.tag order by t.tag) from public.item_tags as t where t.item_id = p_item_id), '[]'::jsonb);
end;
$$;

comment on function public.tag_item(uuid, text[]) is
  'RPC tag_item(p_item_id, p_tags) → string[]: adds the tags (normalised as clip_item does; at most 20 per item) and returns all the item''s tags, sorted.';

-- ---------- queue_item ----------
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

-- ---------- group_queue (entries carry kind) ----------
create or replace function public.group_queue(p_group_id uuid)
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
                 'reading_minutes', i.reading_minutes)
               order by q.position, q.queued_at)
        from public.queue_entries as q
        join public.items as i on i.id = q.item_id
        left join public.profiles as adder on adder.id = i.added_by
        left join public.profiles as queuer on queuer.id = q.queued_by
       where q.group_id = p_group_id), '[]'::jsonb));
end;
$$;

comment on function public.group_queue(uuid) is
  'RPC group_queue(p_group_id) → GroupQueue: the group, the caller''s role, and the queue in order with each item''s kind, tags, comment count and reading time.';

-- ---------- Signed-in people only ----------
revoke all on function public.find_item(uuid, text) from public, anon;
revoke all on function public.tag_item(uuid, text[]) from public, anon;
revoke all on function public.queue_item(uuid) from public, anon;
grant execute on function public.find_item(uuid, text) to authenticated, service_role;
grant execute on function public.tag_item(uuid, text[]) to authenticated, service_role;
grant execute on function public.queue_item(uuid) to authenticated, service_role;
