# Two commands: `make site` builds the demo site into site/, `make test` runs every test.
# Both set up what they need: a .venv with the project, npm's axe-core, Debian's chromium.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# The browser the tests drive: Debian's chromium by default (installed when missing); CI may point elsewhere.
export CHROME_PATH ?= /usr/bin/chromium

# setup: only install (what CI jobs run before calling .venv/bin/transparency).
.PHONY: setup site serve validate test lint bench lighthouse chromium clean

setup: $(BIN)/.installed

site: $(BIN)/.installed
	$(BIN)/transparency validate
	$(BIN)/mkdocs build --quiet
	@echo "The site is in site/. Preview it with live reload: make serve (then open http://127.0.0.1:8000/)"

serve: $(BIN)/.installed
	$(BIN)/mkdocs serve --livereload --dirty

# FORMAT=github prints each problem as a GitHub Actions annotation and lists them all in the job summary.
validate: $(BIN)/.installed
	$(BIN)/transparency validate $(if $(FORMAT),--format $(FORMAT))

test: $(BIN)/.installed node_modules/.installed chromium
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/actionlint .github/workflows/*.yml
	$(BIN)/zizmor --offline --quiet .github/
	$(BIN)/pytest -n 2 -q

bench: $(BIN)/.installed
	$(BIN)/python -m bench.run

lighthouse: site node_modules/.installed chromium
	$(BIN)/python -m bench.lighthouse

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

chromium:
	@test -x $(CHROME_PATH) || ($(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q chromium)

clean:
	rm -rf site .site.staging .site.old
