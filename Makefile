# mlnotes: `make lab` opens the course, `make test` runs every test.
# `make test-browser` runs the course in JupyterLab in Chromium (tests/browser/).
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
# one BLAS thread, so that timings shown in notebooks mean something on a busy 2-core machine.
TESTENV := env -u MPLBACKEND PYTHONHASHSEED=0 OPENBLAS_NUM_THREADS=1

.PHONY: lab test test-browser site test-site student doctor execute timings bench clean

lab: $(STAMP)
	@token=$$($(BIN)/python -c 'import secrets; print(secrets.token_hex(24))'); \
	echo "mlnotes: JupyterLab opens in your browser. If it does not, open the address printed below"; \
	echo "         (http://127.0.0.1:PORT/lab?token=...) with the dots replaced by this token: $$token"; \
	$(BIN)/jupyter lab --ServerApp.root_dir=notebooks --ServerApp.ip=127.0.0.1 --IdentityProvider.token=$$token \
		$$([ "$$(id -u)" = 0 ] && echo --allow-root)  # JupyterLab refuses root (containers) without it

test: $(STAMP)
	$(TESTENV) $(BIN)/python -m pytest

# Installs Debian's chromium when missing (tools/ensure_chromium.sh) and playwright (the browser extra).
test-browser: $(BROWSER_STAMP)
	@tools/ensure_chromium.sh
	$(TESTENV) $(BIN)/python -m pytest tests/browser

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
