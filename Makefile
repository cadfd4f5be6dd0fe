# One virtual environment for everything, created on first use.
VENV ?= .venv
PYTHON := $(VENV)/bin/python

.PHONY: run test lint typecheck client bench clean

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PYTHON) -m pip install --quiet -e '.[test]'
	touch $@

$(VENV)/.installed-bench: pyproject.toml $(VENV)/.installed-test
	$(PYTHON) -m pip install --quiet -e '.[test,bench]'
	touch $@

## install and start the service: API on http://127.0.0.1:8000 and one worker per core, SQLite under ./data
run: $(VENV)/.installed
	$(VENV)/bin/nnservice serve

# Debian's chromium, for the dashboard test: Playwright drives it, and never downloads a browser of its own.
CHROMIUM := /usr/bin/chromium
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
$(CHROMIUM):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium > /dev/null

# wrk, the HTTP load generator of the prediction benchmark (and its smoke run in the tests)
WRK := /usr/bin/wrk
$(WRK):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq wrk > /dev/null

## install and run lint, the type check and the whole test suite (engine, service, end-to-end with a browser, benchmark smoke run)
test: lint typecheck $(CHROMIUM) $(WRK)
	$(PYTHON) -m pytest

## ruff's lint and its formatter, in check mode, on every Python file and the Python in docs/ (`ruff format`
## and `ruff check --fix` apply them)
lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

## mypy: strict on the engine, the default checks on the service (settings in pyproject.toml)
typecheck: $(VENV)/.installed-test
	$(VENV)/bin/mypy --strict nn_engine
	$(VENV)/bin/mypy service

## regenerate the typed Python client in clients/python/ from the app's OpenAPI document (openapi-python-client,
## pinned in pyproject.toml); it prints the generator's warnings, and tests/clients/ fails on any or on a stale client
client: $(VENV)/.installed-test
	$(PYTHON) clients/python/generate.py

## run the benchmarks against scikit-learn and PyTorch and rewrite BENCHMARKS.md
bench: $(VENV)/.installed-bench $(WRK)
	$(PYTHON) benchmarks/bench_engine.py --markdown BENCHMARKS.md
	$(PYTHON) benchmarks/bench_queue.py --markdown BENCHMARKS.md
	$(PYTHON) benchmarks/bench_predict.py --markdown BENCHMARKS.md
	$(PYTHON) benchmarks/bench_upload.py --markdown BENCHMARKS.md
	$(PYTHON) benchmarks/bench_training.py --markdown BENCHMARKS.md
	$(PYTHON) benchmarks/bench_encoding.py --markdown BENCHMARKS.md
	$(PYTHON) benchmarks/bench_mixed_tables.py --markdown BENCHMARKS.md
	$(PYTHON) benchmarks/bench_predict_mixed.py --markdown BENCHMARKS.md

clean:
	rm -rf $(VENV) .pytest_cache
