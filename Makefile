# e-Kinerja Salatiga — the two commands: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
WEB_STAMP := web/node_modules/.installed
DIST := web/dist/index.html
# Parallel test workers (pytest-xdist); each gets its own SQLite files or PostgreSQL database.
TEST_WORKERS ?= 2
# More pytest arguments for `make test`, e.g. PYTEST_ARGS='-m "not e2e"' (.ci/run's second pass).
PYTEST_ARGS ?=
# The browser the end-to-end tests drive (tests/e2e/conftest.py reads the same variable).
CHROMIUM := $(or $(KINERJA_CHROMIUM),/usr/bin/chromium)
CHROMIUM_INSTALL := apt-get update && apt-get install -y chromium
REDIS_INSTALL := apt-get update && apt-get install -y redis-server

.PHONY: run test test-unit test-e2e lint bench schema install web clean chromium audit redis

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

$(WEB_STAMP): web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund --loglevel=error
	touch $(WEB_STAMP)

$(DIST): $(WEB_STAMP) $(shell find web/src web/index.html web/public -type f -not -name '*.generated.ts' 2>/dev/null) web/codegen.ts web/vite.config.ts schema/public.graphql schema/internal.graphql
	cd web && npm run build --silent

install: $(STAMP) $(WEB_STAMP)

## make chromium: Debian's chromium for the browser tests. Installed when missing and allowed
## (root, or sudo without a password); otherwise stops with the exact command to run.
chromium:
	@if [ -x "$(CHROMIUM)" ]; then exit 0; fi; \
	 if ! command -v apt-get >/dev/null 2>&1; then \
	   echo "The browser tests need chromium at $(CHROMIUM) (set KINERJA_CHROMIUM to another path)." >&2; \
	   echo "On Debian/Ubuntu: sudo $(subst && ,&& sudo ,$(CHROMIUM_INSTALL))" >&2; \
	   exit 1; \
	 fi; \
	 if [ "$$(id -u)" = 0 ]; then \
	   echo "== installing Debian chromium for the browser tests: $(CHROMIUM_INSTALL)"; \
	   export DEBIAN_FRONTEND=noninteractive; $(CHROMIUM_INSTALL) || exit 1; \
	 elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then \
	   echo "== installing Debian chromium for the browser tests: sudo $(subst && ,&& sudo ,$(CHROMIUM_INSTALL))"; \
	   sudo DEBIAN_FRONTEND=noninteractive apt-get update && \
	     sudo DEBIAN_FRONTEND=noninteractive apt-get install -y chromium || exit 1; \
	 else \
	   echo "The browser tests need Debian's chromium, which is not installed. Run:" >&2; \
	   echo "  sudo $(subst && ,&& sudo ,$(CHROMIUM_INSTALL))" >&2; \
	   echo "then make test again." >&2; \
	   exit 1; \
	 fi; \
	 if [ ! -x "$(CHROMIUM)" ]; then \
	   echo "chromium was installed but $(CHROMIUM) is still missing; set KINERJA_CHROMIUM." >&2; \
	   exit 1; \
	 fi

## make redis: a Redis on 127.0.0.1:6379 for the shared-state tests and benchmarks (.ci/run).
## Nothing happens when one answers there; else redis-server is installed when missing and
## allowed (root), and started. The tests start their own redis-server when nothing answers.
redis:
	@if (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; then exit 0; fi; \
	 if ! command -v redis-server >/dev/null 2>&1; then \
	   if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	     echo "== installing Debian redis-server: $(REDIS_INSTALL)"; \
	     export DEBIAN_FRONTEND=noninteractive; $(REDIS_INSTALL) >/dev/null || exit 1; \
	   else \
	     echo "No Redis on 127.0.0.1:6379 and no redis-server: sudo $(subst && ,&& sudo ,$(REDIS_INSTALL))" >&2; \
	     exit 1; \
	   fi; \
	 fi; \
	 dir=/var/lib/redis; log=/var/log/redis/ci.log; \
	 if ! mkdir -p $$dir /var/log/redis 2>/dev/null || [ ! -w $$dir ]; then \
	   dir=$$(mktemp -d); log=$$dir/ci.log; \
	 fi; \
	 redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
	   --dir $$dir --logfile $$log

web: $(DIST)

## make run: install, build, migrate, load the demo if the database is empty, serve on :8000
run: $(STAMP) $(DIST)
	$(BIN)/kinerja db upgrade
	KINERJA_DEMO=$${KINERJA_DEMO:-true} $(BIN)/kinerja seed-demo --if-empty
	$(BIN)/kinerja remind   # today's reminders (idempotent): the demo opens with notifications
	@echo
	@echo "  e-Kinerja Salatiga: http://$${KINERJA_HOST:-127.0.0.1}:$${KINERJA_PORT:-8000}"
	@echo "  Masuk dengan salah satu akun demo di atas (cetak lagi: .venv/bin/kinerja demo-logins)."
	@echo
	KINERJA_DEMO=$${KINERJA_DEMO:-true} $(BIN)/kinerja serve

## make test: everything (lint, types, unit, API, web unit tests, browser end-to-end)
test: $(STAMP) $(DIST) chromium lint
	cd web && npm test --silent
	$(BIN)/pytest -q -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

test-unit: $(STAMP)
	$(BIN)/pytest -q -n $(TEST_WORKERS) --dist loadfile -m "not e2e"

test-e2e: $(STAMP) $(DIST) chromium
	$(BIN)/pytest -q -m e2e

lint: $(STAMP)
	$(BIN)/ruff check server tests
	$(BIN)/ruff format --check server tests
	$(BIN)/mypy
	$(BIN)/lint-imports  # the layer contracts: [tool.importlinter] in pyproject.toml

## make bench: performance comparisons measured side by side (prints ratios)
bench: $(STAMP) $(DIST)
	@found=0; for f in tests/bench/*.py; do [ -e "$$f" ] || continue; found=1; $(BIN)/python "$$f" || exit 1; done; \
	 if [ $$found = 0 ]; then echo "no benchmarks yet"; fi

## make audit: known vulnerabilities in the Python and npm dependencies (also run by .ci/run)
audit: $(STAMP) $(WEB_STAMP)
	$(BIN)/python .ci/dependency_audit.py

## make schema: regenerate schema/*.graphql from the code
schema: $(STAMP)
	$(BIN)/kinerja export-schema

clean:
	rm -rf $(VENV) web/node_modules web/dist .mypy_cache .ruff_cache .pytest_cache
