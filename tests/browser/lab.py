"""A throw-away JupyterLab server for the browser tests.

Everything it writes lives in one temporary folder: a copy of the notebooks (so
nothing the browser does can reach notebooks/), and Jupyter's config, data,
runtime, settings and workspace folders (so the developer's own JupyterLab
set-up plays no part). It listens on 127.0.0.1 with a fresh random token; stop()
ends it and every kernel it started, also when a test failed.
"""
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

# What a learner does not need to see and the tests must not wait for: news and update
# pop-ups, autosave; and no cell windowing, so that every cell is in the page.
SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false",
                                                                       "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class JupyterLab:
    def __init__(self, notebooks, tmp, disabled_extensions=()):
        self.tmp = Path(tmp)
        self.root = self.tmp / "notebooks"
        shutil.copytree(notebooks, self.root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        self.token = secrets.token_hex(24)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = self.tmp / "jupyterlab.log"
        self.process = None
        self._write_settings(disabled_extensions)

    def _write_settings(self, disabled_extensions):
        for name, values in SETTINGS.items():
            path = self.tmp / "settings" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values))
        labconfig = self.tmp / "config" / "labconfig"
        labconfig.mkdir(parents=True)
        # Used by the tests that show the checks fail: a Lab without, say, the widget manager.
        (labconfig / "page_config.json").write_text(
            json.dumps({"disabledExtensions": {name: True for name in disabled_extensions}}))

    def start(self, timeout=60):
        env = dict(os.environ, JUPYTER_CONFIG_DIR=str(self.tmp / "config"),
                   JUPYTER_DATA_DIR=str(self.tmp / "data"), JUPYTER_RUNTIME_DIR=str(self.tmp / "runtime"),
                   JUPYTERLAB_SETTINGS_DIR=str(self.tmp / "settings"),
                   JUPYTERLAB_WORKSPACES_DIR=str(self.tmp / "workspaces"))
        env.pop("MPLBACKEND", None)  # it would remove the inline figures (NOTEBOOKS.md)
        command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root",  # CI runs as root
                   "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}", "--ServerApp.port_retries=0",
                   f"--ServerApp.root_dir={self.root}", f"--IdentityProvider.token={self.token}",
                   "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
                   # window.jupyterapp: the tests read cell outputs and tags from the notebook model
                   "--LabApp.expose_app_in_browser=True"]
        self._log = open(self.log_path, "w")
        # A session of its own: stop() ends the server and its kernels as one process group.
        self.process = subprocess.Popen(command, env=env, stdout=self._log, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with {self.process.returncode}:\n{self.log()}")
            try:
                self.api("GET", "status")
                return self
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.25)
        raise RuntimeError(f"JupyterLab did not answer within {timeout} s:\n{self.log()}")

    def log(self):
        return self.log_path.read_text(errors="replace")[-5000:]

    def api(self, method, path):
        request = urllib.request.Request(f"{self.url}/api/{path}", method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def shutdown_kernels(self):
        """End every kernel, so that the next notebook has both cores."""
        for session in self.api("GET", "sessions"):
            self.api("DELETE", f"sessions/{session['id']}")

    def lab_url(self, notebook_name, workspace):
        return f"{self.url}/lab/workspaces/{workspace}/tree/{notebook_name}?reset&token={self.token}"

    def stop(self):
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # the server shuts its kernels down
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                pass
        try:
            os.killpg(self.process.pid, signal.SIGKILL)  # anything of the group still there
        except ProcessLookupError:
            pass
        self.process.wait()
        self._log.close()
