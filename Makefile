# Two commands do all the set-up: `make run` and `make test`. Both are safe to run again.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
AXE_VERSION := 4.14.1
VNU_VERSION := 26.9.27
LIGHTHOUSE_VERSION := 12.8.2
NODE_DIR := .cache/node
export FLASK_APP := app

.PHONY: run test setup system-packages test-packages translations db bench clean requirements walkthrough

## run: set up everything, migrate, load reference and demo data, serve on http://$(HOST):$(PORT)
run: setup db
	HOST=$(HOST) PORT=$(PORT) $(BIN)/flask seed
	$(BIN)/flask run --host $(HOST) --port $(PORT)

## test: the same set-up plus Chromium, axe-core, the Nu HTML checker (Java) and PostgreSQL, then the whole suite
test: setup $(VENV)/.installed-test test-packages $(NODE_DIR)/node_modules/axe-core/axe.min.js $(NODE_DIR)/node_modules/vnu-jar/build/dist/vnu.jar
	$(BIN)/python -m pytest

setup: $(VENV)/.installed system-packages translations fonts

$(VENV)/.installed: requirements.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

# What the tests, ruff, mypy and the translation tools add; `make run` never installs it.
$(VENV)/.installed-test: requirements.txt requirements-test.txt $(VENV)/.installed
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-test.txt
	@touch $@

## requirements: compile requirements.txt and requirements-test.txt (pinned) from the short .in files
## with pip-tools, keeping each pin that still fits; `make requirements UPGRADE=--upgrade` takes the newest
PIP_COMPILE = CUSTOM_COMPILE_COMMAND="make requirements" $(BIN)/pip-compile --quiet --strip-extras \
	--no-emit-index-url --no-emit-find-links $(UPGRADE)
requirements: $(VENV)/.installed-test
	$(PIP_COMPILE) --output-file requirements.txt requirements.in
	$(PIP_COMPILE) --output-file requirements-test.txt requirements-test.in

system-packages:
	@.ci/debian-packages runtime || echo "Warning: PDF receipts need the packages above; the portal still starts."

test-packages:
	@.ci/debian-packages test

translations: $(VENV)/.installed
	@$(BIN)/flask translate compile

## fonts: the PDF font subsets (Simplified, Traditional, rare name characters) cut from fonts-noto-cjk
## into .cache/fonts; about a minute the first time, nothing once they are current
FONTS_STAMP := .cache/fonts/fonts.json
.PHONY: fonts
fonts: $(FONTS_STAMP)

$(FONTS_STAMP): portal/receipts/fonts.py | $(VENV)/.installed system-packages
	@if $(BIN)/python -m portal.receipts.fonts build; then touch $@; \
	else echo "Warning: PDF receipts need the font subsets above; the portal still starts."; fi

db: setup
	@$(BIN)/flask db upgrade

## walkthrough: fill the journey for a few typical households through the real views (a throwaway
## database) and print the pages and questions each meets (tests/tools/walkthrough.py)
walkthrough: setup $(VENV)/.installed-test
	$(BIN)/python -m tests.tools.walkthrough

## bench: the same set-up plus wrk and Lighthouse, then every benchmark and one table (a few minutes;
## it measures and prints, it never fails on time). BENCH_SCALES=10000,100000 shortens the PostgreSQL part.
bench: setup test-packages $(NODE_DIR)/node_modules/.bin/lighthouse
	@.ci/debian-packages bench
	$(BIN)/python -m tests.bench.run

# Lighthouse 12: version 13 needs Node 22.
$(NODE_DIR)/node_modules/.bin/lighthouse:
	@mkdir -p $(NODE_DIR)
	npm install --prefix $(NODE_DIR) --no-audit --no-fund --loglevel=error lighthouse@$(LIGHTHOUSE_VERSION)

$(NODE_DIR)/node_modules/axe-core/axe.min.js:
	@mkdir -p $(NODE_DIR)
	npm install --prefix $(NODE_DIR) --no-audit --no-fund --loglevel=error axe-core@$(AXE_VERSION)

# The Nu HTML checker (run with Java from test-packages) over every page the client tests render.
$(NODE_DIR)/node_modules/vnu-jar/build/dist/vnu.jar:
	@mkdir -p $(NODE_DIR)
	npm install --prefix $(NODE_DIR) --no-audit --no-fund --loglevel=error vnu-jar@$(VNU_VERSION)

clean:
	rm -rf $(VENV) .cache instance/portal.sqlite3* translations/*/LC_MESSAGES/*.mo
