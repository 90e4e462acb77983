"""Exercises add up: the learner's functions are used again, and the solutions are real pieces of code.

Issue 14: later cells of a notebook run the learner's own functions from its
earlier exercises (behind require(...)); 06 ends with the learner's forward,
backward and update training the digits network; 08's learner trains with
their own scalar engine; the median solution is at least 4 lines.
"""
import ast
import json
import re
import statistics
from pathlib import Path

import pytest

from mlnotes.exercises.student import BEGIN, _source, _strip_solutions

TOP = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((TOP / "notebooks").glob("*.ipynb"))
THREAD = ("02", "03", "04", "05", "06", "08")  # the notebooks whose exercises build something that runs


def exercises(path):
    """[(cell index, function name, solution lines)] of a notebook; lines are non-blank, non-comment."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    found = []
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "code" and BEGIN in _source(cell):
            _, names, solution = _strip_solutions(_source(cell), path.name)
            lines = [line for line in solution if line.strip() and not line.strip().startswith("#")]
            found += [(i, name, len(lines)) for name in names]
    return nb, found


def required(nb):
    """{cell index: [names passed to require(...)]} for the notebook's code cells."""
    out = {}
    for i, cell in enumerate(nb["cells"]):
        src = _source(cell)
        if cell["cell_type"] != "code" or "require(" not in src:
            continue
        clean = "\n".join(" " * len(l) if l.lstrip().startswith(("%", "!")) else l for l in src.split("\n"))
        for node in ast.walk(ast.parse(clean)):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "require":
                out.setdefault(i, []).extend(a.id for a in node.args if isinstance(a, ast.Name))
    return out


def uses_after(nb, index, name):
    """Cells after `index` that use `name` other than in its own check: require cells and defs built on it."""
    pattern, check = re.compile(rf"(?<![\w.]){name}\b"), re.compile(rf"\bcheck_\w+\(\s*{name}\b")
    return [j for j, cell in enumerate(nb["cells"]) if j > index and cell["cell_type"] == "code"
            and BEGIN not in _source(cell)
            and pattern.search(check.sub("", _source(cell)))]


def test_the_median_solution_is_at_least_four_lines():
    lines = [n for path in NOTEBOOKS for _, _, n in exercises(path)[1]]
    assert statistics.median(lines) >= 4, f"median {statistics.median(lines)} of {sorted(lines)}"


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if p.stem[:2] in THREAD], ids=lambda p: p.stem)
def test_later_cells_run_the_learners_functions(path):
    nb, found = exercises(path)
    runs = required(nb)
    assert runs, f"{path.name}: no cell runs the learner's functions (require(...))"
    unused = [name for i, name, _ in found if not uses_after(nb, i, name)]
    assert not unused, f"{path.name}: never used after their checks: {unused}"


def test_06_ends_with_the_learners_own_training_on_the_digits():
    path = next(p for p in NOTEBOOKS if p.stem.startswith("06"))
    nb, found = exercises(path)
    runs = required(nb)
    last = max(runs)
    names = set(runs[last])
    assert {"forward", "backward", "update"} <= names, names
    src = _source(nb["cells"][last])
    assert "[64, 32, 10]" in src, "the 64-32-10 network"
    assert "load_digits" in "".join(_source(c) for c in nb["cells"][:last]), "trained on the digits"
    text = "".join("".join(o.get("text", "")) for o in nb["cells"][last].get("outputs", []))
    assert re.search(r"test accuracy.*(≥|at least|>=) ?95", text), text
