-- Comment threads: replies one level deep, on the same item; empty and over-long comments
-- refused; only the author edits; the author, an owner or an admin deletes; a deleted comment
-- with replies stays as a blank placeholder until its last reply goes; and the queue counts
-- comments as the library does, leaving placeholders out.
begin;
set search_path = public, extensions;
select plan(19);

create table tests.ids (label text primary key, id uuid);
grant select, insert on tests.ids to authenticated;

-- Tara owns "Talk"; Uma is an admin; Vic a member; Wes is in no group of theirs.
insert into auth.users (id, email, raw_user_meta_data) values
  ('13000000-0000-4000-8000-0000000000a1', 'tara@test.test', '{"display_name": "Tara"}'),
  ('13000000-0000-4000-8000-0000000000a2', 'uma@test.test', '{"display_name": "Uma"}'),
  ('13000000-0000-4000-8000-0000000000a3', 'vic@test.test', '{"display_name": "Vic"}'),
  ('13000000-0000-4000-8000-0000000000a4', 'wes@test.test', '{"display_name": "Wes"}');
insert into app.groups (id, name, created_by) values
  ('13000000-0000-4000-8000-0000000000b1', 'Talk', '13000000-0000-4000-8000-0000000000a1');
insert into app.group_members (group_id, user_id, role) values
  ('13000000-0000-4000-8000-0000000000b1', '13000000-0000-4000-8000-0000000000a2', 'admin'),
  ('13000000-0000-4000-8000-0000000000b1', '13000000-0000-4000-8000-0000000000a3', 'member');
insert into app.items (id, group_id, client_id, kind, url, title, content_html, text_length, added_by, created_at) values
  ('13000000-0000-4000-8000-0000000000c1', '13000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'article',
   'https://example.com/walls', 'Walls', '<p>About walls.</p>', 12, '13000000-0000-4000-8000-0000000000a1', now() - interval '2 days'),
  ('13000000-0000-4000-8000-0000000000c2', '13000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'link',
   'https://example.com/doors', 'Doors', null, 0, '13000000-0000-4000-8000-0000000000a3', now() - interval '1 day');

-- ---------- Comments ----------
select tests.act_as('13000000-0000-4000-8000-0000000000a1');
insert into tests.ids select 'top', (public.add_comment('13000000-0000-4000-8000-0000000000c1', 'Walls keep *us* in') ->> 'id')::uuid;
select tests.act_as('13000000-0000-4000-8000-0000000000a3');
insert into tests.ids select 'reply', (public.add_comment('13000000-0000-4000-8000-0000000000c1', 'Or out', null,
  (select id from tests.ids where label = 'top')) ->> 'id')::uuid;
select is((select parent_id from app.comments where id = (select id from tests.ids where label = 'reply')),
  (select id from tests.ids where label = 'top'), 'A reply records the comment it answers.');
insert into tests.ids select 'deep', (public.add_comment('13000000-0000-4000-8000-0000000000c1', 'Both', null,
  (select id from tests.ids where label = 'reply')) ->> 'id')::uuid;
select is((select parent_id from app.comments where id = (select id from tests.ids where label = 'deep')),
  (select id from tests.ids where label = 'top'), 'A reply to a reply joins the top comment''s thread: one level deep.');
select throws_ok(format($$select public.add_comment('13000000-0000-4000-8000-0000000000c2', 'Elsewhere', null, %L)$$,
  (select id from tests.ids where label = 'top')), '22023', 'A reply belongs to the same article as the comment it answers.',
  'A reply on another article than its parent is refused.');
select throws_ok($$select public.add_comment('13000000-0000-4000-8000-0000000000c1', '   ')$$, '22023',
  'Write something before sending the comment.', 'An empty comment is refused with a message.');
select throws_ok($$select public.add_comment('13000000-0000-4000-8000-0000000000c1', repeat('x', 102400))$$, '22023',
  'A comment can be at most 4,000 characters (this one has 102,400).', 'A 100 KB comment is refused, saying how long it is.');
select throws_ok($$insert into app.comments (item_id, group_id, author_id, body)
  values ('13000000-0000-4000-8000-0000000000c1', '13000000-0000-4000-8000-0000000000b1', auth.uid(), repeat('x', 4001))$$,
  '23514', null, 'The table itself refuses a body over 4,000 characters (the CHECK, not only the RPC).');

select throws_ok(format($$select public.edit_comment(%L, 'Mine now')$$, (select id from tests.ids where label = 'top')),
  '42501', 'Only its author can edit a comment.', 'Nobody edits someone else''s comment.');
select is(public.edit_comment((select id from tests.ids where label = 'reply'), 'Or *out*') ->> 'body', 'Or *out*',
  'The author edits their own comment.');
select throws_ok(format($$select public.delete_comment(%L)$$, (select id from tests.ids where label = 'top')),
  '42501', 'Only its author, or an owner or admin, can delete a comment.', 'A member cannot delete someone else''s comment.');

-- Tara deletes her top comment: it has replies, so it stays as a placeholder.
select tests.act_as('13000000-0000-4000-8000-0000000000a1');
select lives_ok(format($$select public.delete_comment(%L)$$, (select id from tests.ids where label = 'top')),
  'The author deletes their comment that has replies.');
select is(
  (select jsonb_build_object('body', c -> 'body', 'deleted', c -> 'deleted')
     from jsonb_array_elements(public.item_detail('13000000-0000-4000-8000-0000000000c1') -> 'comments') as c
    where c ->> 'id' = (select id::text from tests.ids where label = 'top')),
  '{"body": "", "deleted": true}'::jsonb, 'A deleted comment with replies stays in the thread, blank and marked deleted.');
select is(jsonb_array_length(public.item_detail('13000000-0000-4000-8000-0000000000c1') -> 'comments'), 3,
  'Its replies are all still there.');
select throws_ok(format($$select public.edit_comment(%L, 'Back')$$, (select id from tests.ids where label = 'top')),
  '22023', 'That comment was deleted.', 'A deleted comment cannot be edited back.');

-- Uma (admin) deletes Vic's replies: the last one takes the placeholder with it.
select tests.act_as('13000000-0000-4000-8000-0000000000a2');
select lives_ok(format($$select public.delete_comment(%L)$$, (select id from tests.ids where label = 'deep')),
  'An admin deletes someone else''s reply.');
select lives_ok(format($$select public.delete_comment(%L)$$, (select id from tests.ids where label = 'reply')),
  'An admin deletes the last reply.');
select is(jsonb_array_length(public.item_detail('13000000-0000-4000-8000-0000000000c1') -> 'comments'), 0,
  'With its last reply gone, the deleted placeholder goes too.');

reset role;
-- The queue's count. Pia owns "Counts"; Quin is a member; Rae is in no group of theirs. A and B queued 1, 2.
insert into auth.users (id, email, raw_user_meta_data) values
  ('20000000-0000-4000-8000-0000000000a1', 'pia@test.test', '{"display_name": "Pia"}'),
  ('20000000-0000-4000-8000-0000000000a2', 'quin@test.test', '{"display_name": "Quin"}'),
  ('20000000-0000-4000-8000-0000000000a3', 'rae@test.test', '{"display_name": "Rae"}');
insert into app.groups (id, name, created_by) values
  ('20000000-0000-4000-8000-0000000000b1', 'Counts', '20000000-0000-4000-8000-0000000000a1');
insert into app.group_members (group_id, user_id, role) values
  ('20000000-0000-4000-8000-0000000000b1', '20000000-0000-4000-8000-0000000000a2', 'member');
insert into app.items (id, group_id, client_id, kind, url, title, added_by)
select ('20000000-0000-4000-8000-0000000000c' || n)::uuid, '20000000-0000-4000-8000-0000000000b1', gen_random_uuid(),
       'link', 'https://example.com/' || n, t, '20000000-0000-4000-8000-0000000000a1'
  from (values (1, 'A'), (2, 'B')) as v(n, t);
insert into app.queue_entries (item_id, group_id, position, queued_by)
select ('20000000-0000-4000-8000-0000000000c' || n)::uuid, '20000000-0000-4000-8000-0000000000b1', n,
       '20000000-0000-4000-8000-0000000000a1'
  from generate_series(1, 2) as n;

-- ---------- The queue's comment count leaves out deleted placeholders ----------
select tests.act_as('20000000-0000-4000-8000-0000000000a1');
insert into tests.ids select 'pia_top', (public.add_comment('20000000-0000-4000-8000-0000000000c1', 'First thoughts') ->> 'id')::uuid;
select tests.act_as('20000000-0000-4000-8000-0000000000a2');
select public.add_comment('20000000-0000-4000-8000-0000000000c1', 'A reply', null, (select id from tests.ids where label = 'pia_top'));
select tests.act_as('20000000-0000-4000-8000-0000000000a1');
select public.delete_comment((select id from tests.ids where label = 'pia_top'));
select is((select c.deleted_at is not null from app.comments as c where c.id = (select id from tests.ids where label = 'pia_top')), true,
  'The deleted comment with a reply stays as its thread''s placeholder.');
select is((public.group_queue('20000000-0000-4000-8000-0000000000b1') -> 'queue' -> 0 ->> 'comment_count')::int, 1,
  'group_queue counts the reply, not the deleted placeholder.');
select is((public.group_queue('20000000-0000-4000-8000-0000000000b1') -> 'queue' -> 0 -> 'comment_count'),
  (select e -> 'comment_count' from jsonb_array_elements(public.group_library('20000000-0000-4000-8000-0000000000b1') -> 'entries') as e
    where e ->> 'item_id' = '20000000-0000-4000-8000-0000000000c1'),
  'The queue and the library show the same comment count for an item.');

select * from finish();
rollback;
