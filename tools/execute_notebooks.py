"""Run notebooks in a fresh kernel and print each one's run time; rewrite them in place unless --timings.

    .venv/bin/python tools/execute_notebooks.py                    # every notebook, outputs refreshed
    .venv/bin/python tools/execute_notebooks.py notebooks/03_*.ipynb
    .venv/bin/python tools/execute_notebooks.py --timings          # run all, write nothing, flag any over 10 s

Stored outputs change only this way, never by hand. Each notebook runs in a
fresh python3 kernel of this environment with the settings strict nbval
uses (PYTHONHASHSEED=0, OPENBLAS_NUM_THREADS=1, MPLBACKEND unset); saved widget state is dropped
(random ids, and the demos redraw when the notebook is run). Cells tagged
`raises-exception` may raise; any other error stops with the cell's number.
"""
import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

TOP = Path(__file__).resolve().parents[1]
SLOW = 10.0  # seconds: a notebook slower than this is flagged (workshop blocks assume seconds per cell)


def execute(path, write=True):
    nb = nbformat.read(path, as_version=4)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    start = time.perf_counter()
    NotebookClient(nb, timeout=600, kernel_name="python3", record_timing=False,  # no clock times in the file
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    seconds = time.perf_counter() - start
    if write:
        nb.metadata.pop("widgets", None)
        nbformat.validate(nb)
        nbformat.write(nb, path)
    return seconds


def main(args):
    timings = "--timings" in args
    paths = [Path(a) for a in args if a != "--timings"] or sorted((TOP / "notebooks").glob("*.ipynb"))
    os.environ.pop("MPLBACKEND", None)
    os.environ["PYTHONHASHSEED"] = "0"
    os.environ["OPENBLAS_NUM_THREADS"] = "1"  # as make test runs them
    total, slow = 0.0, []
    for path in paths:
        seconds = execute(path, write=not timings)
        total += seconds
        flag = f"   <- slower than {SLOW:.0f} s" if seconds > SLOW else ""
        if flag:
            slow.append(path.name)
        print(f"{seconds:6.1f} s  {path.name}{flag}", flush=True)
    print(f"{total:6.1f} s  in all, {len(paths)} notebooks" + (f"; slow: {', '.join(slow)}" if slow else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
