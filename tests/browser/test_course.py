"""Every notebook of the course in JupyterLab in Chromium, as a learner meets it.

Each notebook (every *.ipynb in notebooks/, so new chapters are covered with no
change here) is opened, its outputs cleared and Run All done from the Run menu
(conftest.py); then what the page shows is checked (checks.py) and every demo's
controls are moved (notebook_run.py). A failure names the notebook, the cell and
what was missing. Screenshots: build/browser/.
"""
import checks
from conftest import DEMO_WAIT, NOTEBOOKS, NOTEBOOKS_DIR
from notebook_run import demo_problems


def test_there_are_notebooks_to_run():
    assert NOTEBOOKS, f"no notebooks in {NOTEBOOKS_DIR}"


def test_runs_without_unexpected_errors(notebook):
    problems = checks.unexpected_errors(notebook.cells)
    assert not problems, checks.report(notebook.name, problems)


def test_every_widget_is_drawn_as_a_widget(notebook):
    problems = checks.widgets_not_rendered(notebook.cells)
    assert not problems, checks.report(notebook.name, problems)


def test_every_formula_is_typeset(notebook):
    problems = checks.math_problems(notebook.cells, checks.formula_counts)
    assert not problems, checks.report(notebook.name, problems)


def test_shows_a_figure(notebook):
    _, problems = checks.figures(notebook.cells)
    assert not problems, checks.report(notebook.name, problems)


def test_every_demo_follows_its_controls(notebook):
    # Last for each notebook: it changes what the page shows.
    with notebook.timed("demos"):
        problems = demo_problems(notebook.page, notebook.cells, timeout=DEMO_WAIT)
    assert not problems, checks.report(notebook.name, problems)
