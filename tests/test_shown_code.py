"""What the notebooks show of the package is the math (STYLE.md rule 9).

Every `show_source(X)` call in a code cell of notebooks/*.ipynb is found by parsing the cell; X is
resolved by running that notebook's import statements (only those) and evaluating X, and its source
is read as show_source reads it (inspect.getsource, which follows functools.wraps to the bare
formula). That source fails when it holds any of these lines, which belong to the callers, to
mlnotes/_validate.py or to a wrapper:

- validation: a `raise` or an `assert` statement; a call to `isinstance`, to `as_array` or any
  `require_...` of mlnotes._validate, or to any name or method starting with `_check`;
- speed or memory tricks: `np.errstate`, `np.empty`/`np.empty_like`, an `out=` argument, a
  `__slots__` assignment, the `.formula` attribute (the unchecked twin of a public function);
- a comment or docstring about memory rather than the math: one that mentions memory, allocating,
  page faults, the garbage collector, reference cycles, working in place, or copies shared as views.

A class or module shown whole is checked whole.
"""
import ast
import inspect
import io
import json
import re
import textwrap
import tokenize
from pathlib import Path

import numpy as np
import pytest

NOTEBOOKS = sorted((Path(__file__).parent.parent / "notebooks").glob("*.ipynb"))

VALIDATING_CALLS = re.compile(r"^(isinstance|as_array|require_\w*|_check\w*)$")
SPEED_CALLS = {"errstate", "empty", "empty_like"}
MEMORY_WORDS = re.compile(r"memory|allocat|page fault|garbage|reference cycle|in[- ]place|\bviews?\b", re.IGNORECASE)


def code_cells(path):
    return ["".join(cell["source"]) for cell in json.loads(path.read_text())["cells"] if cell["cell_type"] == "code"]


def parsed_cells(path):
    """The code cells of a notebook that are Python (a cell starting with a magic is skipped)."""
    trees = []
    for source in code_cells(path):
        try:
            trees.append(ast.parse(source))
        except SyntaxError:
            continue
    return trees


def shown(path):
    """The expressions X of every show_source(X) in the notebook's code cells, as source text."""
    return [ast.unparse(node.args[0]) for tree in parsed_cells(path) for node in ast.walk(tree)
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "show_source" and node.args]


def resolve(path, expression):
    """The object the notebook shows: its import statements run, then the expression evaluated."""
    namespace = {}
    for tree in parsed_cells(path):
        imports = [node for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom))]
        exec(compile(ast.Module(body=imports, type_ignores=[]), str(path), "exec"), namespace)
    return eval(expression, namespace)


def problems(obj):
    """What in obj's source (as show_source shows it) is not the math; an empty list when nothing is."""
    source = textwrap.dedent(inspect.getsource(obj))
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Raise, ast.Assert)):
            found.append(f"line {node.lineno}: {type(node).__name__.lower()} (a check)")
        elif isinstance(node, ast.Call):
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", "")
            if VALIDATING_CALLS.match(name):
                found.append(f"line {node.lineno}: {name}() (a check)")
            elif name in SPEED_CALLS:
                found.append(f"line {node.lineno}: {name}() (numpy plumbing)")
            found += [f"line {node.lineno}: out= (in-place output)" for kw in node.keywords if kw.arg == "out"]
        elif isinstance(node, ast.Attribute) and node.attr == "formula":
            found.append(f"line {node.lineno}: .formula (the unchecked twin of a public function)")
        elif isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "__slots__" for t in node.targets):
            found.append(f"line {node.lineno}: __slots__ (memory layout)")
        elif isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and ast.get_docstring(node):
            if MEMORY_WORDS.search(ast.get_docstring(node)):
                found.append(f"docstring of {getattr(node, 'name', 'the module')}: about memory")
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT and MEMORY_WORDS.search(token.string):
            found.append(f"line {token.start[0]}: comment about memory: {token.string.strip()}")
    return found


CASES = [(path, expression) for path in NOTEBOOKS for expression in shown(path)]


def test_the_notebooks_show_code():
    assert len(CASES) >= 20, [expression for _, expression in CASES]


@pytest.mark.parametrize("path, expression", CASES, ids=[f"{p.stem[:2]}-{e}" for p, e in CASES])
def test_shown_code_is_the_math(path, expression):
    assert problems(resolve(path, expression)) == [], f"{path.name} shows {expression}"


# --- the check itself fails where it should -------------------------------------------------------

def bad_forward(X, W, b):
    """Z = W X + b, with everything the rule keeps out of a shown function."""
    assert X.ndim == 2, "X must be 2-D"
    if not isinstance(X, np.ndarray):
        raise TypeError("X must be an array")
    from mlnotes._validate import as_array
    X = as_array(X, "X")
    with np.errstate(over="ignore"):
        Z = np.empty((W.shape[0], X.shape[1]))
        np.matmul(W, X, out=Z)
    Z += b  # in place: one array fewer to allocate
    return Z


class BadNode:
    """A node that keeps numbers, not closures, so that the garbage collector has no cycles to chase."""

    __slots__ = ("data",)

    def relu(self):
        from mlnotes import activations
        return activations.relu.formula(self.data)


def good_forward(X, W, b):
    """Z = W X + b (F2)."""
    return W @ X + b


def test_the_check_finds_every_kind_of_line_that_is_not_the_math():
    found = problems(bad_forward)
    for what in ("assert", "raise", "isinstance()", "as_array()", "errstate()", "empty()", "out=",
                 "comment about memory"):
        assert any(what in problem for problem in found), (what, found)
    found = problems(BadNode)
    for what in ("__slots__", ".formula", "docstring of BadNode: about memory"):
        assert any(what in problem for problem in found), (what, found)
    assert problems(good_forward) == []


def test_shown_expressions_are_found_and_resolved_as_the_notebook_imports_them(tmp_path):
    notebook = tmp_path / "99_test.ipynb"
    cells = [{"cell_type": "code", "source": "%matplotlib inline", "metadata": {}},
             {"cell_type": "code", "source": "from mlnotes.network import MLP\n\nshow_source(MLP.output_error)",
              "metadata": {}},
             {"cell_type": "markdown", "source": "show_source(not_code)", "metadata": {}}]
    notebook.write_text(json.dumps({"cells": cells}))
    assert shown(notebook) == ["MLP.output_error"]
    from mlnotes.network import MLP
    assert resolve(notebook, "MLP.output_error") is MLP.output_error
