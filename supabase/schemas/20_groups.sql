-- ======================================================================================
-- Groups, members, invites
--
-- Reading groups, who belongs to them (owner / admin / member), and invite codes.
-- * A person creates a group (create_group) and becomes its owner (trigger).
-- * Owners and admins make invite codes (create_invite); anyone signed in who knows a
--   valid code joins as a member (join_group, through private.redeem_invite). Only a
--   hash of a code is stored; wrong codes are counted per person and limited.
-- * A group always keeps an owner (keep_an_owner).
-- * The membership helpers here are what every policy in the project asks.
-- ======================================================================================

-- --------------------------------------------------------------------------------------
-- Tables
-- --------------------------------------------------------------------------------------

create table app.groups (
  id uuid primary key default gen_random_uuid(),
  name text not null
    constraint groups_name_length check (char_length(btrim(name)) between 1 and 80),
  created_by uuid default auth.uid() references app.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  description text not null default ''
    constraint groups_description_length check (char_length(description) <= 500)
);

alter table app.groups enable row level security;

comment on table app.groups is 'A reading group: its members share one library and one discussion queue.';

comment on column app.groups.id is 'Group id.';

comment on column app.groups.name is 'Group name shown to members (1–80 characters).';

comment on column app.groups.created_by is 'Who created the group (null once that person''s account is deleted).';

comment on column app.groups.created_at is 'When the group was created.';

comment on column app.groups.updated_at is 'When the group was last renamed or its description changed.';

comment on column app.groups.description is 'The group''s focus, shown to members (at most 500 characters; empty when unset).';

create table app.group_members (
  group_id uuid not null references app.groups (id) on delete cascade,
  user_id uuid not null references app.profiles (id) on delete cascade,
  role text not null default 'member'
    constraint group_members_role_valid check (role in ('owner', 'admin', 'member')),
  joined_at timestamptz not null default now(),
  primary key (group_id, user_id)
);

alter table app.group_members enable row level security;

comment on table app.group_members is
  'Who belongs to which group, and as what. Rows are added only by the owner trigger and by join_group; a group always keeps an owner.';

comment on column app.group_members.group_id is 'The group.';

comment on column app.group_members.user_id is 'The member (a profile id).';

comment on column app.group_members.role is
  'owner (one or more; may delete the group and make or unmake owners), admin (invites, moderates, manages members) or member.';

comment on column app.group_members.joined_at is 'When the person joined the group.';

create table app.group_invites (
  group_id uuid not null references app.groups (id) on delete cascade,
  created_by uuid default auth.uid() references app.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz,
  id uuid not null default gen_random_uuid(),
  code_hash bytea not null,
  hint text not null,
  max_uses integer
    constraint group_invites_max_uses_positive check (max_uses > 0),
  uses integer not null default 0
    constraint group_invites_uses_valid check (uses >= 0),
  revoked_at timestamptz,
  constraint group_invites_pkey primary key (id),
  constraint group_invites_code_hash_key unique (code_hash),
  constraint group_invites_code_hash_length check (octet_length(code_hash) = 32),
  constraint group_invites_hint_format check (hint ~ '^[A-Z0-9]{1,4}$'),
  constraint group_invites_uses_within_max check (max_uses is null or uses <= max_uses)
);

alter table app.group_invites enable row level security;

comment on table app.group_invites is
  'Invites: whoever signs in and enters the code joins the group as a member, until it expires, is used up or is revoked. The code itself is never stored.';

comment on column app.group_invites.group_id is 'The group the code lets people into.';

comment on column app.group_invites.created_by is 'Owner or admin who made the code.';

comment on column app.group_invites.created_at is 'When the code was made.';

comment on column app.group_invites.expires_at is
  'After this the code no longer works. create_invite always sets it; null (never expires) only for seeded demo codes.';

comment on column app.group_invites.id is 'Invite id (what list_invites and revoke_invite use; the code is never shown again).';

comment on column app.group_invites.code_hash is 'sha256 of the code (private.invite_code_hash); the code is shown once, to whoever made it.';

comment on column app.group_invites.hint is 'Last four characters of the code, so owners can tell their invites apart.';

comment on column app.group_invites.max_uses is 'How many people may join with it; null means no limit.';

comment on column app.group_invites.uses is 'How many people have joined with it (joining again does not count).';

comment on column app.group_invites.revoked_at is 'When an owner or admin withdrew it; null while it is live.';

create table private.code_failures (
  user_id uuid not null references app.profiles (id) on delete cascade,
  failed_at timestamptz not null default now()
);

alter table private.code_failures enable row level security;

comment on table private.code_failures is
  'One row per refused invite code (wrong, expired, used up or revoked), per person: what slows down guessing. Rows older than a day are dropped as new ones come.';

comment on column private.code_failures.user_id is 'Who entered the code.';

comment on column private.code_failures.failed_at is 'When.';

-- --------------------------------------------------------------------------------------
-- Indexes
-- --------------------------------------------------------------------------------------

create index groups_created_by_idx on app.groups (created_by);

create index group_members_user_id_idx on app.group_members (user_id);

create index group_invites_group_id_idx on app.group_invites (group_id);

create index group_invites_created_by_idx on app.group_invites (created_by);

create index code_failures_user_id_failed_at_idx on private.code_failures (user_id, failed_at);

-- --------------------------------------------------------------------------------------
-- Functions
-- --------------------------------------------------------------------------------------

create function private.my_group_ids(p_roles text[] default array['owner', 'admin', 'member'])
returns setof uuid
language plpgsql
stable
security definer
set search_path = ''
rows 10
as $$
begin
  return query
    select m.group_id
      from app.group_members as m
     where m.user_id = (select auth.uid())
       and m.role = any (p_roles);
end;
$$;

comment on function private.my_group_ids(text[]) is
  'Ids of the groups the signed-in person belongs to with one of the given roles. Policies use it as `group_id in (select private.my_group_ids())` or `group_id = any (array(select private.my_group_ids()))`. PL/pgSQL so its plan is kept for the session (a SQL function that cannot be inlined is planned on every call).';

revoke all on function private.my_group_ids(text[]) from public;

grant execute on function private.my_group_ids(text[]) to authenticated;

create function private.group_role(p_group_id uuid)
returns text
language sql
stable
security definer
set search_path = ''
as $$
  select m.role
    from app.group_members as m
   where m.group_id = p_group_id
     and m.user_id = (select auth.uid())
$$;

comment on function private.group_role(uuid) is
  'The signed-in person''s role in the group, or null when they are not a member (or the group does not exist).';

revoke all on function private.group_role(uuid) from public;

grant execute on function private.group_role(uuid) to authenticated;

create function private.my_co_member_ids()
returns setof uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query
    select distinct other.user_id
      from app.group_members as mine
      join app.group_members as other on other.group_id = mine.group_id
     where mine.user_id = (select auth.uid());
end;
$$;

comment on function private.my_co_member_ids() is
  'Ids of everyone who shares at least one group with the signed-in person (themselves included once they belong to a group). PL/pgSQL so its plan is kept for the session.';

revoke all on function private.my_co_member_ids() from public;

grant execute on function private.my_co_member_ids() to authenticated;

create function private.add_group_creator_as_owner()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.created_by is not null then
    insert into app.group_members (group_id, user_id, role)
    values (new.id, new.created_by, 'owner')
    on conflict (group_id, user_id) do update set role = 'owner';
  end if;
  return new;
end;
$$;

comment on function private.add_group_creator_as_owner() is 'Trigger on groups: makes the creator the group''s owner.';

revoke all on function private.add_group_creator_as_owner() from public;

create function private.require_membership(
  p_group_id uuid,
  p_roles text[] default array['owner', 'admin', 'member'],
  p_refusal text default null
)
returns text
language plpgsql
stable
set search_path = ''
as $$
declare
  v_role text;
begin
  if (select auth.uid()) is null then
    raise exception 'Sign in first.' using errcode = '42501';
  end if;
  v_role := private.group_role(p_group_id);
  if v_role is null then
    raise exception 'You are not a member of this group.' using errcode = '42501';
  end if;
  if not v_role = any (p_roles) then
    raise exception '%', coalesce(p_refusal, 'Your role in this group does not allow that.') using errcode = '42501';
  end if;
  return v_role;
end;
$$;

comment on function private.require_membership(uuid, text[], text) is
  'Raises 42501 with a readable message unless the signed-in person is in the group with one of the roles; returns their role.';

revoke all on function private.require_membership(uuid, text[], text) from public;

grant execute on function private.require_membership(uuid, text[], text) to authenticated;

create function private.require_item_membership(p_item_id uuid)
returns uuid
language plpgsql
stable
set search_path = ''
as $$
declare
  v_group_id uuid;
begin
  if (select auth.uid()) is null then
    raise exception 'Sign in first.' using errcode = '42501';
  end if;
  v_group_id := private.item_group_id(p_item_id);
  if v_group_id is null then
    raise exception 'That article is no longer in the library.' using errcode = 'P0001';
  end if;
  perform private.require_membership(v_group_id);
  return v_group_id;
end;
$$;

comment on function private.require_item_membership(uuid) is
  'Returns the item''s group id; raises P0001 when the item does not exist and 42501 when the signed-in person is not in its group.';

revoke all on function private.require_item_membership(uuid) from public;

grant execute on function private.require_item_membership(uuid) to authenticated;

create function private.new_invite_code()
returns text
language plpgsql
volatile
set search_path = ''
as $$
declare
  -- 32 symbols without 0/O and 1/I: a random byte mod 32 is uniform (5 bits a symbol).
  v_alphabet constant text := 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  v_bytes bytea := uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid());
  v_code text := '';
  v_symbols integer := 0;
begin
  -- Bytes 6 and 8 of a v4 UUID carry its version and variant: 14 fully random bytes in each.
  -- 28 symbols = 140 bits, shown in groups of four.
  for v_index in 0..31 loop
    continue when v_index % 16 in (6, 8);
    if v_symbols > 0 and v_symbols % 4 = 0 then
      v_code := v_code || '-';
    end if;
    v_code := v_code || substr(v_alphabet, get_byte(v_bytes, v_index) % 32 + 1, 1);
    v_symbols := v_symbols + 1;
  end loop;
  return v_code;
end;
$$;

comment on function private.new_invite_code() is
  'A fresh random invite code: 28 symbols (140 bits) in groups of four, like K7QM-3XWD-….';

revoke all on function private.new_invite_code() from public;

grant execute on function private.new_invite_code() to authenticated;

create function public.create_group(p_name text)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_uid uuid := (select auth.uid());
  v_id uuid := gen_random_uuid();
  v_name text := regexp_replace(btrim(coalesce(p_name, '')), '\s+', ' ', 'g');
begin
  if v_uid is null then
    raise exception 'Sign in to create a group.' using errcode = '42501';
  end if;
  if char_length(v_name) not between 1 and 80 then
    raise exception 'A group name needs 1 to 80 characters.' using errcode = '22023';
  end if;
  -- The groups_add_creator_as_owner trigger makes the caller the owner.
  insert into app.groups (id, name, created_by) values (v_id, v_name, v_uid);
  return jsonb_build_object('id', v_id, 'name', v_name);
end;
$$;

comment on function public.create_group(text) is
  'RPC create_group(p_name) → {id, name}: a new group with the caller as its owner.';

revoke all on function public.create_group(text) from public, anon;

grant execute on function public.create_group(text) to authenticated;

create function private.invite_code_key(p_code text)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  -- A pasted link carries the code after its last / # or =.
  select regexp_replace(upper(regexp_replace(btrim(coalesce(p_code, '')), '^.*[/#=]', '')), '[^A-Z0-9]', '', 'g')
$$;

comment on function private.invite_code_key(text) is
  'An invite code as it is hashed: the part after a link''s last / # or =, upper-case, letters and digits only.';

revoke all on function private.invite_code_key(text) from public;

grant execute on function private.invite_code_key(text) to authenticated;

create function private.invite_code_hash(p_code text)
returns bytea
language sql
immutable
parallel safe
set search_path = ''
as $$
  select sha256(convert_to(private.invite_code_key(p_code), 'UTF8'))
$$;

comment on function private.invite_code_hash(text) is 'sha256 of the code''s key: what group_invites stores instead of the code.';

revoke all on function private.invite_code_hash(text) from public;

grant execute on function private.invite_code_hash(text) to authenticated;

create function private.note_code_failure()
returns void
language sql
volatile
security definer
set search_path = ''
as $$
  delete from private.code_failures as f
   where f.user_id = (select auth.uid()) and f.failed_at < now() - interval '1 day';
  insert into private.code_failures (user_id) select (select auth.uid()) where (select auth.uid()) is not null;
$$;

comment on function private.note_code_failure() is
  'Records one refused code for the signed-in person. SECURITY DEFINER: nobody may write code_failures directly.';

revoke all on function private.note_code_failure() from public;

grant execute on function private.note_code_failure() to authenticated;

create function private.check_code_attempts()
returns void
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_recent timestamptz[];
  v_minutes integer;
begin
  select array_agg(f.failed_at order by f.failed_at desc) into v_recent
    from (select c.failed_at from private.code_failures as c
           where c.user_id = (select auth.uid()) and c.failed_at > now() - interval '15 minutes'
           order by c.failed_at desc limit 10) as f;
  if cardinality(v_recent) >= 10 then
    -- Free again once the tenth most recent failure is 15 minutes old.
    v_minutes := greatest(1, ceil(extract(epoch from (v_recent[10] + interval '15 minutes' - now())) / 60)::integer);
    raise exception 'Too many wrong codes; try again in % minute%.', v_minutes, case when v_minutes = 1 then '' else 's' end
      using errcode = 'PT429';
  end if;
end;
$$;

comment on function private.check_code_attempts() is
  'Raises PT429 (HTTP 429) "Too many wrong codes; try again in N minutes." after 10 refused codes in 15 minutes. SECURITY DEFINER: reads code_failures.';

revoke all on function private.check_code_attempts() from public;

grant execute on function private.check_code_attempts() to authenticated;

create function private.refuse_code(p_message text, p_hint text)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
begin
  perform private.note_code_failure();
  if coalesce(current_setting('request.method', true), '') <> '' then
    -- Over HTTP: answer as PostgREST answers a raised P0001, but commit, so the count stays.
    perform set_config('response.status', '400', true);
    return jsonb_build_object('code', 'P0001', 'message', p_message, 'details', null, 'hint', p_hint);
  end if;
  raise exception '%', p_message using errcode = 'P0001', hint = coalesce(p_hint, '');
end;
$$;

comment on function private.refuse_code(text, text) is
  'Counts a refused invite code and answers it: over HTTP a committed 400 response with the P0001 error body, from SQL a raised P0001.';

revoke all on function private.refuse_code(text, text) from public;

grant execute on function private.refuse_code(text, text) to authenticated;

create function private.redeem_invite(p_code text, p_join boolean)
returns table (id uuid, name text, member_count integer, already_member boolean)
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_uid uuid := (select auth.uid());
  v_invite app.group_invites%rowtype;
  v_member boolean;
begin
  if v_uid is null then
    raise exception 'Sign in to join a group.' using errcode = '42501';
  end if;
  perform private.check_code_attempts();
  select i.* into v_invite from app.group_invites as i
   where i.code_hash = private.invite_code_hash(p_code)
     for update;
  if not found or private.invite_code_key(p_code) = '' then
    raise exception 'That invite code is not valid.'
      using errcode = 'P0001', hint = 'Check the code with whoever invited you.';
  end if;
  -- Already a member: joining again is harmless and uses nothing up.
  v_member := exists (select from app.group_members as m where m.group_id = v_invite.group_id and m.user_id = v_uid);
  if not v_member then
    if v_invite.revoked_at is not null then
      raise exception 'That invite has been withdrawn. Ask for a new one.' using errcode = 'P0001';
    end if;
    if v_invite.expires_at is not null and v_invite.expires_at <= now() then
      raise exception 'That invite code has expired. Ask for a new one.' using errcode = 'P0001';
    end if;
    if v_invite.max_uses is not null and v_invite.uses >= v_invite.max_uses then
      raise exception 'That invite has been used as many times as it allows. Ask for a new one.' using errcode = 'P0001';
    end if;
    if p_join then
      update app.group_invites as i set uses = i.uses + 1 where i.id = v_invite.id;
      insert into app.group_members (group_id, user_id, role) values (v_invite.group_id, v_uid, 'member');
    end if;
  end if;
  return query
    select g.id, g.name, (select count(*)::integer from app.group_members as m where m.group_id = g.id), v_member
      from app.groups as g where g.id = v_invite.group_id;
end;
$$;

comment on function private.redeem_invite(text, boolean) is
  'Checks an invite code (slow-down, wrong, withdrawn, expired, used up: each its own P0001 message) and, when p_join, adds the signed-in person as a member and counts the use (not when already in). Returns the group''s id, name and member count, and whether the person was a member before this call. SECURITY DEFINER because a non-member can neither read invites nor add memberships; called only by join_group and preview_invite.';

revoke all on function private.redeem_invite(text, boolean) from public;

grant execute on function private.redeem_invite(text, boolean) to authenticated;

create function public.join_group(p_code text)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_message text;
  v_hint text;
begin
  return (select jsonb_build_object('id', r.id, 'name', r.name) from private.redeem_invite(p_code, true) as r);
exception when sqlstate 'P0001' then
  get stacked diagnostics v_message = message_text, v_hint = pg_exception_hint;
  return private.refuse_code(v_message, nullif(v_hint, ''));
end;
$$;

comment on function public.join_group(text) is
  'RPC join_group(p_code) → {id, name}: joins the invite''s group as a member (again: no change, no use counted). The code may be pasted with spaces, dashes, in any case, or as a link. Refusals (P0001): not valid, withdrawn, expired, used up; after 10 in 15 minutes, PT429 "Too many wrong codes; try again in N minutes."';

revoke all on function public.join_group(text) from public, anon;

grant execute on function public.join_group(text) to authenticated;

create function public.preview_invite(p_code text)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_message text;
  v_hint text;
begin
  return (select jsonb_build_object('name', r.name, 'member_count', r.member_count, 'already_member', r.already_member)
            from private.redeem_invite(p_code, false) as r);
exception when sqlstate 'P0001' then
  get stacked diagnostics v_message = message_text, v_hint = pg_exception_hint;
  return private.refuse_code(v_message, nullif(v_hint, ''));
end;
$$;

comment on function public.preview_invite(text) is
  'RPC preview_invite(p_code) → {name, member_count, already_member}: what someone sees before joining (already_member: the caller is in the group already), and nothing more. Refuses (and counts) codes as join_group does. Volatile: a refused code is recorded.';

revoke all on function public.preview_invite(text) from public, anon;

grant execute on function public.preview_invite(text) to authenticated;

create function public.create_invite(p_group_id uuid, p_expires_in_days integer default 7, p_max_uses integer default null)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_code text;
  v_expires_at timestamptz;
begin
  perform private.require_membership(
    p_group_id, array['owner', 'admin'], 'Only the group''s owner or an admin can invite people.');
  if p_expires_in_days is null or p_expires_in_days not between 1 and 90 then
    raise exception 'An invite lasts 1 to 90 days.' using errcode = '22023';
  end if;
  if p_max_uses is not null and p_max_uses not between 1 and 1000 then
    raise exception 'An invite allows 1 to 1000 uses, or any number.' using errcode = '22023';
  end if;
  v_code := private.new_invite_code();
  v_expires_at := now() + make_interval(days => p_expires_in_days);
  insert into app.group_invites (code_hash, hint, group_id, created_by, expires_at, max_uses)
  values (private.invite_code_hash(v_code), right(private.invite_code_key(v_code), 4), p_group_id,
          (select auth.uid()), v_expires_at, p_max_uses);
  return jsonb_build_object('code', v_code, 'group_id', p_group_id, 'expires_at', v_expires_at, 'max_uses', p_max_uses);
end;
$$;

comment on function public.create_invite(uuid, integer, integer) is
  'RPC create_invite(p_group_id, p_expires_in_days = 7, p_max_uses = null) → {code, group_id, expires_at, max_uses}: a new invite (owners and admins only). The code is shown here once and stored only hashed.';

revoke all on function public.create_invite(uuid, integer, integer) from public, anon;

grant execute on function public.create_invite(uuid, integer, integer) to authenticated;

create function public.list_invites(p_group_id uuid)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
begin
  perform private.require_membership(
    p_group_id, array['owner', 'admin'], 'Only the group''s owner or an admin can see its invites.');
  return coalesce((
    select jsonb_agg(
             jsonb_build_object(
               'id', i.id,
               'hint', i.hint,
               'created_by', private.person(i.created_by, p.display_name),
               'created_at', i.created_at,
               'expires_at', i.expires_at,
               'max_uses', i.max_uses,
               'uses', i.uses)
             order by i.created_at desc, i.id)
      from app.group_invites as i
      left join app.profiles as p on p.id = i.created_by
     where i.group_id = p_group_id
       and i.revoked_at is null
       and (i.expires_at is null or i.expires_at > now())
       and (i.max_uses is null or i.uses < i.max_uses)), '[]'::jsonb);
end;
$$;

comment on function public.list_invites(uuid) is
  'RPC list_invites(p_group_id) → InviteSummary[]: the group''s open invites, newest first, without their codes (owners and admins only).';

revoke all on function public.list_invites(uuid) from public, anon;

grant execute on function public.list_invites(uuid) to authenticated;

create function public.revoke_invite(p_invite_id uuid)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_group_id uuid;
  v_revoked_at timestamptz;
begin
  if (select auth.uid()) is null then
    raise exception 'Sign in first.' using errcode = '42501';
  end if;
  -- Only owners and admins can see invites (RLS): anyone else finds none.
  select i.group_id into v_group_id from app.group_invites as i where i.id = p_invite_id;
  if v_group_id is null then
    raise exception 'That invite is no longer there.' using errcode = 'P0001';
  end if;
  perform private.require_membership(
    v_group_id, array['owner', 'admin'], 'Only the group''s owner or an admin can withdraw invites.');
  update app.group_invites as i set revoked_at = coalesce(i.revoked_at, now())
   where i.id = p_invite_id
  returning i.revoked_at into v_revoked_at;
  return jsonb_build_object('id', p_invite_id, 'revoked_at', v_revoked_at);
end;
$$;

comment on function public.revoke_invite(uuid) is
  'RPC revoke_invite(p_invite_id) → {id, revoked_at}: withdraws an invite so its code no longer lets anyone in (again: no change).';

revoke all on function public.revoke_invite(uuid) from public, anon;

grant execute on function public.revoke_invite(uuid) to authenticated;

create function private.keep_an_owner()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  -- Whole group going (delete_group) or the owner's account going: nothing to keep.
  if not exists (select from app.groups as g where g.id = old.group_id)
     or not exists (select from app.profiles as p where p.id = old.user_id) then
    return null;
  end if;
  if old.role = 'owner' then
    -- Two owners stepping down at once would each still see the other as owner: the
    -- group's row lock makes the second wait for the first to commit, then count again
    -- (a new snapshot, read committed). NO KEY UPDATE does not block members joining.
    perform from app.groups as g where g.id = old.group_id for no key update;
    if not exists (select from app.group_members as m where m.group_id = old.group_id and m.role = 'owner') then
      raise exception 'A group needs an owner: make another member an owner first.' using errcode = 'P0001';
    end if;
  end if;
  return null;
end;
$$;

comment on function private.keep_an_owner() is
  'Trigger on group_members: refuses to demote or remove a group''s last owner, counting owners under a lock on the group''s row so two owners stepping down at once cannot both go. SECURITY DEFINER: counts owners past RLS.';

revoke all on function private.keep_an_owner() from public;

create function public.set_member_role(p_group_id uuid, p_user_id uuid, p_role text)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_my_role text := private.require_membership(
    p_group_id, array['owner', 'admin'], 'Only the group''s owners and admins can change roles.');
  v_their_role text;
begin
  if p_role is null or p_role not in ('owner', 'admin', 'member') then
    raise exception 'A role is owner, admin or member.' using errcode = '22023';
  end if;
  select m.role into v_their_role from app.group_members as m
   where m.group_id = p_group_id and m.user_id = p_user_id;
  if v_their_role is null then
    raise exception 'That person is not in this group.' using errcode = 'P0001';
  end if;
  if (p_role = 'owner' or v_their_role = 'owner') and v_my_role <> 'owner' then
    raise exception 'Only an owner can make or unmake owners.' using errcode = '42501';
  end if;
  update app.group_members as m set role = p_role
   where m.group_id = p_group_id and m.user_id = p_user_id and m.role is distinct from p_role;
  return jsonb_build_object('group_id', p_group_id, 'user_id', p_user_id, 'role', p_role);
end;
$$;

comment on function public.set_member_role(uuid, uuid, text) is
  'RPC set_member_role(p_group_id, p_user_id, p_role) → {group_id, user_id, role}. Owners change any role; admins move people between admin and member; only owners make or unmake owners; the last owner stays one.';

revoke all on function public.set_member_role(uuid, uuid, text) from public, anon;

grant execute on function public.set_member_role(uuid, uuid, text) to authenticated;

create function public.remove_member(p_group_id uuid, p_user_id uuid)
returns void
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_my_role text := private.require_membership(
    p_group_id, array['owner', 'admin'], 'Only the group''s owners and admins can remove members.');
  v_their_role text;
begin
  select m.role into v_their_role from app.group_members as m
   where m.group_id = p_group_id and m.user_id = p_user_id;
  if v_their_role is null then
    return;  -- already gone
  end if;
  if v_their_role = 'owner' and v_my_role <> 'owner' then
    raise exception 'Only an owner can remove an owner.' using errcode = '42501';
  end if;
  delete from app.group_members as m where m.group_id = p_group_id and m.user_id = p_user_id;
end;
$$;

comment on function public.remove_member(uuid, uuid) is
  'RPC remove_member(p_group_id, p_user_id) → void: takes someone out of the group; they lose access at once (owners remove anyone, admins anyone but owners; never the last owner).';

revoke all on function public.remove_member(uuid, uuid) from public, anon;

grant execute on function public.remove_member(uuid, uuid) to authenticated;

create function public.leave_group(p_group_id uuid)
returns void
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_role text := private.require_membership(p_group_id);
begin
  if v_role = 'owner' and not exists (
       select from app.group_members as m
        where m.group_id = p_group_id and m.role = 'owner' and m.user_id <> (select auth.uid())) then
    raise exception 'You are this group''s last owner: make another member an owner before you leave, or delete the group.'
      using errcode = 'P0001';
  end if;
  delete from app.group_members as m where m.group_id = p_group_id and m.user_id = (select auth.uid());
end;
$$;

comment on function public.leave_group(uuid) is 'RPC leave_group(p_group_id) → void: the signed-in person leaves (not the last owner).';

revoke all on function public.leave_group(uuid) from public, anon;

grant execute on function public.leave_group(uuid) to authenticated;

create function public.update_group(p_group_id uuid, p_name text, p_description text default null)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_name text := regexp_replace(btrim(coalesce(p_name, '')), '\s+', ' ', 'g');
  v_description text := btrim(coalesce(p_description, ''));
begin
  perform private.require_membership(
    p_group_id, array['owner', 'admin'], 'Only the group''s owners and admins can rename it or change its description.');
  if char_length(v_name) not between 1 and 80 then
    raise exception 'A group name needs 1 to 80 characters.' using errcode = '22023';
  end if;
  if char_length(v_description) > 500 then
    raise exception 'A description can be at most 500 characters.' using errcode = '22023';
  end if;
  update app.groups as g set name = v_name, description = v_description where g.id = p_group_id;
  return jsonb_build_object('id', p_group_id, 'name', v_name, 'description', v_description);
end;
$$;

comment on function public.update_group(uuid, text, text) is
  'RPC update_group(p_group_id, p_name, p_description) → {id, name, description}: owners and admins rename the group and set its focus (null description: empty).';

revoke all on function public.update_group(uuid, text, text) from public, anon;

grant execute on function public.update_group(uuid, text, text) to authenticated;

create function public.delete_group(p_group_id uuid, p_confirm_name text)
returns void
language plpgsql
volatile
security invoker
set search_path = ''
as $$
begin
  perform private.require_membership(p_group_id, array['owner'], 'Only an owner can delete the group.');
  if not exists (select from app.groups as g where g.id = p_group_id and g.name = btrim(coalesce(p_confirm_name, ''))) then
    raise exception 'Type the group''s name exactly to delete it.' using errcode = '22023';
  end if;
  delete from app.groups as g where g.id = p_group_id;  -- its library, queue and members go with it
end;
$$;

comment on function public.delete_group(uuid, text) is
  'RPC delete_group(p_group_id, p_confirm_name) → void: an owner deletes the group and its whole library, after typing its name.';

revoke all on function public.delete_group(uuid, text) from public, anon;

grant execute on function public.delete_group(uuid, text) to authenticated;

create function public.group_members(p_group_id uuid)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
begin
  perform private.require_membership(p_group_id);
  return coalesce((
    select jsonb_agg(
             jsonb_build_object(
               'id', m.user_id,
               'display_name', coalesce(p.display_name, 'Former member'),
               'avatar_url', p.avatar_url,
               'role', m.role,
               'joined_at', m.joined_at)
             order by case m.role when 'owner' then 0 when 'admin' then 1 else 2 end, lower(p.display_name), m.user_id)
      from app.group_members as m
      left join app.profiles as p on p.id = m.user_id
     where m.group_id = p_group_id), '[]'::jsonb);
end;
$$;

comment on function public.group_members(uuid) is
  'RPC group_members(p_group_id) → Member[]: everyone in the group (owners, then admins, then members, by name).';

revoke all on function public.group_members(uuid) from public, anon;

grant execute on function public.group_members(uuid) to authenticated;

create function public.my_groups()
returns table (id uuid, name text, description text, role text, member_count integer, queue_count integer)
language plpgsql
stable
security invoker
set search_path = ''
as $$
begin
  return query
    select g.id,
           g.name,
           g.description,
           m.role,
           (select count(*)::integer from app.group_members as mm where mm.group_id = g.id),
           (select count(*)::integer from app.queue_entries as q where q.group_id = g.id)
      from app.group_members as m
      join app.groups as g on g.id = m.group_id
     where m.user_id = (select auth.uid())
     order by lower(g.name), g.id;
end;
$$;

comment on function public.my_groups() is
  'RPC my_groups → GroupSummary[]: the signed-in person''s groups with their description, role, member count and queue length.';

revoke all on function public.my_groups() from public, anon;

grant execute on function public.my_groups() to authenticated;

-- --------------------------------------------------------------------------------------
-- Table privileges
-- --------------------------------------------------------------------------------------

-- Row-level security decides which rows; these grants decide what the SECURITY INVOKER
-- RPCs may do at all (no other API role holds anything on these tables).

grant select, insert, delete on table app.groups to authenticated;
grant update (name, description) on table app.groups to authenticated;

grant select, delete on table app.group_members to authenticated;
grant update (role) on table app.group_members to authenticated;

grant select, insert on table app.group_invites to authenticated;
grant update (revoked_at) on table app.group_invites to authenticated;

revoke all on table private.code_failures from public, anon, authenticated;

-- --------------------------------------------------------------------------------------
-- Row level security policies
-- --------------------------------------------------------------------------------------

create policy "Members can read their groups"
  on app.groups for select to authenticated
  using (id in (select private.my_group_ids()));

create policy "Signed-in people can create a group they own"
  on app.groups for insert to authenticated
  with check (created_by = (select auth.uid()));

create policy "Owners and admins can rename their groups"
  on app.groups for update to authenticated
  using (id in (select private.my_group_ids(array['owner', 'admin'])))
  with check (id in (select private.my_group_ids(array['owner', 'admin'])));

create policy "Owners can delete their groups"
  on app.groups for delete to authenticated
  using (id in (select private.my_group_ids(array['owner'])));

create policy "Members can see who is in their groups"
  on app.group_members for select to authenticated
  using (group_id in (select private.my_group_ids()));

create policy "Owners and admins can see their groups' invites"
  on app.group_invites for select to authenticated
  using (group_id in (select private.my_group_ids(array['owner', 'admin'])));

create policy "Owners and admins can create invites for their groups"
  on app.group_invites for insert to authenticated
  with check (
    created_by = (select auth.uid())
    and group_id in (select private.my_group_ids(array['owner', 'admin']))
  );

create policy "Owners and admins can delete their groups' invites"
  on app.group_invites for delete to authenticated
  using (group_id in (select private.my_group_ids(array['owner', 'admin'])));

create policy "People can read their own profile and their fellow members'"
  on app.profiles for select to authenticated
  using (id = (select auth.uid()) or id in (select private.my_co_member_ids()));

create policy "Owners and admins can revoke their groups' invites"
  on app.group_invites for update to authenticated
  using (group_id in (select private.my_group_ids(array['owner', 'admin'])))
  with check (group_id in (select private.my_group_ids(array['owner', 'admin'])));

create policy "Owners can change anyone's role and admins can change non-owners between admin and member"
  on app.group_members for update to authenticated
  using (
    group_id in (select private.my_group_ids(array['owner']))
    or (role <> 'owner' and group_id in (select private.my_group_ids(array['admin'])))
  )
  with check (
    group_id in (select private.my_group_ids(array['owner']))
    or (role <> 'owner' and group_id in (select private.my_group_ids(array['admin'])))
  );

create policy "Members can leave, owners can remove anyone and admins can remove non-owners"
  on app.group_members for delete to authenticated
  using (
    user_id = (select auth.uid())
    or group_id in (select private.my_group_ids(array['owner']))
    or (role <> 'owner' and group_id in (select private.my_group_ids(array['admin'])))
  );

-- --------------------------------------------------------------------------------------
-- Triggers
-- --------------------------------------------------------------------------------------

create trigger groups_touch_updated_at
  before update on app.groups
  for each row execute function private.touch_updated_at();

create trigger groups_add_creator_as_owner
  after insert on app.groups
  for each row execute function private.add_group_creator_as_owner();

create trigger group_members_keep_an_owner
  after update of role or delete on app.group_members
  for each row execute function private.keep_an_owner();
