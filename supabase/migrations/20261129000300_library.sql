-- =====================================================================================
-- Library: the articles (and bare links) a group has clipped, and their tags.
--
-- * One item per article per group: unique (group_id, url_key), where url_key is the
--   normalised URL (private.url_key). Clipping the same article again adds to the
--   existing item (clip_item) instead of duplicating it.
-- * reading_minutes is computed here once, as utils/api-types.ts readingMinutes does.
-- =====================================================================================

-- ---------- URL helpers ----------
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

revoke all on function private.url_key(text) from public;
revoke all on function private.preferred_url(text, text) from public;
-- Evaluated as the inserting role by items.url_key (a generated column).
grant execute on function private.url_key(text) to authenticated, service_role;
grant execute on function private.preferred_url(text, text) to authenticated, service_role;

-- ---------- items ----------
create table public.items (
  id uuid primary key default gen_random_uuid(),
  group_id uuid not null references public.groups (id) on delete cascade,
  client_id uuid not null unique,
  kind text not null
    constraint items_kind_valid check (kind in ('article', 'link')),
  url text not null
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
    constraint items_content_html_size check (octet_length(content_html) <= 2097152),
  text_length integer not null default 0
    constraint items_text_length_valid check (text_length between 0 and 10000000),
  reading_minutes integer generated always as (greatest(1, round(text_length / 5.0 / 230))::integer) stored,
  lang text
    constraint items_lang_length check (char_length(lang) <= 35),
  lead_image_url text
    constraint items_lead_image_url_valid check (lead_image_url ~* '^https?://' and char_length(lead_image_url) <= 2048),
  added_by uuid default auth.uid() references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  constraint items_link_has_no_content check (kind = 'article' or content_html is null),
  constraint items_group_url_key_unique unique (group_id, url_key),
  -- Lets tags, comments and queue entries carry group_id and still agree with their item.
  constraint items_group_id_id_unique unique (group_id, id)
);

comment on table public.items is
  'A group''s library: one row per article (or bare link) per group, whoever clipped it first.';
comment on column public.items.id is 'Item id.';
comment on column public.items.group_id is 'The group whose library holds the item.';
comment on column public.items.client_id is 'Client-generated id of the clip that created the item (clip_item''s p_client_id).';
comment on column public.items.kind is 'article (readable copy saved) or link (the page could not be read).';
comment on column public.items.url is 'The URL the page was clipped from.';
comment on column public.items.canonical_url is 'The page''s own canonical URL, when it declared one.';
comment on column public.items.url_key is 'Normalised preferred URL (private.url_key); unique per group, so an article is in a library once.';
comment on column public.items.title is 'Article title (1–500 characters).';
comment on column public.items.byline is 'Author line, as the page gave it.';
comment on column public.items.site_name is 'Publication or site name.';
comment on column public.items.excerpt is 'Short summary or first lines.';
comment on column public.items.content_html is 'Sanitised article HTML (at most 2 MB); null for a link.';
comment on column public.items.text_length is 'Characters of readable text; 0 for a link.';
comment on column public.items.reading_minutes is 'greatest(1, round(text_length / 5 / 230)): ~5 characters a word, 230 words a minute.';
comment on column public.items.lang is 'Language tag of the article (e.g. en, de-CH).';
comment on column public.items.lead_image_url is 'Lead image of the article.';
comment on column public.items.added_by is 'Who clipped it first (null once that account is deleted).';
comment on column public.items.created_at is 'When it was first clipped.';

create index items_added_by_idx on public.items (added_by);

-- ---------- item_tags ----------
create table public.item_tags (
  item_id uuid not null,
  group_id uuid not null,
  tag text not null
    constraint item_tags_tag_format check (char_length(tag) between 1 and 40 and tag = lower(btrim(tag))),
  added_by uuid default auth.uid() references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  primary key (item_id, tag),
  foreign key (group_id, item_id) references public.items (group_id, id) on delete cascade
);

comment on table public.item_tags is 'Tags on library items (lower-case, 1–40 characters); merged across clips of the same article.';
comment on column public.item_tags.item_id is 'The tagged item.';
comment on column public.item_tags.group_id is 'The item''s group (kept here so policies need no join; the foreign key keeps it right).';
comment on column public.item_tags.tag is 'The tag, lower-case and trimmed.';
comment on column public.item_tags.added_by is 'Who first gave the item this tag.';
comment on column public.item_tags.created_at is 'When the tag was first given.';

create index item_tags_group_id_tag_idx on public.item_tags (group_id, tag);
create index item_tags_group_id_item_id_idx on public.item_tags (group_id, item_id);
create index item_tags_added_by_idx on public.item_tags (added_by);

-- ---------- Row-level security ----------
alter table public.items enable row level security;
alter table public.item_tags enable row level security;
revoke all on table public.items, public.item_tags from anon;
revoke truncate, references, trigger on table public.items, public.item_tags from authenticated;

-- items (no update policy: an item is as first clipped; later clips add tags, comments, a queue place)
create policy "Members can read their groups' items"
  on public.items for select to authenticated
  using (group_id in (select private.my_group_ids()));

create policy "Members can add items to their groups' libraries"
  on public.items for insert to authenticated
  with check (added_by = (select auth.uid()) and group_id in (select private.my_group_ids()));

create policy "The person who added an item, or an owner or admin, can delete it"
  on public.items for delete to authenticated
  using (
    (added_by = (select auth.uid()) and group_id in (select private.my_group_ids()))
    or group_id in (select private.my_group_ids(array['owner', 'admin']))
  );

-- item_tags (no update policy: a tag is added or removed)
create policy "Members can read their groups' tags"
  on public.item_tags for select to authenticated
  using (group_id in (select private.my_group_ids()));

create policy "Members can tag their groups' items"
  on public.item_tags for insert to authenticated
  with check (added_by = (select auth.uid()) and group_id in (select private.my_group_ids()));

create policy "Members can remove tags from their groups' items"
  on public.item_tags for delete to authenticated
  using (group_id in (select private.my_group_ids()));
