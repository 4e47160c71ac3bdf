# The README's two commands: `make serve` (build and serve the article) and `make test`.
# Installs are stamped: a second run reinstalls nothing unless the pinned files changed.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Two installs that fit the job: building needs requirements/build.txt only; the tests add
# requirements/test.txt (numpy, pytest, Playwright, actionlint). Both are hashed pins made from
# pyproject.toml by `make lock`, so every machine installs the same bytes.
BUILD_STAMP := $(VENV)/.installed-build
TEST_STAMP := $(VENV)/.installed-test
NPM_STAMP := node_modules/.installed
PIP_INSTALL = $(PY) -m pip install --quiet --disable-pip-version-check
CONFIG ?= content/article.toml
OUT ?= site
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: serve site check single test unit bench clean deps test-deps lock node-version

# BUILD_FLAGS=--strict makes warnings errors (the Pages workflow builds so).
BUILD_FLAGS ?=

# `make serve PORT=8080 HOST=0.0.0.0 OPEN=1` serves elsewhere and opens the browser.
OPEN ?=
SERVE_FLAGS = --host $(HOST) --port $(PORT) $(BUILD_FLAGS) $(if $(OPEN),--open)
serve: deps
	$(PY) -m builder serve --config $(CONFIG) --out $(OUT) $(SERVE_FLAGS)

site: deps
	$(PY) -m builder build --config $(CONFIG) --out $(OUT) $(BUILD_FLAGS)

# Every link, anchor, asset and runtime file of the built site resolves.
check: deps
	$(PY) -m builder check --config $(CONFIG) --out $(OUT)

# The site plus site/TITLE.html (named after the article's title, as the build says): the whole
# article in one file that stays live opened from disk (file://), for downloading, e-mailing or a
# course drive.
single: deps
	$(PY) -m builder build --single-file --config $(CONFIG) --out $(OUT)

test: test-deps
	$(PY) -m pytest

# The tests that need no browser (the Pages workflow runs them before it deploys).
unit: test-deps
	$(PY) -m pytest tests/unit -q

bench: test-deps
	$(PY) -m tests.bench
	$(PY) -m tests.bench_network
	$(PY) -m tests.bench_linear
	$(PY) -m tests.bench_shared

deps: $(BUILD_STAMP) $(NPM_STAMP)
test-deps: deps $(TEST_STAMP)

# The pinned packages with their hashes, then the project itself as an editable install (pip
# refuses editable requirements in hash-checking mode; its only build need, setuptools, is pinned
# in build.txt, hence --no-build-isolation).
$(BUILD_STAMP): requirements/build.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) --require-hashes -r requirements/build.txt
	$(PIP_INSTALL) --no-deps --no-build-isolation -e .
	touch $@

$(TEST_STAMP): requirements/test.txt $(BUILD_STAMP)
	$(PIP_INSTALL) --require-hashes -r requirements/test.txt
	touch $@

# Remake both pin files after a change to pyproject.toml's dependencies (needs the network).
LOCK_VENV := .venv-lock
PIP_COMPILE = CUSTOM_COMPILE_COMMAND='make lock' $(LOCK_VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --all-build-deps \
	--strip-extras --no-emit-index-url --no-emit-find-links
lock:
	test -x $(LOCK_VENV)/bin/pip-compile || { $(PYTHON) -m venv $(LOCK_VENV) && \
		$(LOCK_VENV)/bin/pip install --quiet pip-tools==7.6.2; }
	$(PIP_COMPILE) --output-file requirements/build.txt pyproject.toml
	$(PIP_COMPILE) --extra test --output-file requirements/test.txt pyproject.toml

# The oldest Node every pinned npm package supports (package.json's "engines", named in the
# README and the workflows): an older one is told in one line before npm starts.
NODE_NEEDED := $(shell sed -n 's/^ *"node": ">=\([0-9]*\)".*/\1/p' package.json)
$(NPM_STAMP): package.json package-lock.json
	@$(MAKE) --no-print-directory node-version
	npm ci --no-audit --no-fund
	touch $@

node-version:
	@major=$$(node --version | sed 's/^v//; s/\..*//'); [ "$$major" -ge $(NODE_NEEDED) ] || { \
		echo "Node $$(node --version) is too old: this project needs Node $(NODE_NEEDED) or newer" >&2; exit 1; }

clean:
	rm -rf site .site.* $(VENV) $(LOCK_VENV) node_modules
