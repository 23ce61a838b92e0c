-- Finding an item already in the library from a hash of a tab's address (canonical or not, with
-- tracking parameters), a second member's clip adding to it, tagging and queuing it
-- later; and nobody outside the group can find, tag or queue anything.
begin;
set search_path = public, extensions;
select plan(38);

create table tests.results (label text primary key, result jsonb);
grant select, insert on tests.results to authenticated;
create function tests.clip(p_url text, p_canonical text default null, p_kind text default 'article')
returns jsonb language sql as $$
  select jsonb_build_object(
    'kind', p_kind, 'url', p_url, 'canonical_url', p_canonical, 'title', 'Paper Towns and Real Maps',
    'byline', 'Rita Rivera', 'authors', jsonb_build_array('Rita Rivera'), 'site_name', 'Example Atlas',
    'excerpt', 'Copyright traps in maps.', 'content_html', case when p_kind = 'article' then '<p>Copyright traps.</p>' end,
    'text_length', 4600, 'word_count', 920, 'lang', 'en', 'dir', 'ltr', 'lead_image_url', null, 'favicon_url', null,
    'published_at', '2026-05-02T08:00:00Z', 'modified_at', null, 'selection', false, 'truncated', false)
$$;
grant execute on function tests.clip(text, text, text) to authenticated;
create function tests.id(p_label text) returns uuid language sql as $$
  select (result ->> 'item_id')::uuid from tests.results where label = p_label
$$;
grant execute on function tests.id(text) to authenticated;
-- What the extension sends for a tab's address (utils/background/page-hash.ts): SHA-256 of its key.
create function tests.h(p_url text) returns text language sql as $$
  select encode(sha256(convert_to(private.url_key(p_url), 'UTF8')), 'hex')
$$;
grant execute on function tests.h(text) to authenticated, anon;

-- Pia owns "Cartographers"; Quinn is a member; Xavier is not.
insert into auth.users (id, email, raw_user_meta_data) values
  ('06000000-0000-4000-8000-0000000000a1', 'pia@test.test', '{"display_name": "Pia"}'),
  ('06000000-0000-4000-8000-0000000000a2', 'quinn@test.test', '{"display_name": "Quinn"}'),
  ('06000000-0000-4000-8000-0000000000a3', 'xavier@test.test', '{"display_name": "Xavier"}');
insert into app.groups (id, name, created_by) values
  ('06000000-0000-4000-8000-0000000000b1', 'Cartographers', '06000000-0000-4000-8000-0000000000a1');
insert into app.group_members (group_id, user_id, role) values
  ('06000000-0000-4000-8000-0000000000b1', '06000000-0000-4000-8000-0000000000a2', 'member');

-- Pia clips the AMP page; it declares the article's canonical address.
select tests.act_as('06000000-0000-4000-8000-0000000000a1');
insert into tests.results
select 'first', public.clip_item(gen_random_uuid(), '06000000-0000-4000-8000-0000000000b1',
  tests.clip('https://amp.example.com/maps/paper-towns.amp?utm_source=share', 'https://example.com/maps/paper-towns'),
  array['maps'], 'Traps!', false);

-- ---------- find_item ----------
select is(
  public.find_item('06000000-0000-4000-8000-0000000000b1', tests.h('https://example.com/maps/paper-towns')) -> 'item' ->> 'id',
  tests.id('first')::text, 'find_item finds the item by its canonical URL.');
select is(
  public.find_item('06000000-0000-4000-8000-0000000000b1', tests.h('http://WWW.example.com/maps/paper-towns/?utm_campaign=x&fbclid=y#map-3')) -> 'item' ->> 'id',
  tests.id('first')::text, 'find_item normalises the address: http, www., a trailing slash, tracking parameters and a fragment make no difference.');
select is(
  public.find_item('06000000-0000-4000-8000-0000000000b1', tests.h('https://amp.example.com/maps/paper-towns.amp')) -> 'item' ->> 'id',
  tests.id('first')::text, 'find_item finds the item from the non-canonical page it was clipped from (page_key).');
select is(
  public.find_item('06000000-0000-4000-8000-0000000000b1', tests.h('https://amp.example.com/maps/paper-towns.amp?gclid=1')),
  public.item_detail(tests.id('first')),
  'find_item answers exactly what item_detail answers for the item.');
select is(public.find_item('06000000-0000-4000-8000-0000000000b1', tests.h('https://example.com/maps/other-towns')), null,
  'find_item answers null for a page not in the library.');
select is(public.find_item('06000000-0000-4000-8000-0000000000b1', tests.h('https://example.com/maps/paper-towns?page=2')), null,
  'find_item keeps meaningful query parameters: another page of the article is another address.');
select is(public.find_item('06000000-0000-4000-8000-0000000000b1', tests.h('chrome://newtab')), null,
  'find_item answers null for a page that is not on the web.');
select throws_ok($$select public.find_item('06000000-0000-4000-8000-0000000000b1', null)$$, '22023', null,
  'find_item refuses anything but a SHA-256 hash (here: none).');

select results_eq(
  $$select d -> 'item' ->> 'kind', d -> 'item' ->> 'url', d -> 'item' -> 'authors', d -> 'item' ->> 'lang', d -> 'item' ->> 'dir',
           (d -> 'item' ->> 'published_at')::timestamptz, (d -> 'item' ->> 'reading_minutes')::int, d -> 'tags', d -> 'queue'
      from public.find_item('06000000-0000-4000-8000-0000000000b1', tests.h('https://example.com/maps/paper-towns')) as d$$,
  $$values ('article', 'https://example.com/maps/paper-towns', '["Rita Rivera"]'::jsonb, 'en', 'ltr',
            '2026-05-02T08:00:00Z'::timestamptz, 4, '["maps"]'::jsonb, 'null'::jsonb)$$,
  'The item carries kind, its preferred URL, authors, lang, dir, published_at and word-based reading time; an unqueued item has queue null.');

-- ---------- A second member clips the same article (a link card of the AMP page, no canonical) ----------
select tests.act_as('06000000-0000-4000-8000-0000000000a2');
insert into tests.results
select 'second', public.clip_item(gen_random_uuid(), '06000000-0000-4000-8000-0000000000b1',
  tests.clip('https://amp.example.com/maps/paper-towns.amp', null, 'link'), array['#Geography', 'MAPS'], 'Discuss at the next meeting.', true);
select is(tests.id('second'), tests.id('first'),
  'A clip of the page the item was clipped from adds to the item, even without the canonical link.');
select is((select result -> 'created' from tests.results where label = 'second'), 'false'::jsonb, 'It reports created = false.');
select is(
  (select count(*)::int from app.items where group_id = '06000000-0000-4000-8000-0000000000b1'), 1, 'The library still holds one item.');
select is(public.find_item('06000000-0000-4000-8000-0000000000b1', tests.h('https://example.com/maps/paper-towns')) -> 'tags',
  '["geography", "maps"]'::jsonb, 'The second member''s tags are added, normalised and merged.');
select is(
  (select jsonb_agg(c ->> 'body' order by c ->> 'body') from jsonb_array_elements(public.item_detail(tests.id('first')) -> 'comments') as c),
  '["Discuss at the next meeting.", "Traps!"]'::jsonb,
  'The second member''s comment is added next to the first (one transaction here, so both have the same time: compared as a set).');
select is(public.find_item('06000000-0000-4000-8000-0000000000b1', tests.h('https://example.com/maps/paper-towns')) -> 'queue' -> 'queued_by',
  jsonb_build_object('id', '06000000-0000-4000-8000-0000000000a2', 'display_name', 'Quinn', 'avatar_url', null),
  'The second member''s clip queued the item, in their name.');
select is(public.item_detail(tests.id('first')) -> 'item' ->> 'kind', 'article',
  'Merging a link card into an article keeps the article (the item is as first clipped).');

-- ---------- tag_item ----------
select is(public.tag_item(tests.id('first'), array['  Cartography ', '#maps', 'history']),
  '["cartography", "geography", "history", "maps"]'::jsonb,
  'tag_item normalises the tags as clip_item does and answers all the item''s tags, sorted.');
select is(public.tag_item(tests.id('first'), '{}'), '["cartography", "geography", "history", "maps"]'::jsonb,
  'tag_item with no tags changes nothing and answers the tags.');
select throws_ok($$select public.tag_item(tests.id('first'), array[repeat('y', 41)])$$,
  '22023', 'A tag can be at most 40 characters.', 'tag_item refuses a tag over 40 characters.');
select throws_ok(
  $$select public.tag_item(tests.id('first'), array(select 'tag ' || n from generate_series(1, 17) as n))$$,
  '22023', 'An article can have at most 20 tags (this one has 4 already).',
  'tag_item refuses to take an item past 20 tags, saying how many it has.');
select is(jsonb_array_length(public.tag_item(tests.id('first'), array(select 'tag ' || n from generate_series(1, 16) as n) || array['maps'])), 20,
  'Tags the item already has do not count twice: 4 + 16 new (and one repeat) make exactly 20.');
select throws_ok(
  $$select public.clip_item(gen_random_uuid(), '06000000-0000-4000-8000-0000000000b1',
      tests.clip('https://example.com/maps/paper-towns'), array['one more'], null, false)$$,
  '22023', 'An article can have at most 20 tags (this one has 20 already).',
  'A clip that would take the existing item past 20 tags is refused with the same message.');
select throws_ok($$select public.tag_item('06000000-0000-4000-8000-0000000000ff', array['x'])$$,
  'P0001', 'That article is no longer in the library.', 'tag_item on an item that does not exist says so.');

-- ---------- queue_item ----------
select tests.act_as('06000000-0000-4000-8000-0000000000a1');
insert into tests.results
select 'other', public.clip_item(gen_random_uuid(), '06000000-0000-4000-8000-0000000000b1',
  tests.clip('https://example.com/maps/mercator'), '{}', null, false);
insert into tests.results select 'placed', public.queue_item(tests.id('other'));
select is((select result ->> 'position' from tests.results where label = 'placed')::int, 2,
  'queue_item puts the item at the end of the queue.');
select is((select result -> 'queued_by' from tests.results where label = 'placed'),
  jsonb_build_object('id', '06000000-0000-4000-8000-0000000000a1', 'display_name', 'Pia', 'avatar_url', null), 'queue_item answers who queued it.');
select is(public.queue_item(tests.id('other')), (select result from tests.results where label = 'placed'),
  'queue_item again is harmless: it answers the same place, time and person.');
select is(public.queue_item(tests.id('first')) -> 'queued_by' ->> 'display_name', 'Quinn',
  'queue_item on an item someone else queued keeps their place and name.');
select is((select count(*)::int from app.queue_entries where group_id = '06000000-0000-4000-8000-0000000000b1'), 2,
  'Queuing twice made no second entry.');
select is(public.item_detail(tests.id('other')) -> 'queue', (select result from tests.results where label = 'placed'),
  'queue_item answers the queue place item_detail shows.');

-- ---------- Xavier, not a member ----------
select tests.act_as('06000000-0000-4000-8000-0000000000a3');
select throws_ok($$select public.find_item('06000000-0000-4000-8000-0000000000b1', tests.h('https://example.com/maps/paper-towns'))$$,
  '42501', 'You are not a member of this group.', 'find_item refuses a non-member (not even "not found").');
select throws_ok($$select public.find_item('06000000-0000-4000-8000-0000000000b1', tests.h('https://example.com/not-there'))$$,
  '42501', 'You are not a member of this group.', 'find_item refuses a non-member for a page that is not there either, so it reveals nothing.');
select throws_ok($$select public.tag_item(tests.id('first'), array['spam'])$$,
  '42501', 'You are not a member of this group.', 'tag_item refuses a non-member.');
select throws_ok($$select public.queue_item(tests.id('first'))$$,
  '42501', 'You are not a member of this group.', 'queue_item refuses a non-member.');

-- ---------- Signed out ----------
reset role;
set local role anon;
select throws_ok($$select public.find_item('06000000-0000-4000-8000-0000000000b1', tests.h('https://example.com/maps/paper-towns'))$$,
  '42501', null, 'Signed out, find_item is refused (no EXECUTE for anon).');
select throws_ok($$select public.tag_item('06000000-0000-4000-8000-0000000000ff', array['x'])$$,
  '42501', null, 'Signed out, tag_item is refused.');
select throws_ok($$select public.queue_item('06000000-0000-4000-8000-0000000000ff')$$,
  '42501', null, 'Signed out, queue_item is refused.');

-- ---------- Nothing the refusals touched changed ----------
reset role;
select is(
  (select array_agg(tag order by tag) from app.item_tags where tag in ('spam')), null, 'The refused tag was not added.');
select is((select count(*)::int from app.queue_entries where group_id = '06000000-0000-4000-8000-0000000000b1'), 2,
  'The queue is as the members left it.');

select * from finish();
rollback;
