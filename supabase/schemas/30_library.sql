-- ======================================================================================
-- Library: items and their tags
--
-- The pages (articles, bare links, manual entries) a group has clipped, and their tags.
-- * One item per page per group: unique (group_id, url_key), where url_key is the
--   normalised address (private.url_key). Clipping the same page again adds to the
--   existing item (clip_item) instead of duplicating it.
-- * reading_minutes is computed here once, as utils/shared/api-types.ts readingMinutes does.
-- * search_text feeds search_library's ranking (simple configuration: no stemming, any
--   language). Its words are also indexed per group (private.group_search_keys: each word
--   prefixed by the group's id), so a word or a word's beginning is looked up within one group
--   in the GIN index, whatever other groups hold. Tags and comments are indexed the same way.
-- * url_key_hash / page_key_hash: SHA-256 (hex) of url_key and page_key. find_item takes
--   such a hash, never an address: the extension asks about the page in front of the
--   member without telling the server which page it is, unless the group already has it.
-- ======================================================================================

-- --------------------------------------------------------------------------------------
-- Functions
-- --------------------------------------------------------------------------------------

create function private.url_key(p_url text)
returns text
language plpgsql
immutable
strict
parallel safe
set search_path = ''
as $$
declare
  v_parts text[];
  v_scheme text;
  v_host text;
  v_port text;
  v_path text;
  v_params text[];
begin
  -- scheme :// authority path ?query (the #fragment is dropped by not matching it)
  v_parts := regexp_match(btrim(p_url), '^([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*)([^?#]*)(\?[^#]*)?');
  if v_parts is null then
    return lower(btrim(p_url));
  end if;

  v_scheme := lower(v_parts[1]);
  v_host := lower(regexp_replace(v_parts[2], '^.*@', ''));        -- drop user:password@
  v_port := substring(v_host from ':([0-9]*)$');
  if v_port is not null then
    v_host := left(v_host, length(v_host) - length(v_port) - 1);
    if v_port = '' or (v_scheme = 'http' and v_port = '80') or (v_scheme = 'https' and v_port = '443') then
      v_port := null;                                              -- default port
    end if;
  end if;
  v_host := regexp_replace(v_host, '\.$', '');                     -- example.com. = example.com
  v_host := regexp_replace(v_host, '^www\.', '');                  -- www.example.com = example.com
  if v_scheme = 'http' then
    v_scheme := 'https';                                           -- the same article either way
  end if;

  v_path := regexp_replace(v_parts[3], '/+$', '');                 -- drop trailing slash(es)

  -- Query: drop tracking parameters and empty pieces, sort the rest.
  select array_agg(param order by param)
    into v_params
    from unnest(string_to_array(substr(coalesce(v_parts[4], ''), 2), '&')) as param
   where param <> ''
     and lower(split_part(param, '=', 1)) not like 'utm\_%'
     and lower(split_part(param, '=', 1)) not in
       ('fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'mc_cid', 'mc_eid', 'igshid', 'yclid');

  return v_scheme || '://' || v_host
    || coalesce(':' || v_port, '')
    || v_path
    || coalesce('?' || array_to_string(v_params, '&'), '');
end;
$$;

comment on function private.url_key(text) is
  'Normalised URL identifying an article: lower-case scheme and host, http = https, no www., no default port, no #fragment, no utm_*/fbclid/gclid/… parameters (the rest sorted), no trailing slash.';

revoke all on function private.url_key(text) from public;

grant execute on function private.url_key(text) to authenticated;

create function private.preferred_url(p_url text, p_canonical_url text)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  select case
    when p_canonical_url is null or p_canonical_url !~* '^https?://[^/?#]+' then p_url
    -- A page whose canonical link points at the site's home page is not that home page.
    when p_canonical_url ~* '^https?://[^/?#]+/?([?#].*)?$' and p_url !~* '^https?://[^/?#]+/?([?#].*)?$' then p_url
    else p_canonical_url
  end
$$;

comment on function private.preferred_url(text, text) is
  'The URL an item stands for: the page''s canonical URL when it has a usable one, else the URL clipped.';

revoke all on function private.preferred_url(text, text) from public;

grant execute on function private.preferred_url(text, text) to authenticated;

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

grant execute on function private.authors_valid(text[]) to authenticated;

create function private.url_hash(p_key text)
returns text
language sql
immutable
strict
parallel safe
set search_path = ''
as $$
  select encode(sha256(convert_to(p_key, 'UTF8')), 'hex')
$$;

comment on function private.url_hash(text) is
  'SHA-256 of a normalised address (private.url_key), lower-case hex: what find_item compares. utils/background/page-hash.ts computes the same.';

revoke all on function private.url_hash(text) from public;

-- Evaluated as the inserting role by the generated hash columns.
grant execute on function private.url_hash(text) to authenticated;

create function private.group_search_keys(p_group_id uuid, p_words tsvector)
returns tsvector
language sql
immutable
strict
parallel safe
set search_path = ''
as $$
  select array_to_tsvector(array(
    select replace(p_group_id::text, '-', '') || ':' || w from unnest(tsvector_to_array(p_words)) as w))
$$;

comment on function private.group_search_keys(uuid, tsvector) is
  'The words of a group''s text as search index keys: each prefixed by the group''s id (32 hex digits and ":"), so a GIN lookup of a word, or of a word''s beginning, reads only that group''s entries. Positions and weights are left out (ranking reads items.search_text).';

revoke all on function private.group_search_keys(uuid, tsvector) from public;

-- Evaluated as the inserting role by the search indexes on items, tags and comments.
grant execute on function private.group_search_keys(uuid, tsvector) to authenticated;

create function private.group_search_term(p_group_id uuid, p_word text)
returns tsquery
language sql
immutable
strict
parallel safe
set search_path = ''
as $$
  select (quote_literal(replace(p_group_id::text, '-', '') || ':' || p_word) || ':*')::tsquery
$$;

comment on function private.group_search_term(uuid, text) is
  'The query for a word as a prefix within one group, against private.group_search_keys: "lead" finds the group''s "leadership" and no other group''s.';

revoke all on function private.group_search_term(uuid, text) from public;

grant execute on function private.group_search_term(uuid, text) to authenticated;

-- --------------------------------------------------------------------------------------
-- Tables
-- --------------------------------------------------------------------------------------

create table app.items (
  id uuid primary key default gen_random_uuid(),
  group_id uuid not null references app.groups (id) on delete cascade,
  client_id uuid not null unique,
  kind text not null
    constraint items_kind_valid check (kind in ('article', 'link', 'manual')),
  url text
    constraint items_url_valid check (url ~* '^https?://[^/?#]+' and char_length(url) <= 2048),
  canonical_url text
    constraint items_canonical_url_valid check (canonical_url ~* '^https?://[^/?#]+' and char_length(canonical_url) <= 2048),
  url_key text generated always as (private.url_key(private.preferred_url(url, canonical_url))) stored,
  title text not null
    constraint items_title_length check (char_length(btrim(title)) between 1 and 500),
  byline text
    constraint items_byline_length check (char_length(byline) <= 300),
  site_name text
    constraint items_site_name_length check (char_length(site_name) <= 200),
  excerpt text
    constraint items_excerpt_length check (char_length(excerpt) <= 2000),
  content_html text
    constraint items_content_html_size check (octet_length(content_html) <= 512000),
  text_length integer not null default 0
    constraint items_text_length_valid check (text_length between 0 and 10000000),
  lang text
    constraint items_lang_length check (char_length(lang) <= 35),
  lead_image_url text
    constraint items_lead_image_url_valid check (lead_image_url ~* '^https?://' and char_length(lead_image_url) <= 2048),
  added_by uuid default auth.uid() references app.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  authors text[] not null default '{}'
    constraint items_authors_valid check (private.authors_valid(authors)),
  published_at timestamptz,
  modified_at timestamptz,
  dir text
    constraint items_dir_valid check (dir in ('ltr', 'rtl')),
  favicon_url text
    constraint items_favicon_url_valid check (favicon_url ~* '^https?://' and char_length(favicon_url) <= 2048),
  word_count integer not null default 0
    constraint items_word_count_valid check (word_count between 0 and 5000000),
  is_selection boolean not null default false,
  page_key text generated always as (private.url_key(url)) stored,
  reading_minutes integer generated always as (
    greatest(1, round(case when word_count > 0 then word_count::numeric else text_length / 5.0 end / 230))::integer) stored,
  search_text tsvector generated always as (
    setweight(to_tsvector('simple'::regconfig, coalesce(title, '')), 'A')
    || setweight(to_tsvector('simple'::regconfig, coalesce(site_name, '') || ' ' || coalesce(byline, '')), 'C')
    || setweight(to_tsvector('simple'::regconfig, coalesce(excerpt, '')), 'C')
    || setweight(to_tsvector('simple'::regconfig, left(coalesce(content_html, ''), 200000)), 'D')
  ) stored,
  url_key_hash text generated always as (private.url_hash(private.url_key(private.preferred_url(url, canonical_url)))) stored,
  page_key_hash text generated always as (private.url_hash(private.url_key(url))) stored,
  constraint items_link_has_no_content check (kind = 'article' or content_html is null),
  constraint items_url_required_unless_manual check (url is not null or kind = 'manual'),
  constraint items_group_url_key_unique unique (group_id, url_key),
  -- Lets tags, comments and queue entries carry group_id and still agree with their item.
  constraint items_group_id_id_unique unique (group_id, id)
);

alter table app.items enable row level security;

comment on table app.items is
  'A group''s library: one row per article (or bare link) per group, whoever clipped it first.';

comment on column app.items.id is 'Item id.';

comment on column app.items.group_id is 'The group whose library holds the item.';

comment on column app.items.client_id is 'Client-generated id of the clip that created the item (clip_item''s p_client_id).';

comment on column app.items.kind is
  'article (readable copy saved), link (a link card: the page could not be read) or manual (added by hand: a book or print article).';

comment on column app.items.url is 'The URL the page was clipped from; null only for a manual entry without a link.';

comment on column app.items.canonical_url is 'The page''s own canonical URL, when it declared one.';

comment on column app.items.url_key is 'Normalised preferred URL (private.url_key); unique per group, so an article is in a library once.';

comment on column app.items.title is 'Article title (1–500 characters).';

comment on column app.items.byline is 'Author line, as the page gave it.';

comment on column app.items.site_name is 'Publication or site name.';

comment on column app.items.excerpt is 'Short summary or first lines.';

comment on column app.items.content_html is 'Sanitised article HTML (at most 512000 bytes); null for a link or a manual entry.';

comment on column app.items.text_length is 'Characters of readable text; 0 for a link.';

comment on column app.items.lang is 'Language tag of the article (e.g. en, de-CH).';

comment on column app.items.lead_image_url is 'Lead image of the article.';

comment on column app.items.added_by is 'Who clipped it first (null once that account is deleted).';

comment on column app.items.created_at is 'When it was first clipped.';

comment on column app.items.authors is 'Individual authors (at most 20, each trimmed, 1–200 characters); byline is the line as shown.';

comment on column app.items.published_at is 'When the page says it was published (from its metadata), if it says.';

comment on column app.items.modified_at is 'When the page says it was last changed (from its metadata), if it says.';

comment on column app.items.dir is 'Text direction of the article: ltr or rtl (null: not known).';

comment on column app.items.favicon_url is 'The site''s icon, as the page declared it.';

comment on column app.items.word_count is 'Words of readable text (CJK characters count as words); 0 when not counted.';

comment on column app.items.is_selection is 'The item holds only the text a member selected on the page, not the whole article.';

comment on column app.items.page_key is
  'Normalised URL the item was clipped from (private.url_key(url)); clip_item matches it as well as url_key (and find_item its hash, page_key_hash), so a non-canonical address finds the item.';

comment on column app.items.reading_minutes is
  'greatest(1, round(words / 230)): words = word_count when counted, else text_length / 5 (~5 characters a word); 230 words a minute.';

comment on column app.items.search_text is
  'Full-text search vector (config simple): title (weight A), site and byline (C), excerpt (C), the first 200,000 characters of the clipped copy (D; HTML tags are not indexed). search_library ranks by it; it finds words through items_search_keys_idx.';

comment on column app.items.url_key_hash is 'private.url_hash(url_key): find_item finds the item by it.';

comment on column app.items.page_key_hash is 'private.url_hash(page_key): find_item finds the item by it.';

create table app.item_tags (
  item_id uuid not null,
  group_id uuid not null,
  tag text not null
    constraint item_tags_tag_format check (char_length(tag) between 1 and 40 and tag = lower(btrim(tag)))
    constraint item_tags_tag_plain check (tag !~ '[<>[:cntrl:]]'),
  added_by uuid default auth.uid() references app.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  primary key (item_id, tag),
  foreign key (group_id, item_id) references app.items (group_id, id) on delete cascade
);

alter table app.item_tags enable row level security;

comment on table app.item_tags is 'Tags on library items (lower-case, 1–40 characters); merged across clips of the same article.';

comment on column app.item_tags.item_id is 'The tagged item.';

comment on column app.item_tags.group_id is 'The item''s group (kept here so policies need no join; the foreign key keeps it right).';

comment on column app.item_tags.tag is 'The tag, lower-case and trimmed.';

comment on column app.item_tags.added_by is 'Who first gave the item this tag.';

comment on column app.item_tags.created_at is 'When the tag was first given.';

-- --------------------------------------------------------------------------------------
-- Indexes
-- --------------------------------------------------------------------------------------

create index items_added_by_idx on app.items (added_by);

create index item_tags_group_id_tag_idx on app.item_tags (group_id, tag);

create index item_tags_group_id_item_id_idx on app.item_tags (group_id, item_id);

create index item_tags_added_by_idx on app.item_tags (added_by);

create index items_group_id_page_key_idx on app.items (group_id, page_key);

-- The search indexes skip GIN's pending list (fastupdate = off): a search reads the whole
-- list, word beginnings included, so a list grown by recent clips (or by rolled-back ones,
-- until a vacuum) made a 0.2 ms lookup 12-60 ms. A clip pays for its words' entries at once.
create index items_search_keys_idx on app.items
  using gin (private.group_search_keys(group_id, search_text)) with (fastupdate = off);

create index item_tags_search_keys_idx on app.item_tags
  using gin (private.group_search_keys(group_id, to_tsvector('simple'::regconfig, tag))) with (fastupdate = off);

create index items_group_id_created_at_idx on app.items (group_id, created_at);

create index items_group_id_url_key_hash_idx on app.items (group_id, url_key_hash);

create index items_group_id_page_key_hash_idx on app.items (group_id, page_key_hash);

-- --------------------------------------------------------------------------------------
-- Functions
-- --------------------------------------------------------------------------------------

create function private.item_group_id(p_item_id uuid)
returns uuid
language sql
stable
security definer
set search_path = ''
as $$
  select i.group_id from app.items as i where i.id = p_item_id
$$;

comment on function private.item_group_id(uuid) is
  'The group an item belongs to, whoever asks (SECURITY DEFINER), so RPCs can tell "not a member" (42501) from "no such item" (P0001).';

revoke all on function private.item_group_id(uuid) from public;

grant execute on function private.item_group_id(uuid) to authenticated;

create function public.item_detail(p_item_id uuid)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_group_id uuid;
begin
  if (select auth.uid()) is null then
    raise exception 'Sign in first.' using errcode = '42501';
  end if;
  v_group_id := private.item_group_id(p_item_id);
  -- Same code and words whether the item is gone or in a group the caller is not in.
  if v_group_id is null or private.group_role(v_group_id) is null then
    raise exception 'That article is no longer in the library.' using errcode = 'P0001';
  end if;
  return private.item_json(p_item_id) || jsonb_build_object('can_delete', private.can_delete_item(p_item_id));
end;
$$;

comment on function public.item_detail(uuid) is
  'RPC item_detail(p_item_id) → ItemDetail: the item (kind, url or null, authors, dates, lang, dir, …), its tags, the latest page of its comments (the 50 newest top comments with their replies, oldest first, top_comment_count and earlier_comment_count; item_comments gives earlier pages), queue place (null when not queued) and can_delete (the caller may remove it). P0001 "no longer in the library" both when there is no such item and when it is in a group the caller is not in.';

revoke all on function public.item_detail(uuid) from public, anon;

grant execute on function public.item_detail(uuid) to authenticated;

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

revoke all on function private.lock_library(uuid) from public;

grant execute on function private.lock_library(uuid) to authenticated;

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
  if exists (select from unnest(v_tags) as t where t ~ '[<>[:cntrl:]]') then
    raise exception 'A tag is plain text: it cannot contain < or > or control characters.' using errcode = '22023';
  end if;
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
  'Tags as stored: trimmed, lower-case, no leading #, inner spaces collapsed, de-duplicated, sorted. 22023 when one holds < > or a control character, is over 40 characters, or there are over 20.';

revoke all on function private.clean_tags(text[]) from public;

grant execute on function private.clean_tags(text[]) to authenticated;

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
  select count(*)::integer into v_have from app.item_tags as t where t.item_id = p_item_id;
  select v_have + count(*)::integer into v_total
    from unnest(p_tags) as n
   where not exists (select from app.item_tags as t where t.item_id = p_item_id and t.tag = n);
  if v_total > 20 then
    raise exception 'An article can have at most 20 tags (this one has % already).', v_have using errcode = '22023';
  end if;
  insert into app.item_tags (item_id, group_id, tag, added_by)
  select p_item_id, p_group_id, n, (select auth.uid()) from unnest(p_tags) as n
  on conflict (item_id, tag) do nothing;
end;
$$;

comment on function private.add_tags(uuid, uuid, text[]) is
  'Adds clean tags to an item (existing ones are kept, not duplicated); 22023 when the item would have over 20.';

revoke all on function private.add_tags(uuid, uuid, text[]) from public;

grant execute on function private.add_tags(uuid, uuid, text[]) to authenticated;

create function private.item_json(p_item_id uuid)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
begin
  return (
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
      'tags', private.item_tags_json(i.id),
      'queue', private.queue_place(i.id)) || private.comment_page_json(i.id, null, null, 50)
      from app.items as i
      left join app.profiles as adder on adder.id = i.added_by
     where i.id = p_item_id);
end;
$$;

comment on function private.item_json(uuid) is
  'The ItemDetail shape of api-types.ts for one item, with the latest page of its comments (comment_page_json) (SECURITY INVOKER: row-level security decides what the caller sees). Callers check membership first.';

revoke all on function private.item_json(uuid) from public;

grant execute on function private.item_json(uuid) to authenticated;

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

revoke all on function private.iso_timestamp(text) from public;

grant execute on function private.iso_timestamp(text) to authenticated;

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

revoke all on function private.clip_authors(jsonb) from public;

grant execute on function private.clip_authors(jsonb) to authenticated;

create function public.find_item(p_group_id uuid, p_url_hash text)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_item_id uuid;
begin
  perform private.require_membership(p_group_id);
  if p_url_hash is null or p_url_hash !~ '^[0-9a-f]{64}$' then
    raise exception 'find_item takes the SHA-256 of the page''s normalised address: 64 lower-case hex digits.' using errcode = '22023';
  end if;
  v_item_id := private.library_item_by_hash(p_group_id, p_url_hash);
  if v_item_id is null then
    return null;
  end if;
  return private.item_json(v_item_id) || jsonb_build_object('can_delete', private.can_delete_item(v_item_id));
end;
$$;

comment on function public.find_item(uuid, text) is
  'RPC find_item(p_group_id, p_url_hash) → ItemDetail | null: the item in the group''s library for a page, given the SHA-256 (hex) of its normalised address (private.url_key); matches the item''s url_key_hash (canonical) or page_key_hash (the address it was clipped from), else null; can_delete says whether the caller may remove it. 22023 unless 64 lower-case hex digits.';

revoke all on function public.find_item(uuid, text) from public, anon;

grant execute on function public.find_item(uuid, text) to authenticated;

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
  return coalesce((select jsonb_agg(t.tag order by t.tag) from app.item_tags as t where t.item_id = p_item_id), '[]'::jsonb);
end;
$$;

comment on function public.tag_item(uuid, text[]) is
  'RPC tag_item(p_item_id, p_tags) → string[]: adds the tags (normalised as clip_item does; at most 20 per item) and returns all the item''s tags, sorted.';

revoke all on function public.tag_item(uuid, text[]) from public, anon;

grant execute on function public.tag_item(uuid, text[]) to authenticated;

create function public.delete_item(p_item_id uuid)
returns void
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_group_id uuid := private.require_item_membership(p_item_id);
begin
  if not coalesce(private.can_delete_item(p_item_id), false) then
    raise exception 'Only whoever added this article, or an owner or admin, can remove it.' using errcode = '42501';
  end if;
  -- The queue loses the item's place: close it under the group's lock.
  perform private.lock_library(v_group_id);
  delete from app.items as i where i.id = p_item_id;  -- tags, comments and queue place go with it
  perform private.close_queue_gaps(v_group_id);
end;
$$;

comment on function public.delete_item(uuid) is
  'RPC delete_item(p_item_id) → void: removes an item from the library (whoever added it, or an owner or admin: private.can_delete_item); when it was queued, the entries after it move up one place.';

revoke all on function public.delete_item(uuid) from public, anon;

grant execute on function public.delete_item(uuid) to authenticated;

create function private.can_delete_item(p_item_id uuid)
returns boolean
language plpgsql
stable
set search_path = ''
as $$
begin
  return (
    select coalesce(
             private.group_role(i.group_id) in ('owner', 'admin')
               or (i.added_by = (select auth.uid()) and private.group_role(i.group_id) is not null),
             false)
      from app.items as i
     where i.id = p_item_id);
end;
$$;

comment on function private.can_delete_item(uuid) is
  'True when the signed-in person may remove the item: they added it (and are still a member), or they are an owner or admin of its group.';

revoke all on function private.can_delete_item(uuid) from public;

grant execute on function private.can_delete_item(uuid) to authenticated;

create function private.clean_tag(p_tag text)
returns text
language plpgsql
immutable
set search_path = ''
as $$
declare
  v_tag text := (private.clean_tags(array[p_tag]))[1];
begin
  if v_tag is null then
    raise exception 'Name the tag.' using errcode = '22023';
  end if;
  return v_tag;
end;
$$;

comment on function private.clean_tag(text) is 'One tag as clean_tags stores it; 22023 "Name the tag." when nothing is left.';

revoke all on function private.clean_tag(text) from public;

grant execute on function private.clean_tag(text) to authenticated;

create function private.item_tags_json(p_item_id uuid)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
begin
  return (select coalesce(jsonb_agg(t.tag order by t.tag), '[]'::jsonb)
            from app.item_tags as t
           where t.item_id = p_item_id);
end;
$$;

comment on function private.item_tags_json(uuid) is 'The item''s tags, sorted, as a JSON array (what tag_item and untag_item return).';

revoke all on function private.item_tags_json(uuid) from public;

grant execute on function private.item_tags_json(uuid) to authenticated;

create function public.untag_item(p_item_id uuid, p_tag text)
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
  -- Removing a tag the item does not have changes nothing: a repeat is harmless.
  delete from app.item_tags as t where t.item_id = p_item_id and t.tag = private.clean_tag(p_tag);
  return private.item_tags_json(p_item_id);
end;
$$;

comment on function public.untag_item(uuid, text) is
  'RPC untag_item(p_item_id, p_tag) → string[]: removes one tag (normalised as tag_item does) from the item; returns its remaining tags, sorted.';

revoke all on function public.untag_item(uuid, text) from public, anon;

grant execute on function public.untag_item(uuid, text) to authenticated;

create function public.group_tags(p_group_id uuid)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
begin
  perform private.require_membership(p_group_id);
  return coalesce((
    select jsonb_agg(jsonb_build_object('tag', t.tag, 'count', t.items) order by t.items desc, t.tag)
      from (select it.tag, count(*)::integer as items
              from app.item_tags as it
             where it.group_id = p_group_id
             group by it.tag) as t), '[]'::jsonb);
end;
$$;

comment on function public.group_tags(uuid) is
  'RPC group_tags(p_group_id) → {tag, count}[]: every tag in the group''s library with how many items carry it, most used first.';

revoke all on function public.group_tags(uuid) from public, anon;

grant execute on function public.group_tags(uuid) to authenticated;

create function public.rename_tag(p_group_id uuid, p_from text, p_to text)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_from text;
  v_to text;
  v_items integer;
begin
  perform private.require_membership(p_group_id, array['owner', 'admin'], 'Only owners and admins can rename a tag.');
  v_from := private.clean_tag(p_from);
  v_to := private.clean_tag(p_to);
  perform private.lock_library(p_group_id);
  select count(*)::integer into v_items from app.item_tags as t where t.group_id = p_group_id and t.tag = v_from;
  if v_items = 0 then
    raise exception 'No article in this group has the tag "%".', v_from using errcode = 'P0001';
  end if;
  if v_from <> v_to then
    -- item_tags has no update policy (tags are added or removed), so a rename is both:
    -- the new tag keeps when the old one was given; items that had both keep one (a merge).
    insert into app.item_tags (item_id, group_id, tag, added_by, created_at)
    select t.item_id, t.group_id, v_to, (select auth.uid()), t.created_at
      from app.item_tags as t
     where t.group_id = p_group_id and t.tag = v_from
    on conflict (item_id, tag) do nothing;
    delete from app.item_tags as t where t.group_id = p_group_id and t.tag = v_from;
  end if;
  return jsonb_build_object('tag', v_to, 'items', v_items);
end;
$$;

comment on function public.rename_tag(uuid, text, text) is
  'RPC rename_tag(p_group_id, p_from, p_to) → {tag, items}: owners and admins rename a tag on every item of the group; when p_to is already a tag the two merge. items: how many items had p_from. P0001 when no item has it.';

revoke all on function public.rename_tag(uuid, text, text) from public, anon;

grant execute on function public.rename_tag(uuid, text, text) to authenticated;

create function public.group_library(p_group_id uuid, p_tag text default null, p_limit integer default 50, p_offset integer default 0)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_tag text := case when nullif(btrim(coalesce(p_tag, '')), '') is null then null else private.clean_tag(p_tag) end;
  v_limit integer := least(greatest(coalesce(p_limit, 50), 1), 200);
  v_offset integer := greatest(coalesce(p_offset, 0), 0);
begin
  perform private.require_membership(p_group_id);
  -- One page in a stable order (newest first, then id), walking (group_id, created_at).
  return jsonb_build_object(
    'total', (select count(*)::integer
                from app.items as i
               where i.group_id = p_group_id
                 and (v_tag is null or exists (select from app.item_tags as t where t.item_id = i.id and t.tag = v_tag))),
    'entries', private.library_entries(array(
      select i.id
        from app.items as i
       where i.group_id = p_group_id
         and (v_tag is null or exists (select from app.item_tags as t where t.item_id = i.id and t.tag = v_tag))
       order by i.created_at desc, i.id
       limit v_limit offset v_offset)));
end;
$$;

comment on function public.group_library(uuid, text, integer, integer) is
  'RPC group_library(p_group_id, p_tag?, p_limit = 50, p_offset = 0) → LibraryPage: {total, entries: LibraryEntry[]}: one page (1–200 entries) of the group''s items, newest first (ties by id), only those tagged p_tag when given; total counts them all.';

revoke all on function public.group_library(uuid, text, integer, integer) from public, anon;

grant execute on function public.group_library(uuid, text, integer, integer) to authenticated;

create function private.library_entries(p_item_ids uuid[])
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
begin
  -- One statement for the whole page, so each table's policy is evaluated once, not per item.
  return (
    select coalesce(jsonb_agg(jsonb_build_object(
             'item_id', i.id,
             'kind', i.kind,
             'title', i.title,
             'url', private.preferred_url(i.url, i.canonical_url),
             'site_name', i.site_name,
             'excerpt', i.excerpt,
             'added_by', private.person(i.added_by, adder.display_name),
             'created_at', i.created_at,
             'tags', coalesce(t.tags, '[]'::jsonb),
             'comment_count', coalesce(c.n, 0),
             'reading_minutes', i.reading_minutes,
             'queue_position', q.position) order by o.n), '[]'::jsonb)
      from unnest(p_item_ids) with ordinality as o (id, n)
      join app.items as i on i.id = o.id
      left join app.profiles as adder on adder.id = i.added_by
      left join lateral (select jsonb_agg(t.tag order by t.tag) as tags
                           from app.item_tags as t where t.item_id = i.id) as t on true
      -- The item's own discussion: replies on highlights are the highlights'.
      left join lateral (select count(*)::integer as n
                           from app.comments as c
                          where c.item_id = i.id and c.deleted_at is null and c.highlight_id is null) as c on true
      left join app.queue_entries as q on q.item_id = i.id);
end;
$$;

comment on function private.library_entries(uuid[]) is
  'Rows of the library (api-types.ts LibraryEntry), in the order of p_item_ids, read as the caller (RLS): what each item is, its tags, live comment count (replies on highlights not counted), reading time and queue place (null when not queued).';

revoke all on function private.library_entries(uuid[]) from public;

grant execute on function private.library_entries(uuid[]) to authenticated;

create function public.item_reader(p_item_id uuid)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
begin
  perform private.require_item_membership(p_item_id);
  return (
    select jsonb_build_object(
             'id', i.id,
             'group_id', i.group_id,
             'kind', i.kind,
             'title', i.title,
             'url', private.preferred_url(i.url, i.canonical_url),
             'site_name', i.site_name,
             'byline', i.byline,
             'published_at', i.published_at,
             'lang', i.lang,
             'dir', i.dir,
             'excerpt', i.excerpt,
             'reading_minutes', i.reading_minutes,
             'content_html', i.content_html,
             'highlights', private.highlights_json(i.id)) || private.comment_page_json(i.id, null, null, 50)
      from app.items as i where i.id = p_item_id);
end;
$$;

comment on function public.item_reader(uuid) is
  'RPC item_reader(p_item_id) → ItemReader: the item''s clipped copy (sanitised content_html, null for a link or manual entry) with the latest page of its own comments (as item_detail''s; item_comments gives earlier pages) and its highlights (oldest first, each with reply_count and replies), for the reader view.';

revoke all on function public.item_reader(uuid) from public, anon;

grant execute on function public.item_reader(uuid) to authenticated;

create function private.search_terms(p_query text)
returns tsquery[]
language sql
immutable
set search_path = ''
as $$
  -- The words as 'simple' splits them (the same parser as the indexed text), each a prefix.
  select coalesce(array_agg(to_tsquery('simple'::regconfig, quote_literal(w.lexeme) || ':*') order by w.lexeme), '{}')
    from unnest(to_tsvector('simple'::regconfig, left(coalesce(p_query, ''), 500))) as w
$$;

comment on function private.search_terms(text) is
  'The words of a search (first 500 characters), split as the indexed text is, each a prefix tsquery ("lead" matches "leadership").';

revoke all on function private.search_terms(text) from public;

grant execute on function private.search_terms(text) to authenticated;

create function private.search_snippet(p_item_id uuid, p_query tsquery, p_words text[])
returns text
language plpgsql
stable
set search_path = ''
as $$
declare
  -- The words found are between U+0002 and U+0003 (removed from the text first): the side
  -- panel draws them as <mark> without reading the text as HTML. ts_headline leaves out
  -- markup and keeps one fragment of up to 30 words around the words found.
  c_options constant text := E'StartSel=\x02, StopSel=\x03, MaxWords=30, MinWords=12, ShortWord=0, MaxFragments=1, FragmentDelimiter=" … "';
  v_excerpt text;
  v_html text;
  v_at integer;
  v_text text;
  v_snippet text;
begin
  select i.excerpt, left(i.content_html, 200000) into v_excerpt, v_html from app.items as i where i.id = p_item_id;
  -- 1. The excerpt, when it holds a word (short: headlined whole).
  if v_excerpt is not null and to_tsvector('simple'::regconfig, v_excerpt) @@ p_query then
    return btrim(regexp_replace(ts_headline('simple'::regconfig, translate(v_excerpt, E'\x02\x03', ''), p_query, c_options), '\s+', ' ', 'g'));
  end if;
  -- 2. The clipped copy: only 500 characters around the first place a word appears, its tags
  --    taken out, headlined. The place is found by strpos as the word is indexed (lower case),
  --    then capitalised; lower() over the whole copy (slow on a long one) only when neither is.
  if v_html is not null then
    select min(nullif(strpos(v_html, w), 0)) into v_at from unnest(p_words) as w;
    if v_at is null then
      select min(nullif(strpos(v_html, initcap(w)), 0)) into v_at from unnest(p_words) as w;
    end if;
    if v_at is null then
      v_text := lower(v_html);
      select min(nullif(strpos(v_text, w), 0)) into v_at from unnest(p_words) as w;
    end if;
    if v_at is not null then
      v_text := substr(v_html, greatest(1, v_at - 250), 500);
      v_text := regexp_replace(v_text, '^[^<]*>', '');               -- the end of a tag cut in two
      v_text := regexp_replace(v_text, '<[^>]*$', '');               -- the start of one
      v_text := regexp_replace(v_text, '<[^>]*>', ' ', 'g');
      v_text := replace(replace(replace(replace(replace(replace(v_text,
                  '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&#39;', ''''), '&nbsp;', ' '), '&amp;', '&');
      v_text := btrim(regexp_replace(translate(v_text, E'\x02\x03', ''), '\s+', ' ', 'g'));
      v_snippet := btrim(regexp_replace(ts_headline('simple'::regconfig, v_text, p_query, c_options), '\s+', ' ', 'g'));
      if strpos(v_snippet, E'\x02') > 0 then
        return v_snippet;
      end if;
    end if;
  end if;
  -- 3. The first live comment holding a word.
  select btrim(regexp_replace(ts_headline('simple'::regconfig, translate(c.body, E'\x02\x03', ''), p_query, c_options), '\s+', ' ', 'g'))
    into v_snippet
    from app.comments as c
   where c.item_id = p_item_id and c.deleted_at is null and to_tsvector('simple'::regconfig, c.body) @@ p_query
   order by c.created_at, c.id
   limit 1;
  -- Else null: the words are in the title, site, byline or a tag, which the list shows anyway.
  return v_snippet;
end;
$$;

comment on function private.search_snippet(uuid, tsquery, text[]) is
  'The passage of a search result that holds the words (p_query; p_words the same words as plain text): from the excerpt, else 500 characters of the clipped copy around the first place a word appears (tags stripped), else the first live comment holding one; null when only the title, site, byline or a tag did. The words found are between U+0002 and U+0003.';

revoke all on function private.search_snippet(uuid, tsquery, text[]) from public;

grant execute on function private.search_snippet(uuid, tsquery, text[]) to authenticated;

create function private.search_hits(p_group_id uuid, p_query text, p_tag text, p_limit integer, p_offset integer)
returns table (item_id uuid, rank real, snippet text, total integer)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_words text[];
  v_any tsquery;
begin
  if private.group_role(p_group_id) is null then
    raise exception 'You are not a member of this group.' using errcode = '42501';
  end if;
  -- The words as private.search_terms splits them; v_any: any of them (ranking, snippets).
  select array_agg(w.lexeme order by w.lexeme) into v_words
    from unnest(to_tsvector('simple'::regconfig, left(coalesce(p_query, ''), 500))) as w;
  select string_agg(t::text, ' | ')::tsquery into v_any from unnest(private.search_terms(p_query)) as t;
  return query
    with matched as (
      -- Each word within the group (private.group_search_term), through the GIN indexes.
      select m.item_id, count(*) filter (where m.source <> 'item') as extra
        from (
          select t.n, s.item_id, s.source
            from unnest(v_words) with ordinality as t (word, n)
           cross join lateral (
             select i.id as item_id, 'item' as source
               from app.items as i
              where private.group_search_keys(i.group_id, i.search_text) @@ private.group_search_term(p_group_id, t.word)
             union
             select it.item_id, 'tag'
               from app.item_tags as it
              where private.group_search_keys(it.group_id, to_tsvector('simple'::regconfig, it.tag))
                    @@ private.group_search_term(p_group_id, t.word)
             union
             select c.item_id, 'comment'
               from app.comments as c
              where private.group_search_keys(c.group_id, to_tsvector('simple'::regconfig, c.body))
                    @@ private.group_search_term(p_group_id, t.word)
             union
             -- A highlighted passage and the comment on it count as the discussion's words.
             select h.item_id, 'highlight'
               from app.highlights as h
              where private.group_search_keys(h.group_id, to_tsvector('simple'::regconfig, h.exact || ' ' || h.body))
                    @@ private.group_search_term(p_group_id, t.word)
           ) as s
        ) as m
       group by m.item_id
      having count(distinct m.n) = cardinality(v_words)
    ),
    hits as (
      -- Title and text as ts_rank weighs them, plus a step for each word a tag, comment or highlight holds.
      select i.id, (ts_rank(i.search_text, v_any) + 0.1 * x.extra)::real as rank, i.created_at
        from matched as x
        join app.items as i on i.id = x.item_id
       where i.group_id = p_group_id
         and (p_tag is null or exists (select from app.item_tags as t where t.item_id = i.id and t.tag = p_tag))
    ),
    page as (
      select h.id, h.rank, h.created_at
        from hits as h
       order by h.rank desc, h.created_at desc, h.id
       limit p_limit offset p_offset
    )
    select p.id, p.rank, private.search_snippet(p.id, v_any, v_words), (select count(*)::integer from hits)
      from page as p
     order by p.rank desc, p.created_at desc, p.id;
end;
$$;

comment on function private.search_hits(uuid, text, text, integer, integer) is
  'One page of the group''s items holding every word of p_query (in the title/text, a tag, a comment (replies on highlights too) or a highlight''s passage and comment), tagged p_tag when given, best first (then newest, then id): ids, ranks, snippets (private.search_snippet, for this page only) and the number of matches in all. SECURITY DEFINER so the GIN indexes serve it (RLS would forbid them: @@ is not leakproof); it checks the caller''s membership itself (42501) and reads only that group.';

revoke all on function private.search_hits(uuid, text, text, integer, integer) from public;

grant execute on function private.search_hits(uuid, text, text, integer, integer) to authenticated;

create function public.search_library(p_group_id uuid, p_query text, p_tag text default null, p_limit integer default 50, p_offset integer default 0)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_terms tsquery[] := private.search_terms(p_query);
  v_tag text := case when nullif(btrim(coalesce(p_tag, '')), '') is null then null else private.clean_tag(p_tag) end;
  v_ids uuid[];
  v_found jsonb;
  v_hits jsonb;
  v_total integer;
begin
  perform private.require_membership(p_group_id);
  if cardinality(v_terms) = 0 then
    raise exception 'Type a word to search for.' using errcode = '22023';
  end if;
  if cardinality(v_terms) > 10 then
    raise exception 'Search for at most 10 words at a time.' using errcode = '22023';
  end if;
  -- The page of hits the helper found, in its order; the entries are read as the member (RLS).
  select coalesce(array_agg(h.item_id order by h.ord), '{}'),
         coalesce(jsonb_object_agg(h.item_id, jsonb_build_object('rank', round(h.rank::numeric, 4), 'snippet', h.snippet)), '{}'),
         coalesce(max(h.total), 0)
    into v_ids, v_found, v_total
    from private.search_hits(p_group_id, p_query, v_tag,
                             least(greatest(coalesce(p_limit, 50), 1), 100), greatest(coalesce(p_offset, 0), 0))
         with ordinality as h (item_id, rank, snippet, total, ord);
  select coalesce(jsonb_agg(e || (v_found -> (e ->> 'item_id')) order by o), '[]'::jsonb)
    into v_hits
    from jsonb_array_elements(private.library_entries(v_ids)) with ordinality as x (e, o);
  if v_total = 0 and coalesce(p_offset, 0) > 0 then
    -- Past the last page the helper returns no row to carry the total: count again from the start.
    select coalesce(max(h.total), 0) into v_total from private.search_hits(p_group_id, p_query, v_tag, 1, 0) as h;
  end if;
  return jsonb_build_object('total', v_total, 'entries', v_hits);
end;
$$;

comment on function public.search_library(uuid, text, text, integer, integer) is
  'RPC search_library(p_group_id, p_query, p_tag?, p_limit = 50, p_offset = 0) → SearchPage: {total, entries: SearchHit[]}: one page (1–100) of the group''s items holding every word typed (each a prefix) in the title, site, byline, excerpt, clipped text, a tag or a comment, tagged p_tag when given; best first, then newest, then id. Each hit carries its rank and snippet (the passage holding the words, marked by U+0002 … U+0003, or null). 22023 when nothing searchable was typed or over 10 words.';

revoke all on function public.search_library(uuid, text, text, integer, integer) from public, anon;

grant execute on function public.search_library(uuid, text, text, integer, integer) to authenticated;

create function private.library_item_for(p_group_id uuid, p_key text, p_page_key text)
returns uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if private.group_role(p_group_id) is null then
    raise exception 'You are not a member of this group.' using errcode = '42501';
  end if;
  -- Its key first, else the oldest clipped from this address or keyed by it.
  return (
    select i.id
      from app.items as i
     where i.group_id = p_group_id
       and (i.url_key = p_key or i.page_key = p_page_key or i.url_key = p_page_key)
     order by i.url_key = p_key desc, i.created_at, i.id
     limit 1);
end;
$$;

comment on function private.library_item_for(uuid, text, text) is
  'The id of the group''s item whose url_key is p_key, else the oldest whose page_key or url_key is p_page_key, else null. SECURITY DEFINER so the key indexes serve it (under the items policy the planner read the whole group); it checks the caller''s membership itself (42501) and reads only that group.';

revoke all on function private.library_item_for(uuid, text, text) from public;

grant execute on function private.library_item_for(uuid, text, text) to authenticated;

create function private.library_item_by_hash(p_group_id uuid, p_hash text)
returns uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if private.group_role(p_group_id) is null then
    raise exception 'You are not a member of this group.' using errcode = '42501';
  end if;
  -- Its key first, else the oldest clipped from this address.
  return (
    select i.id
      from app.items as i
     where i.group_id = p_group_id
       and (i.url_key_hash = p_hash or i.page_key_hash = p_hash)
     order by i.url_key_hash = p_hash desc, i.created_at, i.id
     limit 1);
end;
$$;

comment on function private.library_item_by_hash(uuid, text) is
  'The id of the group''s item whose url_key_hash is p_hash, else the oldest whose page_key_hash is, else null. SECURITY DEFINER so the hash indexes serve it; it checks the caller''s membership itself (42501) and reads only that group.';

revoke all on function private.library_item_by_hash(uuid, text) from public;

grant execute on function private.library_item_by_hash(uuid, text) to authenticated;

-- --------------------------------------------------------------------------------------
-- Table privileges
-- --------------------------------------------------------------------------------------

-- Row-level security decides which rows; these grants decide what the SECURITY INVOKER
-- RPCs may do at all (no other API role holds anything on these tables).

grant select, insert, delete on table app.items to authenticated;

grant select, insert, delete on table app.item_tags to authenticated;

-- --------------------------------------------------------------------------------------
-- Row level security policies
-- --------------------------------------------------------------------------------------

create policy "Members can add items to their groups' libraries"
  on app.items for insert to authenticated
  with check (added_by = (select auth.uid()) and group_id in (select private.my_group_ids()));

create policy "The person who added an item, or an owner or admin, can delete it"
  on app.items for delete to authenticated
  using (
    (added_by = (select auth.uid()) and group_id in (select private.my_group_ids()))
    or group_id in (select private.my_group_ids(array['owner', 'admin']))
  );

create policy "Members can tag their groups' items"
  on app.item_tags for insert to authenticated
  with check (added_by = (select auth.uid()) and group_id in (select private.my_group_ids()));

create policy "Members can remove tags from their groups' items"
  on app.item_tags for delete to authenticated
  using (group_id in (select private.my_group_ids()));

create policy "Members can read their groups' items"
  on app.items for select to authenticated
  using (group_id = any (array(select private.my_group_ids())));

create policy "Members can read their groups' tags"
  on app.item_tags for select to authenticated
  using (group_id = any (array(select private.my_group_ids())));
