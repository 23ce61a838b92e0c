-- Policy helpers: the membership helpers and the readers of policy-guarded tables are
-- PL/pgSQL (plans kept per connection), queue_at_end asks for the last place, clip_item finds
-- a page's item through private.library_item_for and find_item through
-- private.library_item_by_hash. Same answers, same refusals,
-- and a kept plan never carries one person's rights to another.
begin;
set search_path = public, extensions;
select plan(27);

-- Ann owns "Cost"; Ben is a member of it and owns "Other"; Oz is in no group.
-- Cost holds A (https://example.com/a, a tag and a comment), B (clipped from /b-page,
-- canonical /b, older) and C; Other holds its own copy of A. Cost's queue has A at 1 and B
-- at 5 (C is not queued); Other's is empty.
insert into auth.users (id, email, raw_user_meta_data) values
  ('24000000-0000-4000-8000-0000000000a1', 'ann@test.test', '{"display_name": "Ann"}'),
  ('24000000-0000-4000-8000-0000000000a2', 'ben@test.test', '{"display_name": "Ben"}'),
  ('24000000-0000-4000-8000-0000000000a3', 'oz@test.test', '{"display_name": "Oz"}');
insert into app.groups (id, name, created_by) values
  ('24000000-0000-4000-8000-0000000000b1', 'Cost', '24000000-0000-4000-8000-0000000000a1'),
  ('24000000-0000-4000-8000-0000000000b2', 'Other', '24000000-0000-4000-8000-0000000000a2');
insert into app.group_members (group_id, user_id, role) values
  ('24000000-0000-4000-8000-0000000000b1', '24000000-0000-4000-8000-0000000000a2', 'member');
insert into app.items (id, group_id, client_id, kind, url, canonical_url, title, added_by, created_at) values
  ('24000000-0000-4000-8000-0000000000c1', '24000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'link',
   'https://example.com/a', null, 'A', '24000000-0000-4000-8000-0000000000a1', '2026-02-01'),
  ('24000000-0000-4000-8000-0000000000c2', '24000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'link',
   'https://example.com/b-page', 'https://example.com/b', 'B', '24000000-0000-4000-8000-0000000000a1', '2026-01-01'),
  ('24000000-0000-4000-8000-0000000000c3', '24000000-0000-4000-8000-0000000000b2', gen_random_uuid(), 'link',
   'https://example.com/a', null, 'A elsewhere', '24000000-0000-4000-8000-0000000000a2', '2026-01-01'),
  ('24000000-0000-4000-8000-0000000000c4', '24000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'link',
   'https://example.com/c', null, 'C', '24000000-0000-4000-8000-0000000000a1', '2026-01-01');
insert into app.item_tags (item_id, group_id, tag, added_by) values
  ('24000000-0000-4000-8000-0000000000c1', '24000000-0000-4000-8000-0000000000b1', 'rivers', '24000000-0000-4000-8000-0000000000a1');
insert into app.comments (item_id, group_id, author_id, body) values
  ('24000000-0000-4000-8000-0000000000c1', '24000000-0000-4000-8000-0000000000b1', '24000000-0000-4000-8000-0000000000a1', 'Read it');
insert into app.queue_entries (item_id, group_id, position, queued_by) values
  ('24000000-0000-4000-8000-0000000000c1', '24000000-0000-4000-8000-0000000000b1', 1, '24000000-0000-4000-8000-0000000000a1'),
  ('24000000-0000-4000-8000-0000000000c2', '24000000-0000-4000-8000-0000000000b1', 5, '24000000-0000-4000-8000-0000000000a1');

-- ---------- The membership helpers answer as before ----------
select tests.act_as('24000000-0000-4000-8000-0000000000a2');
select is((select array_agg(g order by g) from private.my_group_ids() as g),
  array['24000000-0000-4000-8000-0000000000b1', '24000000-0000-4000-8000-0000000000b2']::uuid[],
  'Ben''s groups are the two he is in.');
select is((select array_agg(g) from private.my_group_ids(array['owner']) as g),
  array['24000000-0000-4000-8000-0000000000b2']::uuid[],
  'Asked for the groups he owns, Ben gets only Other.');
select tests.act_as('24000000-0000-4000-8000-0000000000a1');
select is((select array_agg(p order by p) from private.my_co_member_ids() as p),
  array['24000000-0000-4000-8000-0000000000a1', '24000000-0000-4000-8000-0000000000a2']::uuid[],
  'Ann''s fellow members are herself and Ben, not Oz.');
select tests.act_as('24000000-0000-4000-8000-0000000000a3');
select is((select count(*)::int from private.my_group_ids()), 0, 'Oz, in no group, has no group ids.');
select is((select count(*)::int from private.my_co_member_ids()), 0, 'Oz has no fellow members.');
select tests.signed_out();
select is((select count(*)::int from private.my_group_ids()), 0, 'Signed out, nobody has group ids.');

-- ---------- A kept plan does not carry one person's rights to another ----------
select tests.act_as('24000000-0000-4000-8000-0000000000a2');
select count(private.item_tags_json('24000000-0000-4000-8000-0000000000c1')) from generate_series(1, 6);
select is(private.item_tags_json('24000000-0000-4000-8000-0000000000c1'), '["rivers"]'::jsonb,
  'Ben reads A''s tag (and the connection now keeps that plan).');
select tests.act_as('24000000-0000-4000-8000-0000000000a3');
select is(private.item_tags_json('24000000-0000-4000-8000-0000000000c1'), '[]'::jsonb,
  'On the same connection, Oz reading A''s tags right after Ben gets none.');
set local role postgres;
select count(private.item_json('24000000-0000-4000-8000-0000000000c1')) from generate_series(1, 6);
select tests.act_as('24000000-0000-4000-8000-0000000000a3');
select is(private.item_json('24000000-0000-4000-8000-0000000000c1'), null,
  'After postgres (RLS bypassed) read A on the same connection, Oz reading it gets nothing: the role change re-plans.');

-- ---------- The readers still read only through the policies ----------
select is(
  array[private.item_json('24000000-0000-4000-8000-0000000000c1'), private.library_entries(array['24000000-0000-4000-8000-0000000000c1'::uuid]),
        private.queue_place('24000000-0000-4000-8000-0000000000c1')],
  array[null, '[]', null]::jsonb[],
  'Oz gets no item, library entry or queue place for Cost''s item.');
select is(
  array[private.item_tags_json('24000000-0000-4000-8000-0000000000c1'), private.comment_page_json('24000000-0000-4000-8000-0000000000c1', null, null, 50) -> 'comments'],
  array['[]', '[]']::jsonb[],
  'Oz gets no tags and no comments of Cost''s items.');
select is(private.can_delete_item('24000000-0000-4000-8000-0000000000c1'), null, 'Oz is never told he may remove Cost''s item.');
select is((select count(*)::int from public.my_groups()), 0, 'Oz''s my_groups is empty.');
select throws_ok(
  $$select private.queue_at_end('24000000-0000-4000-8000-0000000000c4', '24000000-0000-4000-8000-0000000000b1')$$,
  '42501', null, 'queue_at_end still writes through the queue''s policy: Oz calling it directly is refused.');

-- ---------- library_item_for: members only, one group only ----------
select throws_ok(
  $$select private.library_item_for('24000000-0000-4000-8000-0000000000b1', private.url_key('https://example.com/a'), private.url_key('https://example.com/a'))$$,
  '42501', 'You are not a member of this group.', 'Oz cannot look a page up in Cost''s library.');
select tests.signed_out();
select throws_ok(
  $$select private.library_item_for('24000000-0000-4000-8000-0000000000b1', private.url_key('https://example.com/a'), private.url_key('https://example.com/a'))$$,
  '42501', 'You are not a member of this group.', 'Signed out, nobody can look a page up.');
select is(has_function_privilege('anon', 'private.library_item_for(uuid, text, text)', 'execute'), false,
  'The anon role cannot call library_item_for at all.');
select tests.act_as('24000000-0000-4000-8000-0000000000a2');
select is(
  private.library_item_for('24000000-0000-4000-8000-0000000000b1', private.url_key('https://example.com/a'), private.url_key('https://example.com/a')),
  '24000000-0000-4000-8000-0000000000c1'::uuid,
  'Ben finds Cost''s own A, not Other''s copy of the same page.');
select is(
  private.library_item_for('24000000-0000-4000-8000-0000000000b2', private.url_key('https://example.com/a'), private.url_key('https://example.com/a')),
  '24000000-0000-4000-8000-0000000000c3'::uuid,
  'In Other he finds Other''s copy.');
select is(
  private.library_item_for('24000000-0000-4000-8000-0000000000b1', private.url_key('https://example.com/a'), private.url_key('https://example.com/b-page')),
  '24000000-0000-4000-8000-0000000000c1'::uuid,
  'An item with the page''s key comes before an older one clipped from the same address.');
select is(
  private.library_item_for('24000000-0000-4000-8000-0000000000b1', private.url_key('https://example.com/elsewhere'), private.url_key('https://example.com/b-page')),
  '24000000-0000-4000-8000-0000000000c2'::uuid,
  'Without a key match, the item clipped from this address is found.');

-- ---------- clip_item and find_item through it ----------
select tests.act_as('24000000-0000-4000-8000-0000000000a3');
select throws_ok(
  $$select public.clip_item(gen_random_uuid(), '24000000-0000-4000-8000-0000000000b1', '{"kind": "link", "url": "https://example.com/a"}'::jsonb)$$,
  '42501', 'You are not a member of this group.', 'Oz still cannot clip into Cost.');
select throws_ok(
  $$select public.find_item('24000000-0000-4000-8000-0000000000b1', private.url_hash(private.url_key('https://example.com/a')))$$,
  '42501', 'You are not a member of this group.', 'Oz still cannot look a page up with find_item.');
select tests.act_as('24000000-0000-4000-8000-0000000000a2');
select is(
  public.clip_item('24000000-0000-4000-8000-0000000000d1', '24000000-0000-4000-8000-0000000000b1',
                   '{"kind": "link", "url": "https://example.com/a"}'::jsonb) - 'comment_id' - 'queued',
  '{"item_id": "24000000-0000-4000-8000-0000000000c1", "created": false}'::jsonb,
  'Ben clipping A again into Cost gets Cost''s A back, not a new item.');
select public.clip_item('24000000-0000-4000-8000-0000000000d2', '24000000-0000-4000-8000-0000000000b1',
                        '{"kind": "link", "url": "https://example.com/new"}'::jsonb, '{}', null, true) ->> 'queued';
select public.clip_item('24000000-0000-4000-8000-0000000000d3', '24000000-0000-4000-8000-0000000000b2',
                        '{"kind": "link", "url": "https://example.com/new"}'::jsonb, '{}', null, true) ->> 'queued';
select is(
  (select q.position from app.queue_entries as q join app.item_clips as c on c.item_id = q.item_id
    where c.client_id = '24000000-0000-4000-8000-0000000000d2'),
  6, 'A new clip queued in Cost goes after the last place (5), not after the count of entries.');
select is(
  (select q.position from app.queue_entries as q join app.item_clips as c on c.item_id = q.item_id
    where c.client_id = '24000000-0000-4000-8000-0000000000d3'),
  1, 'A clip queued in Other''s empty queue takes place 1.');
select is(public.find_item('24000000-0000-4000-8000-0000000000b1', private.url_hash(private.url_key('https://example.com/b-page'))) -> 'item' ->> 'id',
  '24000000-0000-4000-8000-0000000000c2', 'find_item finds the item clipped from an address.');

select * from finish();
rollback;
