-- Search within a group through the GIN indexes, one page at a time, with snippets; the
-- library list one page at a time.
-- * The search indexes on items, tags and comments key each word by its group
--   (private.group_search_keys): a word, or a word's beginning, is looked up among that group's
--   entries only, instead of among every group's and then filtered (a common word's beginning
--   matched hundreds of thousands of other groups' items before).
-- * They skip GIN's pending list (fastupdate = off): a search reads the whole list, so a list
--   grown by recent (or rolled-back) clips made a 0.2 ms lookup take 12-60 ms.
-- * search_library(p_group_id, p_query, p_tag, p_limit, p_offset) → {total, entries}: a page
--   of hits in a stable order, each with a snippet (private.search_snippet, this page only).
-- * group_library(p_group_id, p_tag, p_limit, p_offset) → {total, entries}: a page of the
--   library, newest first, past the former cap of 500.
-- * private.library_entries builds a page's entries in one statement (was library_entry, one
--   statement per item, each evaluating the policies again).

drop function public.search_library(uuid, text);

drop function private.search_hits(uuid, tsquery[]);

drop function public.group_library(uuid, text);

drop function private.library_entry(uuid);

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

comment on column app.items.search_text is
  'Full-text search vector (config simple): title (weight A), site and byline (C), excerpt (C), the first 200,000 characters of the clipped copy (D; HTML tags are not indexed). search_library ranks by it; it finds words through items_search_keys_idx.';

drop index app.items_search_text_idx;

create index items_search_keys_idx on app.items
  using gin (private.group_search_keys(group_id, search_text)) with (fastupdate = off);

drop index app.item_tags_search_idx;

create index item_tags_search_keys_idx on app.item_tags
  using gin (private.group_search_keys(group_id, to_tsvector('simple'::regconfig, tag))) with (fastupdate = off);

drop index app.comments_search_idx;

create index comments_search_keys_idx on app.comments
  using gin (private.group_search_keys(group_id, to_tsvector('simple'::regconfig, body))) with (fastupdate = off);

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
      left join lateral (select count(*)::integer as n
                           from app.comments as c where c.item_id = i.id and c.deleted_at is null) as c on true
      left join app.queue_entries as q on q.item_id = i.id);
end;
$$;

comment on function private.library_entries(uuid[]) is
  'Rows of the library (api-types.ts LibraryEntry), in the order of p_item_ids, read as the caller (RLS): what each item is, its tags, live comment count, reading time and queue place (null when not queued).';

revoke all on function private.library_entries(uuid[]) from public;

grant execute on function private.library_entries(uuid[]) to authenticated;

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
           ) as s
        ) as m
       group by m.item_id
      having count(distinct m.n) = cardinality(v_words)
    ),
    hits as (
      -- Title and text as ts_rank weighs them, plus a step for each word a tag or comment holds.
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
  'One page of the group''s items holding every word of p_query (in the title/text, a tag or a comment), tagged p_tag when given, best first (then newest, then id): ids, ranks, snippets (private.search_snippet, for this page only) and the number of matches in all. SECURITY DEFINER so the GIN indexes serve it (RLS would forbid them: @@ is not leakproof); it checks the caller''s membership itself (42501) and reads only that group.';

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
