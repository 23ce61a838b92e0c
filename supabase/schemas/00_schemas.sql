-- ======================================================================================
-- Schemas
--
-- The schemas this project adds. Files in supabase/schemas/ are applied in name order
-- (config.toml [db.migrations] schema_paths); each holds one area: its tables, indexes,
-- helpers, policies, triggers and the RPCs the extension calls.
-- * private: a schema the Data API never exposes. It holds the SECURITY DEFINER helpers
--   that row-level security policies and RPCs use, so they can look at memberships
--   without recursing into RLS, and without being callable over HTTP.
-- ======================================================================================

-- --------------------------------------------------------------------------------------
-- Schemas
-- --------------------------------------------------------------------------------------

create schema if not exists private;

revoke all on schema private from public;

grant usage on schema private to authenticated, service_role;

comment on schema private is
  'Helpers for RLS policies, triggers and RPCs. Not exposed by the Data API (not in pgrst.db_schemas).';
