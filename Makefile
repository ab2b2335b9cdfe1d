# The two commands in the README: `make serve` and `make test`. Each creates .venv itself.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: serve test build check lint bench fuzz browser-deps mutate

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

# Mutation testing of the core modules (slow; not part of `make test`): see docs/testing.md.
MUTATE_ARGS ?=
mutate: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,mutate]'
	nice $(BIN)/python scripts/mutate.py $(MUTATE_ARGS)
