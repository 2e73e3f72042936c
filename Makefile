# Everything runs from .venv, created from pyproject.toml on first use and
# refreshed whenever pyproject.toml changes.
VENV    := .venv
PYTHON  := $(VENV)/bin/python
STAMP   := $(VENV)/.installed
HOST    ?= 127.0.0.1
PORT    ?= 8000

.PHONY: demo test lint unit slow bench

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

test: lint
	$(PYTHON) -m pytest

unit: $(STAMP)
	$(PYTHON) -m pytest tests/unit -q

slow: $(STAMP)
	$(PYTHON) -m pytest -m slow

bench: $(STAMP)
	$(PYTHON) bench/run_all.py
