"""tools/ensure_chromium.sh, which `make test-browser` runs first, on a PATH of stand-ins.

It installs Debian's chromium when it is missing and it can (root with apt-get,
as in CI), and otherwise says what to do; it never runs apt-get needlessly.
"""
import os
import subprocess
from pathlib import Path

import pytest

TOP = Path(__file__).resolve().parents[1]


@pytest.fixture
def machine(tmp_path):
    """A bin folder of stand-ins for id, fc-list and apt-get (which logs its calls and 'installs' chromium)."""
    bin = tmp_path / "bin"
    bin.mkdir()
    log = tmp_path / "apt-get.log"
    stubs = {"id": 'echo "$FAKE_UID"',
             "fc-list": "echo 'Droid Sans Fallback'",
             "apt-get": f'echo "$*" >> {log}\ncase "$*" in *install*chromium*) '
                        f'printf "#!/bin/sh\\n" > {bin}/chromium; /bin/chmod +x {bin}/chromium;; esac'}
    for name, body in stubs.items():
        (bin / name).write_text(f"#!/bin/sh\n{body}\n")
        (bin / name).chmod(0o755)
    os.symlink("/bin/cat", bin / "cat")

    def run(uid, with_apt=True, chromium=None, **env):
        if not with_apt:
            (bin / "apt-get").unlink()
        if chromium:
            (bin / "chromium").write_text("#!/bin/sh\n")
            (bin / "chromium").chmod(0o755)
        result = subprocess.run(["/bin/bash", str(TOP / "tools" / "ensure_chromium.sh")], capture_output=True,
                                text=True, env={"PATH": str(bin), "FAKE_UID": str(uid), **env})
        calls = log.read_text().splitlines() if log.exists() else []
        return result, calls

    return run


def test_nothing_to_do_when_chromium_is_there(machine):
    result, calls = machine(uid=0, chromium=True)
    assert result.returncode == 0 and calls == []


def test_root_with_apt_get_installs_it(machine):
    result, calls = machine(uid=0)
    assert result.returncode == 0, result.stderr
    assert calls[0] == "update -qq"
    assert calls[1].startswith("install -y") and "chromium" in calls[1].split()
    assert "Installing chromium for the browser tests (apt-get)" in result.stdout


def test_without_root_it_says_what_to_do(machine):
    result, calls = machine(uid=1000)
    assert result.returncode == 1 and calls == []
    assert "make test-browser needs Chromium and could not install it" in result.stderr
    assert "sudo apt-get install chromium" in result.stderr and "CHROMIUM=" in result.stderr


def test_without_apt_get_it_says_what_to_do(machine):
    result, _ = machine(uid=0, with_apt=False)
    assert result.returncode == 1 and "could not install it" in result.stderr


def test_chromium_variable_must_name_a_program(machine, tmp_path):
    result, calls = machine(uid=0, CHROMIUM=str(tmp_path / "missing"))
    assert result.returncode == 1 and calls == []
    assert f"CHROMIUM={tmp_path / 'missing'} is not an executable file" in result.stderr
