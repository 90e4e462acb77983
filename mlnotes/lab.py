"""`python -m mlnotes lab`: the learner's workspace in JupyterLab (what `make lab` runs).

The workspace (student/ by default) is what the file browser shows:
- the learner's own copies of the notebooks, every solution replaced by
  `raise NotImplementedError()`: made on the first run, refreshed on later runs
  only where the learner has changed nothing (exercises/student.py);
- solutions/, the course notebooks with every exercise solved, read-only, one
  click away for comparing afterwards;
- cheatsheet.md, the course's notation, formulas and glossary, read-only.

JupyterLab listens on 127.0.0.1 only, with a fresh random token; once it
answers, the whole address, token included, is printed ready to click.
"""
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from mlnotes.exercises.student import write_student_copies

SOLUTIONS = "solutions"
CHEAT_SHEET = "cheatsheet.md"


def prepare(workspace, src):
    """The learner's copies, the read-only solutions and cheat sheet in workspace; returns what was written."""
    workspace, src = Path(workspace), Path(src)
    report = write_student_copies(src, workspace)
    (workspace / SOLUTIONS).mkdir(exist_ok=True)
    for notebook in sorted(src.glob("*.ipynb")):
        _read_only_copy(notebook, workspace / SOLUTIONS / notebook.name)
    cheat_sheet = src.parent / "docs" / CHEAT_SHEET
    if cheat_sheet.exists():
        _read_only_copy(cheat_sheet, workspace / CHEAT_SHEET)
    return report


def _read_only_copy(source, target):
    """target becomes a read-only copy of source; a reference copy, so the course's newer version replaces it."""
    if target.exists() and target.read_bytes() == source.read_bytes():
        return
    if target.exists():
        target.chmod(0o644)
    shutil.copyfile(source, target)
    target.chmod(0o444)


def free_port():
    """A port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def lab_command(workspace, port, token, open_browser=True):
    command = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={Path(workspace).resolve()}",
               "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
               f"--IdentityProvider.token={token}"]
    if not open_browser:
        command.append("--no-browser")
    if hasattr(os, "getuid") and os.getuid() == 0:
        command.append("--allow-root")  # JupyterLab refuses root (containers, CI) without it
    return command


def wait_until_up(url, server, seconds=60):
    """True once the server answers at url; False if it exits or stays silent for `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return True
        except OSError:
            time.sleep(0.3)
    return False


def main(workspace="student", src="notebooks", port=None, open_browser=True):
    for line in prepare(workspace, src):
        print(f"mlnotes: {line}")
    port = port or free_port()
    token = secrets.token_hex(24)
    address = f"http://127.0.0.1:{port}/lab?token={token}"
    server = subprocess.Popen(lab_command(workspace, port, token, open_browser))
    try:
        if not wait_until_up(f"http://127.0.0.1:{port}/api/status?token={token}", server):
            server.terminate()
            print("mlnotes: JupyterLab did not start (see its messages above); `python -m mlnotes doctor` checks "
                  "this machine", file=sys.stderr)
            return 1
        print(f"\nmlnotes: your workspace is {workspace}/: your own copies of the notebooks, and "
              f"{SOLUTIONS}/ with the solutions for comparing afterwards.\n"
              f"mlnotes: open this address in your browser (Ctrl-C here stops JupyterLab):\n\n    {address}\n",
              flush=True)
        return server.wait()
    except KeyboardInterrupt:
        server.terminate()
        return 0
