"""Reading one participant's progress file as root, without trusting anything in their home.

The instructor's page runs as root so that it can read ~/.mlnotes/progress.json in homes of
mode 0700 (the alternative, a spool the checks also write to, would let any participant write
anyone's results). Root reading a path its owner controls must not be steered by them, so:
each step is opened relative to the one before with O_NOFOLLOW (no symlink to /etc/shadow or
to another home), must belong to the participant, the file must be a regular file (a FIFO
would hang the page; O_NONBLOCK keeps the open itself from blocking) of at most MAX_BYTES;
and only known fields of known types come out, truncated, for the page to escape.
"""
import json
import os
import stat

MAX_BYTES = 1_000_000
FIELDS = {"notebook": 40, "check": 60, "exercise": 60, "status": 20, "message": 300, "at": 30}


def read_progress(home, uid):
    """(entries, problem): the participant's checks as {key: entry}, or {} and why not."""
    opened = []
    try:
        fd = _open(home, uid, os.O_DIRECTORY, None, opened)
        fd = _open(".mlnotes", uid, os.O_DIRECTORY, fd, opened)
        fd = _open("progress.json", uid, os.O_NONBLOCK, fd, opened)
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return {}, "progress file is not a regular file"
        if info.st_size > MAX_BYTES:
            return {}, f"progress file is larger than {MAX_BYTES} bytes"
        data = json.loads(os.read(fd, MAX_BYTES + 1))
    except FileNotFoundError:
        return {}, None  # no check run yet
    except PermissionError as e:
        return {}, str(e)
    except OSError as e:
        return {}, f"cannot read the progress file: {e.strerror}"
    except ValueError:
        return {}, "progress file is not valid JSON"
    finally:
        for fd in opened:
            os.close(fd)
    return clean(data), None


def _open(name, uid, flags, dir_fd, opened):
    fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | flags, dir_fd=dir_fd)
    opened.append(fd)
    if os.fstat(fd).st_uid != uid:
        raise PermissionError(f"{name} does not belong to the participant")
    return fd


def clean(data):
    """Only the known fields, as strings of bounded length, of entries that are dicts."""
    checks = data.get("checks") if isinstance(data, dict) else None
    if not isinstance(checks, dict):
        return {}
    entries = {}
    for key, entry in list(checks.items())[:500]:
        if isinstance(entry, dict):
            entries[str(key)[:120]] = {field: str(entry.get(field, ""))[:limit] for field, limit in FIELDS.items()}
    return entries
