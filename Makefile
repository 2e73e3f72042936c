# Everything runs from .venv, created from pyproject.toml on first use and
# refreshed whenever pyproject.toml changes.
VENV    := .venv
PYTHON  := $(VENV)/bin/python
STAMP   := $(VENV)/.installed
HOST    ?= 127.0.0.1
PORT    ?= 8000

.PHONY: demo test lint unit slow bench translations

$(STAMP): pyproject.toml
	test -x $(PYTHON) || python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/premium-ledger demo --host $(HOST) --port $(PORT)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

# Two processes, one per core (pytest-xdist); each has its own PostgreSQL database.
test: lint
	$(PYTHON) -m pytest -n 2 --dist loadfile

unit: $(STAMP)
	$(PYTHON) -m pytest tests/unit -q

slow: $(STAMP)
	$(PYTHON) -m pytest -m slow

# Every benchmark at its default size, each in its own process, as one Markdown table
# (bench/run_all.py; `make bench ONLY=ledger` runs one). They use their own PostgreSQL
# database, so a test run elsewhere cannot disturb them.
BENCH_DATABASE_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/bench
export BENCH_DATABASE_URL
bench: $(STAMP)
	createdb -h 127.0.0.1 -U postgres bench 2>/dev/null || true
	$(PYTHON) bench/run_all.py $(if $(ONLY),--only $(ONLY))

# Message catalogs of the web pages: extract the text, merge it into each language's
# catalog, compile the .mo files (committed; a test fails when they are stale).
TRANSLATIONS := api/web/translations
translations: $(STAMP)
	$(VENV)/bin/pybabel extract -F babel.cfg -k _ -k ngettext:1,2 --no-location \
		--sort-output --project premium-ledger -o $(TRANSLATIONS)/messages.pot .
	$(VENV)/bin/pybabel update -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS) \
		--no-fuzzy-matching
	$(VENV)/bin/pybabel compile -d $(TRANSLATIONS) --statistics
