# The two commands in the README: `make serve` and `make test`. Each creates .venv itself.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: serve test build check lint bench fuzz browser-deps audit

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

serve: $(STAMP)
	$(BIN)/mkdocs serve

build: $(STAMP)
	$(BIN)/mkdocs build --strict

check: $(STAMP)
	$(BIN)/python -m generator check

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

browser-deps:
	bash scripts/browser-deps.sh

test: $(STAMP) browser-deps
	$(BIN)/ruff check .
	$(BIN)/python -m generator check
	$(BIN)/python -m pytest -n 2

fuzz: $(STAMP)
	$(BIN)/python scripts/fuzz.py

bench: $(STAMP) browser-deps
	$(BIN)/python scripts/benchmark.py

# Lighthouse (mobile, simulated throttling) over one page of each type; fails on a missed target.
# Not in `test`: performance scores move with the machine's load. Median of 3 runs per page.
audit: $(STAMP) browser-deps
	$(BIN)/python scripts/audit.py --runs 3
