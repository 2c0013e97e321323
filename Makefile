# Two commands do everything: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8501

# Any folder of articles: `make run ARTICLES=DIR` builds DIR into its own tables folder,
# data/tables-<hash of DIR's path> (or TABLES=...), with its own tracker database beside it
# (unless DATABASE_URL is set), and serves the app over them. The app and the ETL read the
# folders from the environment (SAHEL_ARTICLES_DIR, SAHEL_TABLES_DIR).
ARTICLES ?=
TABLES ?=
ifneq ($(strip $(ARTICLES)),)
export SAHEL_ARTICLES_DIR := $(abspath $(ARTICLES))
TABLES := $(or $(strip $(TABLES)),data/tables-$(shell printf '%s' '$(SAHEL_ARTICLES_DIR)' | sha256sum | cut -c1-10))
endif
ifneq ($(strip $(TABLES)),)
export SAHEL_TABLES_DIR := $(abspath $(TABLES))
# a tracker synced with other tables would mark these tables' decisions orphaned: one per tables folder
export DATABASE_URL ?= sqlite:///$(SAHEL_TABLES_DIR).tracker.sqlite
endif

.PHONY: run test install tables bench clean paths lock

# Pinned: every package at the version requirements.lock names (compiled by pip-tools: `make lock`).
$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements.lock -e ".[test]"
	touch $(STAMP)

# Re-pin after changing pyproject.toml's dependencies; UPGRADE=1 moves every pin to the newest allowed release.
lock:
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet pip-tools
	$(PY) -m piptools compile --quiet --extra test --strip-extras --no-emit-index-url --no-emit-find-links \
		$(if $(UPGRADE),--upgrade) --output-file requirements.lock pyproject.toml

# deck.gl's bundle, from the installed pydeck, served to the Carte page (dashboard/assets.py)
static/deckgl.min.js: $(STAMP)
	$(PY) -m dashboard.assets

install: $(STAMP) static/deckgl.min.js

# Incremental: unchanged articles (same sha256) are not processed again.
# Exit code 1 = some articles failed but the tables were written: the app still starts.
tables: install
	$(PY) -m etl build || [ $$? -eq 1 ]

# A checkout from before the pages moved to app_pages/ may keep pages/__pycache__: a pages/ folder beside app.py puts
# Streamlit in its legacy mode ("Page not found" on every direct address), so an empty one is removed.
run: tables
	@if [ -d pages ] && [ -z "$$(find pages -type f ! -path '*/__pycache__/*')" ]; then rm -rf pages; fi
	$(PY) -m streamlit run app.py --server.address $(HOST) --server.port $(PORT) --server.headless true --browser.gatherUsageStats false

# ruff first (pyproject.toml [tool.ruff]: pyflakes, isort, pyupgrade): a lint finding fails the run, and CI.
# Then the whole suite again, browser tests included, with the tables in PostgreSQL (tests/tables_backend.py;
# tests marked csv_tables or both_backends left out), under CI=true (where it may not skip: TEST_DATABASE_URL
# is required) or whenever TEST_DATABASE_URL is set. One browser test, the chart going live on pointing, is left
# out of that pass for now: it failed there 3 times in 6 runs on a loaded machine and never on CSV (open in issue 19);
# it runs in the first pass.
PG_PASS_OPEN := tests/browser/test_dashboard_browser.py::test_charts_shown_as_their_picture_then_live_on_pointing
test: install
	$(PY) -m ruff check
	$(PY) -m pytest
	@case "$${CI:-}" in 1|true|TRUE|True|yes) in_ci=1;; *) in_ci=;; esac; \
	if [ -n "$$in_ci" ] || [ -n "$${TEST_DATABASE_URL:-}" ]; then \
		echo "--- second pass: the tables in PostgreSQL (pytest --tables-backend=postgres) ---"; \
		$(PY) -m pytest --tables-backend=postgres --deselect $(PG_PASS_OPEN); \
	fi

# Not timed tests: each bench rewrites its section of bench/README.md (tens of minutes in all).
bench: install
	$(PY) bench/etl_bench.py
	$(PY) bench/page_bench.py
	$(PY) bench/tracker_bench.py
	$(PY) bench/briefing_bench.py
	$(PY) bench/load_bench.py
	$(PY) bench/watch_bench.py

# The folders `make run` (with the same ARTICLES= / TABLES=) reads and writes.
paths:
	@echo "articles: $${SAHEL_ARTICLES_DIR:-$(CURDIR)/data/articles}"
	@echo "tables:   $${SAHEL_TABLES_DIR:-$(CURDIR)/data/tables}"
	@echo "tracker:  $${DATABASE_URL:-sqlite:///$(CURDIR)/data/tracker.sqlite}"

clean:
	rm -rf $(VENV) data/tables data/tables-*/ artifacts .pytest_cache
