-- The access matrix: every table (select / insert / update / delete) and every exposed
-- function (execute), tried by five people: signed out (anon), a signed-in outsider, a
-- member, an admin and the owner of group G. Each row of tests.matrix is one sentence and
-- its expected answers, written as five letters in that order: y = it worked (the statement
-- ran and touched at least one row), n = refused (an error, or no row seen or changed).
-- Each attempt runs in a subtransaction that is rolled back, so attempts do not interfere.
begin;
set search_path = public, extensions;

create table tests.matrix (
  ord serial primary key,
  object text not null,   -- table or function name
  command text not null,  -- select / insert / update / delete / execute
  sentence text not null,
  statement text not null,
  expected text not null check (expected ~ '^[yn]{5}$')
);

-- Runs p_sql as p_actor (null: anon) and rolls it back; true when it ran and touched a row.
create function tests.attempt(p_actor uuid, p_sql text) returns boolean language plpgsql as $$
declare
  v_rows bigint;
begin
  begin
    perform set_config('role', case when p_actor is null then 'anon' else 'authenticated' end, true);
    perform set_config('request.jwt.claims',
      case when p_actor is null then '{"role": "anon"}'
           else json_build_object('sub', p_actor, 'role', 'authenticated')::text end, true);
    execute p_sql;
    get diagnostics v_rows = row_count;
    raise exception using errcode = 'TSTRB', message = v_rows::text;  -- undo, report the row count
  exception
    when sqlstate 'TSTRB' then return sqlerrm::bigint > 0;
    when others then return false;
  end;
end $$;

create function tests.outcomes(p_sql text) returns text language sql as $$
  select string_agg(case when tests.attempt(a.id, p_sql) then 'y' else 'n' end, '' order by a.ord)
    from (values (1, null::uuid),                                   -- anon
                 (2, '09000000-0000-4000-8000-0000000000a5'::uuid),  -- outsider (owns group H)
                 (3, '09000000-0000-4000-8000-0000000000a3'::uuid),  -- member
                 (4, '09000000-0000-4000-8000-0000000000a2'::uuid),  -- admin
                 (5, '09000000-0000-4000-8000-0000000000a1'::uuid)   -- owner
         ) as a (ord, id)
$$;

-- ---------- Group G: owner a1, admin a2, member a3, member a6; outsider a5 owns group H ----------
insert into auth.users (id, email, raw_user_meta_data) values
  ('09000000-0000-4000-8000-0000000000a1', 'owner@test.test', '{"display_name": "Owner"}'),
  ('09000000-0000-4000-8000-0000000000a2', 'admin@test.test', '{"display_name": "Admin"}'),
  ('09000000-0000-4000-8000-0000000000a3', 'member@test.test', '{"display_name": "Member"}'),
  ('09000000-0000-4000-8000-0000000000a5', 'outsider@test.test', '{"display_name": "Outsider"}'),
  ('09000000-0000-4000-8000-0000000000a6', 'extra@test.test', '{"display_name": "Extra"}');
insert into app.groups (id, name, created_by) values
  ('09000000-0000-4000-8000-0000000000b1', 'Group G', '09000000-0000-4000-8000-0000000000a1'),
  ('09000000-0000-4000-8000-0000000000b2', 'Group H', '09000000-0000-4000-8000-0000000000a5');
insert into app.group_members (group_id, user_id, role) values
  ('09000000-0000-4000-8000-0000000000b1', '09000000-0000-4000-8000-0000000000a2', 'admin'),
  ('09000000-0000-4000-8000-0000000000b1', '09000000-0000-4000-8000-0000000000a3', 'member'),
  ('09000000-0000-4000-8000-0000000000b1', '09000000-0000-4000-8000-0000000000a6', 'member');
insert into app.group_invites (id, code_hash, hint, group_id, created_by, expires_at) values
  ('09000000-0000-4000-8000-0000000000e1', private.invite_code_hash('MATRIX-CODE-0001'), '0001',
   '09000000-0000-4000-8000-0000000000b1', '09000000-0000-4000-8000-0000000000a1', now() + interval '1 day');
-- Items: c1 the owner's (tagged, commented, queued), c2 the member's (commented, clipped), c3 the owner's, unqueued.
insert into app.items (id, group_id, client_id, kind, url, title, added_by) values
  ('09000000-0000-4000-8000-0000000000c1', '09000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'link', 'https://example.org/1', 'Owner''s', '09000000-0000-4000-8000-0000000000a1'),
  ('09000000-0000-4000-8000-0000000000c2', '09000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'link', 'https://example.org/2', 'Member''s', '09000000-0000-4000-8000-0000000000a3'),
  ('09000000-0000-4000-8000-0000000000c3', '09000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'link', 'https://example.org/3', 'Unqueued', '09000000-0000-4000-8000-0000000000a1');
insert into app.item_tags (item_id, group_id, tag, added_by) values
  ('09000000-0000-4000-8000-0000000000c1', '09000000-0000-4000-8000-0000000000b1', 'essay', '09000000-0000-4000-8000-0000000000a1');
insert into app.comments (id, item_id, group_id, author_id, body) values
  ('09000000-0000-4000-8000-0000000000d1', '09000000-0000-4000-8000-0000000000c1', '09000000-0000-4000-8000-0000000000b1', '09000000-0000-4000-8000-0000000000a1', 'Owner''s comment'),
  ('09000000-0000-4000-8000-0000000000d2', '09000000-0000-4000-8000-0000000000c1', '09000000-0000-4000-8000-0000000000b1', '09000000-0000-4000-8000-0000000000a3', 'Member''s comment');
-- Highlights on c1: e3 the member's, e4 the owner's.
insert into app.highlights (id, item_id, group_id, author_id, exact) values
  ('09000000-0000-4000-8000-0000000000e3', '09000000-0000-4000-8000-0000000000c1', '09000000-0000-4000-8000-0000000000b1', '09000000-0000-4000-8000-0000000000a3', 'A passage'),
  ('09000000-0000-4000-8000-0000000000e4', '09000000-0000-4000-8000-0000000000c1', '09000000-0000-4000-8000-0000000000b1', '09000000-0000-4000-8000-0000000000a1', 'Another passage');
insert into app.queue_entries (item_id, group_id, position, queued_by) values
  ('09000000-0000-4000-8000-0000000000c1', '09000000-0000-4000-8000-0000000000b1', 1, '09000000-0000-4000-8000-0000000000a1');
insert into app.item_clips (client_id, group_id, item_id, clipped_by, created, queued) values
  ('09000000-0000-4000-8000-0000000000f2', '09000000-0000-4000-8000-0000000000b1', '09000000-0000-4000-8000-0000000000c2', '09000000-0000-4000-8000-0000000000a3', true, false);
-- A past meeting m1 and the next one m2 with c1 on its agenda; the member has looked at G.
insert into app.meetings (id, group_id, starts_at, created_by, ended_at) values
  ('09000000-0000-4000-8000-000000000091', '09000000-0000-4000-8000-0000000000b1', now() - interval '7 days', '09000000-0000-4000-8000-0000000000a1', now() - interval '7 days'),
  ('09000000-0000-4000-8000-000000000092', '09000000-0000-4000-8000-0000000000b1', now() + interval '7 days', '09000000-0000-4000-8000-0000000000a1', null);
insert into app.meeting_items (meeting_id, item_id, group_id, position) values
  ('09000000-0000-4000-8000-000000000092', '09000000-0000-4000-8000-0000000000c1', '09000000-0000-4000-8000-0000000000b1', 1);
insert into app.group_seen (group_id, member_id) values ('09000000-0000-4000-8000-0000000000b1', '09000000-0000-4000-8000-0000000000a3');
-- The member has voted for c1 and read it.
insert into app.queue_votes (item_id, group_id, member_id) values
  ('09000000-0000-4000-8000-0000000000c1', '09000000-0000-4000-8000-0000000000b1', '09000000-0000-4000-8000-0000000000a3');
insert into app.item_reads (item_id, group_id, member_id) values
  ('09000000-0000-4000-8000-0000000000c1', '09000000-0000-4000-8000-0000000000b1', '09000000-0000-4000-8000-0000000000a3');

--                                                                     anon, outsider, member, admin, owner
insert into tests.matrix (object, command, sentence, statement, expected) values
  -- groups
  ('groups', 'select', 'Members of every role read their group; nobody else does.',
   $$select from app.groups where id = '09000000-0000-4000-8000-0000000000b1'$$, 'nnyyy'),
  ('groups', 'insert', 'Anyone signed in creates a group of their own.',
   $$insert into app.groups (name, created_by) values ('New', (select auth.uid()))$$, 'nyyyy'),
  ('groups', 'update', 'Admins and owners rename the group.',
   $$update app.groups set name = 'Renamed' where id = '09000000-0000-4000-8000-0000000000b1'$$, 'nnnyy'),
  ('groups', 'delete', 'Only the owner deletes the group.',
   $$delete from app.groups where id = '09000000-0000-4000-8000-0000000000b1'$$, 'nnnny'),
  -- group_members
  ('group_members', 'select', 'Members of every role see who is in the group.',
   $$select from app.group_members where group_id = '09000000-0000-4000-8000-0000000000b1'$$, 'nnyyy'),
  ('group_members', 'insert', 'Nobody adds a membership directly, not even the owner (join_group does).',
   $$insert into app.group_members (group_id, user_id) values ('09000000-0000-4000-8000-0000000000b1', '09000000-0000-4000-8000-0000000000a5')$$, 'nnnnn'),
  ('group_members', 'update', 'Admins and owners make a member an admin.',
   $$update app.group_members set role = 'admin' where user_id = '09000000-0000-4000-8000-0000000000a6'$$, 'nnnyy'),
  ('group_members', 'update', 'Only an owner makes someone an owner.',
   $$update app.group_members set role = 'owner' where user_id = '09000000-0000-4000-8000-0000000000a6'$$, 'nnnny'),
  ('group_members', 'update', 'Nobody changes a membership''s group or join date, only its role.',
   $$update app.group_members set joined_at = now() where user_id = '09000000-0000-4000-8000-0000000000a6'$$, 'nnnnn'),
  ('group_members', 'delete', 'Admins and owners remove a member; members only themselves.',
   $$delete from app.group_members where user_id = '09000000-0000-4000-8000-0000000000a6'$$, 'nnnyy'),
  ('group_members', 'delete', 'A member can leave (delete their own membership).',
   $$delete from app.group_members where user_id = (select auth.uid()) and group_id = '09000000-0000-4000-8000-0000000000b1'$$, 'nnyyn'),
  ('group_members', 'delete', 'Nobody removes the last owner, not even the owner.',
   $$delete from app.group_members where user_id = '09000000-0000-4000-8000-0000000000a1'$$, 'nnnnn'),
  -- group_invites
  ('group_invites', 'select', 'Admins and owners see the group''s invites (hashes and hints only).',
   $$select from app.group_invites where group_id = '09000000-0000-4000-8000-0000000000b1'$$, 'nnnyy'),
  ('group_invites', 'insert', 'Admins and owners create invites.',
   $$insert into app.group_invites (code_hash, hint, group_id, created_by) values (sha256(gen_random_uuid()::text::bytea), 'ABCD', '09000000-0000-4000-8000-0000000000b1', (select auth.uid()))$$, 'nnnyy'),
  ('group_invites', 'update', 'Admins and owners revoke invites.',
   $$update app.group_invites set revoked_at = now() where group_id = '09000000-0000-4000-8000-0000000000b1'$$, 'nnnyy'),
  ('group_invites', 'update', 'Nobody resets an invite''s use count.',
   $$update app.group_invites set uses = 0 where group_id = '09000000-0000-4000-8000-0000000000b1'$$, 'nnnnn'),
  ('group_invites', 'delete', 'Nobody deletes invites directly (revoke_invite revokes them).',
   $$delete from app.group_invites where group_id = '09000000-0000-4000-8000-0000000000b1'$$, 'nnnnn'),
  -- items
  ('items', 'select', 'Members of every role read the library.',
   $$select from app.items where group_id = '09000000-0000-4000-8000-0000000000b1'$$, 'nnyyy'),
  ('items', 'insert', 'Members of every role add items.',
   $$insert into app.items (group_id, client_id, kind, url, title, added_by) values ('09000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'link', 'https://example.org/new', 'New', (select auth.uid()))$$, 'nnyyy'),
  ('items', 'update', 'Nobody rewrites an item (it is as first clipped).',
   $$update app.items set title = 'Changed' where group_id = '09000000-0000-4000-8000-0000000000b1'$$, 'nnnnn'),
  ('items', 'delete', 'Whoever added an item, an admin or the owner removes it.',
   $$delete from app.items where id = '09000000-0000-4000-8000-0000000000c2'$$, 'nnyyy'),
  ('items', 'delete', 'A member cannot remove someone else''s item; an admin or the owner can.',
   $$delete from app.items where id = '09000000-0000-4000-8000-0000000000c1'$$, 'nnnyy'),
  -- item_tags
  ('item_tags', 'select', 'Members of every role read tags.',
   $$select from app.item_tags where group_id = '09000000-0000-4000-8000-0000000000b1'$$, 'nnyyy'),
  ('item_tags', 'insert', 'Members of every role tag items.',
   $$insert into app.item_tags (item_id, group_id, tag, added_by) values ('09000000-0000-4000-8000-0000000000c1', '09000000-0000-4000-8000-0000000000b1', 'new', (select auth.uid()))$$, 'nnyyy'),
  ('item_tags', 'update', 'Nobody edits a tag (it is added or removed).',
   $$update app.item_tags set tag = 'changed' where group_id = '09000000-0000-4000-8000-0000000000b1'$$, 'nnnnn'),
  ('item_tags', 'delete', 'Members of every role remove tags.',
   $$delete from app.item_tags where group_id = '09000000-0000-4000-8000-0000000000b1'$$, 'nnyyy'),
  -- comments
  ('comments', 'select', 'Members of every role read comments.',
   $$select from app.comments where group_id = '09000000-0000-4000-8000-0000000000b1'$$, 'nnyyy'),
  ('comments', 'insert', 'Members of every role comment.',
   $$insert into app.comments (item_id, group_id, author_id, body) values ('09000000-0000-4000-8000-0000000000c1', '09000000-0000-4000-8000-0000000000b1', (select auth.uid()), 'Hi')$$, 'nnyyy'),
  ('comments', 'update', 'Only its author edits a comment, not even an admin or the owner.',
   $$update app.comments set body = 'Edited' where id = '09000000-0000-4000-8000-0000000000d2'$$, 'nnynn'),
  ('comments', 'delete', 'Nobody deletes their own comment directly (delete_comment does it).',
   $$delete from app.comments where id = '09000000-0000-4000-8000-0000000000d2'$$, 'nnnnn'),
  ('comments', 'delete', 'Nobody deletes anyone''s comment directly (delete_comment does it).',
   $$delete from app.comments where id = '09000000-0000-4000-8000-0000000000d1'$$, 'nnnnn'),
  -- highlights
  ('highlights', 'select', 'Members of every role read highlights.',
   $$select from app.highlights where group_id = '09000000-0000-4000-8000-0000000000b1'$$, 'nnyyy'),
  ('highlights', 'insert', 'Members of every role highlight.',
   $$insert into app.highlights (item_id, group_id, author_id, exact) values ('09000000-0000-4000-8000-0000000000c1', '09000000-0000-4000-8000-0000000000b1', (select auth.uid()), 'Words')$$, 'nnyyy'),
  ('highlights', 'update', 'Only its author edits a highlight''s comment, not even an admin or the owner.',
   $$update app.highlights set body = 'Edited' where id = '09000000-0000-4000-8000-0000000000e3'$$, 'nnynn'),
  ('highlights', 'delete', 'Nobody deletes their own highlight directly (delete_highlight does it).',
   $$delete from app.highlights where id = '09000000-0000-4000-8000-0000000000e3'$$, 'nnnnn'),
  ('highlights', 'delete', 'Nobody deletes anyone''s highlight directly (delete_highlight does it).',
   $$delete from app.highlights where id = '09000000-0000-4000-8000-0000000000e4'$$, 'nnnnn'),
  -- queue_entries
  ('queue_entries', 'select', 'Members of every role read the queue.',
   $$select from app.queue_entries where group_id = '09000000-0000-4000-8000-0000000000b1'$$, 'nnyyy'),
  ('queue_entries', 'insert', 'Members of every role queue items.',
   $$insert into app.queue_entries (item_id, group_id, position, queued_by) values ('09000000-0000-4000-8000-0000000000c3', '09000000-0000-4000-8000-0000000000b1', 9, (select auth.uid()))$$, 'nnyyy'),
  ('queue_entries', 'update', 'Members of every role reorder the queue.',
   $$update app.queue_entries set position = 5 where group_id = '09000000-0000-4000-8000-0000000000b1'$$, 'nnyyy'),
  ('queue_entries', 'delete', 'Members of every role take items off the queue.',
   $$delete from app.queue_entries where group_id = '09000000-0000-4000-8000-0000000000b1'$$, 'nnyyy'),
  -- queue_votes (the member has voted for c1)
  ('queue_votes', 'select', 'Members of every role see the votes.',
   $$select from app.queue_votes where group_id = '09000000-0000-4000-8000-0000000000b1'$$, 'nnyyy'),
  ('queue_votes', 'insert', 'Admins and the owner vote; the member, who has voted already, cannot vote twice.',
   $$insert into app.queue_votes (item_id, group_id, member_id) values ('09000000-0000-4000-8000-0000000000c1', '09000000-0000-4000-8000-0000000000b1', (select auth.uid()))$$, 'nnnyy'),
  ('queue_votes', 'update', 'Nobody changes a vote (it is cast or taken back).',
   $$update app.queue_votes set created_at = now() where group_id = '09000000-0000-4000-8000-0000000000b1'$$, 'nnnnn'),
  ('queue_votes', 'delete', 'A member takes back their own vote.',
   $$delete from app.queue_votes where member_id = (select auth.uid())$$, 'nnynn'),
  ('queue_votes', 'delete', 'Nobody takes back another member''s vote, not even the owner.',
   $$delete from app.queue_votes where member_id <> (select auth.uid())$$, 'nnnnn'),
  -- item_reads (the member has read c1)
  ('item_reads', 'select', 'Members of every role see who read what.',
   $$select from app.item_reads where group_id = '09000000-0000-4000-8000-0000000000b1'$$, 'nnyyy'),
  ('item_reads', 'insert', 'Members of every role mark an item read for themselves.',
   $$insert into app.item_reads (item_id, group_id, member_id) values ('09000000-0000-4000-8000-0000000000c2', '09000000-0000-4000-8000-0000000000b1', (select auth.uid()))$$, 'nnyyy'),
  ('item_reads', 'update', 'Nobody changes a read mark.',
   $$update app.item_reads set read_at = now() where group_id = '09000000-0000-4000-8000-0000000000b1'$$, 'nnnnn'),
  ('item_reads', 'delete', 'A member unmarks their own read.',
   $$delete from app.item_reads where member_id = (select auth.uid())$$, 'nnynn'),
  ('item_reads', 'delete', 'Nobody unmarks another member''s read, not even the owner.',
   $$delete from app.item_reads where member_id <> (select auth.uid())$$, 'nnnnn'),
  -- meetings (m1 past, m2 next)
  ('meetings', 'select', 'Members of every role read the meetings.',
   $$select from app.meetings where group_id = '09000000-0000-4000-8000-0000000000b1'$$, 'nnyyy'),
  ('meetings', 'insert', 'Admins and the owner schedule meetings.',
   $$insert into app.meetings (group_id, starts_at, created_by, ended_at) values ('09000000-0000-4000-8000-0000000000b1', now(), (select auth.uid()), now())$$, 'nnnyy'),
  ('meetings', 'update', 'Admins and the owner change meetings.',
   $$update app.meetings set title = 'Changed' where group_id = '09000000-0000-4000-8000-0000000000b1'$$, 'nnnyy'),
  ('meetings', 'delete', 'Admins and the owner cancel meetings.',
   $$delete from app.meetings where group_id = '09000000-0000-4000-8000-0000000000b1'$$, 'nnnyy'),
  -- meeting_items (c1 on m2's agenda)
  ('meeting_items', 'select', 'Members of every role read agendas.',
   $$select from app.meeting_items where group_id = '09000000-0000-4000-8000-0000000000b1'$$, 'nnyyy'),
  ('meeting_items', 'insert', 'Admins and the owner add to an agenda.',
   $$insert into app.meeting_items (meeting_id, item_id, group_id, position) values ('09000000-0000-4000-8000-000000000092', '09000000-0000-4000-8000-0000000000c2', '09000000-0000-4000-8000-0000000000b1', 2)$$, 'nnnyy'),
  ('meeting_items', 'update', 'Admins and the owner record what was discussed.',
   $$update app.meeting_items set discussed = true where group_id = '09000000-0000-4000-8000-0000000000b1'$$, 'nnnyy'),
  ('meeting_items', 'delete', 'Admins and the owner take items off an agenda.',
   $$delete from app.meeting_items where group_id = '09000000-0000-4000-8000-0000000000b1'$$, 'nnnyy'),
  -- group_seen (the member has looked at G)
  ('group_seen', 'select', 'Each member reads only their own last look.',
   $$select from app.group_seen where group_id = '09000000-0000-4000-8000-0000000000b1'$$, 'nnynn'),
  ('group_seen', 'insert', 'Admins and the owner record a first look; the member, who has looked, has a row already.',
   $$insert into app.group_seen (group_id, member_id) values ('09000000-0000-4000-8000-0000000000b1', (select auth.uid()))$$, 'nnnyy'),
  ('group_seen', 'update', 'A member records a later look of their own.',
   $$update app.group_seen set seen_at = now() where member_id = (select auth.uid())$$, 'nnynn'),
  ('group_seen', 'update', 'Nobody changes another member''s last look.',
   $$update app.group_seen set seen_at = now() where member_id <> (select auth.uid())$$, 'nnnnn'),
  ('group_seen', 'delete', 'Nobody deletes a last look (it goes with the membership).',
   $$delete from app.group_seen where group_id = '09000000-0000-4000-8000-0000000000b1'$$, 'nnnnn'),
  -- item_clips
  ('item_clips', 'select', 'A clip record is read by whoever clipped, nobody else.',
   $$select from app.item_clips where client_id = '09000000-0000-4000-8000-0000000000f2'$$, 'nnynn'),
  ('item_clips', 'insert', 'Members of every role record their own clips.',
   $$insert into app.item_clips (client_id, group_id, item_id, clipped_by, created, queued) values (gen_random_uuid(), '09000000-0000-4000-8000-0000000000b1', '09000000-0000-4000-8000-0000000000c1', (select auth.uid()), false, true)$$, 'nnyyy'),
  ('item_clips', 'update', 'Nobody changes a clip record.',
   $$update app.item_clips set queued = true where group_id = '09000000-0000-4000-8000-0000000000b1'$$, 'nnnnn'),
  ('item_clips', 'delete', 'Nobody deletes a clip record (it goes with its item).',
   $$delete from app.item_clips where group_id = '09000000-0000-4000-8000-0000000000b1'$$, 'nnnnn'),
  -- profiles
  ('profiles', 'select', 'Fellow members read a member''s profile; outsiders do not.',
   $$select from app.profiles where id = '09000000-0000-4000-8000-0000000000a3'$$, 'nnyyy'),
  ('profiles', 'insert', 'Nobody makes a profile directly (sign-up does).',
   $$insert into app.profiles (id, display_name) values (gen_random_uuid(), 'Ghost')$$, 'nnnnn'),
  ('profiles', 'update', 'Everyone signed in edits their own profile.',
   $$update app.profiles set display_name = 'Me' where id = (select auth.uid())$$, 'nyyyy'),
  ('profiles', 'update', 'Only the member edits their own profile; an admin or the owner cannot.',
   $$update app.profiles set display_name = 'Them' where id = '09000000-0000-4000-8000-0000000000a3'$$, 'nnynn'),
  ('profiles', 'delete', 'Nobody deletes a profile (deleting the account does).',
   $$delete from app.profiles where id = (select auth.uid())$$, 'nnnnn'),
  -- functions: signed-in only; membership and role checked inside
  ('my_groups', 'execute', 'Anyone signed in lists their groups.', $$select count(*) from public.my_groups()$$, 'nyyyy'),
  ('create_group', 'execute', 'Anyone signed in creates a group.', $$select public.create_group('Mine')$$, 'nyyyy'),
  ('create_invite', 'execute', 'Admins and the owner make invites.',
   $$select public.create_invite('09000000-0000-4000-8000-0000000000b1')$$, 'nnnyy'),
  ('list_invites', 'execute', 'Admins and the owner list invites.',
   $$select public.list_invites('09000000-0000-4000-8000-0000000000b1')$$, 'nnnyy'),
  ('revoke_invite', 'execute', 'Admins and the owner revoke invites.',
   $$select public.revoke_invite('09000000-0000-4000-8000-0000000000e1')$$, 'nnnyy'),
  ('preview_invite', 'execute', 'Anyone signed in previews a code.', $$select public.preview_invite('MATRIX-CODE-0001')$$, 'nyyyy'),
  ('join_group', 'execute', 'Anyone signed in joins with a code (members harmlessly).', $$select public.join_group('MATRIX-CODE-0001')$$, 'nyyyy'),
  ('group_members', 'execute', 'Members of every role list the members.',
   $$select public.group_members('09000000-0000-4000-8000-0000000000b1')$$, 'nnyyy'),
  ('set_member_role', 'execute', 'Admins and the owner change a member''s role.',
   $$select public.set_member_role('09000000-0000-4000-8000-0000000000b1', '09000000-0000-4000-8000-0000000000a6', 'admin')$$, 'nnnyy'),
  ('remove_member', 'execute', 'Admins and the owner remove a member.',
   $$select public.remove_member('09000000-0000-4000-8000-0000000000b1', '09000000-0000-4000-8000-0000000000a6')$$, 'nnnyy'),
  ('leave_group', 'execute', 'Members and admins leave; the only owner cannot.',
   $$select public.leave_group('09000000-0000-4000-8000-0000000000b1')$$, 'nnyyn'),
  ('update_group', 'execute', 'Admins and the owner rename the group.',
   $$select public.update_group('09000000-0000-4000-8000-0000000000b1', 'G2', 'About')$$, 'nnnyy'),
  ('delete_group', 'execute', 'Only the owner deletes the group.',
   $$select public.delete_group('09000000-0000-4000-8000-0000000000b1', 'Group G')$$, 'nnnny'),
  ('update_profile', 'execute', 'Anyone signed in edits their profile.', $$select public.update_profile('Me', null)$$, 'nyyyy'),
  ('my_profile', 'execute', 'Anyone signed in reads their own profile; anon does not.', $$select public.my_profile()$$, 'nyyyy'),
  ('clip_item', 'execute', 'Members of every role clip into the group.',
   $$select public.clip_item(gen_random_uuid(), '09000000-0000-4000-8000-0000000000b1', '{"kind": "link", "url": "https://example.org/clip", "title": "Clip"}'::jsonb)$$, 'nnyyy'),
  ('add_comment', 'execute', 'Members of every role comment.',
   $$select public.add_comment('09000000-0000-4000-8000-0000000000c1', 'Hello')$$, 'nnyyy'),
  ('edit_comment', 'execute', 'Only the author edits their comment.',
   $$select public.edit_comment('09000000-0000-4000-8000-0000000000d2', 'Edited')$$, 'nnynn'),
  ('delete_comment', 'execute', 'Admins and the owner delete anyone''s comment; a member not someone else''s.',
   $$select public.delete_comment('09000000-0000-4000-8000-0000000000d1')$$, 'nnnyy'),
  ('add_highlight', 'execute', 'Members of every role highlight a passage.',
   $$select public.add_highlight('09000000-0000-4000-8000-0000000000c1', 'Words', '', '', 0, 5)$$, 'nnyyy'),
  ('edit_highlight', 'execute', 'Only the author edits their highlight''s comment.',
   $$select public.edit_highlight('09000000-0000-4000-8000-0000000000e3', 'Edited')$$, 'nnynn'),
  ('delete_highlight', 'execute', 'Admins and the owner delete anyone''s highlight; a member not someone else''s.',
   $$select public.delete_highlight('09000000-0000-4000-8000-0000000000e4')$$, 'nnnyy'),
  ('delete_item', 'execute', 'Admins and the owner remove anyone''s item; a member not someone else''s.',
   $$select public.delete_item('09000000-0000-4000-8000-0000000000c1')$$, 'nnnyy'),
  ('group_queue', 'execute', 'Members of every role read the queue.',
   $$select public.group_queue('09000000-0000-4000-8000-0000000000b1', 50, 0, 'wanted')$$, 'nnyyy'),
  ('item_detail', 'execute', 'Members of every role read an item.',
   $$select public.item_detail('09000000-0000-4000-8000-0000000000c1')$$, 'nnyyy'),
  ('item_comments', 'execute', 'Members of every role read earlier pages of an item''s comments.',
   $$select public.item_comments('09000000-0000-4000-8000-0000000000c1', now(), gen_random_uuid(), 10)$$, 'nnyyy'),
  ('find_item', 'execute', 'Members of every role look an address up in the library.',
   $$select public.find_item('09000000-0000-4000-8000-0000000000b1', private.url_hash(private.url_key('https://example.org/1')))$$, 'nnyyy'),
  ('tag_item', 'execute', 'Members of every role tag an item.',
   $$select public.tag_item('09000000-0000-4000-8000-0000000000c1', array['x'])$$, 'nnyyy'),
  -- tags, comments, reader
  ('untag_item', 'execute', 'Members of every role remove a tag from an item.',
   $$select public.untag_item('09000000-0000-4000-8000-0000000000c1', 'essay')$$, 'nnyyy'),
  ('group_tags', 'execute', 'Members of every role list the group''s tags.',
   $$select public.group_tags('09000000-0000-4000-8000-0000000000b1')$$, 'nnyyy'),
  ('rename_tag', 'execute', 'Admins and the owner rename a tag across the group.',
   $$select public.rename_tag('09000000-0000-4000-8000-0000000000b1', 'essay', 'essays')$$, 'nnnyy'),
  ('group_library', 'execute', 'Members of every role list the library.',
   $$select public.group_library('09000000-0000-4000-8000-0000000000b1')$$, 'nnyyy'),
  ('item_reader', 'execute', 'Members of every role read an item''s clipped copy.',
   $$select public.item_reader('09000000-0000-4000-8000-0000000000c1')$$, 'nnyyy'),
  ('search_library', 'execute', 'Members of every role search the library.',
   $$select public.search_library('09000000-0000-4000-8000-0000000000b1', 'owner')$$, 'nnyyy'),
  ('queue_item', 'execute', 'Members of every role queue an item.',
   $$select public.queue_item('09000000-0000-4000-8000-0000000000c3')$$, 'nnyyy'),
  -- queue: order, votes, read marks
  ('move_queue_entry', 'execute', 'Members of every role move an entry in the queue.',
   $$select public.move_queue_entry('09000000-0000-4000-8000-0000000000c1', null)$$, 'nnyyy'),
  ('unqueue_item', 'execute', 'Members of every role take an item off the queue.',
   $$select public.unqueue_item('09000000-0000-4000-8000-0000000000c1')$$, 'nnyyy'),
  ('vote_item', 'execute', 'Members of every role vote for a queued item.',
   $$select public.vote_item('09000000-0000-4000-8000-0000000000c1', true)$$, 'nnyyy'),
  ('mark_read', 'execute', 'Members of every role mark an item read.',
   $$select public.mark_read('09000000-0000-4000-8000-0000000000c1', true)$$, 'nnyyy'),
  -- meetings and what's new
  ('group_meetings', 'execute', 'Members of every role read the meetings.',
   $$select public.group_meetings('09000000-0000-4000-8000-0000000000b1')$$, 'nnyyy'),
  ('schedule_meeting', 'execute', 'Admins and the owner schedule the next meeting (after calling off the one planned).',
   $$select public.cancel_meeting('09000000-0000-4000-8000-000000000092'), public.schedule_meeting('09000000-0000-4000-8000-0000000000b1', now() + interval '1 day')$$, 'nnnyy'),
  ('cancel_meeting', 'execute', 'Admins and the owner cancel the next meeting.',
   $$select public.cancel_meeting('09000000-0000-4000-8000-000000000092')$$, 'nnnyy'),
  ('edit_agenda', 'execute', 'Admins and the owner edit the agenda.',
   $$select public.edit_agenda('09000000-0000-4000-8000-000000000092', '09000000-0000-4000-8000-0000000000c2', 'add')$$, 'nnnyy'),
  ('edit_meeting', 'execute', 'Admins and the owner change the next meeting''s time, title, place and lead.',
   $$select public.edit_meeting('09000000-0000-4000-8000-000000000092', now() + interval '2 days', 'Moved')$$, 'nnnyy'),
  ('record_discussed', 'execute', 'Admins and the owner record what was discussed.',
   $$select public.record_discussed('09000000-0000-4000-8000-000000000092', '09000000-0000-4000-8000-0000000000c1', true, 'Takeaway')$$, 'nnnyy'),
  ('finish_meeting', 'execute', 'Admins and the owner finish a meeting.',
   $$select public.finish_meeting('09000000-0000-4000-8000-000000000092')$$, 'nnnyy'),
  ('group_news', 'execute', 'Members of every role see what is new in the group.',
   $$select public.group_news('09000000-0000-4000-8000-0000000000b1')$$, 'nnyyy'),
  ('mark_seen', 'execute', 'Members of every role mark the group seen.',
   $$select public.mark_seen('09000000-0000-4000-8000-0000000000b1')$$, 'nnyyy'),
  ('export_group', 'execute', 'Members of every role export the group; nobody else does.',
   $$select public.export_group('09000000-0000-4000-8000-0000000000b1')$$, 'nnyyy'),
  ('delete_account', 'execute', 'Anyone signed in deletes their own account, except the last owner of a group with other members.',
   $$select public.delete_account('DELETE')$$, 'nyyyn');

select plan((select count(*)::int from tests.matrix) + 3);

select is(
  array(select c.relname::text from pg_class as c
         where c.relnamespace = 'app'::regnamespace and c.relkind in ('r', 'p')
        except select object from tests.matrix order by 1),
  '{}'::text[],
  'Every table in app is in the matrix.');
select is(
  array(select t.relname || ' ' || cmd
          from pg_class as t, unnest(array['select', 'insert', 'update', 'delete']) as cmd
         where t.relnamespace = 'app'::regnamespace and t.relkind in ('r', 'p')
        except select object || ' ' || command from tests.matrix order by 1),
  '{}'::text[],
  'Every table is tried with every command.');
select is(
  array(select p.proname::text from pg_proc as p where p.pronamespace = 'public'::regnamespace
        except select object from tests.matrix where command = 'execute' order by 1),
  '{}'::text[],
  'Every function in public is in the matrix.');

select is(tests.outcomes(m.statement), m.expected,
          format('%s %s [anon, outsider, member, admin, owner]: %s', m.object, m.command, m.sentence))
  from tests.matrix as m order by m.ord;

select * from finish();
rollback;
