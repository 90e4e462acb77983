"""Re-execute notebooks in place, so that their stored outputs are fresh.

    .venv/bin/python tools/execute_notebooks.py                    # every notebook
    .venv/bin/python tools/execute_notebooks.py notebooks/03_*.ipynb

Stored outputs change only this way, never by hand. Each notebook runs in a
fresh python3 kernel of this environment with the settings strict nbval
uses (PYTHONHASHSEED=0, MPLBACKEND unset); saved widget state is dropped
(random ids, and the demos redraw when the notebook is run). Cells tagged
`raises-exception` may raise; any other error stops with the cell's number.
Prints each notebook's run time.
"""
import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

TOP = Path(__file__).resolve().parents[1]


def execute(path):
    nb = nbformat.read(path, as_version=4)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    start = time.perf_counter()
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    seconds = time.perf_counter() - start
    nb.metadata.pop("widgets", None)
    nbformat.validate(nb)
    nbformat.write(nb, path)
    return seconds


def main(paths):
    os.environ.pop("MPLBACKEND", None)
    os.environ["PYTHONHASHSEED"] = "0"
    paths = [Path(p) for p in paths] or sorted((TOP / "notebooks").glob("*.ipynb"))
    for path in paths:
        print(f"{execute(path):6.1f} s  {path.name}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
