"""`make lab` opens the learner's workspace: their copies first, the solutions one click away."""
import json
import re
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from mlnotes.lab import CHEAT_SHEET, SOLUTIONS, prepare

TOP = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(p.name for p in (TOP / "notebooks").glob("*.ipynb"))


def get(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


def test_the_makefile_starts_lab_through_the_command_this_test_runs():
    makefile = (TOP / "Makefile").read_text()
    assert re.search(r"^lab: .*\n(?:#.*\n)*\t\$\(BIN\)/python -m mlnotes lab --workspace student\n", makefile, re.M)


def test_prepare_keeps_a_changed_copy_and_refreshes_the_solutions(tmp_path):
    prepare(tmp_path, TOP / "notebooks")
    copy = tmp_path / NOTEBOOKS[0]
    copy.write_text(copy.read_text(encoding="utf-8").replace("Welcome", "My welcome", 1), encoding="utf-8")
    mine = copy.read_text(encoding="utf-8")
    solution = tmp_path / SOLUTIONS / NOTEBOOKS[0]
    solution.chmod(0o644)
    solution.write_text("{}")
    report = prepare(tmp_path, TOP / "notebooks")
    assert copy.read_text(encoding="utf-8") == mine
    assert any("skipped" in line and "you have changed it" in line for line in report)
    assert solution.read_bytes() == (TOP / "notebooks" / NOTEBOOKS[0]).read_bytes()
    assert solution.stat().st_mode & 0o222 == 0, "the solutions are read-only"


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """The server as `make lab` starts it, on a temporary workspace; yields (address with token, workspace)."""
    workspace = tmp_path_factory.mktemp("student")
    server = subprocess.Popen([sys.executable, "-m", "mlnotes", "lab", "--workspace", str(workspace),
                               "--src", str(TOP / "notebooks"), "--no-browser"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=TOP)
    try:
        address = None
        for line in server.stdout:
            found = re.search(r"http://127\.0\.0\.1:\d+/lab\?token=[0-9a-f]{48}", line)
            if found:
                address = found.group()
                break
        assert address, "no address with its token was printed"
        yield address, workspace
    finally:
        server.terminate()
        server.wait(timeout=30)
        server.stdout.close()


def test_the_address_is_whole_and_the_file_browser_shows_the_learners_copies(lab):
    address, _ = lab
    base, token = address.split("/lab?token=")
    root = get(f"{base}/api/contents/?token={token}")
    listed = {item["name"]: item for item in root["content"]}
    assert sorted(name for name, item in listed.items() if item["type"] == "notebook") == NOTEBOOKS
    assert listed[SOLUTIONS]["type"] == "directory"
    assert set(listed) == set(NOTEBOOKS) | {SOLUTIONS, CHEAT_SHEET}, f"nothing else there: {sorted(listed)}"
    copy = get(f"{base}/api/contents/{NOTEBOOKS[2]}?token={token}")["content"]
    assert copy["metadata"]["mlnotes"]["student_copy"] is True
    code = "".join("".join(cell["source"]) for cell in copy["cells"])
    assert "### BEGIN SOLUTION" not in code and "raise NotImplementedError()" in code


def test_the_solutions_are_one_click_away_and_read_only(lab):
    address, workspace = lab
    base, token = address.split("/lab?token=")
    solutions = get(f"{base}/api/contents/{SOLUTIONS}?token={token}")["content"]
    assert sorted(item["name"] for item in solutions) == NOTEBOOKS
    # by its mode, not by the server's "writable", which is True for everything when it runs as root (CI)
    assert all((workspace / SOLUTIONS / name).stat().st_mode & 0o222 == 0 for name in NOTEBOOKS)


def test_the_server_refuses_a_request_without_the_token(lab):
    address, _ = lab
    base = address.split("/lab?token=")[0]
    with pytest.raises(urllib.error.HTTPError) as refused:
        get(f"{base}/api/contents/")
    refused.value.close()
    assert refused.value.code == 403
