-- Queue entries: group_queue's entries carry what the queue list shows and no more
-- (who queued it and when are item_detail's), in the same order with votes, read marks,
-- tags and comment counts.
begin;
set search_path = public, extensions;
select plan(6);

-- Sam owns "Speed"; Tia is a member. A, B, C queued 1, 2, 3 by Tia; B has a tag, a comment, a vote and a read mark.
insert into auth.users (id, email, raw_user_meta_data) values
  ('21000000-0000-4000-8000-0000000000a1', 'sam@test.test', '{"display_name": "Sam"}'),
  ('21000000-0000-4000-8000-0000000000a2', 'tia@test.test', '{"display_name": "Tia"}');
insert into app.groups (id, name, created_by) values
  ('21000000-0000-4000-8000-0000000000b1', 'Speed', '21000000-0000-4000-8000-0000000000a1');
insert into app.group_members (group_id, user_id, role) values
  ('21000000-0000-4000-8000-0000000000b1', '21000000-0000-4000-8000-0000000000a2', 'member');
insert into app.items (id, group_id, client_id, kind, url, title, added_by)
select ('21000000-0000-4000-8000-0000000000c' || n)::uuid, '21000000-0000-4000-8000-0000000000b1', gen_random_uuid(),
       'link', 'https://example.com/' || n, t, '21000000-0000-4000-8000-0000000000a1'
  from (values (1, 'A'), (2, 'B'), (3, 'C')) as v(n, t);
insert into app.queue_entries (item_id, group_id, position, queued_by)
select ('21000000-0000-4000-8000-0000000000c' || n)::uuid, '21000000-0000-4000-8000-0000000000b1', n,
       '21000000-0000-4000-8000-0000000000a2'
  from generate_series(1, 3) as n;

select tests.act_as('21000000-0000-4000-8000-0000000000a2');
select public.tag_item('21000000-0000-4000-8000-0000000000c2', array['cities']);
select public.add_comment('21000000-0000-4000-8000-0000000000c2', 'Worth it');
select public.vote_item('21000000-0000-4000-8000-0000000000c2', true);
select public.mark_read('21000000-0000-4000-8000-0000000000c2', true);

select tests.act_as('21000000-0000-4000-8000-0000000000a1');
select is((select array_agg(k order by k) from jsonb_object_keys(public.group_queue('21000000-0000-4000-8000-0000000000b1') -> 'queue' -> 0) as k),
  array['added_by', 'comment_count', 'item_id', 'kind', 'position', 'read', 'read_count', 'reading_minutes', 'site_name',
        'tags', 'title', 'url', 'voted', 'votes'],
  'A queue entry carries what the queue list shows: no queued_by or queued_at (~160 bytes an entry nobody drew).');
select is((select jsonb_agg(e ->> 'title') from jsonb_array_elements(public.group_queue('21000000-0000-4000-8000-0000000000b1') -> 'queue') as e),
  '["A", "B", "C"]'::jsonb, 'Entries stay in queue order.');
select is((select e - 'item_id' - 'url' - 'position' - 'kind' - 'site_name' - 'title' - 'reading_minutes'
             from jsonb_array_elements(public.group_queue('21000000-0000-4000-8000-0000000000b1') -> 'queue') as e where e ->> 'title' = 'B'),
  '{"added_by": {"id": "21000000-0000-4000-8000-0000000000a1", "display_name": "Sam", "avatar_url": null},
    "tags": ["cities"], "comment_count": 1, "votes": 1, "voted": false, "read": false, "read_count": 1}'::jsonb,
  'Who added it, tags, comment count, votes and read marks are as before (the caller''s vote and mark are Sam''s: none).');
select is((select sum((e ->> 'reading_minutes')::int) from jsonb_array_elements(public.group_queue('21000000-0000-4000-8000-0000000000b1') -> 'queue') as e),
  (select sum(i.reading_minutes) from app.items as i where i.group_id = '21000000-0000-4000-8000-0000000000b1')::bigint,
  'Reading minutes per entry still add up to the queue''s total.');
select is(public.item_detail('21000000-0000-4000-8000-0000000000c2') -> 'queue' -> 'queued_by' ->> 'display_name', 'Tia',
  'Who queued an item is still in item_detail.');
select tests.act_as('21000000-0000-4000-8000-0000000000a2');
select is((public.group_queue('21000000-0000-4000-8000-0000000000b1') -> 'queue' -> 1) -> 'voted', 'true'::jsonb,
  'The caller''s own vote shows for the caller.');

select * from finish();
rollback;
