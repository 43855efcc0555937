# EcoDialogue platform. `make help` lists the targets.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
KATO_CSV ?= ../shared/data/kato/kato.csv
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help setup run test test-postgres test-browser lint messages compilemessages bench clean

help: ## Show the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

setup: $(STAMP) compilemessages ## Create the virtual environment and install dependencies

run: setup ## Set everything up and serve the demo at http://127.0.0.1:$(PORT)
	$(PY) manage.py migrate --noinput
	@if [ -f "$(KATO_CSV)" ]; then $(PY) manage.py load_kato "$(KATO_CSV)" -v0; else echo "KATO file $(KATO_CSV) not found: the demo uses its own small set of settlements."; fi
	$(PY) manage.py seed_demo
	@echo "Background worker (e-mails) starts beside the web server; e-mails are written to var/mail/."
	$(PY) manage.py db_worker --queue-name '*' & WORKER=$$!; trap "kill $$WORKER 2>/dev/null" EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: setup ## Run the whole test suite on SQLite
	ECODIALOGUE_TESTING=1 $(VENV)/bin/pytest -n 2 -m "not browser"

test-postgres: setup ## Run the suite on PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test)
	ECODIALOGUE_TESTING=1 DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(VENV)/bin/pytest -n 2 -m "not browser"

test-browser: setup ## Run the browser tests (needs Debian's chromium)
	ECODIALOGUE_TESTING=1 $(VENV)/bin/pytest -m browser -p no:xdist

lint: setup ## Check style with ruff
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

messages: setup ## Extract messages into the kk, ru and en .po files
	$(PY) manage.py makemessages --locale kk --locale ru --locale en --no-obsolete --ignore '.venv/*' --ignore 'var/*' --ignore 'bench/*' --ignore 'tests/*' --ignore 'staticfiles/*'

compilemessages: $(STAMP)
	@$(PY) manage.py compilemessages --ignore '.venv/*' -v0

bench: setup ## Run the benchmarks (needs PostgreSQL and wrk) and print their figures
	$(PY) bench/run.py
	$(PY) bench/applications.py
	BENCH_DATABASE_URL=$${BENCH_POSTGRES:-postgres://postgres@127.0.0.1:5432}/ecodialogue_bench $(PY) bench/applications.py
	$(PY) bench/evaluation.py
	BENCH_DATABASE_URL=$${BENCH_POSTGRES:-postgres://postgres@127.0.0.1:5432}/ecodialogue_bench $(PY) bench/evaluation.py
	$(PY) bench/projects.py

clean: ## Remove the virtual environment, database and uploaded files
	rm -rf $(VENV) var/*.sqlite3* var/media var/private var/mail staticfiles
