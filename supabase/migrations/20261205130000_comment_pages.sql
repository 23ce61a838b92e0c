-- An item's discussion in pages: item_detail, find_item and item_reader carry the latest page
-- (the 50 newest top comments with their replies, with the number of top comments in all and
-- of those before the page); item_comments gives the earlier pages, keyset-paged by
-- (created_at, id). Same change as supabase/schemas/40_comments.sql and 30_library.sql.

-- An item's top comments in thread order: the pages of its discussion (comment_page_json) are
-- read newest first from a keyset (created_at, id), and counted, without reading replies.
create index comments_item_id_top_created_at_id_idx on app.comments (item_id, created_at, id)
  where parent_id is null and highlight_id is null;

create function private.comment_page_json(
  p_item_id uuid,
  p_before_created_at timestamptz,
  p_before_id uuid,
  p_limit integer
)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
begin
  return (
    with page as (
      -- The p_limit newest top comments older than (p_before_created_at, p_before_id), or the
      -- newest of all without it: keyset order, so equal timestamps neither repeat nor skip.
      select t.id, t.created_at
        from app.comments as t
       where t.item_id = p_item_id and t.parent_id is null and t.highlight_id is null
         and (p_before_created_at is null or (t.created_at, t.id) < (p_before_created_at, p_before_id))
       order by t.created_at desc, t.id desc
       limit p_limit
    ),
    oldest as (
      select p.created_at, p.id from page as p order by p.created_at, p.id limit 1
    )
    select jsonb_build_object(
             'comments', coalesce((
               select jsonb_agg(
                        jsonb_build_object(
                          'id', c.id,
                          'body', c.body,
                          'author', private.person(c.author_id, author.display_name),
                          'created_at', c.created_at,
                          'updated_at', c.updated_at,
                          'parent_id', c.parent_id,
                          'deleted', c.deleted_at is not null)
                        order by c.created_at, c.id)
                 from app.comments as c
                 left join app.profiles as author on author.id = c.author_id
                where c.item_id = p_item_id and c.highlight_id is null
                  and (c.id in (select p.id from page as p) or c.parent_id in (select p.id from page as p))), '[]'::jsonb),
             'top_comment_count', (
               select count(*)
                 from app.comments as t
                where t.item_id = p_item_id and t.parent_id is null and t.highlight_id is null),
             'earlier_comment_count', (
               select count(*)
                 from app.comments as t
                 join oldest as o on (t.created_at, t.id) < (o.created_at, o.id)
                where t.item_id = p_item_id and t.parent_id is null and t.highlight_id is null)));
end;
$$;

comment on function private.comment_page_json(uuid, timestamptz, uuid, integer) is
  'One page of an item''s own discussion (replies on highlights left out), the CommentPage shape of api-types.ts: the p_limit newest top comments before (p_before_created_at, p_before_id) (the newest when null) with all their replies, oldest first and flat (replies carry parent_id); top_comment_count (top comments in all, deleted placeholders included) and earlier_comment_count (top comments older than this page''s oldest). Read as the caller (RLS); callers check membership first.';

revoke all on function private.comment_page_json(uuid, timestamptz, uuid, integer) from public;

grant execute on function private.comment_page_json(uuid, timestamptz, uuid, integer) to authenticated;

create function public.item_comments(
  p_item_id uuid,
  p_before_created_at timestamptz default null,
  p_before_id uuid default null,
  p_limit integer default 50
)
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
  -- As item_detail: the same code and words whether the item is gone or in a group the caller is not in.
  if v_group_id is null or private.group_role(v_group_id) is null then
    raise exception 'That article is no longer in the library.' using errcode = 'P0001';
  end if;
  if (p_before_created_at is null) <> (p_before_id is null) then
    raise exception 'An earlier page of comments starts before a comment: give both its created_at and its id, or neither for the latest page.'
      using errcode = '22023';
  end if;
  if p_limit is null or p_limit < 1 or p_limit > 200 then
    raise exception 'A page of comments holds 1 to 200 top comments (asked for %).', coalesce(p_limit::text, 'none')
      using errcode = '22023';
  end if;
  return private.comment_page_json(p_item_id, p_before_created_at, p_before_id, p_limit);
end;
$$;

comment on function public.item_comments(uuid, timestamptz, uuid, integer) is
  'RPC item_comments(p_item_id, p_before_created_at = null, p_before_id = null, p_limit = 50) → CommentPage: the p_limit (1 to 200) newest top comments of the item''s own discussion older than the top comment (p_before_created_at, p_before_id), or the newest without them, each with all its replies, oldest first; with top_comment_count and earlier_comment_count (top comments older than this page). item_detail, find_item and item_reader carry the latest page. P0001 "no longer in the library" both for no such item and for an item in a group the caller is not in; 22023 for half a position or a bad limit.';

revoke all on function public.item_comments(uuid, timestamptz, uuid, integer) from public, anon;

grant execute on function public.item_comments(uuid, timestamptz, uuid, integer) to authenticated;

-- ---------- item_detail, find_item (private.item_json) and item_reader: the latest page ----------

create or replace function private.item_json(p_item_id uuid)
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

comment on function public.item_detail(uuid) is
  'RPC item_detail(p_item_id) → ItemDetail: the item (kind, url or null, authors, dates, lang, dir, …), its tags, the latest page of its comments (the 50 newest top comments with their replies, oldest first, top_comment_count and earlier_comment_count; item_comments gives earlier pages), queue place (null when not queued) and can_delete (the caller may remove it). P0001 "no longer in the library" both when there is no such item and when it is in a group the caller is not in.';

create or replace function public.item_reader(p_item_id uuid)
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

drop function private.comments_json(uuid);
