"""`make hub`: check what would make JupyterHub fail obscurely, say how to fix it, then run it.

    python -m mlnotes.hub.launch --config deploy/jupyterhub/jupyterhub_config.py --prefix /opt/mlnotes-hub \
        --state build/hub-state --proxy build/hub/node_modules/.bin/configurable-http-proxy [--ip 0.0.0.0] [--port 8000]

Checks, each with a message that says what to do: the hub is not running already (its pid
file), its four ports are free, configurable-http-proxy and node are there. Then it prints the
address and the logins (passwords made once, kept in the state folder, readable by root only)
and replaces itself with JupyterHub (deploy/jupyterhub/jupyterhub_config.py reads the settings
from the environment this sets).
"""
import argparse
import errno
import os
import secrets
import shutil
import signal
import socket
import sys
from pathlib import Path

PID_FILE = "jupyterhub.pid"
ADMIN = "instructor"
# No 0/O, 1/l/I: the workshop password is read off a slide and typed by everyone in the room.
ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"
# JupyterHub's SharedPasswordAuthenticator asks for at least 8 (participants) and 32 (admin) characters.
PASSWORDS = {"workshop-password": 10, "instructor-password": 32}


class LaunchError(Exception):
    """Something that stops the hub from starting; the message says how to fix it."""


def ports(port):
    """The public port (the proxy), then the proxy's API, the hub itself and the progress page: four in a row."""
    return {"public (the proxy)": port, "the proxy's API": port + 1, "the hub itself": port + 2,
            "the progress page": port + 3}


def check_not_running(state):
    """LaunchError when the pid file names a live process; a stale file (hub killed) is removed."""
    pid_file = Path(state) / PID_FILE
    try:
        pid = int(pid_file.read_text().strip())
    except (OSError, ValueError):
        return
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        pid_file.unlink(missing_ok=True)
        return
    except PermissionError:
        pass  # alive, and someone else's
    raise LaunchError(f"the hub is running already (pid {pid}, from {pid_file}). "
                      f"Stop it first: `make hub-stop` (or kill {pid}), then start it again.")


def check_ports_free(ip, port):
    for what, number in ports(port).items():
        host = ip if what.startswith("public") else "127.0.0.1"  # only the proxy listens publicly
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
            try:
                s.bind((host, number))
            except OSError as e:
                if e.errno != errno.EADDRINUSE:
                    raise LaunchError(f"cannot listen on {ip} port {number}: {e.strerror}") from None
                raise LaunchError(f"port {number} ({what}) is in use by another program. Is another hub running? "
                                  f"Stop it, or pick free ports: make hub HUB_PORT=9000 (uses 9000-9003).") from None


def check_proxy(proxy):
    if not (Path(proxy).is_file() and os.access(proxy, os.X_OK)):
        raise LaunchError(f"configurable-http-proxy is missing (looked for {proxy}). `make hub` installs it with "
                          f"npm from deploy/jupyterhub/package.json; run `make hub` (not the launcher alone), "
                          f"or `npm ci --prefix build/hub` after copying package*.json there.")
    if not shutil.which("node"):
        raise LaunchError("node is missing: configurable-http-proxy runs on Node.js. "
                          "Install it (Debian: apt-get install nodejs).")


def make_password(state, name, length):
    """state/<name>, made once with `length` random letters and digits and kept across restarts (mode 0600)."""
    path = Path(state) / name
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write("".join(secrets.choice(ALPHABET) for _ in range(length)) + "\n")


def prepare(prefix, state, ip, port, proxy, admin=ADMIN):
    """Run every check and return the environment JupyterHub's configuration reads."""
    state = Path(state).resolve()
    state.mkdir(parents=True, exist_ok=True)
    os.chmod(state, 0o700)  # the database, the cookie secret and the passwords are for root alone
    check_not_running(state)
    check_proxy(proxy)
    check_ports_free(ip, port)
    for name, length in PASSWORDS.items():
        make_password(state, name, length)  # jupyterhub_config.py reads them from there
    return {"MLNOTES_HUB_PREFIX": str(Path(prefix).resolve()), "MLNOTES_HUB_STATE": str(state),
            "MLNOTES_HUB_IP": ip, "MLNOTES_HUB_PORT": str(port), "MLNOTES_HUB_PROXY": str(Path(proxy).resolve()),
            "MLNOTES_HUB_ADMIN": admin}


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m mlnotes.hub.launch", description="Start the workshop hub.")
    parser.add_argument("--config", required=True, help="deploy/jupyterhub/jupyterhub_config.py")
    parser.add_argument("--prefix", required=True, help="the hub's environment (venv/, course/)")
    parser.add_argument("--state", required=True, help="folder for the database, cookie secret, passwords, pid file")
    parser.add_argument("--proxy", required=True, help="the configurable-http-proxy executable")
    parser.add_argument("--ip", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--admin", default=ADMIN, help=f"the instructor's login name (default: {ADMIN})")
    args = parser.parse_args(argv)
    try:
        env = prepare(args.prefix, args.state, args.ip, args.port, args.proxy, args.admin)
    except LaunchError as e:
        print(f"mlnotes hub: {e}", file=sys.stderr)
        return 1
    host = f"[{args.ip}]" if ":" in args.ip else args.ip
    if args.ip not in ("127.0.0.1", "localhost", "::1"):
        print(f"WARNING: the hub listens on {args.ip}, reachable from the network, over plain HTTP: passwords and "
              f"notebooks cross the network readable. TLS is your job: put a TLS-terminating proxy in front (for "
              f"example nginx or caddy with a certificate) or pass JupyterHub ssl_key/ssl_cert.", file=sys.stderr)
    state = Path(env["MLNOTES_HUB_STATE"])
    print(f"mlnotes hub: http://{host}:{args.port}/\n"
          f"  instructor (admin): name {args.admin}, password {(state / 'instructor-password').read_text().strip()}\n"
          f"  participants: any new name, workshop password {(state / 'workshop-password').read_text().strip()}\n"
          f"  progress page: http://{host}:{args.port}/services/progress/  (instructor only)\n"
          f"  passwords are kept in {state}; stop with Ctrl-C or `make hub-stop`", flush=True)
    jupyterhub = Path(sys.executable).with_name("jupyterhub")
    # A shell starts background jobs (`make hub &`, nohup) with SIGINT ignored, and that survives exec:
    # the hub's services would then ignore the SIGINT it stops them with, and each stop would wait 15 s.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    config = Path(args.config).resolve()
    os.chdir(env["MLNOTES_HUB_STATE"])
    os.execve(jupyterhub, [str(jupyterhub), "-f", str(config)], os.environ | env)


if __name__ == "__main__":
    sys.exit(main())
