-- Live updates through private Broadcast: members of a group, and only they, may receive
-- its topic `group:<uuid>` (read as Realtime reads it on a join: a select on
-- realtime.messages with realtime.topic set, as the member); nobody may send on it; every
-- change to a table the side panel shows writes one message {table, operation} to the
-- group's topic; and none of those tables is streamed through the supabase_realtime
-- publication any more.
begin;
set search_path = public, extensions;
select plan(28);

-- What Realtime does on a join (Realtime.Tenants.Authorization): insert a probe row as
-- itself, then as the member (role and claims from the JWT, realtime.topic = the topic)
-- select it back; the join is allowed when the row is visible. Rolled back here by the
-- caller's savepoint.
create function tests.can_join(p_uid uuid, p_topic text, p_role text default 'authenticated') returns boolean
language plpgsql as $$
declare
  v_id uuid;
  v_seen boolean;
begin
  insert into realtime.messages (topic, extension) values (p_topic, 'broadcast') returning id into v_id;
  perform set_config('role', p_role, true),
          set_config('realtime.topic', p_topic, true),
          set_config('request.jwt.claims', json_build_object('sub', p_uid, 'role', p_role)::text, true);
  v_seen := exists (select from realtime.messages where topic = p_topic and extension = 'broadcast' and id = v_id);
  perform set_config('role', 'postgres', true);
  delete from realtime.messages where id = v_id;
  return v_seen;
end $$;
-- The messages sent since the last call (and forgets them), without the id realtime.send adds.
create function tests.sent() returns jsonb language plpgsql as $$
declare
  v_sent jsonb;
begin
  select coalesce(jsonb_agg(jsonb_build_object('topic', topic, 'event', event, 'private', private, 'extension', extension)
                            || (payload - 'id') order by payload ->> 'table', payload ->> 'operation'), '[]')
    into v_sent from realtime.messages;
  delete from realtime.messages;
  return v_sent;
end $$;
create function tests.change(p_group text, p_table text, p_operation text) returns jsonb language sql as $$
  select jsonb_build_object('topic', 'group:' || p_group, 'event', 'change', 'private', true, 'extension', 'broadcast',
                            'table', p_table, 'operation', p_operation)
$$;

-- Uma owns "Live" (b1), Vic is a member; Wes owns "Other" (b2) and is in no group with them.
insert into auth.users (id, email, raw_user_meta_data) values
  ('1b000000-0000-4000-8000-0000000000a1', 'uma@test.test', '{"display_name": "Uma"}'),
  ('1b000000-0000-4000-8000-0000000000a2', 'vic@test.test', '{"display_name": "Vic"}'),
  ('1b000000-0000-4000-8000-0000000000a3', 'wes@test.test', '{"display_name": "Wes"}');
insert into app.groups (id, name, created_by) values
  ('1b000000-0000-4000-8000-0000000000b1', 'Live', '1b000000-0000-4000-8000-0000000000a1'),
  ('1b000000-0000-4000-8000-0000000000b2', 'Other', '1b000000-0000-4000-8000-0000000000a3');
insert into app.group_members (group_id, user_id, role) values
  ('1b000000-0000-4000-8000-0000000000b1', '1b000000-0000-4000-8000-0000000000a2', 'member');
select tests.sent();

-- ---------- No table of ours in the publication ----------
select is_empty($$
  select tablename from pg_publication_tables
   where pubname = 'supabase_realtime' and schemaname = 'app'
     and tablename in ('items', 'item_tags', 'comments', 'highlights', 'queue_entries', 'queue_votes', 'meetings', 'meeting_items')$$,
  'No group table is streamed through the supabase_realtime publication (Postgres Changes would leak deletes).');

-- ---------- Who may join a topic ----------
select ok(tests.can_join('1b000000-0000-4000-8000-0000000000a2', 'group:1b000000-0000-4000-8000-0000000000b1'),
  'A member may receive their group''s topic.');
select ok(tests.can_join('1b000000-0000-4000-8000-0000000000a1', 'group:1b000000-0000-4000-8000-0000000000b1'),
  'The owner may receive their group''s topic.');
select ok(not tests.can_join('1b000000-0000-4000-8000-0000000000a3', 'group:1b000000-0000-4000-8000-0000000000b1'),
  'An outsider may not receive another group''s topic.');
select ok(not tests.can_join('1b000000-0000-4000-8000-0000000000a2', 'group:1b000000-0000-4000-8000-0000000000b2'),
  'A member of one group may not receive another group''s topic.');
select ok(not tests.can_join(null, 'group:1b000000-0000-4000-8000-0000000000b1', 'anon'),
  'Nobody signed out may receive a group''s topic.');
select ok(not tests.can_join('1b000000-0000-4000-8000-0000000000a2', 'group:1B000000-0000-4000-8000-0000000000B1'),
  'Only the lower-case topic the triggers write is a group topic.');
select ok(not tests.can_join('1b000000-0000-4000-8000-0000000000a2', 'group:not-a-uuid'),
  'A malformed topic is refused, not an error.');
select ok(not tests.can_join('1b000000-0000-4000-8000-0000000000a2', 'room'),
  'Any other topic is refused.');

-- A member with realtime.topic set to their own group still sees nothing of another topic.
insert into realtime.messages (topic, extension, event, payload, private)
values ('group:1b000000-0000-4000-8000-0000000000b2', 'broadcast', 'change', '{"table": "items"}', true);
select tests.act_as('1b000000-0000-4000-8000-0000000000a2');
select set_config('realtime.topic', 'group:1b000000-0000-4000-8000-0000000000b1', true);
select is_empty($$select from realtime.messages$$,
  'A member reads no message of another group''s topic, whatever topic they claim to be on.');
select throws_ok($$insert into realtime.messages (topic, extension, event, payload, private)
                   values ('group:1b000000-0000-4000-8000-0000000000b1', 'broadcast', 'change', '{}', true)$$,
  '42501', null, 'A member cannot send on their group''s topic (only the database does).');
reset role;
select set_config('request.jwt.claims', '', true);
select tests.sent();

-- ---------- Each change writes one message to the group's topic ----------
insert into app.items (id, group_id, client_id, kind, url, title, word_count, added_by)
select ('1b000000-0000-4000-8000-0000000000c' || n)::uuid, '1b000000-0000-4000-8000-0000000000b1', gen_random_uuid(),
       'link', 'https://example.com/live/' || n, 'Item ' || n, 0, '1b000000-0000-4000-8000-0000000000a1'
  from generate_series(1, 3) as n;
select is(tests.sent(), jsonb_build_array(tests.change('1b000000-0000-4000-8000-0000000000b1', 'items', 'INSERT')),
  'Adding items (three in one statement) writes one message: {table: items, operation: INSERT}.');
update app.items set title = 'Renamed' where id = '1b000000-0000-4000-8000-0000000000c1';
select is(tests.sent(), jsonb_build_array(tests.change('1b000000-0000-4000-8000-0000000000b1', 'items', 'UPDATE')),
  'Changing an item writes {items, UPDATE}.');
insert into app.item_tags (item_id, group_id, tag, added_by)
values ('1b000000-0000-4000-8000-0000000000c1', '1b000000-0000-4000-8000-0000000000b1', 'live', '1b000000-0000-4000-8000-0000000000a1');
select is(tests.sent(), jsonb_build_array(tests.change('1b000000-0000-4000-8000-0000000000b1', 'item_tags', 'INSERT')),
  'Tagging an item writes {item_tags, INSERT}.');
insert into app.comments (id, item_id, group_id, author_id, body)
values ('1b000000-0000-4000-8000-0000000000d1', '1b000000-0000-4000-8000-0000000000c1', '1b000000-0000-4000-8000-0000000000b1',
        '1b000000-0000-4000-8000-0000000000a2', 'Good one');
select is(tests.sent(), jsonb_build_array(tests.change('1b000000-0000-4000-8000-0000000000b1', 'comments', 'INSERT')),
  'A comment writes {comments, INSERT}.');
delete from app.comments where id = '1b000000-0000-4000-8000-0000000000d1';
select is(tests.sent(), jsonb_build_array(tests.change('1b000000-0000-4000-8000-0000000000b1', 'comments', 'DELETE')),
  'Deleting a comment writes {comments, DELETE}.');
insert into app.queue_entries (item_id, group_id, position, queued_by)
select ('1b000000-0000-4000-8000-0000000000c' || n)::uuid, '1b000000-0000-4000-8000-0000000000b1', n, '1b000000-0000-4000-8000-0000000000a1'
  from generate_series(1, 3) as n;
select is(tests.sent(), jsonb_build_array(tests.change('1b000000-0000-4000-8000-0000000000b1', 'queue_entries', 'INSERT')),
  'Queueing writes {queue_entries, INSERT}.');
insert into app.queue_votes (item_id, group_id, member_id)
values ('1b000000-0000-4000-8000-0000000000c1', '1b000000-0000-4000-8000-0000000000b1', '1b000000-0000-4000-8000-0000000000a2');
select is(tests.sent(), jsonb_build_array(tests.change('1b000000-0000-4000-8000-0000000000b1', 'queue_votes', 'INSERT')),
  'A vote writes {queue_votes, INSERT}, and nothing about who voted.');
insert into app.meetings (id, group_id, starts_at)
values ('1b000000-0000-4000-8000-0000000000e1', '1b000000-0000-4000-8000-0000000000b1', now() + interval '1 day');
select is(tests.sent(), jsonb_build_array(tests.change('1b000000-0000-4000-8000-0000000000b1', 'meetings', 'INSERT')),
  'Scheduling a meeting writes {meetings, INSERT}.');
insert into app.meeting_items (meeting_id, item_id, group_id, position)
values ('1b000000-0000-4000-8000-0000000000e1', '1b000000-0000-4000-8000-0000000000c2', '1b000000-0000-4000-8000-0000000000b1', 1);
select is(tests.sent(), jsonb_build_array(tests.change('1b000000-0000-4000-8000-0000000000b1', 'meeting_items', 'INSERT')),
  'Putting an item on the agenda writes {meeting_items, INSERT}.');

-- Highlights, through the API as a member: marking, a reply on it, deleting it with its reply.
select tests.act_as('1b000000-0000-4000-8000-0000000000a2');
select set_config('tests.highlight', public.add_highlight('1b000000-0000-4000-8000-0000000000c2', 'Live words', '', '', null, null) ->> 'id', true);
reset role;
select is(tests.sent(), jsonb_build_array(tests.change('1b000000-0000-4000-8000-0000000000b1', 'highlights', 'INSERT')),
  'A highlight writes {highlights, INSERT}.');
select tests.act_as('1b000000-0000-4000-8000-0000000000a2');
select public.add_comment('1b000000-0000-4000-8000-0000000000c2', 'Indeed', null, null, current_setting('tests.highlight')::uuid);
select public.delete_highlight(current_setting('tests.highlight')::uuid);
reset role;
select is(tests.sent(), jsonb_build_array(
    tests.change('1b000000-0000-4000-8000-0000000000b1', 'comments', 'DELETE'),
    tests.change('1b000000-0000-4000-8000-0000000000b1', 'comments', 'INSERT'),
    tests.change('1b000000-0000-4000-8000-0000000000b1', 'highlights', 'DELETE')),
  'A reply on a highlight writes {comments, INSERT}; deleting the highlight writes {highlights, DELETE} and {comments, DELETE} for its reply.');

-- Through the API, as a member (the trigger sends past realtime.messages' RLS).
select tests.act_as('1b000000-0000-4000-8000-0000000000a2');
select lives_ok($$select public.vote_item('1b000000-0000-4000-8000-0000000000c1', false)$$, 'A member takes back their vote.');
reset role;
select is(tests.sent(), jsonb_build_array(tests.change('1b000000-0000-4000-8000-0000000000b1', 'queue_votes', 'DELETE')),
  'A member''s RPC writes its message too: {queue_votes, DELETE}.');
select tests.act_as('1b000000-0000-4000-8000-0000000000a2');
select lives_ok($$select public.move_queue_entry('1b000000-0000-4000-8000-0000000000c3', '1b000000-0000-4000-8000-0000000000c1')$$,
  'A member moves a queue entry (renumbering the whole queue).');
reset role;
select is(tests.sent(), jsonb_build_array(tests.change('1b000000-0000-4000-8000-0000000000b1', 'queue_entries', 'UPDATE')),
  'Renumbering the queue in one call is one message.');

-- Deleting an item cascades through its queue entry, agenda row, tags: one message per table.
delete from app.items where id = '1b000000-0000-4000-8000-0000000000c1';
select is(tests.sent() @> jsonb_build_array(
    tests.change('1b000000-0000-4000-8000-0000000000b1', 'items', 'DELETE'),
    tests.change('1b000000-0000-4000-8000-0000000000b1', 'queue_entries', 'DELETE'),
    tests.change('1b000000-0000-4000-8000-0000000000b1', 'item_tags', 'DELETE')), true,
  'Deleting an item writes a message for it and for each table its deletion reached.');

-- Another group's change goes to that group's topic only.
insert into app.items (id, group_id, client_id, kind, url, title, word_count, added_by)
values ('1b000000-0000-4000-8000-0000000000c9', '1b000000-0000-4000-8000-0000000000b2', gen_random_uuid(),
        'link', 'https://example.com/other', 'Other', 0, '1b000000-0000-4000-8000-0000000000a3');
select is(tests.sent(), jsonb_build_array(tests.change('1b000000-0000-4000-8000-0000000000b2', 'items', 'INSERT')),
  'A change in another group goes to that group''s topic.');

select * from finish();
rollback;
