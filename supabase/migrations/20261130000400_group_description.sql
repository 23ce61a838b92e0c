-- =====================================================================================
-- my_groups also returns each group's description (the group's focus), so the settings
-- form starts from what is saved instead of replacing it with an empty one.
-- A function's result columns cannot change in place: drop and create it again.
-- =====================================================================================

drop function public.my_groups();

create function public.my_groups()
returns table (id uuid, name text, description text, role text, member_count integer, queue_count integer)
language sql
stable
security invoker
set search_path = ''
as $$
  select g.id,
         g.name,
         g.description,
         m.role,
         (select count(*)::integer from public.group_members as mm where mm.group_id = g.id),
         (select count(*)::integer from public.queue_entries as q where q.group_id = g.id)
    from public.group_members as m
    join public.groups as g on g.id = m.group_id
   where m.user_id = (select auth.uid())
   order by lower(g.name), g.id
$$;

comment on function public.my_groups() is
  'RPC my_groups → GroupSummary[]: the signed-in person''s groups with their description, role, member count and queue length.';

revoke all on function public.my_groups() from public, anon;
grant execute on function public.my_groups() to authenticated, service_role;
