"""Student copies of the notebooks: every exercise solution replaced by a stub.

The committed notebooks run with their solutions in place, between the
nbgrader markers

    def my_sigmoid(z):
        ### BEGIN SOLUTION
        return ...
        ### END SOLUTION

A student copy replaces each marked block with

        # YOUR CODE HERE
        raise NotImplementedError()

Rules the generator enforces (a ValueError names the notebook and cell):
- every solution block sits inside a function (an exercise is a function the
  learner writes), and its cell shows no output that could give the answer away;
- a cell that uses the learner's functions either checks them (`check_x(my_fn)`),
  or starts what it runs with `require(my_fn, ...)` (a forward pass built from
  their layer, a training run), or only defines functions from them (a `def`
  that calls their layer runs nothing yet). Every other cell runs unchanged
  before the learner has written anything.

In the copy, each check cell and each `require` cell is tagged
`raises-exception` and stores the NotImplementedError it raises until the
exercise is done: the learner sees what to do, and strict nbval verifies that
the copy fails there and only there. A copy remembers a fingerprint of its cells; a copy whose cells the
learner has changed is never overwritten (unless force=True).
"""
import ast
import copy
import hashlib
import json
import re
from pathlib import Path

from mlnotes._files import write_atomically
from mlnotes.exercises.checking import not_done_for_use_message, not_done_message

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
STUB = ["# YOUR CODE HERE", "raise NotImplementedError()"]
RAISES_TAG = "raises-exception"
COULD_NOT = "could not write"  # starts the report line of a copy that failed (the command then exits with 1)
NOTE = (
    "> **Student copy** made by `python -m mlnotes student`. Each exercise is a function to write: "
    "replace `raise NotImplementedError()` with your code and run its check. Until then the check "
    "shows *not written yet* — that is expected."
)


def _source(cell):
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def _strip_solutions(source, where):
    """(new source, exercise function names, solution lines) for one cell's source."""
    lines = source.split("\n")
    out, names, solution, inside = [], [], [], None
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped == BEGIN:
            if inside is not None:
                raise ValueError(f"{where}, line {number}: {BEGIN} inside another solution block")
            indent = line[: len(line) - len(line.lstrip())]
            if not indent:
                raise ValueError(f"{where}, line {number}: the solution is not inside a function; "
                                 f"an exercise is a function the learner writes")
            owner = [re.match(r"\s*def (\w+)\(", l) for l in out if len(l) - len(l.lstrip()) < len(indent)]
            owner = [m.group(1) for m in owner if m]
            if not owner:
                raise ValueError(f"{where}, line {number}: no `def` encloses this solution block")
            names.append(owner[-1])
            out += [indent + s for s in STUB]
            inside = indent
        elif stripped == END:
            if inside is None:
                raise ValueError(f"{where}, line {number}: {END} without {BEGIN}")
            inside = None
        elif inside is not None:
            solution.append(line)
        else:
            out.append(line)
    if inside is not None:
        raise ValueError(f"{where}: {BEGIN} without {END}")
    return "\n".join(out), names, solution


def fingerprint(nb):
    """sha256 of the cells' types and sources: changes when the learner edits a cell, not when they run one."""
    cells = [[c["cell_type"], _source(c)] for c in nb["cells"]]
    return hashlib.sha256(json.dumps(cells, ensure_ascii=False).encode()).hexdigest()


def _error_output(message):
    return {"output_type": "error", "ename": "NotImplementedError", "evalue": message,
            "traceback": [f"NotImplementedError: {message}"]}


def _first_failure(src, used, exercises, check, where):
    """The message a cell that uses exercise functions raises in a fresh copy, or None when it runs.

    In a fresh copy every exercise is a stub, so the first check or require()
    call in the cell raises: a check with the not-done hint of its function,
    require with the hint for its first piece.
    """
    failures = [(check[n].search(src).start(), not_done_message(n)) for n in used if check[n].search(src)]
    # IPython's %magics and !commands are not Python: blank them (same length, so offsets still hold)
    tree = ast.parse("\n".join(" " * len(line) if line.lstrip().startswith(("%", "!")) else line
                                for line in src.split("\n")))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "require":
            pieces = [getattr(a, "id", None) for a in node.args]
            if not pieces or any(p not in exercises for p in pieces):
                raise ValueError(f"{where}: require() takes this notebook's exercise functions by name "
                                 f"({', '.join(exercises)}), got {ast.unparse(node)}")
            offset = sum(len(line) + 1 for line in src.split("\n")[: node.lineno - 1]) + node.col_offset
            failures.append((offset, not_done_for_use_message(pieces[0])))
    if failures:
        first_use = min(re.search(rf"(?<![\w.]){n}\b", src).start() for n in used)
        offset, message = min(failures)
        if offset > first_use:
            raise ValueError(f"{where}: uses an exercise function before its check or require(...); in the "
                             f"student copy it would raise there, without saying which piece is missing")
        return message
    statements = [st for st in tree.body if any(re.search(rf"(?<![\w.]){n}\b", ast.unparse(st)) for n in used)]
    if all(isinstance(st, (ast.FunctionDef, ast.ClassDef)) for st in statements):
        return None
    raise ValueError(f"{where}: uses the exercise function {used[0]} outside a check, a require(...) or a def; "
                     f"in the student copy it would raise before the learner has written it")


def student_copy(nb, label="notebook"):
    """The student copy of a notebook (a dict in nbformat 4), and the solution lines it removed."""
    nb = copy.deepcopy(nb)
    exercises, removed = [], []
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code" or (BEGIN not in _source(cell) and END not in _source(cell)):
            continue
        where = f"{label}, cell {i}"
        new, names, solution = _strip_solutions(_source(cell), where)
        if cell.get("outputs"):
            raise ValueError(f"{where}: a solution cell must not show output (it could give the answer away)")
        cell["source"] = new
        exercises += names
        removed += solution
    uses = {name: re.compile(rf"(?<![\w.]){name}\b") for name in exercises}
    check = {name: re.compile(rf"\bcheck_\w+\(\s*{name}\b") for name in exercises}
    for i, cell in enumerate(nb["cells"]):
        src = _source(cell)
        if cell["cell_type"] != "code" or BEGIN in src or STUB[1] in src:
            continue
        used = [n for n in exercises if uses[n].search(src)]
        if not used:
            continue
        first = _first_failure(src, used, exercises, check, f"{label}, cell {i}")
        if first is None:  # it only defines functions that use the exercises
            continue
        tags = cell.setdefault("metadata", {}).setdefault("tags", [])
        if RAISES_TAG not in tags:
            tags.append(RAISES_TAG)
        cell["outputs"] = [_error_output(first)]
    note = {"cell_type": "markdown", "metadata": {}, "source": NOTE}
    if nb.get("nbformat_minor", 0) >= 5:  # nbformat 4.5 gives every cell an id
        note["id"] = "student-copy-note"
    nb["cells"].insert(0, note)
    nb["metadata"]["mlnotes"] = {"student_copy": True, "fingerprint": fingerprint(nb)}
    return nb, removed


def write_student_copies(src_dir, out_dir, force=False, names=None):
    """Write a student copy of every notebook in src_dir into out_dir; returns one report line per notebook.

    A copy that exists and was changed by the learner (or was not made by
    this generator) is skipped unless force is True.
    """
    src_dir, out_dir = Path(src_dir), Path(out_dir)
    if not src_dir.is_dir():
        raise FileNotFoundError(f"no notebooks folder at {src_dir}: run from the course folder or pass --src")
    if out_dir.resolve() == src_dir.resolve():
        raise ValueError("the student copies must go to another folder than the notebooks they are made from")
    out_dir.mkdir(parents=True, exist_ok=True)
    report = []
    for path in sorted(src_dir.glob("*.ipynb")):
        if names and path.name not in names and path.stem not in names:
            continue
        target = out_dir / path.name
        if target.exists() and not force:
            reason = _why_keep(target)
            if reason:
                report.append(f"skipped {target}: {reason} (use --force to overwrite it)")
                continue
        source = json.loads(path.read_text(encoding="utf-8"))
        nb = source if is_student_copy(source) else student_copy(source, label=path.name)[0]
        try:
            write_atomically(target, json.dumps(nb, ensure_ascii=False, indent=1) + "\n")
        except OSError as e:
            report.append(f"{COULD_NOT} {target}: {e.strerror or e}; the file there is unchanged")
            continue
        report.append(f"wrote {target}")
    return report


def is_student_copy(nb):
    """True for a notebook this generator made (its solutions are out already)."""
    meta = nb.get("metadata", {}).get("mlnotes") if isinstance(nb, dict) else None
    return isinstance(meta, dict) and meta.get("student_copy") is True


def _why_keep(target):
    """Why an existing copy must not be overwritten, or None when it is safe to."""
    try:
        nb = json.loads(target.read_text(encoding="utf-8"))
        stored = nb["metadata"]["mlnotes"]["fingerprint"]
    except (ValueError, KeyError, TypeError):
        return "it was not made by `mlnotes student`"
    if fingerprint(nb) != stored:
        return "you have changed it"
    return None
