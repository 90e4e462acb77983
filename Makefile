# mlnotes: `make lab` opens the course, `make test` runs every test.
# `make test-browser` runs the course in JupyterLab in Chromium (tests/browser/).
# `make hub` serves the course to a workshop on this server (JupyterHub, deploy/jupyterhub/), as root;
# `make test-hub` tests that hub with ten simulated participants (tests/hub/).
# `make site` builds the course as a website that works offline (build/site/); `make test-site` tests it.
# All set up .venv first (once: a second run installs nothing unless
# pyproject.toml changed) and never write to notebooks/.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
BROWSER_STAMP := $(VENV)/.installed-browser
SITE_STAMP := $(VENV)/.installed-site
# Strict nbval needs the same outputs on every run: no inherited figure backend, a fixed hash seed;
# one BLAS thread, so that timings shown in notebooks mean something on a busy 2-core machine;
# the checks the tests run record their results in build/, not in the developer's ~/.mlnotes.
TESTENV := env -u MPLBACKEND PYTHONHASHSEED=0 OPENBLAS_NUM_THREADS=1 MLNOTES_PROGRESS=$(CURDIR)/build/progress-of-tests.json

# The workshop hub. Its venv goes where every participant's account can run it (HUB_PREFIX, with
# traversable parents); its state (database, cookie secret, passwords) in a root-only folder.
# HUB_PUBLIC=1 listens on every address instead of 127.0.0.1 (TLS is then the operator's job).
HUB_PREFIX ?= /opt/mlnotes-hub
HUB_STATE  ?= build/hub-state
HUB_PORT   ?= 8000
HUB_PUBLIC ?=
HUB_PROXY_DIR := build/hub
HUB_PY     := $(HUB_PREFIX)/venv/bin/python
HUB_PROXY  := $(HUB_PROXY_DIR)/node_modules/.bin/configurable-http-proxy

.PHONY: lab test lint test-portable test-browser site test-site student doctor execute timings bench clean \
	hub hub-course hub-env hub-stop hub-release-solutions hub-lock-solutions test-hub

# The learner's workspace, student/: their own copies (made once, never overwritten once changed) and
# student/solutions/ (read-only). Prints the whole address, token included (mlnotes/lab.py).
lab: $(STAMP)
	$(BIN)/python -m mlnotes lab --workspace student

test: $(STAMP)
	$(TESTENV) $(BIN)/python -m pytest

# ruff, with the rules in pyproject.toml ([tool.ruff]): the package, tests, tools, benchmarks and notebooks.
lint: $(STAMP)
	$(BIN)/ruff check .

# Strict nbval under several CPU personalities (OpenBLAS kernel x numpy SIMD dispatch), set explicitly
# per run, so that outputs that hold only on this machine's CPU fail here first (tools/test_portable.py).
test-portable: $(STAMP)
	$(BIN)/python tools/test_portable.py

# Installs Debian's chromium when missing (tools/ensure_chromium.sh) and playwright (the browser extra).
test-browser: $(BROWSER_STAMP)
	@tools/ensure_chromium.sh
	$(TESTENV) $(BIN)/python -m pytest tests/browser

# Workshop hub: set up its environment (deploy/jupyterhub/setup.sh), install the course into
# HUB_PREFIX/course (solutions locked), then start it and print the address and the logins.
hub: hub-course
	$(HUB_PY) -m mlnotes.hub.launch --config deploy/jupyterhub/jupyterhub_config.py --prefix $(HUB_PREFIX) \
		--state $(HUB_STATE) --proxy $(HUB_PROXY) --port $(HUB_PORT) --ip $(if $(HUB_PUBLIC),0.0.0.0,127.0.0.1)

# The course as the hub serves it (student copies; solutions locked); again after fixing a notebook.
hub-course: hub-env
	$(HUB_PY) -m mlnotes.hub.course install --notebooks notebooks --dest $(HUB_PREFIX)/course

hub-env:
	@deploy/jupyterhub/setup.sh $(HUB_PREFIX) $(HUB_PROXY_DIR)

hub-stop:
	@pid=$$(cat $(HUB_STATE)/jupyterhub.pid 2>/dev/null) && kill $$pid && echo "mlnotes hub: stopped (pid $$pid)" \
		|| echo "mlnotes hub: not running (no live pid in $(HUB_STATE)/jupyterhub.pid)"

# One command for the instructor: every participant can open course/solutions/ from now on.
hub-release-solutions:
	$(HUB_PY) -m mlnotes.hub.course release --dest $(HUB_PREFIX)/course

hub-lock-solutions:
	$(HUB_PY) -m mlnotes.hub.course lock --dest $(HUB_PREFIX)/course

# A real hub on 127.0.0.1 with ten simulated participants at once (as root; about 2½ minutes).
test-hub: hub-env
	MLNOTES_HUB_PREFIX=$(abspath $(HUB_PREFIX)) MLNOTES_HUB_PROXY=$(abspath $(HUB_PROXY)) \
		$(TESTENV) $(HUB_PY) -m pytest -o addopts="-p no:cacheprovider" -v -s tests/hub

student: $(STAMP)
	$(BIN)/python -m mlnotes student --out student

doctor: $(STAMP)
	$(BIN)/python -m mlnotes doctor

# Run every notebook once and print its run time (nothing is written), flagging any over 10 s.
timings: $(STAMP)
	$(TESTENV) $(BIN)/python tools/execute_notebooks.py --timings

# The course as a website that works offline, from the committed notebooks (nothing is run):
# build/site/index.html. Installs the site extra (Jupyter Book 1) and, once, MathJax with npm.
site: $(SITE_STAMP)
	$(BIN)/python tools/build_site.py

# Builds the site, then reads it in Chromium with every outside request blocked (tests/site/).
test-site: site $(BROWSER_STAMP)
	@tools/ensure_chromium.sh
	$(TESTENV) $(BIN)/python -m pytest tests/site

# Speed figures: each benchmark times the code against a baseline side by side, in one process.
bench: $(STAMP)
	cd benchmarks && for b in bench_*.py; do ../$(BIN)/python $$b || exit 1; done

# For maintainers: re-run notebooks in place to refresh their stored outputs (NB=notebooks/03_*.ipynb for some).
execute: $(STAMP)
	$(TESTENV) $(BIN)/python tools/execute_notebooks.py $(NB)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "mlnotes needs Python 3.10 or newer; $(PYTHON) is " + sys.version.split()[0])'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

$(BROWSER_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,browser]'
	@touch $@

$(SITE_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,site]'
	@touch $@

clean:
	rm -rf $(VENV) build student *.egg-info
