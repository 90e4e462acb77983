"""Which names a workshop login accepts: each becomes an OS account, so it must make a safe one."""
import grp
import pwd
import re

# A portable POSIX user name, lower case (JupyterHub lower-cases names; two names differing only in
# case would be one account). 32 characters is useradd's limit.
PATTERN = re.compile(r"[a-z][a-z0-9_-]{0,31}")
GROUP = "mlnotes-participants"  # every account the hub creates is in it; no other account can log in


def username_problem(name, group=GROUP):
    """Why `name` cannot be a participant's login, in words for the login page; None when it can.

    An existing account is accepted only if the hub created it (it is in `group`): otherwise
    a shared workshop password would open, say, `root` or `www-data`.
    """
    if not PATTERN.fullmatch(name or ""):
        return (f"{name!r} is not a valid name here: use 1 to 32 lower-case letters, digits, '-' or '_', "
                f"starting with a letter (for example: ada or ada-l)")
    try:
        account = pwd.getpwnam(name)
    except KeyError:
        return None
    try:
        members = grp.getgrnam(group)
    except KeyError:
        members = None
    if members is None or (name not in members.gr_mem and account.pw_gid != members.gr_gid):
        return f"the name {name!r} belongs to an account on this server that is not a participant's: choose another"
    return None
