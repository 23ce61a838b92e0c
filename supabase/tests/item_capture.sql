-- Capture: the items table takes a clip's metadata and entries added by hand, caps the
-- stored copy at 512000 bytes (the table and clip_item both), and counts reading time in
-- words when the clipper counted them.
begin;
set search_path = public, extensions;
select plan(47);

create table tests.results (label text primary key, result jsonb);
grant select, insert on tests.results to authenticated;
-- A full ClipPayload as the clipper sends it (api-types.ts).
create function tests.clip(p_url text, p_extra jsonb default '{}')
returns jsonb language sql as $$
  select jsonb_build_object(
    'kind', 'article', 'url', p_url, 'canonical_url', null, 'title', 'The Long Quiet',
    'byline', null, 'authors', jsonb_build_array('  Ana   Lima ', 'Bo Berg', 'ana lima', 42, ''),
    'site_name', 'Example Review', 'excerpt', 'On silence.', 'content_html', '<p>On silence.</p>',
    'text_length', 9200, 'word_count', 2300, 'lang', 'pt-BR', 'dir', 'ltr', 'lead_image_url', null,
    'favicon_url', 'https://example.org/favicon.ico', 'published_at', '2026-03-14T09:30:00+01:00',
    'modified_at', 'last Tuesday', 'selection', false, 'truncated', false) || p_extra
$$;
grant execute on function tests.clip(text, jsonb) to authenticated;
create function tests.item(p_label text) returns app.items language sql as $$
  select i.* from app.items as i where i.id = (select (r.result ->> 'item_id')::uuid from tests.results as r where r.label = p_label)
$$;
grant execute on function tests.item(text) to authenticated;

insert into auth.users (id, email, raw_user_meta_data) values
  ('05000000-0000-4000-8000-0000000000a1', 'ines@test.test', '{"display_name": "Ines"}');
insert into app.groups (id, name, created_by) values
  ('05000000-0000-4000-8000-0000000000b1', 'Capturers', '05000000-0000-4000-8000-0000000000a1');

-- ---------- The table's rules (as the table owner: these are constraints, not policies) ----------
select col_default_is('app', 'items', 'authors', '{}'::text[], 'authors defaults to no authors.');
select col_not_null('app', 'items', 'word_count', 'word_count is never null (0: not counted).');
select col_is_null('app', 'items', 'url', 'url may be null (a manual entry without a link).');
select has_index('app', 'items', 'items_group_id_page_key_idx', array['group_id', 'page_key'],
  'Items are indexed by (group_id, page_key), so clip_item finds a page''s item by its address through an index.');

create function tests.insert_item(p_kind text, p_url text, p_extra jsonb default '{}') returns uuid language plpgsql as $$
declare
  v_id uuid := gen_random_uuid();
begin
  insert into app.items (id, group_id, client_id, kind, url, canonical_url, title, authors, content_html,
                            text_length, word_count, dir, favicon_url, added_by)
  select r.id, r.group_id, r.client_id, r.kind, r.url, r.canonical_url, r.title, r.authors, r.content_html,
         r.text_length, r.word_count, r.dir, r.favicon_url, r.added_by
    from jsonb_populate_record(null::app.items,
           jsonb_build_object('id', v_id, 'group_id', '05000000-0000-4000-8000-0000000000b1', 'client_id', gen_random_uuid(),
                              'kind', p_kind, 'url', p_url, 'title', 'T', 'added_by', '05000000-0000-4000-8000-0000000000a1',
                              'authors', '{}'::text[], 'word_count', 0, 'text_length', 0)
           || p_extra) as r;
  return v_id;
end $$;

select throws_ok($$select tests.insert_item('article', null)$$, '23514', null,
  'An article needs a URL (items_url_required_unless_manual).');
select throws_ok($$select tests.insert_item('link', null)$$, '23514', null, 'A link needs a URL.');
select lives_ok($$select tests.insert_item('manual', null)$$, 'A manual entry may have no URL.');
select lives_ok($$select tests.insert_item('manual', null)$$,
  'A second manual entry without a URL does not collide with the first (no url_key).');
select is(
  (select count(*)::int from app.items where group_id = '05000000-0000-4000-8000-0000000000b1' and kind = 'manual' and url_key is null and page_key is null),
  2, 'Manual entries without a URL have neither url_key nor page_key.');
select throws_ok($$select tests.insert_item('podcast', 'https://example.org/p')$$, '23514', null, 'An unknown kind is refused by the table.');
select throws_ok($$select tests.insert_item('manual', null, '{"content_html": "<p>x</p>"}')$$, '23514', null,
  'A manual entry holds no content (items_link_has_no_content: content is for articles only).');
select throws_ok($$select tests.insert_item('article', 'https://example.org/a1', jsonb_build_object('authors', array[' Ana'])) $$, '23514', null,
  'An author name with surrounding spaces is refused.');
select throws_ok($$select tests.insert_item('article', 'https://example.org/a2', jsonb_build_object('authors', array[''])) $$, '23514', null,
  'An empty author name is refused.');
select throws_ok($$select tests.insert_item('article', 'https://example.org/a3', jsonb_build_object('authors', array[repeat('x', 201)])) $$, '23514', null,
  'An author name over 200 characters is refused.');
select throws_ok(
  $$select tests.insert_item('article', 'https://example.org/a4', jsonb_build_object('authors', array(select 'Author ' || n from generate_series(1, 21) as n)))$$,
  '23514', null, 'More than 20 authors are refused.');
select lives_ok(
  $$select tests.insert_item('article', 'https://example.org/a5', jsonb_build_object('authors', array(select 'Author ' || n from generate_series(1, 20) as n)))$$,
  'Twenty trimmed authors are fine.');
select throws_ok($$select tests.insert_item('article', 'https://example.org/d', '{"dir": "auto"}')$$, '23514', null, 'dir is ltr, rtl or null.');
select throws_ok($$select tests.insert_item('article', 'https://example.org/f', '{"favicon_url": "data:image/png;base64,AAAA"}')$$, '23514', null,
  'A favicon that is not an http(s) address is refused.');
select throws_ok($$select tests.insert_item('article', 'https://example.org/w', '{"word_count": -1}')$$, '23514', null, 'A negative word count is refused.');
select throws_ok($$select tests.insert_item('article', 'https://example.org/w2', '{"word_count": 5000001}')$$, '23514', null,
  'A word count over 5,000,000 is refused.');
select lives_ok($$select tests.insert_item('article', 'https://example.org/cap-ok', jsonb_build_object('content_html', repeat('x', 512000)))$$,
  'The table takes content of exactly 512000 bytes (MAX_STORED_CONTENT_BYTES).');
select throws_ok($$select tests.insert_item('article', 'https://example.org/cap', jsonb_build_object('content_html', repeat('é', 256001)))$$,
  '23514', null, 'The table refuses content over 512000 bytes (counted in bytes: 256001 × é is 512002).');
create table tests.made (n int primary key, id uuid);
insert into tests.made select 0, tests.insert_item('article', 'https://WWW.example.org/essays/page-2/?utm_medium=x#top',
  '{"canonical_url": "https://example.org/essays"}');
select is(
  (select page_key from app.items where id = (select id from tests.made where n = 0)),
  'https://example.org/essays/page-2',
  'page_key is the normalised address clipped, not the canonical one.');

-- Reading time: words when counted, else ~5 characters a word; 230 words a minute, at least 1.
insert into tests.made
select v.n, tests.insert_item('article', 'https://example.org/minutes/' || v.n, jsonb_build_object('word_count', v.words, 'text_length', v.chars))
  from (values (1, 2300, 0), (2, 0, 9200), (3, 345, 99999), (4, 344, 0), (5, 0, 0), (6, 115, 0)) as v(n, words, chars);
select results_eq(
  $$select i.reading_minutes from tests.made as m join app.items as i on i.id = m.id where m.n > 0 order by m.n$$,
  $$values (10), (8), (2), (1), (1), (1)$$,
  'reading_minutes = greatest(1, round(words / 230)), words = word_count when > 0 else text_length / 5, as readingMinutes() does.');

-- ---------- clip_item takes the new fields ----------
select tests.act_as('05000000-0000-4000-8000-0000000000a1');
insert into tests.results
select 'full', public.clip_item(gen_random_uuid(), '05000000-0000-4000-8000-0000000000b1',
  tests.clip('https://example.org/long-quiet'), array['essay'], null, false);

select is((tests.item('full')).authors, array['Ana Lima', 'Bo Berg'],
  'Authors are trimmed, inner spaces collapsed, repeats (ignoring case) and non-strings dropped, in the page''s order.');
select is((tests.item('full')).byline, 'Ana Lima, Bo Berg', 'Without a byline, the byline is the authors joined.');
select is((tests.item('full')).published_at, '2026-03-14T08:30:00Z'::timestamptz, 'published_at is read from its ISO 8601 timestamp.');
select is((tests.item('full')).modified_at, null, 'An invalid modified_at is ignored, not an error.');
select is((tests.item('full')).word_count, 2300, 'word_count is stored.');
select is((tests.item('full')).reading_minutes, 10, 'reading_minutes comes from word_count (2300 words: 10 minutes), not text_length.');
select is((tests.item('full')).dir, 'ltr', 'dir is stored.');
select is((tests.item('full')).favicon_url, 'https://example.org/favicon.ico', 'favicon_url is stored.');
select is((tests.item('full')).is_selection, false, 'A whole-article clip is not a selection.');

insert into tests.results
select 'odd', public.clip_item(gen_random_uuid(), '05000000-0000-4000-8000-0000000000b1',
  tests.clip('https://example.org/odd', jsonb_build_object(
    'byline', 'By the Editors', 'authors', 'not a list', 'dir', 'sideways', 'favicon_url', 'javascript:alert(1)',
    'published_at', '2026-02-30', 'selection', true, 'truncated', true)), '{}', null, false);
select results_eq(
  $$select byline, authors, dir, favicon_url, published_at, is_selection from tests.item('odd')$$,
  $$values ('By the Editors'::text, '{}'::text[], null::text, null::text, null::timestamptz, true)$$,
  'Unusable metadata (authors not a list, unknown dir, script favicon, 30 February) is dropped; selection is kept; the byline stays as given.');

insert into tests.results
select 'link', public.clip_item(gen_random_uuid(), '05000000-0000-4000-8000-0000000000b1',
  tests.clip('https://example.org/video') || '{"kind": "link"}', '{}', null, false);
select results_eq(
  $$select content_html, word_count, text_length from tests.item('link')$$,
  $$values (null::text, 0, 0)$$,
  'A link card keeps no content and no text or word count.');

-- The cap, through clip_item: a clear message, nothing saved.
select lives_ok(
  $$select public.clip_item(gen_random_uuid(), '05000000-0000-4000-8000-0000000000b1',
      tests.clip('https://example.org/at-cap', jsonb_build_object('content_html', repeat('x', 512000))), '{}', null, false)$$,
  'clip_item saves content of exactly 512000 bytes.');
select throws_ok(
  $$select public.clip_item(gen_random_uuid(), '05000000-0000-4000-8000-0000000000b1',
      tests.clip('https://example.org/over-cap', jsonb_build_object('content_html', repeat('x', 512001))), '{}', null, false)$$,
  '22023', 'This article is too long to save (over 500 KB of text and markup). Save it as a link instead.',
  'clip_item refuses content over 512000 bytes with words a person can act on.');
select is((select count(*)::int from app.items where url = 'https://example.org/over-cap'), 0, 'The refused clip saved nothing.');

-- ---------- Entries added by hand ----------
insert into tests.results
select 'book', public.clip_item(gen_random_uuid(), '05000000-0000-4000-8000-0000000000b1',
  jsonb_build_object('kind', 'manual', 'url', null, 'title', '  Middlemarch ', 'byline', null, 'authors', jsonb_build_array('George Eliot'),
                     'content_html', '<p>ignored</p>', 'text_length', 0, 'word_count', 316000, 'published_at', '1871-12-01'),
  array['novel'], 'Chapters 1–10 for the first meeting.', true);
select results_eq(
  $$select kind, url, url_key, title, byline, authors, content_html, published_at, reading_minutes from tests.item('book')$$,
  $$values ('manual'::text, null::text, null::text, 'Middlemarch'::text, 'George Eliot'::text, array['George Eliot'],
            null::text, '1871-12-01T00:00:00Z'::timestamptz, 1374)$$,
  'A book added by hand: no URL, title trimmed, its author, no content, a date-only publication date at midnight UTC, 316000 words → 1374 minutes.');
select is((select result -> 'queued' from tests.results where label = 'book'), 'true'::jsonb, 'A manual entry can be queued.');
select is(
  (select body from app.comments where id = (select (result ->> 'comment_id')::uuid from tests.results where label = 'book')),
  'Chapters 1–10 for the first meeting.', 'A manual entry''s note is saved as the clip''s comment.');

insert into tests.results
select 'book-again', public.clip_item(gen_random_uuid(), '05000000-0000-4000-8000-0000000000b1',
  jsonb_build_object('kind', 'manual', 'url', '', 'title', 'Middlemarch'), '{}', null, false);
select isnt((select result ->> 'item_id' from tests.results where label = 'book-again'),
            (select result ->> 'item_id' from tests.results where label = 'book'),
  'A manual entry without a URL never merges, even with the same title (it may be another edition).');

insert into tests.results
select 'print', public.clip_item(gen_random_uuid(), '05000000-0000-4000-8000-0000000000b1',
  jsonb_build_object('kind', 'manual', 'url', 'http://www.example.org/long-quiet/', 'title', 'The Long Quiet (print)'), array['print'], 'Read it on paper.', false);
select is((select result -> 'item_id' from tests.results where label = 'print'), (select result -> 'item_id' from tests.results where label = 'full'),
  'A manual entry with the URL of an item already in the library adds to that item.');
select is((select result -> 'created' from tests.results where label = 'print'), 'false'::jsonb, 'It reports created = false.');

select throws_ok(
  $$select public.clip_item(gen_random_uuid(), '05000000-0000-4000-8000-0000000000b1',
      jsonb_build_object('kind', 'manual', 'url', null, 'title', '   '), '{}', null, false)$$,
  '22023', 'Give the book or article a title.', 'A manual entry needs a title.');
select throws_ok(
  $$select public.clip_item(gen_random_uuid(), '05000000-0000-4000-8000-0000000000b1',
      jsonb_build_object('kind', 'manual', 'url', 'ftp://example.org/book.pdf', 'title', 'A book'), '{}', null, false)$$,
  '22023', 'Only web pages (http or https addresses) can be saved.', 'A manual entry''s link, when given, must be http(s).');
select throws_ok(
  $$select public.clip_item(gen_random_uuid(), '05000000-0000-4000-8000-0000000000b1',
      tests.clip(null), '{}', null, false)$$,
  '22023', 'Only web pages (http or https addresses) can be saved.', 'An article without a URL is refused.');

select * from finish();
rollback;
