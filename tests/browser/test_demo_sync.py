"""A demo moved from code right after it is shown: the page and the kernel end up showing the same thing.

The browser's slider snaps a value to its grid and sends the snapped value back. Demo puts values set
from code on that grid itself (demo.on_grid), and 05's learning rate is a choice of listed values, so
no late echo can undo a later change, and the picture shows what the kernel holds.
"""
import json
import time

import nbformat
from conftest import TIMEOUT
from lab import JupyterLab
from notebook_run import NotebookRun

CELLS = [
    "from mlnotes.widgets import descent_explorer, neuron_explorer\ndescent = descent_explorer()\ndescent",
    "descent.set(optimizer='momentum', lr=0.05, steps=100)",
    "neuron = neuron_explorer()\nneuron",
    "neuron.set(w1=0.55, b=-0.26)",   # off the slider's grid of 0.1: lands on it
    "import time\ntime.sleep(3)  # any echo from the page has arrived by now\n"
    "print(descent.text)\nprint(neuron.text)",
]


def test_the_page_shows_what_the_kernel_holds(tmp_path, browser):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(source) for source in CELLS]
    nbformat.write(nb, folder / "sync.ipynb")
    server = JupyterLab(folder, tmp_path / "lab").start()
    page = browser.new_context().new_page()
    run = NotebookRun(page, server, server.root / "sync.ipynb", TIMEOUT)
    try:
        run.open("Python 3 (ipykernel)")
        run.clear_and_run_all()
        time.sleep(1)
        readouts = page.locator(".mlnotes-demo-readout").all_inner_texts()
        kernel = [o["text"] for c in run.state() for o in c["outputs"] if o.get("text")][-1].strip().splitlines()
    finally:
        run.close()
        page.context.close()
        server.stop()
    assert kernel[0].startswith("momentum, lr = 0.05: after 100 steps"), kernel
    assert kernel[1].startswith("z = 0.50 x1 - 0.50 x2 - 0.30;"), kernel
    assert [r.strip() for r in readouts] == kernel, json.dumps({"page": readouts, "kernel": kernel}, indent=1)
