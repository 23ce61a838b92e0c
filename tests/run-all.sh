#!/usr/bin/env bash
# The one test command (README): database tests on real Postgres, then the production
# build, typecheck and lint, then every Vitest project (unit, integration, end-to-end in real Chromium and Firefox).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== Database: migrations, pgTAP, advisors (real Postgres) =="
bash tests/db/run.sh

echo "== Build: the extension for Chrome and Firefox (test builds: pages on localhost too) =="
READCLUB_TEST_HOSTS=1 npx wxt build >/dev/null
READCLUB_TEST_HOSTS=1 npx wxt build -b firefox >/dev/null
# web-ext lint must report no errors (warnings are listed for the reader).
npx web-ext lint --source-dir .output/firefox-mv2 --output json > .output/web-ext-lint.json || true
node -e '
  const r = JSON.parse(require("fs").readFileSync(".output/web-ext-lint.json", "utf8"));
  for (const m of [...r.errors, ...r.warnings]) console.log(`  ${m._type}: ${m.code} ${m.file ?? ""} ${m.message}`);
  console.log(`web-ext lint: ${r.summary.errors} errors, ${r.summary.warnings} warnings`);
  process.exit(r.summary.errors === 0 ? 0 : 1);
'

echo "== Typecheck =="
npx tsc --noEmit -p .

echo "== Lint: ESLint, with the boundaries between runtimes (eslint.config.js); Prettier =="
npm run --silent lint
npm run --silent format:check

echo "== Vitest: unit, integration, end-to-end =="
# With TEST_DATABASE_URL set, the integration tests run the local backend over real Postgres.
# They get a fresh database of their own next to the pgTAP one.
if [ -n "${TEST_DATABASE_URL:-}" ] && [ -z "${DATABASE_URL:-}" ]; then
  psql -q "$TEST_DATABASE_URL" -c 'drop database if exists readclub_integration with (force)' -c 'create database readclub_integration'
  export DATABASE_URL="${TEST_DATABASE_URL%/*}/readclub_integration"
fi
npx vitest run
