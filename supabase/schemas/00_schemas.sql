-- ======================================================================================
-- Schemas
--
-- The schemas this project adds. Files in supabase/schemas/ are applied in name order
-- (config.toml [db.migrations] schema_paths); each holds one area: its tables, indexes,
-- helpers, policies, triggers and the RPCs the extension calls.
-- * app: every table. Not exposed by the Data API (not in [api] schemas), so the only way
--   in from outside is an RPC in public; row-level security still guards every table, and
--   authenticated holds only the privileges the SECURITY INVOKER RPCs need.
-- * public: only the RPCs the extension calls (the API), executable by authenticated.
-- * private: a schema the Data API never exposes. It holds the SECURITY DEFINER helpers
--   that row-level security policies and RPCs use, so they can look at memberships
--   without recursing into RLS, and without being callable over HTTP.
-- ======================================================================================

-- --------------------------------------------------------------------------------------
-- Schemas
-- --------------------------------------------------------------------------------------

-- Postgres grants EXECUTE on every new function to PUBLIC (so to anon too). Functions made
-- by this role from here on are callable only by whom a grant below names; every function
-- also revokes PUBLIC explicitly, so the same holds where these defaults are not set.
alter default privileges revoke execute on functions from public;

create schema if not exists app;

revoke all on schema app from public;

-- The SECURITY INVOKER RPCs in public read and write the tables as the signed-in person.
grant usage on schema app to authenticated;

comment on schema app is
  'The tables. Not exposed by the Data API (not in pgrst.db_schemas): reached only through the RPCs in public.';

create schema if not exists private;

revoke all on schema private from public;

grant usage on schema private to authenticated;

comment on schema private is
  'Helpers for RLS policies, triggers and RPCs. Not exposed by the Data API (not in pgrst.db_schemas).';
