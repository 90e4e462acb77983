"""What every committed notebook must be, before strict nbval even runs it."""
import json
import re
from pathlib import Path

import pytest

from mlnotes.exercises.student import BEGIN

TOP = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((TOP / "notebooks").glob("*.ipynb"))
ADDRESS = re.compile(r"\b0x[0-9a-fA-F]{6,16}\b")
# A path of the machine that executed the notebook: /home/..., /work/..., /tmp/ipykernel_..., C:\Users\...
# (two or more segments after a start of text, a space, a quote or a bracket; "1/m" and URLs do not match).
ABSOLUTE_PATH = re.compile(r"""(?:^|[\s"'(\[=])(?:/[\w.~-]+){2,}|\b[A-Za-z]:\\[\w.~ -]+\\""")
ANSI_COLOUR = re.compile(r"\x1b\[[0-9;]*m")
PACKAGE_FILE = re.compile(r"mlnotes[/\\]\w+(?:[/\\]\w+)*\.py")


def test_the_course_has_its_first_notebooks():
    names = [p.stem for p in NOTEBOOKS]
    assert names[:2] == ["00_welcome", "01_neural_network"]
    assert all(re.fullmatch(r"\d\d_[a-z_]+", n) for n in names)


@pytest.fixture(params=NOTEBOOKS, ids=lambda p: p.stem)
def nb(request):
    return request.param, json.loads(request.param.read_text(encoding="utf-8"))


def source(cell):
    return "".join(cell["source"])


def test_title_carries_number_english_and_chinese(nb):
    path, book = nb
    title = source(book["cells"][0]).splitlines()[0]
    assert title.startswith(f"# {path.stem[:2]} · "), title
    assert re.search(r"[\u4e00-\u9fff]", title), f"{path.name}: the title needs the notes' Chinese section title"


def test_kernel_and_size(nb):
    path, book = nb
    assert book["metadata"]["kernelspec"]["name"] == "python3"
    assert "widgets" not in book["metadata"], "saved widget state: re-execute with tools/execute_notebooks.py"
    timed = [i for i, c in enumerate(book["cells"]) if "execution" in c.get("metadata", {})]
    assert not timed, f"{path.name}: cells {timed} store clock times: re-execute with tools/execute_notebooks.py"
    assert path.stat().st_size < 1_500_000


def test_every_cell_ran_in_order_without_stray_output(nb):
    path, book = nb
    code = [c for c in book["cells"] if c["cell_type"] == "code"]
    assert [c["execution_count"] for c in code] == list(range(1, len(code) + 1)), \
        f"{path.name}: re-run it from a fresh kernel (tools/execute_notebooks.py)"
    for i, cell in enumerate(code):
        raises = "raises-exception" in cell["metadata"].get("tags", [])
        errors = [o for o in cell["outputs"] if o["output_type"] == "error"]
        assert bool(errors) == raises, \
            f"{path.name}, code cell {i}: an error must be expected (tagged) and a tag must mean an error"
        for out in cell["outputs"]:
            stderr = out["output_type"] == "stream" and out["name"] == "stderr"
            assert not stderr, f"{path.name}, code cell {i}: stderr"
            text = json.dumps(out.get("data", {}).get("text/plain", "")) + json.dumps(out.get("text", ""))
            assert not ADDRESS.search(text), f"{path.name}, code cell {i}: a memory address in the output"


def output_texts(cell):
    """Every text an output of cell stores: streams, text/* and JSON data, error messages and tracebacks."""
    for out in cell.get("outputs", []):
        yield "".join(out.get("text", ""))
        for mime, data in out.get("data", {}).items():
            if not mime.startswith("image/"):
                yield data if isinstance(data, str) else json.dumps(data)
        yield out.get("evalue", "")
        yield from (ANSI_COLOUR.sub("", line) for line in out.get("traceback", []))


def test_no_output_holds_a_path_of_the_machine_that_ran_it(nb):
    path, book = nb
    for i, cell in enumerate(book["cells"]):
        for text in output_texts(cell):
            found = ABSOLUTE_PATH.search(text)
            assert not found, f"{path.name}, cell {i}: the output holds a machine path {found.group().strip()!r}"


def test_an_error_shown_on_purpose_shows_its_message_not_the_package(nb):
    path, book = nb
    for i, cell in enumerate(book["cells"]):
        for out in cell.get("outputs", []):
            if out["output_type"] == "error":
                shown = "\n".join(out["traceback"])
                assert out["evalue"] and out["evalue"] in shown, f"{path.name}, cell {i}: the message is not shown"
                assert not PACKAGE_FILE.search(shown), \
                    f"{path.name}, cell {i}: the traceback runs through {PACKAGE_FILE.search(shown).group()}"


def test_the_path_checks_can_fail():
    assert ABSOLUTE_PATH.search('File "/work/main/mlnotes/neuron.py", line 4')
    assert ABSOLUTE_PATH.search("see /tmp/ipykernel_123/456.py")
    assert ABSOLUTE_PATH.search(ANSI_COLOUR.sub("", "File \x1b[32m/home/ada/mlnotes/losses.py\x1b[39m:12"))
    assert ABSOLUTE_PATH.search(r"C:\Users\ada\course")
    assert not ABSOLUTE_PATH.search("dW = (1/m) dZ A^T, https://example.org/a/b, notebooks/05_gradient_descent.ipynb")
    assert PACKAGE_FILE.search("File site-packages/mlnotes/exercises/checking.py:108, in compare")


def test_teaching_parts_are_there(nb):
    path, book = nb
    markdown = "\n".join(source(c) for c in book["cells"] if c["cell_type"] == "markdown")
    code = "\n".join(source(c) for c in book["cells"] if c["cell_type"] == "code")
    assert "Learning goals" in markdown and "## Summary" in markdown and "## Check yourself" in markdown
    assert code.count(BEGIN) >= 2, f"{path.name}: at least two exercises"
    assert len(re.findall(r"^check_\w+\(", code, flags=re.M)) >= 2, f"{path.name}: every exercise needs its check"
    pngs = [o for c in book["cells"] if c["cell_type"] == "code"
            for o in c["outputs"] if "image/png" in o.get("data", {})]
    assert pngs, f"{path.name}: at least one figure"
    assert re.search(r"_explorer\(|Demo\(", code), f"{path.name}: at least one interactive demo"
    assert "from mlnotes.notebook import setup" in code and "rng = setup()" in code
