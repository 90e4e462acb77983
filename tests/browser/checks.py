"""The browser tests' checks, as plain functions of what the page showed.

Each check takes a notebook's name and its cells as snapshot.js reads them
after Run All, and returns a list of problems, each naming the cell and what
was missing; no problems means the check passed. Plain data in, plain text
out: test_checks.py shows each check failing on a made-up page.
"""
import functools
import json
import os
import re
import subprocess
import tempfile
from pathlib import Path

TOP = Path(__file__).resolve().parents[2]
CHECK_MATH = Path(os.environ.get("CHECK_MATH", TOP.parent / "shared" / "tools" / "check-math" / "check-math"))
WIDGET = "application/vnd.jupyter.widget-view+json"
RAN = re.compile(r"\[\d+\]:")


def where(cell):
    """How a problem names its cell: index (as check-math counts), id and first line of the source."""
    first = next((line.strip() for line in cell["source"].splitlines() if line.strip()), "")
    first = first if len(first) <= 60 else first[:57] + "..."
    cell_id = f" (id {cell['id']})" if cell.get("id") else ""
    return f"cell {cell['index']}{cell_id} «{first}»"


def report(name, problems, most=25):
    listed = [f"  - {p}" for p in problems[:most]]
    if len(problems) > most:
        listed.append(f"  ... and {len(problems) - most} more")
    return f"{name}: {len(problems)} problem(s)\n" + "\n".join(listed)


def code_cells(cells):
    return [c for c in cells if c["type"] == "code"]


def unexpected_errors(cells):
    """Error outputs in cells not tagged raises-exception, and cells Run All never reached."""
    problems = []
    for cell in code_cells(cells):
        if not RAN.fullmatch(cell["prompt"] or ""):
            problems.append(f"{where(cell)}: did not run (prompt {cell['prompt']!r}); did an earlier cell fail?")
        if "raises-exception" in cell["tags"]:
            continue
        for out in cell["outputs"]:
            if out["output_type"] == "error":
                problems.append(f"{where(cell)}: unexpected error {out['ename']}: {out['evalue']}")
    return problems


def widgets_not_rendered(cells):
    """Every widget the kernel sent must show as a widget, not as its text repr or an error."""
    problems = []
    for cell in code_cells(cells):
        for out in cell["outputs"]:
            if WIDGET not in out["mimes"] or (out["widget"] or {}).get("rendered"):
                continue
            if not out["shown"]:
                shown = "is not on the page"
            elif out["widget"] and out["widget"]["error"]:
                shown = f"shows an error: {out['widget']['error']!r}"
            elif out["shown_as"] == "text/plain":
                shown = f"shows as its text repr {out['text']!r}"
            elif out["shown_as"] == "image/png":  # a Demo's stored picture (for the website), not the live demo
                shown = f"shows as its stored picture, not live ({out['plain']!r})"
            else:
                shown = f"is not drawn (shown as {out['shown_as']}: {out['text']!r})"
            problems.append(f"{where(cell)}: a widget {shown}")
    return problems


def figures(cells):
    """(cell, output) pairs of PNG figures in code-cell outputs; and problems if none is drawn.

    A widget's output with a PNG (a Demo stores a picture of itself for the website) is no
    figure: widgets_not_rendered and the demo tests check those.
    """
    found, problems = [], []
    for cell in code_cells(cells):
        for k, out in enumerate(cell["outputs"]):
            if "image/png" not in out["mimes"] or WIDGET in out["mimes"]:
                continue
            if out["images"] and all(out["images"]):
                found.append((cell["index"], k))
            else:
                problems.append(f"{where(cell)}: a figure that the page does not show")
    if not found:
        problems.append("no figure: no code cell shows a PNG image after Run All")
    return found, problems


def markdown_pieces(cells):
    """[(label, cell, markdown source, math as rendered)] for Markdown cells and Markdown outputs."""
    pieces = []
    for cell in cells:
        if cell["type"] == "markdown":
            pieces.append((where(cell), cell, cell["source"], cell["markdown"]))
        for k, out in enumerate(cell["outputs"]):
            if out.get("markdown_source") is not None:
                pieces.append((f"{where(cell)}, output {k}", cell, out["markdown_source"], out["math"]))
    return pieces


def math_problems(cells, count_formulas):
    """Every formula typeset: as many mjx-container elements as formulas, no raw TeX, no TeX error.

    count_formulas(list of Markdown sources) -> list of formula counts, found the
    way JupyterLab and MathJax find them (formula_counts below, via check-math).
    """
    pieces = markdown_pieces(cells)
    expected = count_formulas([source for _, _, source, _ in pieces])
    problems = []
    for (label, _, _, shown), n in zip(pieces, expected):
        if shown is None:
            if n:
                problems.append(f"{label}: not rendered, so none of its {n} formula(s) is typeset")
            continue
        if shown["mjx"] != n:
            problems.append(f"{label}: {shown['mjx']} typeset formula(s) (mjx-container) where the source has {n}")
        if shown["raw"]:
            more = f" (and {len(shown['raw']) - 2} more)" if len(shown["raw"]) > 2 else ""
            problems.append(f"{label}: raw TeX on the page: " + ", ".join(f"«{r}»" for r in shown["raw"][:2]) + more)
        for error in shown["errors"]:
            problems.append(f"{label}: a formula typeset as a TeX error: {error}")
    return problems


def formula_counts(sources, check_math=CHECK_MATH):
    """How many formulas JupyterLab typesets in each Markdown source, as check-math finds them.

    A formula with a TeX error still becomes an mjx-container (JupyterLab shows the
    error in place), unless MathJax cannot even find where it ends.
    """
    return list(_formula_counts(tuple(sources), str(check_math)))


@functools.cache
def _formula_counts(sources, check_math):
    if not Path(check_math).is_file():
        raise FileNotFoundError(f"check-math not found at {check_math} (set CHECK_MATH to its path)")
    notebook = {"nbformat": 4, "nbformat_minor": 5, "metadata": {},
                "cells": [{"cell_type": "markdown", "id": f"m{i}", "metadata": {}, "source": s}
                          for i, s in enumerate(sources)]}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "markdown.ipynb"
        path.write_text(json.dumps(notebook), encoding="utf-8")
        result = subprocess.run([str(check_math), "--json", "-v", "--hazards=off", str(path)],
                                capture_output=True, text=True, timeout=120)
    if result.returncode not in (0, 1):
        raise RuntimeError(f"check-math failed ({result.returncode}): {result.stderr}")
    found = json.loads(result.stdout)
    counts = [0] * len(sources)
    for entry in found["ok"] + [p for p in found["problems"] if p.get("kind") == "tex"]:
        if entry.get("rendered", True):
            counts[entry["cell"]] += 1
    return tuple(counts)


DEMO_REPR = re.compile(r"Demo: (.*) \(controls: (.*)\)\. Run the notebook to use it\.")
RUN = re.compile(r"(.*?)(\d+) … (.*?)(\d+)")


def control_names(text):
    """The names in a Demo's repr, its numbered runs ("x0 … x63") written out."""
    names = []
    for part in text.split(", "):
        run = RUN.fullmatch(part)
        if run and run.group(1) == run.group(3):
            names += [f"{run.group(1)}{k}" for k in range(int(run.group(2)), int(run.group(4)) + 1)]
        else:
            names.append(part)
    return names


def expected_demos(cells):
    """[(cell, title, control names)] of the Demos the kernel displayed, known by their stable text repr."""
    demos = []
    for cell in code_cells(cells):
        for out in cell["outputs"]:
            match = DEMO_REPR.fullmatch(out.get("plain") or "")
            if WIDGET in out["mimes"] and match:
                demos.append((cell, match.group(1), control_names(match.group(2))))
    return demos


def cut_demo_reprs(cells):
    """Demos whose text repr ipywidgets cut after 110 characters: the test cannot read their controls."""
    return [f"{where(cell)}: a Demo's text repr is cut short ({out['plain']!r}): ipywidgets keeps 110 characters; "
            f"shorten its title or its control names" for cell in code_cells(cells) for out in cell["outputs"]
            if WIDGET in out["mimes"] and (out.get("plain") or "").startswith("Demo: ")
            and not DEMO_REPR.fullmatch(out["plain"])]
