-- What the Data API exposes: no relation in an exposed schema is readable or writable by an
-- API role, public holds only RPCs that signed-in people (and nobody else) may call, and
-- every table, all in app, has row-level security on.
begin;
set search_path = public, extensions;
select plan(6);

create temporary table exposed on commit drop as
  select n.oid as nsp, n.nspname::text as name
    from pg_namespace as n
   where n.nspname = any (string_to_array(replace(
           coalesce(nullif(current_setting('pgrst.db_schemas', true), ''), 'public, graphql_public'), ' ', ''), ','));

select ok((select bool_or(name = 'public') from exposed),
  'The exposed schemas are read from pgrst.db_schemas and include public.');

-- Every relation kind the Data API can route to, every API role, every table privilege
-- (and the same on any column, so a column-level grant counts too).
select is(
  array(select format('%s %s %s.%s', r.role, p.priv, e.name, c.relname)
          from pg_class as c
          join exposed as e on e.nsp = c.relnamespace
          cross join unnest(array['anon', 'authenticated']) as r(role)
          cross join unnest(array['select', 'insert', 'update', 'delete', 'truncate', 'references', 'trigger']) as p(priv)
         where c.relkind in ('r', 'p', 'v', 'm', 'f')
           and (has_table_privilege(r.role, c.oid, p.priv)
             or (p.priv in ('select', 'insert', 'update', 'references') and has_any_column_privilege(r.role, c.oid, p.priv)))
         order by 1),
  '{}'::text[],
  'anon and authenticated hold no privilege on any table, view or column in an exposed schema.');

select is(
  array(select format('%s %s %s.%s', r.role, p.priv, e.name, c.relname)
          from pg_class as c
          join exposed as e on e.nsp = c.relnamespace
          cross join unnest(array['anon', 'authenticated']) as r(role)
          cross join unnest(array['usage', 'select', 'update']) as p(priv)
         where c.relkind = 'S' and has_sequence_privilege(r.role, c.oid, p.priv)
         order by 1),
  '{}'::text[],
  'anon and authenticated hold no privilege on any sequence in an exposed schema.');

select is(
  array(select p.oid::regprocedure::text from pg_proc as p
         where p.pronamespace = 'public'::regnamespace and has_function_privilege('anon', p.oid, 'execute')
         order by 1),
  '{}'::text[],
  'anon can execute no function in public (signing in is GoTrue''s, not an RPC).');

select is(
  array(select p.oid::regprocedure::text from pg_proc as p
         where p.pronamespace = 'public'::regnamespace and not has_function_privilege('authenticated', p.oid, 'execute')
         order by 1),
  '{}'::text[],
  'authenticated can execute every function in public (public holds only the RPCs).');

select is(
  (select array_agg(c.relname::text order by c.relname) filter (where not c.relrowsecurity)
     from pg_class as c where c.relnamespace = 'app'::regnamespace and c.relkind in ('r', 'p')
   having count(*) >= 15),
  null,
  'Row-level security is on for every table in app (all fifteen of them).');

select * from finish();
rollback;
