# The two commands in the README: `make serve` and `make test`. Each creates .venv itself.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Serving and building need the package and its dependencies; tests add the `test` extra.
SERVE_STAMP := $(VENV)/.installed-serve
STAMP := $(VENV)/.installed
# -qq: errors only. Warnings about a machine's own pip configuration (index locations that do not
# exist, build back-end notices) are not the project's to show on every `make serve`.
PIP := $(BIN)/python -m pip install -qq
# MkDocs 1.6 prints a banner about MkDocs 2.0 on every run; this project pins MkDocs < 2.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build check lint bench fuzz browser-deps mutate audit

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(PIP) --upgrade pip

$(SERVE_STAMP): pyproject.toml | $(BIN)/python
	$(PIP) -e .
	touch $(SERVE_STAMP)

$(STAMP): pyproject.toml | $(BIN)/python
	$(PIP) -e '.[test]'
	touch $(SERVE_STAMP) $(STAMP)

serve: $(SERVE_STAMP)
	$(BIN)/mkdocs serve

build: $(SERVE_STAMP)
	$(BIN)/mkdocs build --strict

check: $(SERVE_STAMP)
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

# Mutation testing of the core modules (slow; not part of `make test`): see docs/testing.md.
MUTATE_ARGS ?=
mutate: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,mutate]'
	nice $(BIN)/python scripts/mutate.py $(MUTATE_ARGS)

# Lighthouse (mobile, simulated throttling) over one page of each type; fails on a missed target.
# Not in `test`: performance scores move with the machine's load. Median of 3 runs per page.
AUDIT_ARGS ?=
audit: $(STAMP) browser-deps
	$(BIN)/python scripts/audit.py --runs 3 $(AUDIT_ARGS)
