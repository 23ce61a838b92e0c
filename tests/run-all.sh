#!/usr/bin/env bash
# The one test command (README): database tests on real Postgres, then the production
# build, then every Vitest project (unit, integration, end-to-end in real Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== Database: migrations, pgTAP, advisors (real Postgres) =="
bash tests/db/run.sh

echo "== Build: production extension for Chrome and Firefox =="
READCLUB_TEST_HOSTS=1 npx wxt build >/dev/null
npx wxt build -b firefox >/dev/null
npx web-ext lint --source-dir .output/firefox-mv2 --output text --warnings-as-errors=false | tail -n 5

echo "== Typecheck =="
npx tsc --noEmit -p .

echo "== Vitest: unit, integration, end-to-end =="
# With TEST_DATABASE_URL set, the integration tests run the local backend over real Postgres.
export DATABASE_URL="${DATABASE_URL:-${TEST_DATABASE_URL:-}}"
npx vitest run
