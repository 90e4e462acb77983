"""The student-copy generator: solutions out, stubs in, checks expected to fail, learners' work kept."""
import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from mlnotes.__main__ import main as cli
from mlnotes.exercises.checking import not_done_for_use_message, not_done_message
from mlnotes.exercises.student import BEGIN, END, fingerprint, student_copy, write_student_copies

TOP = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((TOP / "notebooks").glob("*.ipynb"))

EXERCISE = f'''def double_plus_one(x):
    """2 x + 1."""
    {BEGIN}
    y = 2 * x
    return y + 1
    {END}'''


def notebook(*sources):
    nb = nbformat.v4.new_notebook()
    for src in sources:
        nb.cells.append(nbformat.v4.new_markdown_cell(src[3:]) if src.startswith("md:")
                        else nbformat.v4.new_code_cell(src))
    return json.loads(nbformat.writes(nb))


def test_solution_is_replaced_by_a_stub():
    copy, removed = student_copy(notebook("import numpy as np", EXERCISE, "check_it(double_plus_one)"))
    src = copy["cells"][2]["source"]
    assert src == ('def double_plus_one(x):\n    """2 x + 1."""\n    # YOUR CODE HERE\n'
                   '    raise NotImplementedError()')
    assert [line.strip() for line in removed] == ["y = 2 * x", "return y + 1"]
    assert "y = 2 * x" not in json.dumps(copy)


def test_check_cells_are_tagged_and_store_the_not_done_error():
    copy, _ = student_copy(notebook(EXERCISE, "from x import check_it\ncheck_it(double_plus_one)", "print(1)"))
    check = copy["cells"][2]
    assert check["metadata"]["tags"] == ["raises-exception"]
    assert check["outputs"] == [{"output_type": "error", "ename": "NotImplementedError",
                                 "evalue": not_done_message("double_plus_one"),
                                 "traceback": ["NotImplementedError: " + not_done_message("double_plus_one")]}]
    assert "tags" not in copy["cells"][3]["metadata"]
    nbformat.validate(nbformat.reads(json.dumps(copy), as_version=4))


def test_cells_that_run_the_learners_functions_store_what_require_raises():
    uses = "%matplotlib inline\nrequire(double_plus_one)\nprint(double_plus_one(3))"
    defines = "def twice(x):\n    return double_plus_one(double_plus_one(x))\nprint(net.double_plus_one)"
    check_then_use = "check_it(double_plus_one)\nrequire(double_plus_one)"
    copy, _ = student_copy(notebook(EXERCISE, defines, uses, check_then_use))
    assert "tags" not in copy["cells"][2]["metadata"] and copy["cells"][2]["outputs"] == []
    for cell, message in [(copy["cells"][3], not_done_for_use_message("double_plus_one")),
                          (copy["cells"][4], not_done_message("double_plus_one"))]:
        assert cell["metadata"]["tags"] == ["raises-exception"]
        assert [o["evalue"] for o in cell["outputs"]] == [message]


def test_note_first_and_fingerprint_recorded():
    copy, _ = student_copy(notebook("md:# Title", EXERCISE))
    assert copy["cells"][0]["source"].startswith("> **Student copy**")
    assert copy["metadata"]["mlnotes"]["fingerprint"] == fingerprint(copy)


@pytest.mark.parametrize("sources, message", [
    ([f"{BEGIN}\nx = 1\n{END}"], "not inside a function"),
    ([f"def f():\n    {BEGIN}\n    return 1"], f"{BEGIN} without {END}"),
    ([f"def f():\n    return 1\n    {END}"], f"{END} without {BEGIN}"),
    ([f"def f():\n    {BEGIN}\n    {BEGIN}\n    {END}"], "inside another solution block"),
    ([EXERCISE, "print(double_plus_one(3))"], "uses the exercise function double_plus_one outside a check"),
    ([EXERCISE, "y = double_plus_one(3)\nrequire(double_plus_one)"], "uses an exercise function before its check"),
    ([EXERCISE, "require(double_plus_one, print)"], r"require\(\) takes this notebook's exercise functions"),
])
def test_rules_are_enforced(sources, message):
    with pytest.raises(ValueError, match=message):
        student_copy(notebook(*sources), label="demo.ipynb")


def test_a_solution_cell_with_output_is_refused():
    nb = notebook(EXERCISE)
    nb["cells"][0]["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "7\n"}]
    with pytest.raises(ValueError, match="demo.ipynb, cell 0: a solution cell must not show output"):
        student_copy(nb, label="demo.ipynb")


def test_learners_copies_are_never_overwritten(tmp_path):
    src, out = tmp_path / "notebooks", tmp_path / "student"
    src.mkdir()
    (src / "01_demo.ipynb").write_text(json.dumps(notebook(EXERCISE, "check_it(double_plus_one)")))
    assert write_student_copies(src, out) == [f"wrote {out / '01_demo.ipynb'}"]
    assert write_student_copies(src, out) == [f"wrote {out / '01_demo.ipynb'}"]  # unchanged: refreshed

    copy = json.loads((out / "01_demo.ipynb").read_text())
    copy["cells"][1]["source"] = copy["cells"][1]["source"].replace("raise NotImplementedError()", "return 2 * x + 1")
    (out / "01_demo.ipynb").write_text(json.dumps(copy))
    report = write_student_copies(src, out)
    assert report == [f"skipped {out / '01_demo.ipynb'}: you have changed it (use --force to overwrite it)"]
    assert "return 2 * x + 1" in (out / "01_demo.ipynb").read_text()

    assert write_student_copies(src, out, force=True) == [f"wrote {out / '01_demo.ipynb'}"]
    assert "return 2 * x + 1" not in (out / "01_demo.ipynb").read_text()

    (out / "01_demo.ipynb").write_text("{}")
    assert "was not made by `mlnotes student`" in write_student_copies(src, out)[0]


def test_folders_are_checked(tmp_path):
    with pytest.raises(FileNotFoundError, match="no notebooks folder"):
        write_student_copies(tmp_path / "missing", tmp_path / "out")
    with pytest.raises(ValueError, match="another folder"):
        write_student_copies(tmp_path, tmp_path)


def test_command_line(tmp_path, capsys):
    assert cli(["student", "--src", str(TOP / "notebooks"), "--out", str(tmp_path), NOTEBOOKS[0].stem]) == 0
    assert capsys.readouterr().out == f"wrote {tmp_path / NOTEBOOKS[0].name}\n"
    assert cli(["student", "--src", str(tmp_path / "nothing"), "--out", str(tmp_path / "o")]) == 2
    assert "no notebooks folder" in capsys.readouterr().err


@pytest.fixture(scope="module")
def course_copies(tmp_path_factory):
    out = tmp_path_factory.mktemp("student")
    write_student_copies(TOP / "notebooks", out)
    return out


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_solution_leaks_into_the_course_copies(path, course_copies):
    original = json.loads(path.read_text(encoding="utf-8"))
    _, removed = student_copy(original)
    assert removed, f"{path.name} has no exercises"
    copy = json.loads((course_copies / path.name).read_text(encoding="utf-8"))
    text = json.dumps(copy, ensure_ascii=False)
    leaked = [line.strip() for line in removed
              if len(line.strip()) >= 8 and not line.strip().startswith("#") and line.strip() in text]
    assert not leaked, f"solution lines visible in the student copy of {path.name}: {leaked}"
    code = json.dumps([c["source"] for c in copy["cells"] if c["cell_type"] == "code"])
    assert BEGIN not in code and END not in code


def test_course_copies_run_under_strict_nbval_and_fail_only_in_their_checks(course_copies):
    """Every copy runs; each check cell raises exactly the stored NotImplementedError, nothing else fails."""
    ini = course_copies / "pytest.ini"
    ini.write_text("[pytest]\n")
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"} | {"PYTHONHASHSEED": "0"}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-c", str(ini), "-p", "no:cacheprovider", "-q", "--nbval",
         "--nbval-current-env", "--nbval-sanitize-with", str(TOP / "tests" / "nbval-sanitize.cfg"), str(course_copies)],
        capture_output=True, text=True, env=env, cwd=course_copies)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
