"""Command line: `python -m mlnotes doctor`, `student`, `lab` and `progress`."""
import argparse
import sys


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m mlnotes", description="The mlnotes course's tools.")
    sub = parser.add_subparsers(dest="command", required=True)
    doctor = sub.add_parser("doctor", help="check that this machine is ready for the course")
    doctor.add_argument("--no-kernel", action="store_true", help="skip starting a kernel (faster)")
    student = sub.add_parser("student", help="write student copies of the notebooks, solutions removed")
    student.add_argument("--src", default="notebooks", help="folder of the course notebooks (default: notebooks)")
    student.add_argument("--out", default="student", help="folder for the copies (default: student)")
    student.add_argument("--force", action="store_true", help="overwrite copies even if they were changed")
    student.add_argument("notebooks", nargs="*", help="only these notebooks (file names or stems)")
    lab = sub.add_parser("lab", help="open your workspace (your copies, and the solutions) in JupyterLab")
    lab.add_argument("--workspace", default="student", help="your folder of copies (default: student)")
    lab.add_argument("--src", default="notebooks", help="folder of the course notebooks (default: notebooks)")
    lab.add_argument("--port", type=int, default=None, help="port on 127.0.0.1 (default: a free one)")
    lab.add_argument("--no-browser", action="store_true", help="do not open a browser; only print the address")
    progress = sub.add_parser("progress", help="show the latest result of every exercise check you have run")
    progress.add_argument("--file", help="progress file (default: $MLNOTES_PROGRESS or ~/.mlnotes/progress.json)")
    args = parser.parse_args(argv)

    if args.command == "doctor":
        from mlnotes.doctor import main as doctor_main
        return doctor_main(kernel=not args.no_kernel)
    if args.command == "lab":
        from mlnotes.lab import main as lab_main
        try:
            return lab_main(args.workspace, args.src, port=args.port, open_browser=not args.no_browser)
        except (FileNotFoundError, ValueError) as e:
            print(f"error: {e}", file=sys.stderr)
            return 2
    if args.command == "progress":
        from mlnotes.exercises.progress import load, table
        print("\n".join(table(load(args.file))))
        return 0
    from mlnotes.exercises.student import COULD_NOT, write_student_copies
    try:
        report = write_student_copies(args.src, args.out, force=args.force, names=args.notebooks)
    except (FileNotFoundError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print("\n".join(report))
    return 1 if any(line.startswith(COULD_NOT) for line in report) else 0


if __name__ == "__main__":
    sys.exit(main())
