# Two commands for a newcomer: `make demo` and `make test`. Everything else is a helper;
# `make unit` and `make lint` are the fast loop (CONTRIBUTING.md).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# Debian packages the app needs (OCR with Russian, Kyrgyz and the Cyrillic script model;
# fonts with Cyrillic and Kyrgyz letters for the demo corpus) and those only tests need.
APT_RUNTIME := tesseract-ocr tesseract-ocr-rus tesseract-ocr-kir tesseract-ocr-script-cyrl \
               fonts-dejavu-core fonts-freefont-ttf fonts-liberation
APT_TEST    := chromium redis-server postgresql

.PHONY: demo test unit install system-deps test-system-deps lint typecheck serve clean fuzz bench lock

demo: system-deps install
	$(BIN)/achyk demo

test: system-deps test-system-deps install
	scripts/run-tests

install: $(STAMP)

# Both locks pin every package with its hash (pip then refuses anything else).
$(STAMP): pyproject.toml requirements.lock requirements-dev.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip==26.3
	$(BIN)/python -m pip install -q --require-hashes -r requirements.lock -r requirements-dev.lock
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $@

system-deps:
	scripts/install-system-deps $(APT_RUNTIME)

test-system-deps:
	scripts/install-system-deps $(APT_TEST)

# Pure-logic tests: no database, search index, broker, search node or browser; under a
# minute. Selected by the `unit` marker (a test module says `pytestmark = pytest.mark.unit`);
# tests/conftest.py refuses a unit-marked test that uses a service fixture.
unit: install
	$(BIN)/python -m pytest -q -m unit

# Every static check: lint, formatting, import contracts, types, locks in step with pyproject.toml.
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy $$(ls -d cli server core ingest ocr indices search_api ui anonymize norms bench drafts persons service 2>/dev/null)
	$(BIN)/python scripts/check-locks

# Regenerate both locks from pyproject.toml (pip-tools, with hashes); see scripts/lock.
lock:
	scripts/lock

typecheck: install
	$(BIN)/mypy $$(ls -d cli server core ingest ocr indices search_api ui anonymize norms bench drafts persons service 2>/dev/null)

# The long API fuzzing run (the suite runs a short one): schemathesis, every operation,
# anonymous and every role, 200 examples per operation.
fuzz: install
	ACHYK_FUZZ_EXAMPLES=$${ACHYK_FUZZ_EXAMPLES:-200} $(BIN)/python -m pytest tests/search_api/test_fuzz_api.py -q

# The long benchmarks, each printing one JSON line (into bench-results.jsonl too): search and
# hostile queries over 100,000 generated pages on both backends (an OpenSearch test node is
# started when ACHYK_TEST_OPENSEARCH_URL is unset), OCR, depersonification, persons at
# 1,000,000 records, ingestion, and what a reader feels in chromium (the search page's
# server time and weight, a page image's first paint) over the 100,000 pages served.
# Not part of `make test`: together they take about an hour.
BENCHES := search.py abuse.py ocr.py anonymize.py persons.py ingest.py drafts_diff.py reader.py
bench: system-deps test-system-deps install
	@for b in $(BENCHES); do echo "== bench/$$b" >&2; \
	  $(BIN)/python bench/$$b | tail -n 1 | tee -a bench-results.jsonl || exit 1; done

serve: install
	$(BIN)/achyk serve

clean:
	rm -rf $(VENV) .build .pytest_cache .mypy_cache .ruff_cache
