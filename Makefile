# Two entry points for a fresh machine with Python 3.11 and make:
#   make serve   builds the site from the bundled lessons and serves it on http://127.0.0.1:8000
#   make test    runs the linters (ruff, mypy, ESLint) and then the whole test suite
# Both create .venv and install the project into it first (again only when pyproject.toml
# or constraints.txt changed), and Pagefind, which writes the browser search index, into
# node_modules from the npm registry (again only when package-lock.json changed).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NPM_STAMP := node_modules/.package-lock.json
export NO_MKDOCS_2_WARNING := 1

.PHONY: install browser serve build lint test check bench clean

install: $(STAMP) $(NPM_STAMP)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $(STAMP)

# PyPI's pagefind[bin] stops at 1.5.2; 1.6.0 searches a big site several times faster.
$(NPM_STAMP): package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { \
	  echo "Installing npm for Pagefind (apt-get)..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq npm >/dev/null; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NPM_STAMP)

# --dirty: the edit preview re-renders only the pages an edit changes (plugins/mkdocs_lardom/preview.py).
serve: install
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

build: install
	$(BIN)/mkdocs build --strict

check: $(STAMP)
	$(BIN)/lardom check

# The browser tests drive Debian's Chromium (Playwright cannot download browsers here).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Chromium for the browser tests (apt-get)..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

# Lint and type-check what the suite then tests; configured in pyproject.toml and eslint.config.js.
lint: install
	$(BIN)/ruff check plugins tests bench
	$(BIN)/ruff format --check plugins tests bench
	$(BIN)/mypy
	npx --no-install eslint plugins/mkdocs_lardom/assets eslint.config.js

# Lint first: it takes seconds, and a style or type error is cheaper to read than a failed test.
test: install browser lint
	$(BIN)/python -m pytest

# Every benchmark at 1,000 and 10,000 lessons, then one table with the targets (bench/targets.yml);
# FULL=1 adds 50,000; ROUNDS=1 runs each build once (default 3). One round at the default sizes took
# 70 minutes on a 2-core machine; it is never part of `make test`.
bench: install browser
	$(BIN)/python bench/run_all.py $(if $(FULL),--full) $(if $(ROUNDS),--rounds $(ROUNDS))

clean:
	rm -rf $(VENV) node_modules site .pytest_cache .hypothesis
