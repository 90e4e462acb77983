"""Each check's latest result, kept in the learner's home: ~/.mlnotes/progress.json.

Every exported check (mlnotes.exercises.check_*) is wrapped by `recorded`:
after it runs, the result (passed, failed with the first line of its
message, or not written yet) is stored under the notebook and check names.
`python -m mlnotes progress` prints the learner's own table; on a workshop
hub, the instructor's progress page reads the same file (deploy/jupyterhub/).

Recording must never cost the learner anything: a home that cannot be
written (read-only, full, missing) means no record, not a failed or slow
check. The file is replaced atomically, so a reader never sees half of it,
and a lock beside it keeps two kernels of one learner from losing each
other's results.
"""
import fcntl
import functools
import json
import os
from datetime import datetime, timezone
from pathlib import Path

from mlnotes._files import write_atomically
from mlnotes.exercises.checking import mark_passed

ENV = "MLNOTES_PROGRESS"  # another file (tests, a course run from a shared account)
FORMAT = 1
MESSAGE_CHARS = 300  # enough for a check's first line; keeps the file small for the instructor's page


def progress_file():
    """$MLNOTES_PROGRESS, or ~/.mlnotes/progress.json."""
    return Path(os.environ.get(ENV) or Path.home() / ".mlnotes" / "progress.json")


def notebook_of(module):
    """The notebook a checks module belongs to: mlnotes.exercises.ch02_neuron -> 02_neuron."""
    name = module.rsplit(".", 1)[-1]
    return name[2:] if name.startswith("ch") and name[2:4].isdigit() else name


def load(path=None):
    """{"<notebook>/<check>": entry} from the progress file; {} when there is none or it is unreadable."""
    try:
        data = json.loads(Path(path or progress_file()).read_text(encoding="utf-8"))
        checks = data["checks"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    return checks if isinstance(checks, dict) else {}


def record(notebook, check, exercise, status, message="", path=None):
    """Store one check's latest result. Returns False (and changes nothing) when the file cannot be written."""
    path = Path(path or progress_file())
    entry = {"notebook": notebook, "check": check, "exercise": exercise, "status": status,
             "message": message.strip().split("\n", 1)[0][:MESSAGE_CHARS] if message else "",
             "at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")}
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with open(path.with_name(path.name + ".lock"), "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            checks = load(path)
            checks[f"{notebook}/{check}"] = entry
            write_atomically(path, json.dumps({"format": FORMAT, "checks": checks}, ensure_ascii=False, indent=1),
                             mode=0o600)
    except OSError:
        return False
    return True


def recorded(check):
    """check, recording each call's result: passed, failed (ExerciseError or any error) or not written."""
    notebook = notebook_of(check.__module__)

    @functools.wraps(check)
    def wrapper(fn, *args, **kwargs):
        exercise = getattr(fn, "__name__", "")
        try:
            result = check(fn, *args, **kwargs)
        except NotImplementedError as e:
            _record_quietly(notebook, check.__name__, exercise, "not written", str(e))
            raise
        except Exception as e:
            _record_quietly(notebook, check.__name__, exercise, "failed", f"{type(e).__name__}: {e}")
            raise
        _record_quietly(notebook, check.__name__, exercise, "passed")
        mark_passed(fn)  # require(fn) in the cells that use it lets it through (checking.require)
        return result

    return wrapper


def _record_quietly(*args):
    # Anything going wrong in the record (not only OSError: a broken file, a strange home) is the
    # course's problem, never the learner's: their check's own result must come through unchanged.
    try:
        record(*args)
    except Exception:
        pass


MARKS = {"passed": "✓", "failed": "✗", "not written": "·"}


def table(checks):
    """Lines of a text table of the entries, sorted by notebook and check, for the learner."""
    if not checks:
        return ["No checks run yet. Run an exercise's check in a notebook (check_...(your_function)); "
                "its result shows here."]
    rows = sorted(checks.values(), key=lambda e: (str(e.get("notebook")), str(e.get("check"))))
    lines = []
    for e in rows:
        mark = MARKS.get(e.get("status"), "?")
        lines.append(f"{mark} {e.get('notebook', '?'):<26} {e.get('exercise') or e.get('check', '?'):<22} "
                     f"{e.get('status', '?'):<12} {e.get('at', '')}")
        if e.get("status") == "failed" and e.get("message"):
            lines.append(f"    {e['message']}")
    done = sum(e.get("status") == "passed" for e in rows)
    lines.append(f"{done} of {len(rows)} checks passed (latest result of each)")
    return lines
