-- =====================================================================================
-- Search (issue 5, part 6): full-text search of a group's library — titles, the clipped
-- text, tags and comments — with Postgres full-text search and GIN indexes.
--
-- * Configuration 'simple' (lower-case, no stemming, no stop words), not a language one:
--   a group clips in many languages (items.lang varies per item) and one stemmer would
--   mangle the others; instead every word typed is a prefix, so "lead" finds "leadership"
--   and "führ" finds "Führung". HTML tags in content_html are tokens the parser recognises
--   and 'simple' does not index, so the stored HTML is searched as its text.
-- * Each source has its own index, and nothing is rewritten when a member tags or comments:
--   items.search_text (a stored generated tsvector of the title (A), site and byline (C),
--   excerpt (C) and the first 200,000 characters of the clipped copy (D) — the cap keeps
--   the vector under Postgres's 1 MB tsvector limit, whatever a page holds), and expression
--   indexes on item_tags' and comments' text.
-- * A result holds every word typed, each found in any source (title, text, tag or
--   comment): one word in the title and another in a comment is a match.
-- * search_library is SECURITY INVOKER and checks membership first (an outsider gets "not a
--   member", not an empty list); the index lookups run in private.search_hits, a definer
--   helper that checks membership again, because under RLS the GIN indexes cannot be used.
-- utils/api-types.ts is the contract (search_library → SearchHit[]).
-- =====================================================================================

alter table public.items
  add column search_text tsvector generated always as (
    setweight(to_tsvector('simple'::regconfig, coalesce(title, '')), 'A')
    || setweight(to_tsvector('simple'::regconfig, coalesce(site_name, '') || ' ' || coalesce(byline, '')), 'C')
    || setweight(to_tsvector('simple'::regconfig, coalesce(excerpt, '')), 'C')
    || setweight(to_tsvector('simple'::regconfig, left(coalesce(content_html, ''), 200000)), 'D')
  ) stored;

comment on column public.items.search_text is
  'Full-text search vector (config simple): title (weight A), site and byline (C), excerpt (C), the first 200,000 characters of the clipped copy (D; HTML tags are not indexed).';

create index items_search_text_idx on public.items using gin (search_text);
create index item_tags_search_idx on public.item_tags using gin (to_tsvector('simple'::regconfig, tag));
create index comments_search_idx on public.comments using gin (to_tsvector('simple'::regconfig, body));

-- ---------- The words typed, as prefix queries ----------
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

-- Why a definer helper: under row-level security Postgres may not use an index for an
-- operator that is not LEAKPROOF, and tsvector's @@ is not, so a member's search read every
-- row of the group (a sequential scan; seen in 14_search.sql). This helper runs as the
-- tables' owner, checks membership itself, and reads only the one group's rows, through
-- the GIN indexes; search_library then builds the results under the member's RLS.
create function private.search_hits(p_group_id uuid, p_terms tsquery[])
returns table (item_id uuid, rank real)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_any tsquery;
begin
  if private.group_role(p_group_id) is null then
    raise exception 'You are not a member of this group.' using errcode = '42501';
  end if;
  select string_agg(t::text, ' | ')::tsquery into v_any from unnest(p_terms) as t;
  return query
    select m.item_id,
           -- Title and text as ts_rank weighs them, plus a step for each word a tag or comment holds.
           (ts_rank(i.search_text, v_any) + 0.1 * count(*) filter (where m.source <> 'item'))::real
      from (
        select t.n, s.item_id, s.source
          from unnest(p_terms) with ordinality as t (term, n)
         cross join lateral (
           select i.id as item_id, 'item' as source
             from public.items as i
            where i.group_id = p_group_id and i.search_text @@ t.term
           union
           select it.item_id, 'tag'
             from public.item_tags as it
            where it.group_id = p_group_id and to_tsvector('simple'::regconfig, it.tag) @@ t.term
           union
           select c.item_id, 'comment'
             from public.comments as c
            where c.group_id = p_group_id and to_tsvector('simple'::regconfig, c.body) @@ t.term
         ) as s
      ) as m
      join public.items as i on i.id = m.item_id
     group by m.item_id, i.created_at, i.search_text
    having count(distinct m.n) = cardinality(p_terms)
     order by 2 desc, i.created_at desc, m.item_id
     limit 50;
end;
$$;

comment on function private.search_hits(uuid, tsquery[]) is
  'The ids and ranks of a group''s items holding every term (in title/text, a tag or a comment), best 50. SECURITY DEFINER so the GIN indexes serve it (RLS would forbid them: @@ is not leakproof); it checks the caller''s membership itself (42501) and reads only that group.';

create function public.search_library(p_group_id uuid, p_query text)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_terms tsquery[] := private.search_terms(p_query);
begin
  perform private.require_membership(p_group_id);
  if cardinality(v_terms) = 0 then
    raise exception 'Type a word to search for.' using errcode = '22023';
  end if;
  if cardinality(v_terms) > 10 then
    raise exception 'Search for at most 10 words at a time.' using errcode = '22023';
  end if;
  -- The entries are read as the member (RLS), from the hits the helper found.
  return coalesce((
    select jsonb_agg(private.library_entry(h.item_id) || jsonb_build_object('rank', round(h.rank::numeric, 4))
                     order by h.rank desc, i.created_at desc, h.item_id)
      from private.search_hits(p_group_id, v_terms) as h
      join public.items as i on i.id = h.item_id), '[]'::jsonb);
end;
$$;

comment on function public.search_library(uuid, text) is
  'RPC search_library(p_group_id, p_query) → SearchHit[]: the group''s items holding every word typed (each a prefix) in the title, site, byline, excerpt, clipped text, a tag or a comment; best first, at most 50. 22023 when nothing searchable was typed or over 10 words.';

revoke all on function private.search_terms(text) from public;
revoke all on function private.search_hits(uuid, tsquery[]) from public;
grant execute on function private.search_terms(text) to authenticated;
grant execute on function private.search_hits(uuid, tsquery[]) to authenticated;
revoke all on function public.search_library(uuid, text) from public, anon;
grant execute on function public.search_library(uuid, text) to authenticated, service_role;
