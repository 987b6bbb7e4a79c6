# Passerelle: `make` sets up .venv and runs the whole pipeline offline; `make test` checks it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: all setup run test lint bench screenshots release clean

all: setup run

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: setup
	$(BIN)/passerelle run

test: setup
	$(BIN)/python -m pytest -n 2
	$(BIN)/ruff check tools tests bench scripts
	$(BIN)/ruff format --check tools tests bench scripts
	$(BIN)/mypy
	$(BIN)/lint-imports

lint: setup
	$(BIN)/ruff check tools tests bench scripts
	$(BIN)/mypy
	$(BIN)/lint-imports

bench: setup
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	# bytecode, as an installed package has it (an editable install leaves it to first use)
	$(BIN)/python -m compileall -q tools
	$(BIN)/python bench/run.py

screenshots: setup
	PASSERELLE_SCREENSHOTS=docs/screenshots $(BIN)/python -m pytest -q tests/test_pages_chromium.py tests/test_serve_chromium.py

release: setup
	$(BIN)/passerelle release

clean:
	rm -rf build dist .cache .pytest_cache .mypy_cache .ruff_cache
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +
