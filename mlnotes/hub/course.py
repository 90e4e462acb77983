"""The course as a workshop hub serves it, under one folder (the hub's PREFIX/course):

    student/     every notebook's student copy, made here once by root, readable by all
    solutions/   the notebooks with their solutions; mode 0700 (root only) until released

Participants copy from student/ (handout.py), so their servers never need to read a file
that holds a solution. `release` opens solutions/ to everyone with one command, `lock`
closes it again (for the next workshop).

    python -m mlnotes.hub.course install --notebooks notebooks --dest /opt/mlnotes-hub/course
    python -m mlnotes.hub.course release --dest /opt/mlnotes-hub/course
"""
import argparse
import os
import sys
from pathlib import Path

from mlnotes._files import write_atomically
from mlnotes.exercises.student import COULD_NOT, write_student_copies

LOCKED, OPEN = 0o700, 0o755


def install(notebooks, dest):
    """(Re)make dest/student and dest/solutions from the notebooks; solutions keep their locked or released state."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    os.chmod(dest, OPEN)
    student, solutions = dest / "student", dest / "solutions"
    released = solutions.is_dir() and solutions.stat().st_mode & 0o005 == 0o005
    solutions.mkdir(mode=LOCKED, exist_ok=True)
    os.chmod(solutions, OPEN if released else LOCKED)  # before any solution is written into it
    report = write_student_copies(notebooks, student, force=True)
    os.chmod(student, OPEN)
    for path in sorted(Path(notebooks).glob("*.ipynb")):
        write_atomically(solutions / path.name, path.read_text(encoding="utf-8"))
    failed = [line for line in report if line.startswith(COULD_NOT)]
    if failed:
        raise OSError("; ".join(failed))
    state = "released" if released else "locked until `make hub-release-solutions`"
    return f"course installed in {dest}: {len(report)} student copies, solutions {state}"


def set_solutions(dest, released):
    solutions = Path(dest) / "solutions"
    if not solutions.is_dir():
        raise FileNotFoundError(f"no solutions at {solutions}: install the course first (make hub does)")
    os.chmod(solutions, OPEN if released else LOCKED)
    return ("solutions released: every participant can open course/solutions/ now" if released
            else "solutions locked: participants cannot read them")


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m mlnotes.hub.course", description=__doc__.split("\n")[0])
    parser.add_argument("action", choices=["install", "release", "lock"])
    parser.add_argument("--dest", required=True, help="the hub's course folder")
    parser.add_argument("--notebooks", default="notebooks", help="the course notebooks, with solutions (install)")
    args = parser.parse_args(argv)
    try:
        if args.action == "install":
            print(install(args.notebooks, args.dest))
        else:
            print(set_solutions(args.dest, args.action == "release"))
    except (OSError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
