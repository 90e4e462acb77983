"""The instructor's progress page: who passes which check now (served by dashboard.py).

For every participant, the latest result of each exercise check (from their
~/.mlnotes/progress.json, read as readprogress.py explains), so that the instructor sees
who is stuck where: a ✗ with its message is a learner who tried and failed, a · one who ran
a check before writing the exercise. The page refreshes itself every few seconds. Everything
a participant wrote is escaped: their file could hold any text.
"""
import html
import pwd

from mlnotes.exercises.progress import MARKS
from mlnotes.hub.names import username_problem
from mlnotes.hub.readprogress import read_progress

REFRESH_SECONDS = 3


def progress_of(name):
    """(entries, problem) for one participant; only accounts the hub made are read."""
    if username_problem(name):
        return {}, "not a participant account"
    try:
        account = pwd.getpwnam(name)
    except KeyError:
        return {}, "no account yet"
    return read_progress(account.pw_dir, account.pw_uid)


def render(rows):
    """The page: one row per participant, one column per check seen in anyone's file."""
    columns = sorted({(e["notebook"], e["check"]) for _, entries, _ in rows for e in entries.values()})
    esc = html.escape
    head = "".join(f"<th title='{esc(notebook)}'>{esc(notebook[:2])}<br>{esc(check.removeprefix('check_'))}</th>"
                   for notebook, check in columns)
    body = []
    for name, entries, problem in rows:
        by_check = {(e["notebook"], e["check"]): e for e in entries.values()}
        cells = []
        for notebook, check in columns:
            e = by_check.get((notebook, check))
            if e is None:
                cells.append("<td></td>")
                continue
            cells.append(f"<td class='{esc(e['status']).replace(' ', '-')}' data-user='{esc(name)}' "
                         f"data-check='{esc(check)}' data-status='{esc(e['status'])}' "
                         f"title='{esc(e['exercise'])}: {esc(e['message'] or e['status'])} ({esc(e['at'])})'>"
                         f"{MARKS.get(e['status'], '?')}</td>")
        passed = sum(e["status"] == "passed" for e in entries.values())
        latest = max(entries.values(), key=lambda e: e["at"], default=None)
        where = (f"{esc(latest['notebook'])} {esc(latest['exercise'] or latest['check'])}: {esc(latest['status'])}"
                 if latest else esc(problem or "no check run yet"))
        body.append(f"<tr><th>{esc(name)}</th><td>{passed}</td><td>{where}</td>{''.join(cells)}</tr>")
    return f"""<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="refresh" content="{REFRESH_SECONDS}">
<title>mlnotes: who is where</title><style>
body {{ font-family: sans-serif; }} table {{ border-collapse: collapse; }}
td, th {{ border: 1px solid #ccc; padding: 2px 6px; text-align: center; }}
.passed {{ background: #cfc; }} .failed {{ background: #fcc; }} .not-written {{ background: #eee; }}
</style></head><body><h1>Exercise checks, latest result per participant</h1>
<p>✓ passed, ✗ failed (hover for the message), · checked before writing it. Refreshes every {REFRESH_SECONDS} s.</p>
<table><tr><th>participant</th><th>passed</th><th>latest check</th>{head}</tr>{''.join(body)}</table></body></html>"""
