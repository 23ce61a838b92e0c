-- What's new: per member per group "last seen"; items, comments and a
-- meeting added by others since then; a member's own additions never count; mark_seen resets.
begin;
set search_path = public, extensions;
select plan(10);

-- Pia owns "News"; Quy joined two days ago and last looked one day ago; Ray is in no group of theirs.
insert into auth.users (id, email, raw_user_meta_data) values
  ('17000000-0000-4000-8000-0000000000a1', 'pia@test.test', '{"display_name": "Pia"}'),
  ('17000000-0000-4000-8000-0000000000a2', 'quy@test.test', '{"display_name": "Quy"}'),
  ('17000000-0000-4000-8000-0000000000a3', 'ray@test.test', '{"display_name": "Ray"}');
insert into app.groups (id, name, created_by) values
  ('17000000-0000-4000-8000-0000000000b1', 'News', '17000000-0000-4000-8000-0000000000a1');
insert into app.group_members (group_id, user_id, role, joined_at) values
  ('17000000-0000-4000-8000-0000000000b1', '17000000-0000-4000-8000-0000000000a2', 'member', now() - interval '2 days');
update app.group_members set joined_at = now() - interval '3 days'
 where user_id = '17000000-0000-4000-8000-0000000000a1';
insert into app.group_seen (group_id, member_id, seen_at) values
  ('17000000-0000-4000-8000-0000000000b1', '17000000-0000-4000-8000-0000000000a2', now() - interval '1 day');
-- Old (before Quy looked), new by Pia, new by Quy himself.
insert into app.items (id, group_id, client_id, kind, url, title, added_by, created_at) values
  ('17000000-0000-4000-8000-0000000000c1', '17000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'link', 'https://example.com/old', 'Old', '17000000-0000-4000-8000-0000000000a1', now() - interval '30 hours'),
  ('17000000-0000-4000-8000-0000000000c2', '17000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'link', 'https://example.com/new', 'New', '17000000-0000-4000-8000-0000000000a1', now() - interval '1 hour'),
  ('17000000-0000-4000-8000-0000000000c3', '17000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'link', 'https://example.com/own', 'Own', '17000000-0000-4000-8000-0000000000a2', now() - interval '1 hour');
insert into app.comments (item_id, group_id, author_id, body, created_at) values
  ('17000000-0000-4000-8000-0000000000c1', '17000000-0000-4000-8000-0000000000b1', '17000000-0000-4000-8000-0000000000a1', 'Fresh', now() - interval '2 hours'),
  ('17000000-0000-4000-8000-0000000000c1', '17000000-0000-4000-8000-0000000000b1', '17000000-0000-4000-8000-0000000000a1', 'Fresher', now() - interval '1 hour'),
  ('17000000-0000-4000-8000-0000000000c1', '17000000-0000-4000-8000-0000000000b1', '17000000-0000-4000-8000-0000000000a2', 'Mine', now() - interval '1 hour'),
  ('17000000-0000-4000-8000-0000000000c1', '17000000-0000-4000-8000-0000000000b1', '17000000-0000-4000-8000-0000000000a1', 'Stale', now() - interval '30 hours');
insert into app.meetings (group_id, starts_at, title, created_by, created_at) values
  ('17000000-0000-4000-8000-0000000000b1', now() + interval '3 days', 'Soon', '17000000-0000-4000-8000-0000000000a1', now() - interval '1 hour');

select tests.act_as('17000000-0000-4000-8000-0000000000a2');
select is(public.group_news('17000000-0000-4000-8000-0000000000b1') -> 'new_items', '["17000000-0000-4000-8000-0000000000c2"]'::jsonb,
  'Items others added since the member last looked are new; older ones and their own are not.');
select is(public.group_news('17000000-0000-4000-8000-0000000000b1') -> 'new_comments', '{"17000000-0000-4000-8000-0000000000c1": 2}'::jsonb,
  'Comments others wrote since then are counted per item, the member''s own not.');
select is(public.group_news('17000000-0000-4000-8000-0000000000b1') -> 'meeting' ->> 'title', 'Soon',
  'A meeting someone else scheduled since then is news.');
select ok((public.mark_seen('17000000-0000-4000-8000-0000000000b1') ->> 'seen_at')::timestamptz <= now(), 'mark_seen records the look.');
select is(public.group_news('17000000-0000-4000-8000-0000000000b1') - 'seen_at',
  '{"new_items": [], "new_comments": {}, "new_highlights": {}, "queued": [], "meeting": null}'::jsonb, 'After marking the group seen nothing is new.');

select tests.act_as('17000000-0000-4000-8000-0000000000a1');
select is(jsonb_array_length(public.group_news('17000000-0000-4000-8000-0000000000b1') -> 'new_items'), 1,
  'A member who never looked counts from when they joined (the owner: since creating the group), only others'' items.');
select lives_ok($$select public.mark_seen('17000000-0000-4000-8000-0000000000b1')$$, 'A second member marks the group seen.');
select is((select count(*)::int from app.group_seen where group_id = '17000000-0000-4000-8000-0000000000b1'), 1,
  'Two members looked; each sees only their own last look.');

select tests.act_as('17000000-0000-4000-8000-0000000000a3');
select throws_ok($$select public.group_news('17000000-0000-4000-8000-0000000000b1')$$, '42501', 'You are not a member of this group.',
  'Someone outside the group gets no news of it.');
select throws_ok($$select public.mark_seen('17000000-0000-4000-8000-0000000000b1')$$, '42501', 'You are not a member of this group.',
  'Someone outside the group cannot mark it seen.');

select * from finish();
rollback;
