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

.PHONY: run test test-unit test-e2e lint bench schema install web clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

$(WEB_STAMP): web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund --loglevel=error
	touch $(WEB_STAMP)

$(DIST): $(WEB_STAMP) $(shell find web/src web/index.html web/public -type f 2>/dev/null) schema/public.graphql schema/internal.graphql
	cd web && npm run build --silent

install: $(STAMP) $(WEB_STAMP)

web: $(DIST)

## make run: install, build, migrate, load the demo if the database is empty, serve on :8000
run: $(STAMP) $(DIST)
	$(BIN)/kinerja db upgrade
	KINERJA_DEMO=$${KINERJA_DEMO:-true} $(BIN)/kinerja seed-demo --if-empty
	@echo
	@echo "  e-Kinerja Salatiga: http://$${KINERJA_HOST:-127.0.0.1}:$${KINERJA_PORT:-8000}"
	@echo "  Masuk dengan salah satu akun demo di atas (cetak lagi: .venv/bin/kinerja demo-logins)."
	@echo
	KINERJA_DEMO=$${KINERJA_DEMO:-true} $(BIN)/kinerja serve

## make test: everything (lint, types, unit, API, web unit tests, browser end-to-end)
test: $(STAMP) $(DIST) lint
	cd web && npm test --silent
	$(BIN)/pytest -q -n $(TEST_WORKERS) --dist loadfile

test-unit: $(STAMP)
	$(BIN)/pytest -q -n $(TEST_WORKERS) --dist loadfile -m "not e2e"

test-e2e: $(STAMP) $(DIST)
	$(BIN)/pytest -q -m e2e

lint: $(STAMP)
	$(BIN)/ruff check server tests
	$(BIN)/ruff format --check server tests
	$(BIN)/mypy

## make bench: performance comparisons measured side by side (prints ratios)
bench: $(STAMP) $(DIST)
	@found=0; for f in tests/bench/*.py; do [ -e "$$f" ] || continue; found=1; $(BIN)/python "$$f" || exit 1; done; \
	 if [ $$found = 0 ]; then echo "no benchmarks yet"; fi

## make schema: regenerate schema/*.graphql from the code
schema: $(STAMP)
	$(BIN)/kinerja export-schema

clean:
	rm -rf $(VENV) web/node_modules web/dist .mypy_cache .ruff_cache .pytest_cache
