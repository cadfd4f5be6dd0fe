# One virtual environment for everything: `make test` creates it on first use.
VENV ?= .venv
PYTHON := $(VENV)/bin/python

.PHONY: test lint bench clean

$(VENV)/.installed-test: pyproject.toml
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -e '.[test]'
	touch $@

$(VENV)/.installed-bench: pyproject.toml $(VENV)/.installed-test
	$(PYTHON) -m pip install --quiet -e '.[test,bench]'
	touch $@

## install and run the whole test suite (engine, and a quick smoke run of the benchmarks)
test: $(VENV)/.installed-test
	$(PYTHON) -m pytest

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check nn_engine tests benchmarks
	$(VENV)/bin/ruff format --check nn_engine tests benchmarks

## run the benchmarks against scikit-learn and PyTorch and rewrite BENCHMARKS.md
bench: $(VENV)/.installed-bench
	$(PYTHON) benchmarks/bench_engine.py --markdown BENCHMARKS.md

clean:
	rm -rf $(VENV) .pytest_cache
