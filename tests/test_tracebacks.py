"""A failed check shows its message and nothing of the check's source, in IPython and in plain Python."""
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

WRONG_ANSWER = textwrap.dedent("""
    import numpy as np
    from mlnotes.exercises import check_weighted_sum

    def weighted_sum(x, w, b):
        return float(np.dot(w, x))

    check_weighted_sum(weighted_sum)
""")
MESSAGE = "ExerciseError: you forgot the bias: z = sum_i w_i x_i + b"
# What must never reach the learner: the check's file, its source, the list of named mistakes.
CHECK_INSIDES = ["ch00_welcome.py", "checking.py", "compare(", "mistakes", "Traceback"]

PACKAGE_REFUSES = ("import numpy as np\nfrom mlnotes.neuron import dense_forward\n"
                   "dense_forward(np.ones((4, 2)), np.ones((2, 3)), np.zeros((2, 1)))")
LEARNERS_OWN_ERROR = "import mlnotes.exercises\n\ndef mine():\n    return 1 / 0\n\nmine()"


def run_python(code):
    """The code as a script of a plain Python session (a file, so that tracebacks can show its lines)."""
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "learner.py"
        script.write_text(code, encoding="utf-8")
        return subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60)


def run_ipython(code):
    """The code as one cell of an IPython shell: the path JupyterLab's kernel takes (run_cell -> run_code)."""
    driver = ("from IPython.testing.globalipapp import start_ipython\n"
              "shell = start_ipython()\n"
              "shell.colors = 'nocolor'\n"
              f"shell.run_cell({code!r})\n")
    return subprocess.run([sys.executable, "-c", driver], capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("run", [run_python, run_ipython], ids=["python", "ipython"])
def test_a_failed_check_shows_the_named_mistake_alone(run):
    result = run(WRONG_ANSWER)
    shown = result.stdout + result.stderr
    assert MESSAGE in shown
    for inside in CHECK_INSIDES:
        assert inside not in shown, f"the learner sees {inside!r}:\n{shown}"


def test_a_right_answer_still_passes_in_ipython():
    result = run_ipython(WRONG_ANSWER.replace("float(np.dot(w, x))", "float(np.dot(w, x)) + b"))
    assert "✓ weighted_sum: correct" in result.stdout and "Error" not in result.stdout + result.stderr


def test_an_exercise_not_written_yet_shows_the_hint_alone():
    result = run_ipython(WRONG_ANSWER.replace("return float(np.dot(w, x))", "raise NotImplementedError()"))
    assert "NotImplementedError: weighted_sum is not written yet" in result.stdout
    assert "checking.py" not in result.stdout and "Traceback" not in result.stdout


def test_a_package_error_shows_the_learners_line_and_the_message_without_package_frames():
    result = run_ipython("from mlnotes.notebook import setup\nsetup()\n" + PACKAGE_REFUSES)
    assert "ValueError: W has shape (2, 3) but A_prev has 4 rows" in result.stdout
    assert "dense_forward(np.ones((4, 2))" in result.stdout  # the learner's own line, marked
    assert "neuron.py" not in result.stdout and "_validate.py" not in result.stdout


@pytest.mark.parametrize("run", [run_python, run_ipython], ids=["python", "ipython"])
def test_the_learners_own_errors_keep_their_whole_traceback(run):
    result = run(LEARNERS_OWN_ERROR)
    shown = result.stdout + result.stderr
    assert "ZeroDivisionError: division by zero" in shown
    assert "return 1 / 0" in shown and "mine()" in shown, f"both frames, the call and the function:\n{shown}"


def test_a_syntax_error_is_still_shown_as_one():
    result = run_ipython("import mlnotes.exercises\nx = (1,")
    assert "SyntaxError" in result.stdout + result.stderr
