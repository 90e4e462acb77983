# mlnotes: `make lab` opens the course, `make test` runs every test.
# `make test-browser` runs the course in JupyterLab in Chromium (tests/browser/).
# All set up .venv first (once: a second run installs nothing unless
# pyproject.toml changed) and never write to notebooks/.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
BROWSER_STAMP := $(VENV)/.installed-browser
# Strict nbval needs the same outputs on every run: no inherited figure backend, a fixed hash seed;
# one BLAS thread, so that timings shown in notebooks mean something on a busy 2-core machine.
TESTENV := env -u MPLBACKEND PYTHONHASHSEED=0 OPENBLAS_NUM_THREADS=1

.PHONY: lab test lint test-portable test-browser student doctor execute timings html bench clean

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

student: $(STAMP)
	$(BIN)/python -m mlnotes student --out student

doctor: $(STAMP)
	$(BIN)/python -m mlnotes doctor

# Run every notebook once and print its run time (nothing is written), flagging any over 10 s.
timings: $(STAMP)
	$(TESTENV) $(BIN)/python tools/execute_notebooks.py --timings

# Static HTML of every notebook with its outputs, and an index page: build/html/index.html
html: $(STAMP)
	$(BIN)/python tools/make_html.py

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

clean:
	rm -rf $(VENV) build student *.egg-info
