-- Schema rules every table and function must keep: RLS everywhere, documented columns,
-- policies per command for signed-in people, RPCs signed-in only, helpers not exposed.
begin;
set search_path = public, extensions;
select plan(21);

select is(
  array(select c.relname::text from pg_class as c
         where c.relnamespace = 'app'::regnamespace and c.relkind in ('r', 'p') and not c.relrowsecurity order by 1),
  '{}'::text[],
  'Row-level security is enabled on every table in public.');

select cmp_ok(
  (select count(*)::int from pg_class as c where c.relnamespace = 'app'::regnamespace and c.relkind in ('r', 'p')),
  '>=', 9,
  'The schema has its nine tables (so the checks above and below look at something).');

select is(
  array(select c.relname || '.' || a.attname
          from pg_class as c
          join pg_attribute as a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
         where c.relnamespace = 'app'::regnamespace and c.relkind in ('r', 'p')
           and col_description(c.oid, a.attnum) is null
         order by 1),
  '{}'::text[],
  'Every column of every table in public has a comment.');

select is(
  array(select c.relname::text from pg_class as c
         where c.relnamespace = 'app'::regnamespace and c.relkind in ('r', 'p')
           and obj_description(c.oid, 'pg_class') is null order by 1),
  '{}'::text[],
  'Every table in public has a comment.');

select is(
  array(select tablename || ': ' || policyname from pg_policies
         where schemaname = 'app' and (roles <> '{authenticated}'::name[] or cmd = 'ALL') order by 1),
  '{}'::text[],
  'Every policy is for one command and applies to authenticated only.');

select is(
  array(select tablename || ': ' || policyname from pg_policies
         where schemaname = 'app'
           and (coalesce(qual, '') || coalesce(with_check, '')) ~ 'auth\.uid\(\)'
           and regexp_replace(coalesce(qual, '') || coalesce(with_check, ''), '\(\s*SELECT auth\.uid\(\) AS uid\)', '', 'g') ~ 'auth\.uid\(\)'
         order by 1),
  '{}'::text[],
  'Policies call auth.uid() only as (select auth.uid()), so it is evaluated once per statement.');

select is(
  array(select c.relname::text from pg_class as c
         where c.relnamespace = 'app'::regnamespace and c.relkind in ('r', 'p')
           and (has_table_privilege('anon', c.oid, 'select') or has_table_privilege('anon', c.oid, 'insert')
             or has_table_privilege('anon', c.oid, 'update') or has_table_privilege('anon', c.oid, 'delete'))
         order by 1),
  '{}'::text[],
  'The anonymous role has no privileges on any table.');

select is(
  array(select c.relname::text from pg_class as c
         where c.relnamespace = 'app'::regnamespace and c.relkind in ('r', 'p')
           and has_table_privilege('authenticated', c.oid, 'truncate') order by 1),
  '{}'::text[],
  'Signed-in people cannot TRUNCATE any table (TRUNCATE ignores row-level security).');

select has_function('public', 'my_groups', '{}'::name[], 'my_groups() exists.');
select has_function('public', 'create_group', array['text'], 'create_group(p_name text) exists.');
select has_function('public', 'create_invite', array['uuid', 'integer', 'integer'],
  'create_invite(p_group_id uuid, p_expires_in_days integer, p_max_uses integer) exists.');
select has_function('public', 'join_group', array['text'], 'join_group(p_code text) exists.');
select has_function('public', 'clip_item', array['uuid', 'uuid', 'jsonb', 'text[]', 'text', 'boolean'],
  'clip_item(p_client_id, p_group_id, p_clip, p_tags, p_comment, p_queue) exists.');
select has_function('public', 'add_comment', array['uuid', 'text', 'uuid', 'uuid', 'uuid'],
  'add_comment(p_item_id uuid, p_body text, p_client_id uuid default null, p_parent_id uuid default null, p_highlight_id uuid default null) exists.');
select has_function('public', 'group_queue', array['uuid', 'integer', 'integer', 'text'],
  'group_queue(p_group_id uuid, p_limit integer default 50, p_offset integer default 0, p_order text default ''queue'') exists.');
select has_function('public', 'item_detail', array['uuid'], 'item_detail(p_item_id uuid) exists.');
select has_function('public', 'find_item', array['uuid', 'text'], 'find_item(p_group_id uuid, p_url_hash text) exists.');
select has_function('public', 'tag_item', array['uuid', 'text[]'], 'tag_item(p_item_id uuid, p_tags text[]) exists.');
select has_function('public', 'queue_item', array['uuid'], 'queue_item(p_item_id uuid) exists.');

select results_eq(
  $$select p.proname::text collate "default",
           has_function_privilege('anon', p.oid, 'execute'),
           has_function_privilege('authenticated', p.oid, 'execute'),
           p.prosecdef,
           coalesce(p.proconfig @> array['search_path=""'], false)
      from pg_proc as p where p.pronamespace = 'public'::regnamespace order by 1$$,
  $$values ('add_comment', false, true, false, true), ('add_highlight', false, true, false, true),
           ('cancel_meeting', false, true, false, true),
           ('clip_item', false, true, false, true), ('create_group', false, true, false, true),
           ('create_invite', false, true, false, true), ('delete_account', false, true, false, true),
           ('delete_comment', false, true, false, true), ('delete_group', false, true, false, true),
           ('delete_highlight', false, true, false, true),
           ('delete_item', false, true, false, true), ('edit_agenda', false, true, false, true),
           ('edit_comment', false, true, false, true), ('edit_highlight', false, true, false, true),
           ('edit_meeting', false, true, false, true),
           ('export_group', false, true, false, true),
           ('find_item', false, true, false, true), ('finish_meeting', false, true, false, true),
           ('group_library', false, true, false, true), ('group_meetings', false, true, false, true),
           ('group_members', false, true, false, true), ('group_news', false, true, false, true),
           ('group_queue', false, true, false, true), ('group_tags', false, true, false, true),
           ('item_comments', false, true, false, true),
           ('item_detail', false, true, false, true), ('item_reader', false, true, false, true),
           ('join_group', false, true, false, true), ('leave_group', false, true, false, true),
           ('list_invites', false, true, false, true), ('mark_read', false, true, false, true),
           ('mark_seen', false, true, false, true), ('move_queue_entry', false, true, false, true),
           ('my_groups', false, true, false, true), ('my_profile', false, true, false, true),
           ('preview_invite', false, true, false, true), ('queue_item', false, true, false, true),
           ('record_discussed', false, true, false, true), ('remove_member', false, true, false, true),
           ('rename_tag', false, true, false, true), ('revoke_invite', false, true, false, true),
           ('schedule_meeting', false, true, false, true), ('search_library', false, true, false, true),
           ('set_member_role', false, true, false, true), ('tag_item', false, true, false, true),
           ('unqueue_item', false, true, false, true), ('untag_item', false, true, false, true),
           ('update_group', false, true, false, true), ('update_profile', false, true, false, true),
           ('vote_item', false, true, false, true)$$,
  'public holds exactly the RPCs of api-types.ts: signed-in only, SECURITY INVOKER, with an empty search_path.');

select is(
  array(select p.proname::text from pg_proc as p
         where p.pronamespace = 'private'::regnamespace
           and (has_function_privilege('anon', p.oid, 'execute')
             or not coalesce(p.proconfig @> array['search_path=""'], false))
         order by 1),
  '{}'::text[],
  'Private helpers: none executable by anon (PUBLIC revoked), all with an empty search_path.');

select * from finish();
rollback;
