"""JupyterHub for an mlnotes workshop on one server (`make hub`; `make test-hub` tests it).

Settings come from the environment that `python -m mlnotes.hub.launch` sets (MLNOTES_HUB_*);
tests/hub sets shorter timeouts through the same variables. What each choice is for:

- login: participants choose a name and type the workshop password; the instructor logs in
  as `instructor` with their own password and is the hub's admin (mlnotes/hub/auth.py);
- every participant is an OS account with a 0700 home; their server runs as them, so a
  kernel cannot read another participant's files (LocalProcessSpawner, mlnotes/hub/spawner.py);
- at every server start, as the participant: their student copies into ~/course, changed
  copies kept and listed in ~/course/UPDATES.md (mlnotes/hub/handout.py);
- idle servers stopped by jupyterhub-idle-culler; memory limited per process (spawner.py);
- the instructor's page of who passes which check: /services/progress/ (mlnotes/hub/dashboard.py).
"""
import os
import sys

env = os.environ.get
prefix, state = env("MLNOTES_HUB_PREFIX"), env("MLNOTES_HUB_STATE")
if not (prefix and state):
    sys.exit("start the hub with `make hub` (python -m mlnotes.hub.launch): it sets MLNOTES_HUB_PREFIX and the rest")
python = os.path.join(prefix, "venv", "bin", "python")  # the hub's venv: every participant can run it
course = env("MLNOTES_HUB_COURSE_DIR", f"{prefix}/course")  # made by `python -m mlnotes.hub.course install`
port = int(env("MLNOTES_HUB_PORT", "8000"))
admin = env("MLNOTES_HUB_ADMIN", "instructor")
c = get_config()  # noqa: F821 - JupyterHub provides it

# Network: the proxy listens publicly (127.0.0.1 unless HUB_PUBLIC); the hub and the proxy's API on loopback.
c.JupyterHub.ip = env("MLNOTES_HUB_IP", "127.0.0.1")
c.JupyterHub.port = port
c.ConfigurableHTTPProxy.command = [env("MLNOTES_HUB_PROXY", "configurable-http-proxy")]
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{port + 1}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = port + 2

# State: root only (launch.py makes the folder 0700; a world-readable database would show every token's hash).
c.JupyterHub.db_url = f"sqlite:///{state}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = f"{state}/jupyterhub_cookie_secret"
c.JupyterHub.pid_file = f"{state}/jupyterhub.pid"
c.ConfigurableHTTPProxy.pid_file = f"{state}/jupyterhub-proxy.pid"

# Login.
c.JupyterHub.authenticator_class = "mlnotes.hub.auth.WorkshopAuthenticator"
c.Authenticator.allow_all = True  # anyone with the workshop password; names.py refuses accounts the hub did not make
c.Authenticator.admin_users = {admin}
with open(f"{state}/workshop-password") as f, open(f"{state}/instructor-password") as g:  # made by launch.py
    c.SharedPasswordAuthenticator.user_password = f.read().strip()
    c.SharedPasswordAuthenticator.admin_password = g.read().strip()
c.LocalAuthenticator.create_system_users = True

# Servers: one per participant, as the participant, from the hub's venv.
c.JupyterHub.spawner_class = "mlnotes.hub.spawner.WorkshopSpawner"
c.Spawner.cmd = [python, "-m", "mlnotes.hub.singleuser"]
c.Spawner.default_url = "/lab/tree/course"
c.Spawner.notebook_dir = "~"
# Kernels talk to their server over Unix sockets in the participant's 0700 runtime folder, not TCP ports
# on 127.0.0.1: with ten servers starting kernels at once, two picked the same free port and one
# kernel failed to start ("Address already in use"), and no other account can even reach a socket.
c.Spawner.args = ["--KernelManager.transport=ipc"]
c.Spawner.mem_limit = env("MLNOTES_HUB_MEM_LIMIT", "2G")
c.Spawner.environment = {
    "MLNOTES_HUB_COURSE": f"{course}/student",
    "MLNOTES_HUB_SOLUTIONS": f"{course}/solutions",
    # Many learners share few cores: one BLAS thread per kernel is faster overall, and maps less memory.
    "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1",
}
c.Spawner.start_timeout = int(env("MLNOTES_HUB_START_TIMEOUT", "120"))  # 10 at once on 2 cores take ~40 s
c.Spawner.http_timeout = int(env("MLNOTES_HUB_START_TIMEOUT", "120"))
c.JupyterHub.last_activity_interval = int(env("MLNOTES_HUB_ACTIVITY_INTERVAL", "300"))
c.Spawner.environment["JUPYTERHUB_ACTIVITY_INTERVAL"] = env("MLNOTES_HUB_ACTIVITY_INTERVAL", "300")

# Services: the idle culler and the instructor's progress page, each with the narrowest scopes it needs.
cull_timeout = env("MLNOTES_HUB_CULL_TIMEOUT", "3600")
c.JupyterHub.services = [
    {"name": "idle-culler",
     "command": [python, "-m", "jupyterhub_idle_culler", f"--timeout={cull_timeout}",
                 f"--cull-every={env('MLNOTES_HUB_CULL_EVERY', '300')}"]},
    {"name": "progress",
     "command": [python, "-m", "mlnotes.hub.dashboard"],
     "url": f"http://127.0.0.1:{port + 3}",
     "oauth_no_confirm": True,
     "oauth_client_allowed_scopes": []},
]
c.JupyterHub.load_roles = [
    {"name": "idle-culler", "services": ["idle-culler"],
     "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"]},
    {"name": "progress", "services": ["progress"], "scopes": ["list:users", "read:users:name"]},
]
