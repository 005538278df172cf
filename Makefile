# Two commands: `make site` builds the demo site into site/, `make test` runs every test.
# Both set up what they need: a .venv with the project, npm's axe-core, pa11y and the Nu Html Checker, Debian's
# chromium and a Java runtime (for the Nu Html Checker).
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
.PHONY: setup site serve validate import template decision translations test lint bench lighthouse chromium java clean

setup: $(BIN)/.installed

# The build validates data/ and content/ itself (before writing anything), so the data is checked once.
# The demo is built as an office's site is: `transparency build` in a folder holding mkdocs.yml, data/, content/.
site: $(BIN)/.installed
	$(BIN)/transparency build --quiet

# make serve [ADDRESS=127.0.0.1:8001]: another address, when 8000 is taken (say, by a colleague's preview)
serve: $(BIN)/.installed
	$(BIN)/transparency serve $(if $(ADDRESS),--address "$(ADDRESS)")

# FORMAT=github prints each problem as a GitHub Actions annotation and lists them all in the job summary.
validate: $(BIN)/.installed
	$(BIN)/transparency validate $(if $(FORMAT),--format $(FORMAT))

# make import FILE=grants.xlsx [REPLACE=1] [DATASET=grants] [DRY_RUN=1]: check a filled-in sheet and copy it into data/
import: $(BIN)/.installed
	@test -n "$(FILE)" || { echo 'Say which file to import, e.g.: make import FILE=grants.xlsx' >&2; exit 2; }
	$(BIN)/transparency import "$(FILE)" $(if $(DATASET),--resource "$(DATASET)") $(if $(REPLACE),--replace) $(if $(DRY_RUN),--dry-run)

# make template DATASET=grants [FILE=grants.xlsx] [EMPTY=1]: a spreadsheet to fill in, with the published rows
template: $(BIN)/.installed
	@test -n "$(DATASET)" || { echo 'Say which dataset, e.g.: make template DATASET=grants (the list: .venv/bin/transparency template --help)' >&2; exit 2; }
	$(BIN)/transparency template "$(DATASET)" "$(or $(FILE),$(DATASET).xlsx)" $(if $(EMPTY),,--with-data)

# make decision TITLE="Community Safety Fund awards 2026/27": start a new decision record
decision: $(BIN)/.installed
	@test -n "$(TITLE)" || { echo 'Give the title, e.g.: make decision TITLE="Community Safety Fund awards 2026/27"' >&2; exit 2; }
	$(BIN)/transparency new decision "$(TITLE)"

# translations: collect every sentence marked for translation (babel.cfg) into each language's catalogue,
# theme/locales/<code>/LC_MESSAGES/messages.po, keeping the translations it has; then translate the empty msgstr.
translations: $(BIN)/.installed
	$(BIN)/pybabel -q extract -F babel.cfg -o $(VENV)/messages.pot --no-location --sort-output --omit-header .
	$(BIN)/python -m generator.core.catalogue $(VENV)/messages.pot theme/locales/cy/LC_MESSAGES/messages.po cy

test: $(BIN)/.installed node_modules/.installed chromium java
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/actionlint .github/workflows/*.yml generator/scaffold/github/workflows/*.yml
	$(BIN)/zizmor --offline --quiet .github/ generator/scaffold/github/workflows/*.yml
	$(BIN)/pytest -n 2 -q

bench: $(BIN)/.installed chromium
	$(BIN)/python -m bench.run

lighthouse: site node_modules/.installed chromium
	$(BIN)/python -m bench.lighthouse

# PYTHONWARNINGS: setuptools' notice about editable installs is for the generator's developers, not for whoever
# runs make site.
$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	PYTHONWARNINGS=ignore $(BIN)/pip install --quiet -e '.[test]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

chromium:
	@test -x $(CHROME_PATH) || ($(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q chromium)

java:
	@command -v java >/dev/null || ($(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q default-jre-headless)

clean:
	rm -rf site .site.staging .site.old
