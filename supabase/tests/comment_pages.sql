-- An item's discussion in pages: item_detail (and item_reader, find_item) carry the 50 newest
-- top comments with all their replies, oldest first, and the counts; item_comments gives the
-- pages before a top comment, newest first by (created_at, id), so top comments written at the
-- same instant are neither repeated nor skipped at a page's edge. Replies stay with their top
-- comment's page; replies on highlights are on no page and in no count. Only members read them:
-- an outsider, a signed-out caller and a missing item are refused, and bad positions or limits
-- get a clear message.
begin;
set search_path = public, extensions;
select plan(34);

-- Ola owns "Pages", Pia is a member there; Quin owns "Other" and is in no group of theirs.
insert into auth.users (id, email, raw_user_meta_data) values
  ('1a000000-0000-4000-8000-0000000000a1', 'ola@test.test', '{"display_name": "Ola"}'),
  ('1a000000-0000-4000-8000-0000000000a2', 'pia@test.test', '{"display_name": "Pia"}'),
  ('1a000000-0000-4000-8000-0000000000a3', 'quin@test.test', '{"display_name": "Quin"}');
insert into app.groups (id, name, created_by) values
  ('1a000000-0000-4000-8000-0000000000b1', 'Pages', '1a000000-0000-4000-8000-0000000000a1'),
  ('1a000000-0000-4000-8000-0000000000b2', 'Other', '1a000000-0000-4000-8000-0000000000a3');
insert into app.group_members (group_id, user_id, role) values
  ('1a000000-0000-4000-8000-0000000000b1', '1a000000-0000-4000-8000-0000000000a2', 'member');
insert into app.items (id, group_id, client_id, kind, url, title, content_html, text_length, added_by) values
  ('1a000000-0000-4000-8000-0000000000c1', '1a000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'article',
   'https://example.com/long', 'A long discussion', '<p>Words.</p>', 6, '1a000000-0000-4000-8000-0000000000a1'),
  ('1a000000-0000-4000-8000-0000000000c2', '1a000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'link',
   'https://example.com/ties', 'Same instant', null, 0, '1a000000-0000-4000-8000-0000000000a1'),
  ('1a000000-0000-4000-8000-0000000000c3', '1a000000-0000-4000-8000-0000000000b2', gen_random_uuid(), 'link',
   'https://example.com/other', 'Another group''s', null, 0, '1a000000-0000-4000-8000-0000000000a3');

-- "A long discussion": 120 top comments a minute apart, except that tops 66-75 share one
-- instant (so the first earlier page ends among them). A reply to top 10, written last; a
-- deleted top 5 kept as a placeholder by its reply; a highlight with a reply.
insert into app.comments (id, item_id, group_id, author_id, body, created_at)
select ('1a000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid,
       '1a000000-0000-4000-8000-0000000000c1', '1a000000-0000-4000-8000-0000000000b1',
       case when n % 2 = 0 then '1a000000-0000-4000-8000-0000000000a1'::uuid else '1a000000-0000-4000-8000-0000000000a2'::uuid end,
       'Top ' || n,
       timestamptz '2026-12-01 10:00:00+00' + make_interval(mins => case when n between 66 and 75 then 66 else n end)
  from generate_series(1, 120) as n;
insert into app.comments (id, item_id, group_id, author_id, body, parent_id, created_at) values
  ('1a000000-0000-4000-8000-0000000010a1', '1a000000-0000-4000-8000-0000000000c1', '1a000000-0000-4000-8000-0000000000b1',
   '1a000000-0000-4000-8000-0000000000a1', 'Reply to top 10', '1a000000-0000-4000-8000-000000000010', '2026-12-02 10:00:00+00'),
  ('1a000000-0000-4000-8000-0000000010a2', '1a000000-0000-4000-8000-0000000000c1', '1a000000-0000-4000-8000-0000000000b1',
   '1a000000-0000-4000-8000-0000000000a2', 'Reply to top 5', '1a000000-0000-4000-8000-000000000005', '2026-12-02 10:01:00+00'),
  ('1a000000-0000-4000-8000-0000000010a3', '1a000000-0000-4000-8000-0000000000c1', '1a000000-0000-4000-8000-0000000000b1',
   '1a000000-0000-4000-8000-0000000000a2', 'Reply to top 120', '1a000000-0000-4000-8000-000000000120', '2026-12-02 10:02:00+00');
update app.comments set body = '', deleted_at = now() where id = '1a000000-0000-4000-8000-000000000005';
insert into app.highlights (id, item_id, group_id, author_id, exact) values
  ('1a000000-0000-4000-8000-0000000000e1', '1a000000-0000-4000-8000-0000000000c1', '1a000000-0000-4000-8000-0000000000b1',
   '1a000000-0000-4000-8000-0000000000a2', 'Words');
insert into app.comments (item_id, group_id, author_id, body, highlight_id, created_at) values
  ('1a000000-0000-4000-8000-0000000000c1', '1a000000-0000-4000-8000-0000000000b1', '1a000000-0000-4000-8000-0000000000a1',
   'On the passage', '1a000000-0000-4000-8000-0000000000e1', '2026-12-03 10:00:00+00');
-- "Same instant": seven top comments written at one instant. "Another group's": one comment.
insert into app.comments (id, item_id, group_id, author_id, body, created_at)
select ('1a000000-0000-4000-8000-0000000002' || lpad(n::text, 2, '0'))::uuid,
       '1a000000-0000-4000-8000-0000000000c2', '1a000000-0000-4000-8000-0000000000b1', '1a000000-0000-4000-8000-0000000000a1',
       'Tie ' || n, timestamptz '2026-12-01 10:00:00+00'
  from generate_series(1, 7) as n;
insert into app.comments (item_id, group_id, author_id, body) values
  ('1a000000-0000-4000-8000-0000000000c3', '1a000000-0000-4000-8000-0000000000b2', '1a000000-0000-4000-8000-0000000000a3', 'Elsewhere');

-- The bodies of a page's top comments and of all its comments, in the page's order.
create function tests.tops(p_page jsonb) returns text[] language sql as $$
  select coalesce(array_agg(c ->> 'body' order by o), '{}')
    from jsonb_array_elements(p_page -> 'comments') with ordinality as e(c, o) where c ->> 'parent_id' is null
$$;
create function tests.bodies(p_page jsonb) returns text[] language sql as $$
  select coalesce(array_agg(c ->> 'body' order by o), '{}')
    from jsonb_array_elements(p_page -> 'comments') with ordinality as e(c, o)
$$;
-- item_comments before the page's oldest top comment.
create function tests.before(p_item uuid, p_page jsonb, p_limit integer default 50) returns jsonb language sql as $$
  select public.item_comments(p_item, (c ->> 'created_at')::timestamptz, (c ->> 'id')::uuid, p_limit)
    from jsonb_array_elements(p_page -> 'comments') with ordinality as e(c, o) where c ->> 'parent_id' is null order by o limit 1
$$;
grant execute on all functions in schema tests to authenticated;
create table tests.pages (n integer primary key, page jsonb);
grant select, insert, delete on tests.pages to authenticated;

-- ---------- The latest page: item_detail ----------
select tests.act_as('1a000000-0000-4000-8000-0000000000a2');
insert into tests.pages values (1, public.item_detail('1a000000-0000-4000-8000-0000000000c1'));
select is(tests.tops((select page from tests.pages where n = 1)),
  array(select 'Top ' || n from generate_series(71, 120) as n),
  'item_detail carries the 50 newest top comments, oldest first.');
select is((select page -> 'top_comment_count' from tests.pages where n = 1), '120'::jsonb,
  'item_detail counts all 120 top comments (the deleted placeholder included, replies and replies on highlights not).');
select is((select page -> 'earlier_comment_count' from tests.pages where n = 1), '70'::jsonb,
  'item_detail says 70 top comments are older than its page.');
select is(tests.bodies((select page from tests.pages where n = 1)),
  array(select 'Top ' || n from generate_series(71, 120) as n) || array['Reply to top 120'],
  'The page holds its top comments'' replies, and no other comment: not the replies to older tops, not the reply on a highlight.');
select ok((select page ? 'item' and page ? 'tags' and page ? 'queue' and page ? 'can_delete' from tests.pages where n = 1),
  'item_detail still carries the item, its tags, queue place and can_delete.');

-- ---------- Earlier pages: item_comments ----------
insert into tests.pages select 2, tests.before('1a000000-0000-4000-8000-0000000000c1', page) from tests.pages where n = 1;
select is(tests.tops((select page from tests.pages where n = 2)),
  array(select 'Top ' || n from generate_series(21, 70) as n),
  'The page before: the next 50 top comments, oldest first, among them those written at one instant (66-75) on both sides of the edge.');
select is((select page -> 'earlier_comment_count' from tests.pages where n = 2), '20'::jsonb,
  'It says 20 are older still.');
select is((select page -> 'top_comment_count' from tests.pages where n = 2), '120'::jsonb,
  'Every page gives the same count of top comments.');
insert into tests.pages select 3, tests.before('1a000000-0000-4000-8000-0000000000c1', page) from tests.pages where n = 2;
select is(tests.tops((select page from tests.pages where n = 3)),
  array(select case when n = 5 then '' else 'Top ' || n end from generate_series(1, 20) as n),
  'The oldest page: the last 20, the deleted one as its blank placeholder.');
select is((select page -> 'earlier_comment_count' from tests.pages where n = 3), '0'::jsonb,
  'The oldest page says nothing is older.');
select ok((select c @> '{"deleted": true, "body": ""}' from tests.pages, jsonb_array_elements(page -> 'comments') as c
            where n = 3 and c ->> 'id' = '1a000000-0000-4000-8000-000000000005'),
  'A deleted top comment with a reply shows as deleted.');
select is((select array_agg(c ->> 'body' order by c ->> 'body') from tests.pages, jsonb_array_elements(page -> 'comments') as c
            where n = 3 and c ->> 'parent_id' is not null),
  array['Reply to top 10', 'Reply to top 5'],
  'Replies are on their top comment''s page, however new they are.');
select is((select (c ->> 'parent_id') from tests.pages, jsonb_array_elements(page -> 'comments') as c
            where n = 3 and c ->> 'body' = 'Reply to top 10'),
  '1a000000-0000-4000-8000-000000000010', 'A reply carries its parent_id.');
select is((select count(*)::int from tests.pages, jsonb_array_elements(page -> 'comments') as c where c ->> 'parent_id' is null),
  120, 'The three pages hold 120 top comments…');
select is((select count(distinct c ->> 'id')::int from tests.pages, jsonb_array_elements(page -> 'comments') as c),
  123, '…and 3 replies, none twice.');
select is(public.item_comments('1a000000-0000-4000-8000-0000000000c1', '2026-12-01 10:00:00+00', '1a000000-0000-4000-8000-000000000001')
  -> 'comments', '[]'::jsonb, 'Before the oldest top comment: an empty page.');
select is(public.item_comments('1a000000-0000-4000-8000-0000000000c1'),
  (select page - 'item' - 'tags' - 'queue' - 'can_delete' from tests.pages where n = 1),
  'item_comments without a position is item_detail''s page.');
select is(tests.tops(public.item_comments('1a000000-0000-4000-8000-0000000000c1', p_limit => 3)),
  array['Top 118', 'Top 119', 'Top 120'], 'p_limit sets how many top comments a page holds.');

-- ---------- One instant: keyset by id ----------
delete from tests.pages;
insert into tests.pages values (1, public.item_comments('1a000000-0000-4000-8000-0000000000c2', p_limit => 3));
insert into tests.pages select 2, tests.before('1a000000-0000-4000-8000-0000000000c2', page, 3) from tests.pages where n = 1;
insert into tests.pages select 3, tests.before('1a000000-0000-4000-8000-0000000000c2', page, 3) from tests.pages where n = 2;
select is(array(select array_to_string(tests.tops(page), ',') from tests.pages order by n),
  array['Tie 5,Tie 6,Tie 7', 'Tie 2,Tie 3,Tie 4', 'Tie 1'],
  'Seven top comments of one instant page by id: 3, 3 and 1, each once, in order.');
select is(array(select (page ->> 'earlier_comment_count')::int from tests.pages order by n), array[4, 1, 0],
  'Each page counts the ones of the same instant still before it.');

-- ---------- The reader and the popup carry the same latest page ----------
select is((select jsonb_build_object('comments', r -> 'comments', 'top_comment_count', r -> 'top_comment_count',
                                     'earlier_comment_count', r -> 'earlier_comment_count')
             from (select public.item_reader('1a000000-0000-4000-8000-0000000000c1') as r) as reader),
  public.item_comments('1a000000-0000-4000-8000-0000000000c1'), 'item_reader carries the latest page.');
select is(public.find_item('1a000000-0000-4000-8000-0000000000b1', private.url_hash(private.url_key('https://example.com/long'))) -> 'comments',
  public.item_comments('1a000000-0000-4000-8000-0000000000c1') -> 'comments', 'find_item (the popup) carries the latest page.');
select is((public.item_detail('1a000000-0000-4000-8000-0000000000c2') ->> 'top_comment_count')::int, 7,
  'Each item counts its own comments.');

-- ---------- Group isolation and refusals ----------
select throws_ok($$select public.item_comments('1a000000-0000-4000-8000-0000000000c3')$$,
  'P0001', 'That article is no longer in the library.', 'A member of one group cannot read another group''s comments…');
select throws_ok($$select public.item_comments('1a000000-0000-4000-8000-0000000000c3', now(), '1a000000-0000-4000-8000-000000000001')$$,
  'P0001', 'That article is no longer in the library.', '…not even with a position from their own item.');
select tests.act_as('1a000000-0000-4000-8000-0000000000a3');
select throws_ok($$select public.item_comments('1a000000-0000-4000-8000-0000000000c1')$$,
  'P0001', 'That article is no longer in the library.', 'An outsider gets "no longer in the library" for the item…');
select throws_ok($$select public.item_comments('1a000000-0000-4000-8000-0000000000ff')$$,
  'P0001', 'That article is no longer in the library.', '…the very answer for an item that does not exist.');
select is(tests.tops(public.item_comments('1a000000-0000-4000-8000-0000000000c3')), array['Elsewhere'],
  'Quin reads his own group''s comments only.');
select tests.signed_out();
select throws_ok($$select public.item_comments('1a000000-0000-4000-8000-0000000000c1')$$,
  '42501', 'Sign in first.', 'Signed out: sign in first.');
reset role;
set local role anon;
select throws_ok($$select public.item_comments('1a000000-0000-4000-8000-0000000000c1')$$,
  '42501', null, 'anon may not call item_comments at all.');
reset role;
select tests.act_as('1a000000-0000-4000-8000-0000000000a1');
select throws_ok($$select public.item_comments('1a000000-0000-4000-8000-0000000000c1', now(), null)$$,
  '22023', 'An earlier page of comments starts before a comment: give both its created_at and its id, or neither for the latest page.',
  'A time without the comment''s id is refused with a message.');
select throws_ok($$select public.item_comments('1a000000-0000-4000-8000-0000000000c1', null, '1a000000-0000-4000-8000-000000000001')$$,
  '22023', 'An earlier page of comments starts before a comment: give both its created_at and its id, or neither for the latest page.',
  'An id without its time is refused the same way.');
select throws_ok($$select public.item_comments('1a000000-0000-4000-8000-0000000000c1', p_limit => 0)$$,
  '22023', 'A page of comments holds 1 to 200 top comments (asked for 0).', 'A page of none is refused.');
select throws_ok($$select public.item_comments('1a000000-0000-4000-8000-0000000000c1', p_limit => 201)$$,
  '22023', 'A page of comments holds 1 to 200 top comments (asked for 201).', 'A page over 200 is refused.');

select * from finish();
rollback;
