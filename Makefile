# newsdesk: the README's two commands (make run, make test) and a few more.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip
STAMP := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev

.PHONY: run test test-all bench eval install install-dev clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(PIP) install -q --disable-pip-version-check -c constraints.txt -e ".[api]"
	touch $@

$(DEVSTAMP): $(STAMP)
	$(PIP) install -q --disable-pip-version-check -c constraints.txt -e ".[api,dev,ray]"
	touch $@

install: $(STAMP)
install-dev: $(DEVSTAMP)

## make run: install, run newsdesk on examples/corpus, write storymap.json + newsdesk.db, print a summary
run: $(STAMP)
	rm -f newsdesk.db newsdesk.db-wal newsdesk.db-shm
	$(BIN)/newsdesk run examples/corpus --output storymap.json --db newsdesk.db --summary --stats

## make test: install the dev extras and run the default test suite
test: $(DEVSTAMP)
	$(BIN)/python -m pytest -q

## make test-all: also the slow tests (fuzzing at length, crash trials)
test-all: $(DEVSTAMP)
	$(BIN)/python -m pytest -q -m "slow or not slow"

## make bench: throughput and memory benchmarks (results in bench/results/)
bench: $(DEVSTAMP)
	$(BIN)/python bench/make_corpus.py --n 50000 --out /tmp/newsdesk-corpus
	$(BIN)/python bench/bench_scale.py --sizes-db --sizes-workers 2 --compare-size 1000 --budget-min 90
	$(BIN)/python bench/bench_link.py --sizes 5000 50000
	$(BIN)/python bench/bench_pipeline.py

clean:
	rm -rf $(VENV) storymap.json newsdesk.db newsdesk.db-wal newsdesk.db-shm .pytest_cache
