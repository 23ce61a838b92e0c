-- =====================================================================================
-- Groups: reading groups, who belongs to them (owner / admin / member), and invite codes.
--
-- * A person creates a group (create_group) and becomes its owner (trigger).
-- * Owners and admins make invite codes (create_invite); anyone signed in who knows a
--   valid code joins as a member (join_group, through private.redeem_invite).
-- * The membership helpers below are what every policy in the project asks.
-- =====================================================================================

-- ---------- groups ----------
create table public.groups (
  id uuid primary key default gen_random_uuid(),
  name text not null
    constraint groups_name_length check (char_length(btrim(name)) between 1 and 80),
  created_by uuid default auth.uid() references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

comment on table public.groups is 'A reading group: its members share one library and one discussion queue.';
comment on column public.groups.id is 'Group id.';
comment on column public.groups.name is 'Group name shown to members (1–80 characters).';
comment on column public.groups.created_by is 'Who created the group (null once that person''s account is deleted).';
comment on column public.groups.created_at is 'When the group was created.';
comment on column public.groups.updated_at is 'When the group was last renamed.';

create index groups_created_by_idx on public.groups (created_by);

create trigger groups_touch_updated_at
  before update on public.groups
  for each row execute function private.touch_updated_at();

-- ---------- group_members ----------
create table public.group_members (
  group_id uuid not null references public.groups (id) on delete cascade,
  user_id uuid not null references public.profiles (id) on delete cascade,
  role text not null default 'member'
    constraint group_members_role_valid check (role in ('owner', 'admin', 'member')),
  joined_at timestamptz not null default now(),
  primary key (group_id, user_id)
);

comment on table public.group_members is
  'Who belongs to which group, and as what. Rows are added only by the owner trigger and by join_group.';
comment on column public.group_members.group_id is 'The group.';
comment on column public.group_members.user_id is 'The member (a profile id).';
comment on column public.group_members.role is 'owner (one per group), admin (may invite and moderate) or member.';
comment on column public.group_members.joined_at is 'When the person joined the group.';

create index group_members_user_id_idx on public.group_members (user_id);
-- Exactly one owner per group at most.
create unique index group_members_one_owner_idx on public.group_members (group_id) where role = 'owner';

-- ---------- group_invites ----------
create table public.group_invites (
  code text primary key
    constraint group_invites_code_format check (code ~ '^[A-Z0-9][A-Z0-9-]{5,39}$'),
  group_id uuid not null references public.groups (id) on delete cascade,
  created_by uuid default auth.uid() references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz
);

comment on table public.group_invites is
  'Invite codes: whoever signs in and enters one joins the group as a member (until it expires).';
comment on column public.group_invites.code is 'The code people type: upper-case letters, digits and dashes, 6–40 characters.';
comment on column public.group_invites.group_id is 'The group the code lets people into.';
comment on column public.group_invites.created_by is 'Owner or admin who made the code.';
comment on column public.group_invites.created_at is 'When the code was made.';
comment on column public.group_invites.expires_at is 'After this the code no longer works; null means it never expires.';

create index group_invites_group_id_idx on public.group_invites (group_id);
create index group_invites_created_by_idx on public.group_invites (created_by);

-- ---------- Membership helpers (SECURITY DEFINER: they read group_members past RLS) ----------
create function private.my_group_ids(p_roles text[] default array['owner', 'admin', 'member'])
returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
  select m.group_id
    from public.group_members as m
   where m.user_id = (select auth.uid())
     and m.role = any (p_roles)
$$;

comment on function private.my_group_ids(text[]) is
  'Ids of the groups the signed-in person belongs to with one of the given roles. Policies use it as `group_id in (select private.my_group_ids())`.';

create function private.group_role(p_group_id uuid)
returns text
language sql
stable
security definer
set search_path = ''
as $$
  select m.role
    from public.group_members as m
   where m.group_id = p_group_id
     and m.user_id = (select auth.uid())
$$;

comment on function private.group_role(uuid) is
  'The signed-in person''s role in the group, or null when they are not a member (or the group does not exist).';

create function private.my_co_member_ids()
returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
  select distinct other.user_id
    from public.group_members as mine
    join public.group_members as other on other.group_id = mine.group_id
   where mine.user_id = (select auth.uid())
$$;

comment on function private.my_co_member_ids() is
  'Ids of everyone who shares at least one group with the signed-in person (themselves included once they belong to a group).';

revoke all on function private.my_group_ids(text[]) from public;
revoke all on function private.group_role(uuid) from public;
revoke all on function private.my_co_member_ids() from public;
grant execute on function private.my_group_ids(text[]) to authenticated, service_role;
grant execute on function private.group_role(uuid) to authenticated, service_role;
grant execute on function private.my_co_member_ids() to authenticated, service_role;

-- ---------- The creator becomes the owner ----------
create function private.add_group_creator_as_owner()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.created_by is not null then
    insert into public.group_members (group_id, user_id, role)
    values (new.id, new.created_by, 'owner')
    on conflict (group_id, user_id) do update set role = 'owner';
  end if;
  return new;
end;
$$;

comment on function private.add_group_creator_as_owner() is 'Trigger on groups: makes the creator the group''s owner.';
revoke all on function private.add_group_creator_as_owner() from public;

create trigger groups_add_creator_as_owner
  after insert on public.groups
  for each row execute function private.add_group_creator_as_owner();

-- ---------- Redeeming an invite (the one way in) ----------
create function private.redeem_invite(p_code text)
returns table (id uuid, name text)
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_uid uuid := (select auth.uid());
  v_code text := upper(btrim(coalesce(p_code, '')));
  v_invite public.group_invites%rowtype;
begin
  if v_uid is null then
    raise exception 'Sign in to join a group.' using errcode = '42501';
  end if;
  select i.* into v_invite from public.group_invites as i where i.code = v_code;
  if not found then
    raise exception 'That invite code is not valid.'
      using errcode = 'P0001', hint = 'Check the code with whoever invited you.';
  end if;
  if v_invite.expires_at is not null and v_invite.expires_at <= now() then
    raise exception 'That invite code has expired. Ask for a new one.' using errcode = 'P0001';
  end if;
  insert into public.group_members (group_id, user_id, role)
  values (v_invite.group_id, v_uid, 'member')
  on conflict (group_id, user_id) do nothing;  -- already a member: joining again changes nothing
  return query select g.id, g.name from public.groups as g where g.id = v_invite.group_id;
end;
$$;

comment on function private.redeem_invite(text) is
  'Adds the signed-in person to the invite''s group as a member (no-op if already in). SECURITY DEFINER because a non-member can neither read invites nor add memberships; called only by public.join_group.';
revoke all on function private.redeem_invite(text) from public;
grant execute on function private.redeem_invite(text) to authenticated;

-- ---------- Row-level security ----------
alter table public.groups enable row level security;
alter table public.group_members enable row level security;
alter table public.group_invites enable row level security;
revoke all on table public.groups, public.group_members, public.group_invites from anon;
revoke truncate, references, trigger on table public.groups, public.group_members, public.group_invites from authenticated;

-- groups
create policy "Members can read their groups"
  on public.groups for select to authenticated
  using (id in (select private.my_group_ids()));

create policy "Signed-in people can create a group they own"
  on public.groups for insert to authenticated
  with check (created_by = (select auth.uid()));

create policy "Owners and admins can rename their groups"
  on public.groups for update to authenticated
  using (id in (select private.my_group_ids(array['owner', 'admin'])))
  with check (id in (select private.my_group_ids(array['owner', 'admin'])));

create policy "Owners can delete their groups"
  on public.groups for delete to authenticated
  using (id in (select private.my_group_ids(array['owner'])));

-- group_members (no insert policy: people join only through an invite, owners through the trigger)
create policy "Members can see who is in their groups"
  on public.group_members for select to authenticated
  using (group_id in (select private.my_group_ids()));

create policy "Owners can make members admins and admins members"
  on public.group_members for update to authenticated
  using (role <> 'owner' and group_id in (select private.my_group_ids(array['owner'])))
  with check (role in ('admin', 'member') and group_id in (select private.my_group_ids(array['owner'])));

create policy "Members can leave and owners or admins can remove members"
  on public.group_members for delete to authenticated
  using (
    role <> 'owner'
    and (
      user_id = (select auth.uid())
      or group_id in (select private.my_group_ids(array['owner', 'admin']))
    )
  );

-- group_invites (no update policy: a code is made, used, and deleted)
create policy "Owners and admins can see their groups' invites"
  on public.group_invites for select to authenticated
  using (group_id in (select private.my_group_ids(array['owner', 'admin'])));

create policy "Owners and admins can create invites for their groups"
  on public.group_invites for insert to authenticated
  with check (
    created_by = (select auth.uid())
    and group_id in (select private.my_group_ids(array['owner', 'admin']))
  );

create policy "Owners and admins can delete their groups' invites"
  on public.group_invites for delete to authenticated
  using (group_id in (select private.my_group_ids(array['owner', 'admin'])));

-- profiles (here, because they need the membership helpers)
create policy "People can read their own profile and their fellow members'"
  on public.profiles for select to authenticated
  using (id = (select auth.uid()) or id in (select private.my_co_member_ids()));

create policy "People can update their own profile"
  on public.profiles for update to authenticated
  using (id = (select auth.uid()))
  with check (id = (select auth.uid()));
