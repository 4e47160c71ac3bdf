# The README's two commands: `make serve` (build and serve the article) and `make test`.
# Installs are stamped: a second run reinstalls nothing unless the pinned files changed.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PY_STAMP := $(VENV)/.installed
NPM_STAMP := node_modules/.installed
CONFIG ?= content/article.toml
OUT ?= site
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: serve site single test bench clean deps

serve: deps
	$(PY) -m builder serve --config $(CONFIG) --out $(OUT) --host $(HOST) --port $(PORT)

site: deps
	$(PY) -m builder build --config $(CONFIG) --out $(OUT)

# The site plus site/backprop-explainer.html: the whole article in one file that stays live
# opened from disk (file://), for downloading, e-mailing or a course drive.
single: deps
	$(PY) -m builder build --single-file --config $(CONFIG) --out $(OUT)

test: deps
	$(PY) -m pytest

bench: deps
	$(PY) -m tests.bench
	$(PY) -m tests.bench_network
	$(PY) -m tests.bench_linear

deps: $(PY_STAMP) $(NPM_STAMP)

$(PY_STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

clean:
	rm -rf site .site.* $(VENV) node_modules
