# e-MINDER. Quick start: `make demo` serves the demo; `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export PIP_DISABLE_PIP_VERSION_CHECK := 1

# Debian packages each command needs; scripts/system-packages.sh installs the missing ones as
# root and otherwise prints the exact apt-get command.
DEMO_PACKAGES := python3-venv gettext fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0
TEST_PACKAGES := $(DEMO_PACKAGES) chromium postgresql poppler-utils

.PHONY: demo test test-sqlite test-postgres test-browser lint typecheck bench messages compile-messages clean

$(BIN)/.installed: requirements.txt requirements-dev.txt constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt -c constraints.txt
	touch $@

compile-messages: $(BIN)/.installed
	cd eminder && ../$(BIN)/python ../manage.py compilemessages --verbosity 0

demo:
	bash scripts/system-packages.sh $(DEMO_PACKAGES)
	$(MAKE) --no-print-directory compile-messages
	bash scripts/demo.sh

test:
	bash scripts/system-packages.sh $(TEST_PACKAGES)
	$(MAKE) --no-print-directory compile-messages
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory typecheck
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres
	$(MAKE) --no-print-directory test-browser

test-sqlite: $(BIN)/.installed
	@echo "== Test suite on SQLite"
	$(BIN)/pytest -m "not browser" -q

test-postgres: $(BIN)/.installed
	@echo "== Test suite on a throwaway PostgreSQL cluster"
	bash scripts/with-postgres.sh $(BIN)/pytest -m "not browser" -q

test-browser: $(BIN)/.installed
	@echo "== Browser tests (Playwright driving Debian's chromium)"
	$(BIN)/pytest -m browser -q

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(BIN)/.installed
	$(BIN)/mypy eminder

# Extract new strings into every locale's .po file (translate them before committing).
messages: $(BIN)/.installed
	cd eminder && ../$(BIN)/python ../manage.py makemessages --all --no-obsolete --add-location file --ignore "testing/*" --ignore "*/tests/*"

bench: $(BIN)/.installed
	@if [ -d bench ] && ls bench/*.py >/dev/null 2>&1; then \
		for script in bench/*.py; do $(BIN)/python $$script || exit 1; done; \
	else echo "No benchmark yet: bench/ arrives with the statistics importer."; fi

clean:
	rm -rf $(VENV) staticfiles db.sqlite3
