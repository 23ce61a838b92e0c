#!/usr/bin/env bash
# Database tests on a real Postgres (15, with pgTAP and pg_prove):
#   1. a fresh database readclub_test (dropped first if it exists)
#   2. supabase/local/bootstrap.sql: what a Supabase project has before any migration
#   3. the migrations, applied by the pinned Supabase CLI (supabase db push)
#   4. schemas and migrations agree: bootstrap + supabase/schemas/*.sql (in name order) on a
#      second fresh database gives the same normalised pg_dump --schema-only
#   5. supabase/seed.sql, so the demo data is known to load
#   6. pgTAP: every supabase/tests/*.sql through pg_prove
#   7. plpgsql_check over every PL/pgSQL function in app, public and private
#   8. supabase db advisors (security + performance, level warn): must report nothing
#
# TEST_DATABASE_URL: a superuser connection to any database on the server
#   (default postgresql://postgres:postgres@127.0.0.1:5432/postgres).
# Exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/../.."

BASE_URL="${TEST_DATABASE_URL:-postgresql://postgres:postgres@127.0.0.1:5432/postgres}"
TEST_DB="${READCLUB_TEST_DB:-readclub_test}"  # parallel runs use their own database
# Same server and credentials, other database; keep any ?query.
base_no_query="${BASE_URL%%\?*}"
query=""
[[ "$BASE_URL" == *\?* ]] && query="${BASE_URL#*\?}"
TEST_URL="${base_no_query%/*}/${TEST_DB}"
SCHEMAS_DB="${TEST_DB}_schemas"
SCHEMAS_URL="${base_no_query%/*}/${SCHEMAS_DB}${query:+?$query}"
if [[ -z "$query" ]]; then
  CLI_URL="${TEST_URL}?sslmode=disable"
elif [[ "$query" == *sslmode=* ]]; then
  CLI_URL="${TEST_URL}?${query}"
  TEST_URL="${TEST_URL}?${query}"
else
  CLI_URL="${TEST_URL}?${query}&sslmode=disable"
  TEST_URL="${TEST_URL}?${query}"
fi

step() { printf '\n\033[1m== db: %s ==\033[0m\n' "$*"; }
fail() { printf '\n\033[31mFAILED: %s\033[0m\n' "$*" >&2; exit 1; }
PSQL=(psql -X -q -v ON_ERROR_STOP=1)

for tool in psql pg_dump pg_prove npx node; do
  command -v "$tool" >/dev/null || fail "$tool not found (needs postgresql-client, libtap-parser-sourcehandler-pgtap-perl, Node.js)"
done

step "fresh database $TEST_DB"
"${PSQL[@]}" "$BASE_URL" -c "drop database if exists ${TEST_DB} with (force)" \
  || fail "cannot reach Postgres at TEST_DATABASE_URL (is it running? is the password set?)"
"${PSQL[@]}" "$BASE_URL" -c "create database ${TEST_DB}"

step "bootstrap (supabase/local/bootstrap.sql)"
"${PSQL[@]}" "$TEST_URL" -f supabase/local/bootstrap.sql || fail "bootstrap"

step "migrations (supabase db push)"
# The CLI runs in a scratch project that holds only the migrations (a symlink), so nothing
# else in supabase/config.toml (auth templates, …) can stop a push to a plain Postgres.
CLI_DIR=$(mktemp -d)
trap 'rm -rf "$CLI_DIR"' EXIT
mkdir -p "$CLI_DIR/supabase"
ln -s "$PWD/supabase/migrations" "$CLI_DIR/supabase/migrations"
printf 'project_id = "readclub-db-test"\n' >"$CLI_DIR/supabase/config.toml"
SUPABASE=(npx --no-install --prefix "$PWD" supabase --workdir "$CLI_DIR")
"${SUPABASE[@]}" db push --db-url "$CLI_URL" --yes --include-all 2>&1 || fail "supabase db push"
applied=$("${PSQL[@]}" -tA "$TEST_URL" -c "select count(*) from supabase_migrations.schema_migrations")
expected=$(find supabase/migrations -maxdepth 1 -name '[0-9]*_*.sql' | wc -l)
[[ "$applied" == "$expected" ]] || fail "expected $expected migrations applied, found $applied"
echo "applied $applied migrations"

step "schemas and migrations agree (pg_dump --schema-only)"
"${PSQL[@]}" "$BASE_URL" -c "drop database if exists ${SCHEMAS_DB} with (force)" -c "create database ${SCHEMAS_DB}"
"${PSQL[@]}" "$SCHEMAS_URL" -f supabase/local/bootstrap.sql || fail "bootstrap (schemas database)"
for file in supabase/schemas/*.sql; do
  "${PSQL[@]}" "$SCHEMAS_URL" -1 -f "$file" || fail "$file"
done
# Each object's block (pg_dump heads every one with "-- Name: …"), without comments, SET
# lines and the random \restrict key, sorted: the order objects were made in does not count.
normalised_dump() {
  pg_dump --schema-only --no-owner --exclude-schema=supabase_migrations "$1" | node -e '
    const text = require("fs").readFileSync(0, "utf8");
    const blocks = text.split(/\n--\n-- (?=Name: )/).slice(1).map((block) => block.split("\n")
      .filter((line) => line.trim() && !/^--|^\\(un)?restrict |^SET |^SELECT pg_catalog\.set_config/.test(line)).join("\n"));
    console.log(blocks.sort().join("\n\n"));'
}
normalised_dump "$TEST_URL" >"$CLI_DIR/from-migrations.sql" || fail "pg_dump of the migrated database"
normalised_dump "$SCHEMAS_URL" >"$CLI_DIR/from-schemas.sql" || fail "pg_dump of the schemas database"
"${PSQL[@]}" "$BASE_URL" -c "drop database ${SCHEMAS_DB} with (force)"
[[ -s "$CLI_DIR/from-schemas.sql" ]] || fail "empty dump"
diff -u "$CLI_DIR/from-migrations.sql" "$CLI_DIR/from-schemas.sql" \
  || fail "supabase/schemas and supabase/migrations give different databases (diff above: - migrations, + schemas)"
echo "same schema ($(wc -l <"$CLI_DIR/from-schemas.sql") normalised lines)"

step "seed (supabase/seed.sql)"
"${PSQL[@]}" "$TEST_URL" -1 -f supabase/seed.sql || fail "seed"
"${PSQL[@]}" "$TEST_URL" -1 -f supabase/seed.sql || fail "seed (second run)"
echo "seed loads (twice)"

step "pgTAP (supabase/tests/*.sql)"
compgen -G "supabase/tests/*.sql" >/dev/null || fail "no pgTAP tests in supabase/tests"
"${PSQL[@]}" "$TEST_URL" -c "create extension if not exists pgtap with schema extensions" || fail "pgTAP is not installed (postgresql-15-pgtap)"
# The schemas revoke Postgres's default EXECUTE for PUBLIC on new functions, so pgTAP's own
# functions (made after them) need it given back for the tests that run as authenticated.
"${PSQL[@]}" "$TEST_URL" -c "
  do \$\$
  declare f regprocedure;
  begin
    for f in select d.objid::regprocedure from pg_depend as d
              where d.classid = 'pg_proc'::regclass and d.deptype = 'e'
                and d.refobjid = (select oid from pg_extension where extname = 'pgtap') loop
      execute format('grant execute on function %s to public', f);
    end loop;
  end
  \$\$"
# 000_helpers.sql runs first (name order) and commits the shared helpers (schema tests); every
# other file runs in one transaction and rolls back, so they share the seeded database.
# The tests run as a superuser role of their own: the schemas take EXECUTE on new functions
# away from PUBLIC for the role that runs them (postgres), and the tests' own helpers
# (tests.act_as, …), which they call as authenticated, are not part of the schemas.
"${PSQL[@]}" "$TEST_URL" -c "
  do \$\$ begin
    if not exists (select from pg_roles where rolname = 'pgtap_runner') then
      create role pgtap_runner nologin superuser;
    end if;
  end \$\$"
PGOPTIONS="--search_path=public,extensions -c role=pgtap_runner" pg_prove --dbname "$TEST_URL" --ext .sql --failures supabase/tests/ \
  || fail "pgTAP tests"
"${PSQL[@]}" "$TEST_URL" -c "drop schema if exists tests cascade" -c "drop extension pgtap"

step "plpgsql_check (every PL/pgSQL function in app, public and private)"
if [[ "$("${PSQL[@]}" -tA "$TEST_URL" -c "select count(*) from pg_available_extensions where name = 'plpgsql_check'")" == "1" ]]; then
  "${PSQL[@]}" "$TEST_URL" -c "create extension if not exists plpgsql_check with schema extensions"
  problems=$("${PSQL[@]}" -tA "$TEST_URL" -c "
    select p.oid::regprocedure || ' line ' || coalesce(c.lineno::text, '?') || ': ' || c.level || ': ' || c.message
      from pg_proc as p
      join pg_language as l on l.oid = p.prolang and l.lanname = 'plpgsql'
      cross join lateral extensions.plpgsql_check_function_tb(
        p.oid, coalesce((select t.tgrelid from pg_trigger as t where t.tgfoid = p.oid limit 1), 0), extra_warnings => true) as c
     where p.pronamespace in ('app'::regnamespace, 'public'::regnamespace, 'private'::regnamespace)")
  "${PSQL[@]}" "$TEST_URL" -c "drop extension plpgsql_check"
  [[ -z "$problems" ]] || { echo "$problems"; fail "plpgsql_check"; }
  echo "no problems"
else
  echo "skipped: plpgsql_check is not installed (Debian: postgresql-15-plpgsql-check)"
fi

step "advisors (supabase db advisors --level warn)"
# Accepted findings (name, one per line): none at the moment. Add a name here only with a
# reason in the README's database notes.
ACCEPTED=()
report=$("${SUPABASE[@]}" db advisors --db-url "$CLI_URL" --type all --level warn --output-format json 2>"$CLI_DIR/advisors.err") \
  || { cat "$CLI_DIR/advisors.err" >&2; fail "supabase db advisors did not run"; }
echo "$report"
findings=$(node -e '
  const accepted = new Set(process.argv.slice(1));
  const text = require("fs").readFileSync(0, "utf8").trim();
  if (!text) { console.log(0); process.exit(0); }
  let data;
  try { data = JSON.parse(text); } catch { console.error("advisors printed something that is not JSON"); console.log(-1); process.exit(0); }
  const lints = Array.isArray(data) ? data : (data.lints ?? data.issues ?? data.results ?? []);
  const left = lints.filter((l) => !accepted.has(l.name));
  for (const l of left) console.error(`${(l.level ?? "").toUpperCase()} ${l.name}: ${l.detail ?? l.description ?? ""}`);
  console.log(left.length);
' "${ACCEPTED[@]}" <<<"$report")
[[ "$findings" == "0" ]] || fail "advisors reported $findings finding(s) not accepted"
echo "advisors: nothing to report"

printf '\n\033[32mdb: all passed\033[0m\n'
