"""Wrap Markdown documents into notebooks so check-math can check their formulas.

    python tools/docs_math.py build/docs-math docs/cheatsheet.md ...

check-math reads notebooks only; each document becomes a one-cell notebook of
the same name in the output folder.
"""
import sys
from pathlib import Path

import nbformat


def main(out, *docs):
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    for doc in map(Path, docs):
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_markdown_cell(doc.read_text(encoding="utf-8"))]
        nbformat.write(nb, out / f"{doc.stem}.ipynb")


if __name__ == "__main__":
    main(*sys.argv[1:])
