"""One JupyterLab server and one Chromium for the whole run; each notebook opened and run once.

Environment variables (the defaults are the course; test_checks_fail.py uses the others):
  MLNOTES_BROWSER_NOTEBOOKS  folder of notebooks to run (notebooks/)
  MLNOTES_BROWSER_SHOTS      where the screenshots go (build/browser/)
  MLNOTES_BROWSER_DISABLE    comma-separated JupyterLab extensions to disable (none)
  MLNOTES_BROWSER_TIMEOUT    seconds one notebook's Run All may take (240)
  MLNOTES_BROWSER_DEMO_WAIT  seconds a demo may take to redraw after a control moved (10)
  CHROMIUM                   the browser binary (chromium on PATH)
"""
import json
import os
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from checks import formula_counts, markdown_pieces  # noqa: E402
from chromium import launched  # noqa: E402
from lab import JupyterLab  # noqa: E402
from notebook_run import NotebookRun  # noqa: E402

TOP = Path(__file__).resolve().parents[2]
NOTEBOOKS_DIR = Path(os.environ.get("MLNOTES_BROWSER_NOTEBOOKS", TOP / "notebooks"))
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
SHOTS = Path(os.environ.get("MLNOTES_BROWSER_SHOTS", TOP / "build" / "browser"))
DISABLED = [name for name in os.environ.get("MLNOTES_BROWSER_DISABLE", "").split(",") if name]
TIMEOUT = float(os.environ.get("MLNOTES_BROWSER_TIMEOUT", 240))
DEMO_WAIT = float(os.environ.get("MLNOTES_BROWSER_DEMO_WAIT", 10))
TIMES = {}


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    server = JupyterLab(NOTEBOOKS_DIR, tmp_path_factory.mktemp("jupyterlab"), DISABLED)
    try:
        yield server.start()
    finally:
        server.stop()


@pytest.fixture(scope="session")
def browser():
    with launched("test-browser") as chromium:
        yield chromium


@pytest.fixture(scope="session")
def page(browser):
    """One page for the whole run: JupyterLab loads once, each notebook opens in it as a tab."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        yield page
    finally:
        context.close()


@pytest.fixture(scope="module", params=NOTEBOOKS, ids=lambda p: p.stem)
def notebook(request, lab, page):
    """The notebook opened in JupyterLab, outputs cleared, Run All done, and a screenshot taken."""
    path = request.param
    kernel = json.loads(path.read_text(encoding="utf-8"))["metadata"]["kernelspec"]["display_name"]
    run = NotebookRun(page, lab, path, TIMEOUT)
    start = time.perf_counter()
    try:
        run.open(kernel)
        run.clear_and_run_all()
        expected = formula_counts([source for _, _, source, _ in markdown_pieces(run.state())])
        with run.timed("settle"):
            run.settle(sum(expected))
        with run.timed("screenshot"):
            run.screenshots = run.screenshot(SHOTS)
        yield run
    finally:
        run.seconds["total"] = time.perf_counter() - start
        TIMES[run.name] = run.seconds
        run.close()
        lab.shutdown_kernels()


def pytest_terminal_summary(terminalreporter):
    if not TIMES:
        return
    terminalreporter.section("time per notebook in JupyterLab (s)")
    for name, seconds in TIMES.items():
        terminalreporter.write_line(f"{name:28s} " + "  ".join(f"{k} {v:5.1f}" for k, v in seconds.items()))
    terminalreporter.write_line(f"screenshots: {SHOTS}")
