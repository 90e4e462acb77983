"""The copy step of a workshop hub: a participant's student copies, refreshed at every server start.

Run as the participant (never as root: root writing into a home its owner controls could be
steered by a symlink), just before their Jupyter server starts (`python -m mlnotes.hub.singleuser`):

- copies of the course, made in advance without solutions, go to ~/course; a copy the
  participant has changed is kept whole, never merged or overwritten;
- ~/course/UPDATES.md says what happened at this start, which copies were kept and how to
  get the course's version of one;
- ~/course/solutions links to the solutions, which stay unreadable until the instructor
  releases them (python -m mlnotes.hub.course release).
"""
import os
from datetime import datetime, timezone
from pathlib import Path

from mlnotes._files import write_atomically
from mlnotes.exercises.student import COULD_NOT, write_student_copies

NOTE = "UPDATES.md"


def hand_out(src, out, solutions=None):
    """Copy the course into `out` (kept copies stay), link the solutions, write the note; returns the report."""
    out = Path(out)
    try:
        report = write_student_copies(src, out)
    except (OSError, ValueError) as e:
        report = [f"{COULD_NOT} the course into {out}: {e}"]
    link = out / "solutions"
    if solutions and out.is_dir() and not os.path.lexists(link):
        try:
            link.symlink_to(solutions)
        except OSError as e:
            report.append(f"{COULD_NOT} the link {link} to the solutions: {e}")
    kept = [line for line in report if line.startswith("skipped")]
    failed = [line for line in report if line.startswith(COULD_NOT)]
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [f"# Course updates\n\nAt {when}, your server started and the course was copied into this folder.\n"]
    if kept:
        lines.append("**Kept, because you changed them** (the course's newer version was not copied over them):\n")
        lines += [f"- {line}" for line in kept]
        lines.append(f"\nTo get the course's version of one, rename yours first, then in a terminal: "
                     f"`python -m mlnotes student --src {src} --out {out} NAME`\n")
    if failed:
        lines.append("**Not copied** (your files there are unchanged; tell the instructor):\n")
        lines += [f"- {line}" for line in failed]
    lines.append("\nEverything else was refreshed to the course's current version:\n")
    lines += [f"- {line}" for line in report if line.startswith("wrote")]
    try:
        write_atomically(out / NOTE, "\n".join(lines) + "\n")
    except OSError as e:
        report.append(f"{COULD_NOT} {out / NOTE}: {e.strerror or e}")
    return report
