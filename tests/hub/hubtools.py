"""Driving a real workshop hub from a test: start and stop it, log in, run code in a participant's kernel.

Everything goes through the hub's REST API and the participants' servers' own APIs (HTTP and the
kernel websocket), as a browser would. Only root can run it: the hub creates OS accounts.
"""
import json
import os
import pwd
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import requests
import websocket

TOP = Path(__file__).resolve().parents[2]
GROUP = "mlnotes-participants"


def request(method, url, **kwargs):
    """One request on a connection closed at once (pytest turns a socket left to the garbage collector
    into an error)."""
    with requests.Session() as s:
        return s.request(method, url, **kwargs)


def free_port_block(count=4, start=18000, stop=28000):
    """The first port p with p .. p+count-1 all free on 127.0.0.1."""
    for base in range(start, stop, count):
        try:
            for port in range(base, base + count):
                with socket.socket() as s:
                    s.bind(("127.0.0.1", port))
        except OSError:
            continue
        return base
    raise RuntimeError("no free block of ports")


def wait_for(what, predicate, timeout, every=0.5):
    """predicate()'s first true value, polling; AssertionError naming `what` after timeout seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(every)


class Hub:
    """A hub started by `python -m mlnotes.hub.launch`, as `make hub` starts it, with test settings."""

    def __init__(self, prefix, proxy, state, course, admin, env):
        self.prefix, self.state, self.admin = Path(prefix), Path(state), admin
        self.port = free_port_block()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(self.state.parent / "hub.log", "w")
        self.command = [str(self.prefix / "venv" / "bin" / "python"), "-m", "mlnotes.hub.launch",
                        "--config", str(TOP / "deploy" / "jupyterhub" / "jupyterhub_config.py"),
                        "--prefix", str(prefix),
                        "--state", str(state), "--proxy", str(proxy), "--port", str(self.port), "--admin", admin]
        self.proc = subprocess.Popen(
            self.command, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
            env=os.environ | env | {"MLNOTES_HUB_COURSE_DIR": str(course)})
        try:
            wait_for("the hub to answer", self._up, 60)
            self.password = (self.state / "workshop-password").read_text().strip()
            self.admin_password = (self.state / "instructor-password").read_text().strip()
            # The instructor goes to the admin page: no server of theirs competes with the participants' spawns.
            self.admin_session = self.login(admin, self.admin_password, next_page="/hub/admin")
            self.token = self.new_token(self.admin_session, admin)
        except BaseException:
            self.stop()
            raise

    def _up(self):
        if self.proc.poll() is not None:
            raise AssertionError(f"the hub exited with {self.proc.returncode}:\n{self.log_text()[-3000:]}")
        try:
            return request("GET", f"{self.url}/hub/api/", timeout=2).status_code == 200
        except requests.ConnectionError:
            return False

    def log_text(self):
        self.log.flush()
        return (self.state.parent / "hub.log").read_text(errors="replace")

    def login(self, name, password, next_page=None):
        """A logged-in session; the login redirects to the spawn page, which starts the server: followed."""
        s, r = self.try_login(name, password, next_page)
        assert "jupyterhub-hub-login" in s.cookies, f"login of {name} failed: {r.status_code} {r.text[:500]}"
        return s

    def try_login(self, name, password, next_page=None):
        """(session, last response) of the login form sent as a browser sends it."""
        s = requests.Session()
        s.get(f"{self.url}/hub/login", timeout=30)
        r = s.post(f"{self.url}/hub/login", timeout=60, allow_redirects=True,
                   params={"next": next_page} if next_page else None,
                   data={"username": name, "password": password, "_xsrf": s.cookies.get("_xsrf", "")})
        return s, r

    def launch_again(self):
        """What a second `make hub` on the same state folder says (it must not start)."""
        return subprocess.run(self.command, capture_output=True, text=True, timeout=60)

    def new_token(self, session, name):
        r = session.post(f"{self.url}/hub/api/users/{name}/tokens", json={"note": "test"}, timeout=30,
                         headers={"X-XSRFToken": session.cookies.get("_xsrf", "")})
        r.raise_for_status()
        return r.json()["token"]

    def api(self, method, path, **kwargs):
        r = request(method, f"{self.url}/hub/api{path}", timeout=30,
                             headers={"Authorization": f"token {self.token}"}, **kwargs)
        r.raise_for_status()
        return r.json() if r.content else None

    def server(self, name):
        """The user's default server model, or None when it is not running."""
        return self.api("GET", f"/users/{name}").get("servers", {}).get("")

    def wait_ready(self, name, timeout):
        return wait_for(f"{name}'s server", lambda: (self.server(name) or {}).get("ready"), timeout)

    def stop(self):
        """SIGTERM: JupyterHub stops the servers, the services and the proxy it started; then its pid is gone."""
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)
        if hasattr(self, "admin_session"):
            self.admin_session.close()
        self.log.close()


class Participant:
    def __init__(self, hub, name):
        self.hub, self.name = hub, name
        self.base = f"{hub.url}/user/{name}"

    def log_in(self):
        started = time.monotonic()
        self.session = self.hub.login(self.name, self.hub.password)
        self.hub.wait_ready(self.name, 120)
        self.spawn_seconds = time.monotonic() - started
        self.token = self.hub.new_token(self.session, self.name)

    def close(self):
        for connection in (getattr(self, "kernel", None), getattr(self, "session", None)):
            if connection:
                connection.close()

    @property
    def home(self):
        return Path(pwd.getpwnam(self.name).pw_dir)

    def get(self, path, token=None, **kwargs):
        return request("GET", f"{self.base}{path}", timeout=30, **kwargs,
                       headers={"Authorization": f"token {token or self.token}"})

    def contents(self, path):
        r = self.get(f"/api/contents/{path}")
        r.raise_for_status()
        return r.json()

    def put_notebook(self, path, nb):
        r = request("PUT", f"{self.base}/api/contents/{path}", timeout=30,
                    headers={"Authorization": f"token {self.token}"},
                         json={"type": "notebook", "format": "json", "content": nb})
        r.raise_for_status()

    def start_kernel(self):
        r = request("POST", f"{self.base}/api/kernels", json={"name": "python3"}, timeout=60,
                          headers={"Authorization": f"token {self.token}"})
        r.raise_for_status()
        self.kernel = Kernel(f"ws://127.0.0.1:{self.hub.port}/user/{self.name}/api/kernels/{r.json()['id']}/channels",
                             self.token)
        return self.kernel

    def memory_mb(self):
        """Resident memory of every process running as this participant (server, kernels), in MB."""
        uid, total = pwd.getpwnam(self.name).pw_uid, 0
        for pid in pids_of(uid):
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) if "VmRSS" in status else 0
        return total / 1024


class Kernel:
    """A kernel driven through the server's websocket, as JupyterLab drives it."""

    def __init__(self, url, token):
        self.ws = websocket.create_connection(url, header=[f"Authorization: token {token}"], timeout=180)
        self.session = uuid.uuid4().hex

    def run(self, code):
        """(status, text): 'ok' or 'error', and everything the code printed, then the error's name and value."""
        msg_id = uuid.uuid4().hex
        self.ws.send(json.dumps({
            "header": {"msg_id": msg_id, "username": "test", "session": self.session, "msg_type": "execute_request",
                       "version": "5.3"},
            "parent_header": {}, "metadata": {}, "channel": "shell",
            "content": {"code": code, "silent": False, "store_history": False, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True}}))
        text, status, idle = [], None, False
        while status is None or not idle:
            frame = self.ws.recv()
            if isinstance(frame, bytes):  # a message with binary buffers (widgets): not one this reads
                continue
            msg = json.loads(frame)
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = msg["header"]["msg_type"], msg["content"]
            if kind == "stream":
                text.append(content["text"])
            elif kind == "error":
                text.append(f"{content['ename']}: {content['evalue']}")
            elif kind == "execute_reply":
                status = content["status"]
            elif kind == "status" and content["execution_state"] == "idle":
                idle = True
        return status, "".join(text)

    def close(self):
        self.ws.close()


def run_notebook(kernel, path):
    """Run every code cell of a notebook in order; (cell index, output) of each; fails on an unexpected error."""
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    outputs = []
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        status, text = kernel.run("".join(cell["source"]))
        expected_error = "raises-exception" in cell.get("metadata", {}).get("tags", [])
        assert status == "ok" or expected_error, f"{Path(path).name} cell {i} failed: {text[-1500:]}"
        outputs.append((i, text))
    return outputs


def pids_of(uid):
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid == uid:
                    pids.append(int(entry.name))
            except OSError:
                pass
    return pids


def wait_for_accounts_idle(names, timeout):
    """{name: pids} of the accounts that still run processes after `timeout` seconds ({} when none do)."""
    uids = {}
    for name in names:
        try:
            uids[name] = pwd.getpwnam(name).pw_uid
        except KeyError:
            pass
    deadline = time.monotonic() + timeout
    while True:
        left = {name: pids for name, uid in uids.items() if (pids := pids_of(uid))}
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.5)


def remove_account(name):
    """Stop every process of a test account (by pid), then delete it and its home."""
    try:
        uid = pwd.getpwnam(name).pw_uid
    except KeyError:
        return
    for pid in pids_of(uid):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    wait_for(f"{name}'s processes to end", lambda: not pids_of(uid), 20, every=0.2)
    subprocess.run(["userdel", "--remove", name], check=True, capture_output=True)


def group_exists():
    return subprocess.run(["getent", "group", GROUP], capture_output=True).returncode == 0


def print_figures(lines):
    print("\n" + "\n".join(lines), file=sys.stderr, flush=True)
