-- The outbox may send the same comment twice (the answer was lost, the worker stopped):
-- add_comment with the client's id adds it once and replays it; the two-argument call
-- still works; nobody else's id collides or leaks.
begin;
set search_path = public, extensions;
select plan(10);

-- Olga owns "Postbox"; Pavel is a member; both read one item.
insert into auth.users (id, email, raw_user_meta_data) values
  ('11000000-0000-4000-8000-0000000000a1', 'olga@test.test', '{"display_name": "Olga"}'),
  ('11000000-0000-4000-8000-0000000000a2', 'pavel@test.test', '{"display_name": "Pavel"}');
insert into app.groups (id, name, created_by) values
  ('11000000-0000-4000-8000-0000000000b1', 'Postbox', '11000000-0000-4000-8000-0000000000a1');
insert into app.group_members (group_id, user_id, role) values
  ('11000000-0000-4000-8000-0000000000b1', '11000000-0000-4000-8000-0000000000a2', 'member');
insert into app.items (id, group_id, client_id, kind, url, title, added_by) values
  ('11000000-0000-4000-8000-0000000000c1', '11000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'article',
   'https://example.com/letters', 'Letters', '11000000-0000-4000-8000-0000000000a1'),
  ('11000000-0000-4000-8000-0000000000c2', '11000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'article',
   'https://example.com/parcels', 'Parcels', '11000000-0000-4000-8000-0000000000a1');

create table tests.sent (label text primary key, result jsonb);
grant select, insert on tests.sent to authenticated;

select tests.act_as('11000000-0000-4000-8000-0000000000a1');
insert into tests.sent select 'first', public.add_comment('11000000-0000-4000-8000-0000000000c1', 'Worth a read',
  '11000000-0000-4000-8000-0000000000d1');
insert into tests.sent select 'again', public.add_comment('11000000-0000-4000-8000-0000000000c1', 'Worth a read',
  '11000000-0000-4000-8000-0000000000d1');

select is((select result ->> 'id' from tests.sent where label = 'again'), (select result ->> 'id' from tests.sent where label = 'first'),
  'Sending a comment again with the same client id answers with the first comment.');
select is((select result from tests.sent where label = 'again'), (select result from tests.sent where label = 'first'),
  'The replayed answer is exactly the first answer (body, author, time).');
select is((select count(*)::int from app.comments where item_id = '11000000-0000-4000-8000-0000000000c1'), 1,
  'Two sends with one client id leave one comment.');

select is((public.add_comment('11000000-0000-4000-8000-0000000000c1', 'Changed my mind',
  '11000000-0000-4000-8000-0000000000d1')) ->> 'body', 'Worth a read',
  'A repeat send cannot change what was sent: the first comment stands.');

select throws_ok($$select public.add_comment('11000000-0000-4000-8000-0000000000c2', 'Worth a read', '11000000-0000-4000-8000-0000000000d1')$$,
  '22023', 'That comment was already sent for another item.',
  'A client id already used on another item is refused with a readable message.');

select lives_ok($$select public.add_comment('11000000-0000-4000-8000-0000000000c1', 'No id, as before')$$,
  'The two-argument call (no client id) still adds a comment.');
select lives_ok($$select public.add_comment('11000000-0000-4000-8000-0000000000c1', 'No id, as before')$$,
  'Comments without a client id are never treated as repeats of each other.');
select is((select count(*)::int from app.comments where item_id = '11000000-0000-4000-8000-0000000000c1'), 3,
  'Without client ids each call adds its own comment.');

-- Pavel happens to use Olga's id: his comment is his own, and hers stays hidden from the reply.
select tests.act_as('11000000-0000-4000-8000-0000000000a2');
select is((public.add_comment('11000000-0000-4000-8000-0000000000c1', 'Pavel agrees',
  '11000000-0000-4000-8000-0000000000d1')) ->> 'body', 'Pavel agrees',
  'Another member''s client id never replays someone else''s comment: ids are per author.');

select tests.act_as('11000000-0000-4000-8000-0000000000a1');
select is((select count(*)::int from app.comments where item_id = '11000000-0000-4000-8000-0000000000c1'), 4,
  'Each author''s comment was added once.');

select * from finish();
rollback;
