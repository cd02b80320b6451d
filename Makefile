# Caveat: `make run` serves the bundled database, `make test` runs every test.
# Each target sets up what it needs first, so both work on a fresh Debian machine.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8765
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test setup system-deps lint bench fuzz load extension clean

run: $(BIN)/caveat
	$(BIN)/caveat serve --host $(HOST) --port $(PORT)

test: lint system-deps extension/node_modules/.stamp
	cd extension && npm test
	$(BIN)/pytest -q

setup: $(BIN)/caveat

# Debian's python3 makes virtualenvs only with python3-venv installed, and needs python3-dev and gcc
# for the install to compile the matcher (setup.py); without them it runs as plain Python, slower.
# Editing a compiled module (caveat/compiled.py lists them) reinstalls, so no copy is left stale.
COMPILED := $(shell $(PYTHON) -c 'import runpy; \
	print(*(f"server/caveat/{m}.py" for m in runpy.run_path("server/caveat/compiled.py")["MODULES"]))')
$(BIN)/caveat: pyproject.toml setup.py $(COMPILED)
	@$(PYTHON) -c 'import venv, ensurepip' 2>/dev/null || { $(SUDO) apt-get update && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y python3-venv; }
	@{ command -v gcc >/dev/null && $(PYTHON) -c 'import os, sysconfig, sys; \
		sys.exit(not os.path.exists(sysconfig.get_paths()["include"] + "/Python.h"))'; } || \
		{ $(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y python3-dev gcc; } || \
		echo "no C compiler or Python headers: the matcher will run as plain Python"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,postgres]'
	touch $@

# Node.js runs the extension's tests; Chromium from Debian drives its end-to-end tests (Playwright
# uses it; it never downloads one); PostgreSQL's server binaries serve the feedback store's tests.
system-deps:
	@missing=""; \
	command -v npm >/dev/null || missing="$$missing nodejs npm"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	[ -z "$$missing" ] || { $(SUDO) apt-get update && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y $$missing; }

extension/node_modules/.stamp: extension/package.json
	cd extension && npm install --no-audit --no-fund --silent
	touch $@

# The package for the browser stores: the extension without its tests and npm files.
extension: extension/node_modules/.stamp
	cd extension && npx web-ext build --source-dir . --artifacts-dir ../build --overwrite-dest \
		--filename caveat-extension.zip --ignore-files 'test/**' package.json package-lock.json \
		jsconfig.json 'vendor/**/README.md' 'vendor/**/*.d.ts'

# Every benchmark (not part of `make test`): rewrites docs/benchmarks.md and its plot, 5-10 minutes
# on 2 cores. The bench extra adds matplotlib and the profilers to .venv.
bench: setup system-deps
	$(BIN)/pip install --quiet -e '.[test,bench]'
	$(BIN)/python -m bench

# The long fuzzing run (not part of `make test`, which runs a few dozen examples per test): more
# than 10,000 generated requests against the API and its OpenAPI document, about 10 minutes.
fuzz: setup
	CAVEAT_FUZZ_EXAMPLES=2500 $(BIN)/pytest -q -s tests/test_fuzz.py

# The load test (not part of `make test`): gunicorn, 2 workers, 32 connections for 60 s; writes the
# Load section of docs/benchmarks.md and fails on any error or on memory growth over 10%.
load: setup
	$(BIN)/python -m bench.load --write

# Lint and format are checked by `make test` too, so an unformatted file fails CI rather than
# building up unnoticed.
lint: setup
	$(BIN)/ruff check server tests bench setup.py
	$(BIN)/ruff format --check server tests bench setup.py

clean:
	rm -rf $(VENV) extension/node_modules
