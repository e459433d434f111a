# Pilotboard: `make run` serves the app, `make test` runs every check.
# Both install what is missing first (a .venv at the root, node_modules at the root).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
TEST_DB_URL := $(PILOTBOARD_TEST_DATABASE_URL)

.DEFAULT_GOAL := help
.PHONY: help run install build client client-check lint typecheck test test-backend \
        test-migrations test-drill test-frontend test-e2e bench drill clean

help: ## Show the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

$(PY_STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11+ is required" if sys.version_info < (3, 11) else 0)'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check uv
	$(BIN)/uv pip install --python $(BIN)/python --quiet -r requirements.lock -e .
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

install: $(PY_STAMP) $(NODE_STAMP) ## Install Python and Node dependencies (only what is missing)

build: install ## Build the web app into frontend/dist (and a .gz beside each text file)
	npm run --silent build
	PILOTBOARD_ENV=development $(BIN)/pilotboard precompress

run: build ## Build, migrate, load the demo workspace on first start, serve on :8000
	PILOTBOARD_ENV=development $(BIN)/pilotboard migrate
	PILOTBOARD_ENV=development $(BIN)/pilotboard demo
	PILOTBOARD_ENV=development $(BIN)/pilotboard serve

client: install ## Regenerate the typed API client from the backend's OpenAPI
	$(BIN)/pilotboard openapi > frontend/openapi.json.tmp && mv frontend/openapi.json.tmp frontend/openapi.json
	npm run --silent client:generate

client-check: install ## Fail when the committed API client is stale
	@$(BIN)/pilotboard openapi > .openapi.check.json
	@cmp -s .openapi.check.json frontend/openapi.json || { rm -f .openapi.check.json; \
		echo "frontend/openapi.json is stale: run make client"; exit 1; }
	@rm -f .openapi.check.json
	npm run --silent client:check

lint: install ## ruff and Biome
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	npm run --silent lint

typecheck: install ## mypy (strict) and tsc
	$(BIN)/mypy
	npm run --silent typecheck

test-backend: install ## pytest on SQLite, and on PostgreSQL when PILOTBOARD_TEST_DATABASE_URL is set
	env -u PILOTBOARD_TEST_DATABASE_URL $(BIN)/pytest -q -n 2
ifneq ($(TEST_DB_URL),)
	PILOTBOARD_TEST_DATABASE_URL='$(TEST_DB_URL)' $(BIN)/pytest -q -n 2
endif

test-migrations: install ## alembic upgrade head + alembic check on a fresh database (both engines)
	@rm -rf .migrations-check && mkdir -p .migrations-check
	PILOTBOARD_ENV=development PILOTBOARD_DATABASE_URL=sqlite:///.migrations-check/check.db $(BIN)/alembic upgrade head
	PILOTBOARD_ENV=development PILOTBOARD_DATABASE_URL=sqlite:///.migrations-check/check.db $(BIN)/alembic check
	@rm -rf .migrations-check
ifneq ($(TEST_DB_URL),)
	$(BIN)/python -m tests.migrations_check '$(TEST_DB_URL)'
endif

test-drill: install ## The short concurrency and fault drill on PostgreSQL (when PILOTBOARD_TEST_DATABASE_URL is set)
ifneq ($(TEST_DB_URL),)
	PILOTBOARD_TEST_DATABASE_URL='$(TEST_DB_URL)' $(BIN)/pytest -q tests/drill
else
	@echo "test-drill: skipped (set PILOTBOARD_TEST_DATABASE_URL to run the drill on PostgreSQL)"
endif

test-frontend: install ## Vitest
	npm run --silent test:unit

test-e2e: build ## Playwright in Chromium against the built app
	npm run --silent test:e2e

test: lint typecheck client-check test-backend test-migrations test-drill test-frontend test-e2e ## Every check
	@echo "All checks passed."

BENCH_DB := var/bench/bench.db

bench: install ## Seed 10,000 pilots into a fresh SQLite file under var/bench/, time the API and the portfolio (p50/p95)
	@mkdir -p var/bench && rm -f $(BENCH_DB) $(BENCH_DB)-wal $(BENCH_DB)-shm
	$(BIN)/python bench/seed.py --database-url sqlite:///$(BENCH_DB) --pilots 10000
	$(BIN)/python bench/api.py --database-url sqlite:///$(BENCH_DB)
	$(BIN)/python bench/portfolio.py --database-url sqlite:///$(BENCH_DB)

DRILL_ARGS ?= --engine sqlite

drill: install ## Concurrency and fault drill on a fresh database (DRILL_ARGS="--short", "--engine postgresql --admin-url URL", "--workers 2")
	$(BIN)/python bench/drill.py $(DRILL_ARGS)

clean: ## Remove installs and builds (keeps var/, your local database)
	rm -rf $(VENV) node_modules frontend/dist artifacts test-results playwright-report
