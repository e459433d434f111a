#!/usr/bin/env bash
# Starts the built app on a throwaway SQLite database for the end-to-end tests.
# Playwright's webServer runs this from the repository root and stops it when the tests end.
set -euo pipefail

cd "$(dirname "$0")/../.."

if [[ ! -f frontend/dist/index.html ]]; then
  echo "frontend/dist is missing: run 'make build' (or 'npm run build') first" >&2
  exit 1
fi

# A fresh database per run. It lives in the system temp directory (the server replaces this
# shell via exec, so nothing is left to remove it; the OS clears temp directories).
tmp="$(mktemp -d "${TMPDIR:-/tmp}/pilotboard-e2e.XXXXXX")"

export PILOTBOARD_DATABASE_URL="sqlite:///$tmp/e2e.db"
export PILOTBOARD_ENV=development
# 48 random URL-safe characters.
PILOTBOARD_SECRET_KEY="$(head -c 36 /dev/urandom | base64 | tr '+/' '-_')"
export PILOTBOARD_SECRET_KEY

.venv/bin/pilotboard migrate

# People to sign in as (see tests/e2e/fixtures.ts). None is in a workspace yet.
E2E_PASSWORD="e2e-password-123"
add_user() {
  printf '%s\n' "$E2E_PASSWORD" |
    .venv/bin/pilotboard create-user --email "$1" --name "$2" --password-stdin
}
add_user admin@e2e.local "Ada Admin"
add_user viewer@e2e.local "Vic Viewer"
add_user newcomer@e2e.local "Nina Newcomer"
add_user guest@e2e.local "Gus Guest"

# The demo workspace and its people (exec@demo.local … , password pilotboard-demo): the portfolio
# spec reads its story (stalled pilots, a scale decision waiting) and records a decision in it.
.venv/bin/pilotboard demo >/dev/null

exec .venv/bin/pilotboard serve --host 127.0.0.1 --port "${PILOTBOARD_E2E_PORT:-8123}"
