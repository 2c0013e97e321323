# Two commands do everything: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8501

.PHONY: run test install tables bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

# deck.gl's bundle, from the installed pydeck, served to the Carte page (dashboard/assets.py)
static/deckgl.min.js: $(STAMP)
	$(PY) -m dashboard.assets

install: $(STAMP) static/deckgl.min.js

# Incremental: unchanged articles (same sha256) are not processed again.
# Exit code 1 = some articles failed but the tables were written: the app still starts.
tables: install
	$(PY) -m etl build || [ $$? -eq 1 ]

run: tables
	$(PY) -m streamlit run app.py --server.address $(HOST) --server.port $(PORT) --server.headless true --browser.gatherUsageStats false

test: install
	$(PY) -m pytest

# Not timed tests: each bench rewrites its section of bench/README.md (tens of minutes in all).
bench: install
	$(PY) bench/etl_bench.py
	$(PY) bench/page_bench.py
	$(PY) bench/tracker_bench.py
	$(PY) bench/briefing_bench.py
	$(PY) bench/load_bench.py
	$(PY) bench/watch_bench.py

clean:
	rm -rf $(VENV) data/tables artifacts .pytest_cache
