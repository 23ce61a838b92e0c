-- ======================================================================================
-- Live updates
--
-- Private Broadcast, as Supabase recommends for changes members may only see in part
-- (Postgres Changes does not apply RLS to DELETE events, so any signed-in user subscribed
-- to a table would hear other groups' deleted keys). No table is in the
-- supabase_realtime publication: nothing is streamed from the WAL to clients.
-- * One private topic per group, `group:<group uuid>`. Members of the group may receive
--   it: an RLS policy on realtime.messages, which Realtime reads once per channel join
--   (and again when the client hands it a new token) with realtime.topic() set to the
--   topic. Nobody may send on it (no insert policy): only the database writes to it.
-- * A trigger on each table the side panel shows (items, item_tags, comments, highlights,
--   queue_entries, queue_votes, meetings, meeting_items) calls realtime.send with event
--   `change` and the payload {"table": <table>, "operation": INSERT|UPDATE|DELETE}
--   (realtime.send adds an "id"). No row content: the panel refetches through the RPCs,
--   which apply every check. One message per group, table and operation per client
--   statement, so moving a queue of 50 entries is one message, not 50.
-- ======================================================================================

-- --------------------------------------------------------------------------------------
-- Functions
-- --------------------------------------------------------------------------------------

create function private.group_topic_id(p_topic text)
returns uuid
language sql
immutable
set search_path = ''
as $$
  select case
    when p_topic ~ '^group:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then substr(p_topic, 7)::uuid
  end
$$;

comment on function private.group_topic_id(text) is
  'The group id in a live-updates topic `group:<uuid>` (lower-case, as the triggers write it); null for any other topic.';

revoke all on function private.group_topic_id(text) from public;

grant execute on function private.group_topic_id(text) to authenticated;

create function private.broadcast_group_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_group_id uuid := case when tg_op = 'DELETE' then old.group_id else new.group_id end;
  v_topic text := 'group:' || v_group_id::text;
  -- One message per topic, table and operation per client statement (an RPC is one).
  v_key text := statement_timestamp()::text || ' ' || v_topic || ' ' || tg_table_name || ' ' || tg_op || ';';
  v_sent text := coalesce(current_setting('readclub.live_sent', true), '');
begin
  if strpos(v_sent, v_key) = 0 then
    perform set_config('readclub.live_sent', v_sent || v_key, true);
    perform realtime.send(jsonb_build_object('table', tg_table_name, 'operation', tg_op), 'change', v_topic, true);
  end if;
  return null;
end;
$$;

comment on function private.broadcast_group_change() is
  'Trigger: tells the group''s private topic group:<group_id> that a row of this table changed, as {"table", "operation"} under event `change`. SECURITY DEFINER because realtime.messages takes no insert from members.';

revoke all on function private.broadcast_group_change() from public;

-- --------------------------------------------------------------------------------------
-- Row level security policies
-- --------------------------------------------------------------------------------------

-- Realtime asks this as the member (role authenticated) on a join: private.group_topic_id
-- and private.my_group_ids (SECURITY DEFINER) are all it needs, no privilege on app tables.
create policy "Members receive their group's live changes"
  on realtime.messages for select to authenticated
  using (
    extension = 'broadcast'
    and topic = (select realtime.topic())
    and (select private.group_topic_id(realtime.topic())) = any (array(select private.my_group_ids()))
  );

-- No insert, update or delete policy: clients cannot send on a group's topic.

-- --------------------------------------------------------------------------------------
-- Triggers
-- --------------------------------------------------------------------------------------

create trigger broadcast_change
  after insert or update or delete on app.items
  for each row execute function private.broadcast_group_change();

create trigger broadcast_change
  after insert or update or delete on app.item_tags
  for each row execute function private.broadcast_group_change();

create trigger broadcast_change
  after insert or update or delete on app.comments
  for each row execute function private.broadcast_group_change();

create trigger broadcast_change
  after insert or update or delete on app.highlights
  for each row execute function private.broadcast_group_change();

create trigger broadcast_change
  after insert or update or delete on app.queue_entries
  for each row execute function private.broadcast_group_change();

create trigger broadcast_change
  after insert or update or delete on app.queue_votes
  for each row execute function private.broadcast_group_change();

create trigger broadcast_change
  after insert or update or delete on app.meetings
  for each row execute function private.broadcast_group_change();

create trigger broadcast_change
  after insert or update or delete on app.meeting_items
  for each row execute function private.broadcast_group_change();
