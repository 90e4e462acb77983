"""A learner's student copy in JupyterLab: type a wrong answer, run the check, read; then the right one.

What the learner must see for the wrong answer is the named mistake alone: no traceback through the
package, nothing of the check's source (which holds the right formula). Typed with the keyboard into
the exercise cell, as a learner would, in a JupyterLab of its own on the student copy of 02.
"""
import json
import time

import pytest
from conftest import SHOTS, TIMEOUT, TOP
from lab import JupyterLab
from notebook_run import NotebookRun

from mlnotes.exercises.student import write_student_copies

NOTEBOOK = "02_neuron.ipynb"
STUB = "raise NotImplementedError()"
WRONG = ["z = np.dot(w, a_prev)", "return g(z)"]                    # the bias forgotten
NAMED_MISTAKE = "ExerciseError: you forgot the bias: a = g(sum_i w_i a_i + b)"
RIGHT_ADDITION = " + b"                                               # typed at the end of the first line
PASSED = "✓ neuron: correct"
# What would show the learner the check's insides: its files, its source, its list of mistakes.
INSIDES = ["Traceback", ".py", "compare(", "mistakes", "sigmoid(z - b)", "File "]


@pytest.fixture(scope="module")
def student_run(tmp_path_factory, browser):
    students = tmp_path_factory.mktemp("students")
    write_student_copies(TOP / "notebooks", students, names=[NOTEBOOK])
    server = JupyterLab(students, tmp_path_factory.mktemp("lab-students")).start()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    path = students / NOTEBOOK
    run = NotebookRun(page, server, path, TIMEOUT)
    try:
        run.open(json.loads(path.read_text(encoding="utf-8"))["metadata"]["kernelspec"]["display_name"])
        run.clear_and_run_all()   # the check cells fail with NotImplementedError, tagged: Run All goes on
        yield run
    finally:
        run.close()
        context.close()
        server.stop()


def cell_with(page, text):
    return page.locator(".jp-Notebook .jp-Cell").filter(has=page.locator(".cm-content", has_text=text)).first


def run_exercise_and_check(run, exercise):
    """Shift+Enter in the exercise cell (runs it, moves to its check), Shift+Enter again; the check's output."""
    page = run.page
    exercise.locator(".cm-content").click()
    page.keyboard.press("Shift+Enter")
    page.keyboard.press("Shift+Enter")
    check = cell_with(page, "check_neuron(neuron_output)")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        text = check.locator(".jp-OutputArea").inner_text().strip()
        prompt = check.locator(".jp-InputPrompt").inner_text()
        if text and "*" not in prompt and "NotImplementedError" not in text:
            return text
        time.sleep(0.2)
    raise AssertionError(f"the check gave no new output within 30 s; it shows {text!r}")


def test_a_wrong_answer_shows_the_named_mistake_alone_then_the_right_one_passes(student_run):
    page = student_run.page
    exercise = cell_with(page, "def neuron_output")
    # Replace the stub line with the wrong body, typed key by key (the editor indents the second line).
    exercise.locator(".cm-line", has_text=STUB).click()
    page.keyboard.press("End")
    page.keyboard.press("Shift+Home")
    page.keyboard.type(WRONG[0])
    page.keyboard.press("Enter")
    page.keyboard.type(WRONG[1])
    shown = run_exercise_and_check(student_run, exercise)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / "exercise-feedback-wrong.png")
    assert shown == NAMED_MISTAKE, f"the learner sees:\n{shown}"
    for inside in INSIDES:
        assert inside not in shown

    exercise.locator(".cm-line", has_text=WRONG[0]).click()
    page.keyboard.press("End")
    page.keyboard.type(RIGHT_ADDITION)
    shown = run_exercise_and_check(student_run, exercise)
    page.screenshot(path=SHOTS / "exercise-feedback-right.png")
    assert shown.startswith(PASSED), f"the learner sees:\n{shown}"
