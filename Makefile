# JGZ-richtlijn Ouder-kindrelatie: build, serve and test the site.
# Everything the project needs is installed by these targets; see docs/bouwen-en-testen.md.

PYTHON      ?= python3
VENV        := .venv
BIN         := $(VENV)/bin
BUILDDIR    ?= _build
HOST        ?= 127.0.0.1
PORT        ?= 8000
SPHINXOPTS  ?=
# Strict: every warning fails the build, all warnings are shown, every reference must resolve.
# Sphinx's pickled doctrees go beside the output (-d), never into the folder that is published.
STRICT      := -W --keep-going -n

RELEASEDIR  ?= $(BUILDDIR)/release

.PHONY: serve html release live test pdf clean benchmark

serve: html
	@echo "De website staat op http://$(HOST):$(PORT)/ (stoppen met Ctrl+C)"
	$(BIN)/python -m http.server $(PORT) --bind $(HOST) --directory $(BUILDDIR)/html

html: $(VENV)/.site
	$(BIN)/sphinx-build -b html $(STRICT) $(SPHINXOPTS) -c . -d $(BUILDDIR)/doctrees content $(BUILDDIR)/html

# For publication: a clean, strict build into a fresh folder; $(RELEASEDIR)/html links to it
# only when the build succeeds (tools/release.py, docs/publiceren.md).
release: $(VENV)/.site
	$(BIN)/python tools/release.py --release-dir $(RELEASEDIR)

# jgz_live: the server's address; the page may then load its reload script (_ext/jgz/live.py).
live: $(VENV)/.live
	$(BIN)/sphinx-autobuild $(SPHINXOPTS) -D jgz_live=$(HOST):$(PORT) -c . content $(BUILDDIR)/live --host $(HOST) --port $(PORT) --watch _ext --watch conf.py

# One test process per processor core; each test file stays in one process (its fixtures are
# built once), and the processes share one build of the site (tests/conftest.py).
test: $(VENV)/.test
	@sh tools/ensure-test-tools.sh
	$(BIN)/python -m pytest -n auto --dist loadfile

# Speed and size against the budgets (docs/kwaliteit.md); Lighthouse comes from npm (package.json).
benchmark: $(VENV)/.test
	@sh tools/ensure-test-tools.sh
	@test -x node_modules/.bin/lighthouse || npm ci --no-audit --no-fund
	$(BIN)/python tools/benchmark.py $(BENCHMARKOPTS)

# The whole guideline as one PDF: the single-page build, printed by Chromium (tools/pdf.py).
pdf: $(VENV)/.pdf
	@sh tools/ensure-test-tools.sh
	$(BIN)/sphinx-build -b singlehtml $(STRICT) $(SPHINXOPTS) -c . -d $(BUILDDIR)/doctrees-singlehtml content $(BUILDDIR)/singlehtml
	$(BIN)/python tools/pdf.py $(BUILDDIR)/singlehtml/index.html $(BUILDDIR)/pdf/jgz-richtlijn-ouder-kindrelatie.pdf

clean:
	rm -rf $(BUILDDIR) .pytest_cache

$(VENV)/bin/python:
	@sh tools/ensure-venv.sh $(PYTHON) $(VENV)

$(VENV)/.site: requirements/site.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/site.txt
	@touch $@

$(VENV)/.test: requirements/test.txt $(VENV)/.site
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/test.txt
	@touch $@

$(VENV)/.pdf: requirements/pdf.txt $(VENV)/.site
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/pdf.txt
	@touch $@

$(VENV)/.live: requirements/live.txt $(VENV)/.site
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/live.txt
	@touch $@
