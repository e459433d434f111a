#!/usr/bin/env bash
# Starts the built app on a throwaway SQLite database for the end-to-end tests.
# Playwright's webServer runs this from the repository root and stops it when the tests end.
set -euo pipefail

cd "$(dirname "$0")/../.."

if [[ ! -f "${PILOTBOARD_SPA_DIR:-frontend/dist}/index.html" ]]; then
  echo "${PILOTBOARD_SPA_DIR:-frontend/dist} is missing: run 'make build' (or 'npm run build') first" >&2
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

# A real SMTP server for the app's mail: aiosmtpd writes every message it receives into a Maildir
# that the tests read (tests/e2e/mailbox.ts). playwright.config.ts chooses the port and directory
# and passes them in; run by hand, they follow the app's port.
app_port="${PILOTBOARD_E2E_PORT:-8123}"
smtp_port="${PILOTBOARD_E2E_SMTP_PORT:-$((app_port + 1))}"
maildir="${PILOTBOARD_E2E_MAILDIR:-${TMPDIR:-/tmp}/pilotboard-e2e-mail-$app_port}"
# aiosmtpd creates the Maildir (with its tmp/, new/, cur/) when the directory does not exist.
rm -rf "$maildir"
# It runs in the background in this process group; Playwright stops the whole group at the end.
.venv/bin/python -m aiosmtpd -n -l "127.0.0.1:$smtp_port" -c aiosmtpd.handlers.Mailbox "$maildir" &
smtp_pid=$!
for _ in $(seq 1 100); do
  if ! kill -0 "$smtp_pid" 2>/dev/null; then
    echo "the test SMTP server did not start on 127.0.0.1:$smtp_port" >&2
    exit 1
  fi
  if (exec 3<>"/dev/tcp/127.0.0.1/$smtp_port") 2>/dev/null; then break; fi
  sleep 0.1
done
export PILOTBOARD_SMTP_URL="smtp://127.0.0.1:$smtp_port"
export PILOTBOARD_MAIL_FROM="Pilotboard <pilotboard@e2e.local>"
export PILOTBOARD_PUBLIC_URL="http://127.0.0.1:$app_port"
export PILOTBOARD_MAIL_POLL_SECONDS=0.5

# Migrations, the people to sign in as and the demo workspace, in one process (prepare.py).
.venv/bin/python tests/e2e/prepare.py >/dev/null

exec .venv/bin/pilotboard serve --host 127.0.0.1 --port "$app_port"
