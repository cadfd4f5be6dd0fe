# One virtual environment for everything, created on first use.
VENV ?= .venv
PYTHON := $(VENV)/bin/python

.PHONY: run test lint typecheck client bench soak postman-test clean

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

# node and npm (Debian's, unless on the PATH already), for newman and openapi-to-postmanv2
NPM := $(or $(shell command -v npm),/usr/bin/npm)
$(NPM):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq npm > /dev/null

# newman and openapi-to-postmanv2 at the versions of tests/e2e/postman/package-lock.json, for the Postman tests
POSTMAN := tests/e2e/postman
NODE_TOOLS := $(POSTMAN)/node_modules/.installed
$(NODE_TOOLS): $(POSTMAN)/package.json $(POSTMAN)/package-lock.json | $(NPM)
	cd $(POSTMAN) && $(NPM) ci --no-audit --no-fund --loglevel=error
	touch $@

## install and run lint, the type check and the whole test suite (engine, service, end-to-end with a browser and
## newman, benchmark smoke run)
test: lint typecheck $(CHROMIUM) $(WRK) $(NODE_TOOLS)
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

## the soak (not part of `make test` or CI): 30 minutes of mixed traffic from 20 clients against `serve` on the local
## PostgreSQL, a worker SIGKILLed every minute; rewrites its block of docs/reliability.md. SOAK_ARGS to change it,
## e.g. `make soak SOAK_ARGS="--minutes 2 --clients 6 --kill-every 30"` (then it writes nothing)
SOAK_ARGS ?= --markdown docs/reliability.md
soak: $(VENV)/.installed-test
	$(PYTHON) benchmarks/soak.py $(SOAK_ARGS)

## the Postman tests alone: tests/e2e/test_postman.py (a server of its own; the collection twice, then /openapi.json
## converted to a collection); or, with BASE_URL=http://127.0.0.1:8000, the collection once against that running
## service (`make run`), with API_KEY (default: the admin key in data/admin.key)
postman-test: $(VENV)/.installed-test $(NODE_TOOLS)
ifdef BASE_URL
	@key="$${API_KEY:-$$(cat data/admin.key 2>/dev/null)}"; \
	test -n "$$key" || { echo "no API key: set API_KEY, or start the service once (make run) to write data/admin.key"; exit 2; }; \
	$(POSTMAN)/node_modules/.bin/newman run examples/nnservice.postman_collection.json --color off \
		--env-var baseUrl=$(BASE_URL) --env-var "apiKey=$$key"
else
	$(PYTHON) -m pytest tests/e2e/test_postman.py
endif

clean:
	rm -rf $(VENV) .pytest_cache $(POSTMAN)/node_modules
