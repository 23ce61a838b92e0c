-- clip_item: one transaction; idempotent on the client id; the same article (normalised
-- URL) merges into one item with merged tags and added comments; queued at the end.
begin;
set search_path = public, extensions;
select plan(37);

-- Results of each call, kept for later assertions.
create table tests.results (label text primary key, result jsonb);
grant select, insert on tests.results to authenticated;
-- An article payload like the clipper's.
create function tests.clip(p_url text, p_canonical text default null, p_title text default 'In Praise of Slow Reading')
returns jsonb language sql as $$
  select jsonb_build_object(
    'kind', 'article', 'url', p_url, 'canonical_url', p_canonical, 'title', p_title,
    'byline', 'M. Example', 'site_name', 'Example Essays', 'excerpt', 'Why reading less is worth it.',
    'content_html', '<p>Why reading less is worth it.</p>', 'text_length', 9200, 'lang', 'en', 'lead_image_url', null)
$$;
grant execute on function tests.clip(text, text, text) to authenticated;

insert into auth.users (id, email, raw_user_meta_data) values
  ('02000000-0000-4000-8000-0000000000a1', 'ana@test.test', '{"display_name": "Ana"}'),
  ('02000000-0000-4000-8000-0000000000a2', 'bo@test.test', '{"display_name": "Bo"}');
insert into app.groups (id, name, created_by) values
  ('02000000-0000-4000-8000-0000000000b1', 'Clippers', '02000000-0000-4000-8000-0000000000a1');
insert into app.group_members (group_id, user_id, role) values
  ('02000000-0000-4000-8000-0000000000b1', '02000000-0000-4000-8000-0000000000a2', 'member');

-- ---------- URL normalisation and reading time ----------
select is(private.url_key('HTTP://WWW.Example.COM:80/Essays/Slow/?utm_source=feed&b=2&fbclid=x&a=1&gclid=y#part-2'),
  'https://example.com/Essays/Slow?a=1&b=2',
  'url_key lower-cases scheme and host, drops www., the default port, tracking parameters, the fragment and the trailing slash, and sorts the rest.');
select is(private.url_key('https://example.com:8443/'), 'https://example.com:8443',
  'url_key keeps a non-default port and drops a bare trailing slash.');
select is(private.preferred_url('https://example.com/a?utm_source=x', 'https://example.com/'),
  'https://example.com/a?utm_source=x',
  'A canonical link to the home page is ignored for an article page.');
select results_eq(
  $$select greatest(1, round(n / 5.0 / 230))::int from unnest(array[0, 575, 1724, 1725, 9200, 23000]) as n$$,
  $$values (1), (1), (1), (2), (8), (20)$$,
  'Reading minutes follow readingMinutes() in api-types.ts (a link shows 1).');

-- ---------- First clip ----------
select tests.act_as('02000000-0000-4000-8000-0000000000a1');
insert into tests.results
select 'first', public.clip_item('02000000-0000-4000-8000-00000000f001', '02000000-0000-4000-8000-0000000000b1',
  tests.clip('https://www.example.com/essays/slow-reading/?utm_source=feed', 'https://example.com/essays/slow-reading'),
  array['Essay', ' attention ', '#essay'], 'Worth an evening.', true);

select is((select result ->> 'created' from tests.results where label = 'first'), 'true', 'A first clip creates the item.');
select is((select result ->> 'queued' from tests.results where label = 'first'), 'true', 'A first clip asked to queue is queued.');
select isnt((select result ->> 'comment_id' from tests.results where label = 'first'), null, 'A first clip with a comment returns the comment''s id.');
select is(
  array(select tag from app.item_tags where item_id = (select (result ->> 'item_id')::uuid from tests.results where label = 'first') order by tag),
  array['attention', 'essay'],
  'Tags are trimmed, lower-cased, stripped of # and de-duplicated.');
select is(
  (select body from app.comments where id = (select (result ->> 'comment_id')::uuid from tests.results where label = 'first')),
  'Worth an evening.', 'The comment is saved on the item.');
select is(
  (select position from app.queue_entries where item_id = (select (result ->> 'item_id')::uuid from tests.results where label = 'first')),
  1, 'The item is first in an empty queue.');
select is(
  (select reading_minutes from app.items where id = (select (result ->> 'item_id')::uuid from tests.results where label = 'first')),
  8, 'reading_minutes is computed from text_length (9200 characters: 8 minutes).');

-- ---------- Retry with the same client id: same answer, no change ----------
create temporary table counts_before as
  select (select count(*) from app.items) as items, (select count(*) from app.item_tags) as tags,
         (select count(*) from app.comments) as comments, (select count(*) from app.queue_entries) as queue,
         (select count(*) from app.item_clips) as clips;
grant select on counts_before to authenticated;

insert into tests.results
select 'retry', public.clip_item('02000000-0000-4000-8000-00000000f001', '02000000-0000-4000-8000-0000000000b1',
  tests.clip('https://example.com/something-else', null, 'Changed title'), array['changed'], 'A second comment', true);

select is((select result -> 'item_id' from tests.results where label = 'retry'), (select result -> 'item_id' from tests.results where label = 'first'),
  'A retry with the same client id returns the same item.');
select is((select result -> 'comment_id' from tests.results where label = 'retry'), (select result -> 'comment_id' from tests.results where label = 'first'),
  'A retry returns the same comment id.');
select is((select result -> 'queued' from tests.results where label = 'retry'), 'true'::jsonb, 'A retry reports the item as queued, as the first call did.');
select is((select result -> 'created' from tests.results where label = 'retry'), 'false'::jsonb,
  'A retry reports created = false: the article is already in the library.');
select results_eq(
  $$select (select count(*) from app.items), (select count(*) from app.item_tags), (select count(*) from app.comments),
           (select count(*) from app.queue_entries), (select count(*) from app.item_clips)$$,
  $$select items, tags, comments, queue, clips from counts_before$$,
  'A retry changes nothing: no new item, tag, comment, queue entry or clip record.');
select is((select title from app.items where id = (select (result ->> 'item_id')::uuid from tests.results where label = 'first')),
  'In Praise of Slow Reading', 'A retry does not rewrite the item.');

-- ---------- The same article again, by another member, through another URL form ----------
select tests.act_as('02000000-0000-4000-8000-0000000000a2');
insert into tests.results
select 'again', public.clip_item('02000000-0000-4000-8000-00000000f002', '02000000-0000-4000-8000-0000000000b1',
  tests.clip('http://EXAMPLE.com:80/essays/slow-reading#comments'), array['ATTENTION', 'philosophy'], 'Agreed!', true);

select is((select result -> 'item_id' from tests.results where label = 'again'), (select result -> 'item_id' from tests.results where label = 'first'),
  'The same article under another URL form (http, upper case, default port, fragment) is the same item.');
select is((select result -> 'created' from tests.results where label = 'again'), 'false'::jsonb, 'It reports created = false.');
select is((select count(*)::int from app.items where group_id = '02000000-0000-4000-8000-0000000000b1'), 1, 'The library still holds one item.');
select is(
  array(select tag from app.item_tags where item_id = (select (result ->> 'item_id')::uuid from tests.results where label = 'first') order by tag),
  array['attention', 'essay', 'philosophy'], 'Tags are merged.');
select is(
  array(select body from app.comments where item_id = (select (result ->> 'item_id')::uuid from tests.results where label = 'first') order by created_at, body),
  array['Agreed!', 'Worth an evening.'], 'The second comment is added next to the first.');
select is((select count(*)::int from app.queue_entries where group_id = '02000000-0000-4000-8000-0000000000b1'), 1,
  'An item already queued is not queued twice.');
select is((select result -> 'queued' from tests.results where label = 'again'), 'true'::jsonb, 'It reports the item as queued.');

-- ---------- New items go to the end of the queue ----------
insert into tests.results
select 'second', public.clip_item('02000000-0000-4000-8000-00000000f003', '02000000-0000-4000-8000-0000000000b1',
  tests.clip('https://example.net/second', null, 'Second'), '{}', null, false);
select is((select result -> 'queued' from tests.results where label = 'second'), 'false'::jsonb, 'A clip not asked to queue is not queued.');
select is((select result -> 'comment_id' from tests.results where label = 'second'), 'null'::jsonb, 'A clip without a comment returns comment_id null.');
insert into tests.results
select 'third', public.clip_item('02000000-0000-4000-8000-00000000f004', '02000000-0000-4000-8000-0000000000b1',
  tests.clip('https://example.net/third', null, 'Third'), '{}', null, true);
insert into tests.results
select 'second-queued', public.clip_item('02000000-0000-4000-8000-00000000f005', '02000000-0000-4000-8000-0000000000b1',
  tests.clip('https://example.net/second/', null, 'Second'), '{}', '   ', true);
select is((select result -> 'comment_id' from tests.results where label = 'second-queued'), 'null'::jsonb, 'A blank comment is no comment.');
select results_eq(
  $$select q ->> 'title', (q ->> 'position')::int, (q ->> 'comment_count')::int
      from jsonb_array_elements(public.group_queue('02000000-0000-4000-8000-0000000000b1') -> 'queue') as q$$,
  $$values ('In Praise of Slow Reading', 1, 2), ('Third', 2, 0), ('Second', 3, 0)$$,
  'group_queue lists the queue in order; queuing an existing item puts it at the end.');
select is(
  (select q -> 'added_by' from jsonb_array_elements(public.group_queue('02000000-0000-4000-8000-0000000000b1') -> 'queue') as q limit 1),
  jsonb_build_object('id', '02000000-0000-4000-8000-0000000000a1', 'display_name', 'Ana', 'avatar_url', null),
  'A queue entry names who added the item.');

-- ---------- Refused input: a clear message, and nothing saved ----------
select throws_ok(
  $$select public.clip_item(gen_random_uuid(), '02000000-0000-4000-8000-0000000000b1', tests.clip('ftp://example.net/file'), '{}', null, false)$$,
  '22023', 'Only web pages (http or https addresses) can be saved.', 'A non-web address is refused.');
select throws_ok(
  $$select public.clip_item(gen_random_uuid(), '02000000-0000-4000-8000-0000000000b1',
      tests.clip('https://example.net/tags'), array[repeat('x', 41)], null, false)$$,
  '22023', 'A tag can be at most 40 characters.', 'An overlong tag is refused.');
select throws_ok(
  $$select public.clip_item(gen_random_uuid(), '02000000-0000-4000-8000-0000000000b1',
      tests.clip('https://example.net/video') || '{"kind": "video"}', '{}', null, false)$$,
  '22023', 'A clip is an article, a link or an entry added by hand.', 'An unknown kind is refused.');
select throws_ok(
  $$select public.clip_item(gen_random_uuid(), '02000000-0000-4000-8000-0000000000b1',
      tests.clip('https://example.net/huge') || jsonb_build_object('content_html', repeat('x', 512001)), '{}', null, false)$$,
  '22023', 'This article is too long to save (over 500 KB of text and markup). Save it as a link instead.',
  'Content over 512000 bytes (MAX_STORED_CONTENT_BYTES) is refused.');

-- ---------- One transaction: a failure after the item was written leaves nothing ----------
reset role;
create function tests.fail_comment() returns trigger language plpgsql as $$
begin
  raise exception 'simulated failure' using errcode = 'XX001';
end $$;
create trigger fail_comment before insert on app.comments for each row execute function tests.fail_comment();
select tests.act_as('02000000-0000-4000-8000-0000000000a2');
select throws_ok(
  $$select public.clip_item('02000000-0000-4000-8000-00000000f0ff', '02000000-0000-4000-8000-0000000000b1',
      tests.clip('https://example.net/atomic'), array['atomic'], 'This comment fails', true)$$,
  'XX001', 'simulated failure', 'A clip whose comment fails raises the error.');
reset role;
select is((select count(*)::int from app.items where url = 'https://example.net/atomic'), 0, 'The failed clip left no item.');
select is((select count(*)::int from app.item_tags where tag = 'atomic'), 0, 'The failed clip left no tag.');
select is((select count(*)::int from app.item_clips where client_id = '02000000-0000-4000-8000-00000000f0ff'), 0,
  'The failed clip left no clip record, so a retry will save it.');

select * from finish();
rollback;
