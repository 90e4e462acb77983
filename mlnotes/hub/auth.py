"""Workshop login: one shared password for participants, the instructor's own for the admin.

Each participant becomes an OS account (created at first login, in the group names.GROUP,
home mode 0700) so that their server and kernels run as them and cannot read anyone else's
files. A name that cannot be a safe account gets a message on the login page saying why.
"""
import os
import pwd
import subprocess

from jupyterhub.auth import LocalAuthenticator
from jupyterhub.authenticators.shared import SharedPasswordAuthenticator
from tornado import web
from traitlets import default

from mlnotes.hub.names import GROUP, username_problem


class WorkshopAuthenticator(LocalAuthenticator, SharedPasswordAuthenticator):
    @default("add_user_cmd")
    def _add_user_cmd_default(self):
        # useradd, not adduser: its options are the same on every Linux; the name is appended by JupyterHub.
        return ["useradd", "--create-home", "--key", "HOME_MODE=0700", "--shell", "/bin/bash",
                "--comment", "mlnotes workshop participant", "--groups", GROUP]

    async def authenticate(self, handler, data):
        problem = username_problem(self.normalize_username(data.get("username", "")))
        if problem:
            raise web.HTTPError(403, problem)  # the login page shows it instead of "Invalid username or password"
        return await super().authenticate(handler, data)

    def add_system_user(self, user):
        subprocess.run(["groupadd", "--force", GROUP], check=True)
        super().add_system_user(user)
        # HOME_MODE above is ignored by older useradd versions: the 0700 home is what keeps kernels apart.
        os.chmod(pwd.getpwnam(user.name).pw_dir, 0o700)
