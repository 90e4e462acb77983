"""Every notebook from 01 to 09 ends with one to three open tasks, each with a hidden sample answer."""
import json
import re
from pathlib import Path

import pytest

TOP = Path(__file__).resolve().parents[1]
NOTEBOOKS = [p for p in sorted((TOP / "notebooks").glob("*.ipynb")) if "01" <= p.stem[:2] <= "09"]
HEADING = "## Open tasks"
ITEM = re.compile(r"^(\d+)\. \S")  # a numbered task, not indented (an answer's lines are not items)
OPEN = "<details><summary>Sample answer</summary>"
CLOSE = "</details>"


def source(cell):
    return "".join(cell["source"])


def test_notebooks_01_to_09_are_all_here():
    assert [p.stem[:2] for p in NOTEBOOKS] == [f"{n:02d}" for n in range(1, 10)]


@pytest.fixture(params=NOTEBOOKS, ids=lambda p: p.stem)
def nb(request):
    return request.param, json.loads(request.param.read_text(encoding="utf-8"))


def open_tasks_cell(path, book):
    cells = book["cells"]
    found = [i for i, c in enumerate(cells) if HEADING in source(c)]
    assert len(found) == 1, f"{path.name}: expected one '{HEADING}' cell, found {len(found)}"
    i = found[0]
    assert cells[i]["cell_type"] == "markdown", f"{path.name}: '{HEADING}' must be a markdown cell"
    assert source(cells[i]).lstrip().startswith(HEADING), f"{path.name}: the cell must begin with '{HEADING}'"
    return i, cells[i]


def test_open_tasks_follow_the_summary(nb):
    path, book = nb
    i, _ = open_tasks_cell(path, book)
    previous = source(book["cells"][i - 1]) if i > 0 else ""
    assert "## Summary" in previous or "## Check yourself" in previous, (
        f"{path.name}: '{HEADING}' must come right after the cell with the summary / check yourself")


def test_each_task_has_a_sample_answer(nb):
    path, book = nb
    _, cell = open_tasks_cell(path, book)
    lines = source(cell).splitlines()
    items = [k for k, line in enumerate(lines) if ITEM.match(line)]
    assert 1 <= len(items) <= 3, f"{path.name}: {len(items)} open tasks, expected 1 to 3"
    numbers = [int(ITEM.match(lines[k]).group(1)) for k in items]
    assert numbers == list(range(1, len(items) + 1)), f"{path.name}: tasks numbered {numbers}"
    for n, (start, end) in enumerate(zip(items, items[1:] + [len(lines)]), start=1):
        block = "\n".join(lines[start:end])
        assert block.count(OPEN) == 1 and block.count(CLOSE) == 1, (
            f"{path.name}: task {n} needs exactly one '{OPEN} ... {CLOSE}' after it")
        assert block.index(OPEN) < block.index(CLOSE)
        answer = block[block.index(OPEN) + len(OPEN):block.index(CLOSE)]
        assert len(answer.split()) >= 20, f"{path.name}: the sample answer of task {n} is too short"


def test_the_notebook_still_ends_its_summary_with_next(nb):
    path, book = nb
    i, cell = open_tasks_cell(path, book)
    summary = source(book["cells"][i - 1])
    assert "\nNext: " not in summary, f"{path.name}: the 'Next' line belongs at the end of '{HEADING}'"
    last = source(cell).rstrip().split("\n\n")[-1]
    if path.stem.startswith("09"):
        assert not last.startswith("Next:"), "09 is the last notebook: no 'Next'"
    else:
        assert last.startswith("Next: **"), f"{path.name}: '{HEADING}' must end with the 'Next: **...**' line"


def test_the_open_tasks_cell_has_a_unique_id(nb):
    path, book = nb
    _, cell = open_tasks_cell(path, book)
    ids = [c.get("id") for c in book["cells"]]
    assert cell.get("id") and ids.count(cell["id"]) == 1, f"{path.name}: the cell needs an id unique in the notebook"
