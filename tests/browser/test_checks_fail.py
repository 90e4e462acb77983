"""The browser tests fail when a learner would see a broken course, and say where.

test_course.py runs, in a pytest of its own, twice:
- on a copy of 00_welcome served by a JupyterLab without its widget manager (a
  broken install): the demo shows as its stored picture, not live;
- on a notebook with an untagged error, broken formulas, a widget that cannot be
  drawn, a demo control that drives nothing, and no figure.
Each check must fail with a message naming the notebook, the cell and what was
missing, pass where nothing is wrong, and the server and its kernels must be
gone afterwards although tests failed.
"""
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import TOP


def code(cell_id, source):
    return {"cell_type": "code", "id": cell_id, "metadata": {}, "outputs": [], "execution_count": None,
            "source": source}


BROKEN = {"nbformat": 4, "nbformat_minor": 5,
          "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}},
          "cells": [
              {"cell_type": "markdown", "id": "m0", "metadata": {},
               "source": "# 99 · Broken · 坏\n\nA TeX error $\\frac{1}$, an undefined macro $\\foo{x}$ and an "
                         "unclosed $x^{2$ formula."},
              code("c1", "import ipywidgets\nfrom mlnotes.widgets import Demo, slider\n\n\n"
                         "def draw(ax, a=1, b=1, style='-'):\n    ax.plot([0, 1], [0, a], style)\n"
                         "    return f'a = {a}, style {style}'\n\n\n"
                         "Demo('b does nothing', draw, {'a': slider('a', 1, 0, 5, integer=True),\n"
                         "                              'b': slider('b', 1, 0, 5, integer=True),\n"
                         "                              'style': ipywidgets.Dropdown(options=['-', 'o'])})"),
              code("c2", "import ipywidgets\n\norphan = ipywidgets.IntSlider()\n"
                         "orphan._view_module = 'no-such-widget-module'  # its view cannot be found\norphan"),
              code("c3", "1 / 0"),
              code("c4", "print('never reached')")]}


def processes_mentioning(text):
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if text in cmdline.read_bytes().decode(errors="replace"):
                found.append(cmdline.parent.name)
        except OSError:
            pass
    return found


class CourseRun:
    """test_course.py in a pytest of its own, on these notebooks ({name: notebook as dict})."""

    def __init__(self, tmp, notebooks, disable=()):
        self.tmp = tmp
        course = tmp / "course"
        course.mkdir()
        for name, notebook in notebooks.items():
            (course / f"{name}.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
        env = dict(os.environ, MLNOTES_BROWSER_NOTEBOOKS=str(course), MLNOTES_BROWSER_SHOTS=str(tmp / "shots"),
                   MLNOTES_BROWSER_DISABLE=",".join(disable), MLNOTES_BROWSER_DEMO_WAIT="3")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pytest", "tests/browser/test_course.py", f"--basetemp={tmp / 'base'}",
             f"--junitxml={tmp / 'report.xml'}", "-q"],
            cwd=TOP, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.outcomes = None

    def wait(self):
        """Wait for the end; .outcomes maps each test (with its [notebook]) to (outcome, message)."""
        self.output = self.process.communicate(timeout=600)[0]
        self.returncode = self.process.returncode
        self.outcomes = {}
        for case in ET.parse(self.tmp / "report.xml").iter("testcase"):
            problem = case.find("failure") if case.find("failure") is not None else case.find("error")
            self.outcomes[case.get("name")] = ("passed", "") if problem is None else \
                (problem.tag, problem.get("message", "") or (problem.text or ""))
        return self


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Both broken courses, run side by side (each mostly waits for its kernel and browser)."""
    welcome = json.loads((TOP / "notebooks" / "00_welcome.ipynb").read_text(encoding="utf-8"))
    started = {"without_widget_manager": CourseRun(tmp_path_factory.mktemp("no-widgets"), {"00_welcome": welcome},
                                                   disable=["@jupyter-widgets/jupyterlab-manager"]),
               "broken": CourseRun(tmp_path_factory.mktemp("broken"), {"99_broken": BROKEN})}
    try:
        return {name: run.wait() for name, run in started.items()}
    finally:
        for run in started.values():
            if run.process.poll() is None:
                run.process.kill()


@pytest.fixture
def without_widget_manager(runs):
    return runs["without_widget_manager"]


@pytest.fixture
def broken(runs):
    return runs["broken"]


def problems(run, test):
    """The problems test (a test_course.py test with its [notebook]) reported; fails if it passed."""
    state, message = run.outcomes[test]
    assert state == "failure", f"{test} should have failed: {state}\n{run.output[-3000:]}"
    count = int(re.search(r"(\d+) problem\(s\)", message).group(1))
    listed = re.findall(r"^\s+- (.*)$", message, flags=re.M)
    assert len(listed) == count, message
    return listed


def test_a_widget_not_drawn_live_is_named(without_widget_manager):
    assert problems(without_widget_manager, "test_every_widget_is_drawn_as_a_widget[00_welcome]") == [
        "cell 19 (id c19) «from mlnotes.widgets import shape_explorer»: a widget shows as its stored picture, "
        "not live ('Demo: the shapes of one layer (controls: n_prev, n, m). Run the notebook to use it.')"]
    assert problems(without_widget_manager, "test_every_demo_follows_its_controls[00_welcome]") == [
        "0 Demo(s) drawn on the page where the kernel displayed 1 (cell 19 (id c19) "
        "«from mlnotes.widgets import shape_explorer»: 'the shapes of one layer')"]


def test_what_a_broken_install_does_not_break_still_passes(without_widget_manager):
    assert without_widget_manager.returncode == 1
    for test in ("test_runs_without_unexpected_errors", "test_every_formula_is_typeset", "test_shows_a_figure"):
        outcome = without_widget_manager.outcomes[f"{test}[00_welcome]"]
        assert outcome == ("passed", ""), outcome


def test_an_untagged_error_is_named_with_the_cells_it_stopped(broken):
    assert problems(broken, "test_runs_without_unexpected_errors[99_broken]") == [
        "cell 3 (id c3) «1 / 0»: unexpected error ZeroDivisionError: division by zero",
        "cell 4 (id c4) «print('never reached')»: did not run (prompt '[ ]:'); did an earlier cell fail?"]


def test_broken_formulas_are_named(broken):
    title = "cell 0 (id m0) «# 99 · Broken · 坏»"
    assert problems(broken, "test_every_formula_is_typeset[99_broken]") == [
        f"{title}: raw TeX on the page: «ro and an unclosed $x^{{2$ formula.»",
        f"{title}: a formula typeset as a TeX error: Missing argument for \\frac",
        f"{title}: a formula typeset as a TeX error: undefined \\foo"]


def test_a_widget_that_cannot_be_drawn_is_named(broken):
    assert problems(broken, "test_every_widget_is_drawn_as_a_widget[99_broken]") == [
        "cell 2 (id c2) «import ipywidgets»: a widget shows an error: 'Click to show javascript error.'"]


def test_a_control_that_drives_nothing_is_named(broken):
    # a (a slider) and style (a dropdown) do move the picture and the readout
    assert problems(broken, "test_every_demo_follows_its_controls[99_broken]") == [
        "cell 1 (id c1) «import ipywidgets», demo 'b does nothing': moving control 'b' (slider key ArrowRight) "
        "did not change the readout or the picture within 3 s (readout 'a = 2, style -')"]


def test_a_notebook_without_a_figure_fails(broken):
    assert problems(broken, "test_shows_a_figure[99_broken]") == [
        "no figure: no code cell shows a PNG image after Run All"]


@pytest.mark.parametrize("name", ["without_widget_manager", "broken"])
def test_the_server_and_its_kernels_are_gone_after_failing_tests(name, runs):
    run = runs[name]
    assert run.returncode == 1
    assert "Kernel started" in next((run.tmp / "base").glob("jupyterlab*/jupyterlab.log")).read_text()
    assert processes_mentioning(str(run.tmp / "base")) == []


def test_screenshots_are_taken_of_failing_notebooks_too(without_widget_manager, broken):
    assert [p.name for p in (without_widget_manager.tmp / "shots").glob("*.png")] == ["00_welcome.png"]
    assert [p.name for p in (broken.tmp / "shots").glob("*.png")] == ["99_broken.png"]
