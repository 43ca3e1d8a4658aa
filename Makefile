# The two commands: `make demo` and `make test` (both install into .venv when needed).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

export PREFECT_SERVER_ANALYTICS_ENABLED := false
export PREFECT_HOME ?= $(CURDIR)/var/prefect
# The temporary API server may start slowly on a busy machine (default 20 s).
export PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS ?= 180

.PHONY: demo test test-fast bench install clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/python -m deployments.demo

test: $(STAMP)
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest -p no:cacheprovider $(PYTEST_ARGS)

# The pure rules and the case store (SQLite and PostgreSQL), no Prefect server: a couple of minutes.
test-fast: $(STAMP)
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest -p no:cacheprovider tests/unit tests/db $(PYTEST_ARGS)

# Every benchmark, JSON lines each (README: Performance); PostgreSQL parts are skipped when unreachable.
bench: $(STAMP)
	$(BIN)/python bench/bench_calendar.py
	$(BIN)/python bench/bench_sweep.py
	$(BIN)/python bench/bench_clerk.py
	$(BIN)/python bench/bench_cli.py
	$(BIN)/python bench/bench_throughput.py
	$(BIN)/python bench/bench_throughput.py --in-process
	$(BIN)/python bench/bench_workers.py
	$(BIN)/python bench/bench_workers.py --burst 500 --rounds 1
	rm -rf var/bench-year && $(BIN)/python bench/year.py --out var/bench-year --scale 0.05
	$(BIN)/python bench/bench_desk.py

clean:
	rm -rf var test-output
