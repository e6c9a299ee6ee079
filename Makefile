# Diaspora Hub: `make run` serves a demo, `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
INSTANCE := $(or $(HUB_INSTANCE_DIR),instance)
STAMP := $(VENV)/.installed
TEST_WORKERS ?= auto

.PHONY: run serve init test test-fast test-e2e lint format bench schema translations clean help

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "Installing Diaspora Hub and its dependencies into $(VENV)…"
	@$(BIN)/pip install --quiet --upgrade pip
	@$(BIN)/pip install --quiet -e ".[test]"
	@touch $@

$(INSTANCE)/secret_key:
	@mkdir -p $(INSTANCE)
	@umask 077 && $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(48))" > $@
	@echo "Wrote a random secret key to $@"

init: $(STAMP) $(INSTANCE)/secret_key ## Create the database and index, load reference data and demo content
	@$(BIN)/hub init --demo

run: init ## Install, initialize on first start, and serve on http://127.0.0.1:$(PORT) with a job worker beside it
	@echo "Serving Diaspora Hub on http://127.0.0.1:$(PORT) (Ctrl+C to stop); job worker log: $(INSTANCE)/worker.log"
	@export HUB_BASE_URL="$${HUB_BASE_URL:-http://127.0.0.1:$(PORT)}"; \
	echo "$$HUB_BASE_URL" > $(INSTANCE)/base_url; \
	$(BIN)/hub worker >>$(INSTANCE)/worker.log 2>&1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	trap 'exit 130' INT; trap 'exit 143' TERM; \
	$(BIN)/waitress-serve --listen=127.0.0.1:$(PORT) --threads=8 --call hub:create_app

test: $(STAMP) ## Install and run the whole suite (SQLite; PostgreSQL too when HUB_TEST_DATABASE_URL is set)
	@$(BIN)/ruff check hub tests bench
	@env -u HUB_TEST_DATABASE_URL $(BIN)/python -m pytest -q -n $(TEST_WORKERS) --dist loadgroup
	@if [ -n "$$HUB_TEST_DATABASE_URL" ]; then \
	  echo "Running the suite again on PostgreSQL ($$HUB_TEST_DATABASE_URL)…"; \
	  $(BIN)/python -m pytest -q -n $(TEST_WORKERS) --dist loadgroup -m "not e2e" -p no:cacheprovider; \
	fi

test-fast: $(STAMP) ## Run the suite without the browser tests
	@$(BIN)/python -m pytest -q -n $(TEST_WORKERS) --dist loadgroup -m "not e2e"

lint: $(STAMP) ## Check the code with ruff
	@$(BIN)/ruff check hub tests bench

format: $(STAMP) ## Format imports and fix what ruff can
	@$(BIN)/ruff check --fix hub tests bench

bench: $(STAMP) ## Run the benchmarks in bench/
	@for f in bench/*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

schema: $(STAMP) ## Regenerate migrations/versions/0001 from the models (before the first release only)
	@db=hub_schema_$$$$; \
	psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $$db" postgres && \
	rm -f migrations/versions/0001_*.py && \
	HUB_INSTANCE_DIR=$$(mktemp -d) HUB_DEBUG=1 HUB_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/$$db \
	  $(BIN)/hub db migrate -m "initial schema" --rev-id 0001; \
	psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE $$db" postgres

translations: $(STAMP) ## Extract strings, update the fr/es catalogues and compile them
	@$(BIN)/pybabel -q extract --ignore-dirs='.* __pycache__' -F babel.cfg -k _l -k lazy_gettext --sort-output --project "Diaspora Hub" \
	  -o hub/translations/messages.pot .
	@$(BIN)/pybabel -q update -i hub/translations/messages.pot -d hub/translations --no-fuzzy-matching
	@$(BIN)/pybabel compile -d hub/translations --statistics

clean: ## Remove the virtualenv and runtime state (database, index, uploads)
	rm -rf $(VENV) $(INSTANCE)
