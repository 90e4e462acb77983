"""Drive one notebook in JupyterLab as a learner would: open, clear, Run All, look, move the demos."""
import contextlib
import time
from pathlib import Path

from checks import RAN, cut_demo_reprs, expected_demos, where

SNAPSHOT = (Path(__file__).parent / "snapshot.js").read_text()
# The tallest page Chromium screenshots in one piece; a longer notebook is saved in parts.
SHOT_HEIGHT = 12000


class NotebookRun:
    """One notebook, opened in a tab of the page and run once; the tests read .cells (snapshot.js)."""

    def __init__(self, page, lab, path, timeout):
        self.page, self.lab, self.path, self.name = page, lab, path, path.stem
        self.timeout = timeout
        self.seconds = {}
        self.cells = None

    @contextlib.contextmanager
    def timed(self, what):
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[what] = time.perf_counter() - start

    def state(self):
        return self.page.evaluate(SNAPSHOT)

    def status(self):
        """[kernel name, kernel status] in this notebook's toolbar ([None, None] until it is the open tab)."""
        return self.page.evaluate("""name => {
            const panel = window.jupyterapp?.shell.currentWidget;
            if (!panel || panel.context?.path !== name) return [null, null];
            const toolbar = panel.node.querySelector('.jp-NotebookPanel-toolbar');
            return [toolbar?.querySelector('.jp-KernelName')?.textContent ?? null,
                    toolbar?.querySelector('.jp-Notebook-ExecutionIndicator')?.dataset.status ?? null];
        }""", self.path.name)

    def open(self, kernel_name):
        """Open the notebook in its own tab: in the JupyterLab already loaded in the page, or by loading it."""
        with self.timed("open"):
            self._open(kernel_name)

    def _open(self, kernel_name):
        if self.page.evaluate("() => !!window.jupyterapp?.shell"):
            self.page.evaluate("name => window.jupyterapp.commands.execute('docmanager:open', {path: name})",
                               self.path.name)
        else:
            self.page.goto(self.lab.lab_url(self.path.name, workspace="browser-tests"))
            self.page.wait_for_function("() => !!window.jupyterapp?.shell")
        # "idle" shows before a kernel is attached: wait for the kernel's name too.
        deadline = time.monotonic() + 90
        while self.status() != [kernel_name, "idle"]:
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.name}: kernel {kernel_name!r} not idle after 90 s; "
                                     f"toolbar shows {self.status()}\n{self.lab.log()}")
            time.sleep(0.2)
        mode = self.page.evaluate("() => window.jupyterapp.shell.currentWidget.content.notebookConfig.windowingMode")
        assert mode == "none", f"JupyterLab ignored the settings in lab.py: windowingMode is {mode!r}, not 'none'"

    def close(self):
        """Close every tab without saving (the copy is thrown away) and without a dialog."""
        self.page.evaluate("""() => {
            for (const widget of Array.from(window.jupyterapp?.shell.widgets('main') ?? [])) {
                if (widget.context) widget.context.model.dirty = false;
                widget.close();
            }
        }""")

    def menu(self, menu, item):
        self.page.get_by_role("menuitem", name=menu, exact=True).click()
        self.page.get_by_role("menuitem", name=item, exact=True).click()

    def clear_and_run_all(self):
        self.menu("Edit", "Clear Outputs of All Cells")
        left = [where(c) for c in self.state() if c["outputs"]]
        assert not left, f"{self.name}: outputs left after Clear Outputs of All Cells: {left}"
        with self.timed("run all"):
            self._run_all()

    def _run_all(self):
        self.menu("Run", "Run All Cells")
        deadline = time.monotonic() + self.timeout
        settled = 0
        while settled < 3:  # idle, nothing queued, three times in a row
            time.sleep(0.2)
            cells = [c for c in self.state() if c["type"] == "code"]
            busy = [c for c in cells if c["prompt"] == "[*]:"]
            ran = any(RAN.fullmatch(c["prompt"] or "") for c in cells)
            settled = settled + 1 if not busy and ran and self.status()[1] == "idle" else 0
            if time.monotonic() > deadline:
                running = where(busy[0]) if busy else "no cell"
                raise AssertionError(f"{self.name}: Run All not finished after {self.timeout} s "
                                     f"({running} still running; kernel {self.status()[1]})")

    def settle(self, expected_formulas, timeout=20, still=3):
        """Wait until MathJax and the widgets are done drawing, or nothing changed for `still` seconds
        (then the checks say what is missing)."""
        deadline = time.monotonic() + timeout
        last, since = None, time.monotonic()
        while time.monotonic() < deadline:
            cells = self.state()
            typeset = self.page.evaluate("document.querySelectorAll('.jp-Notebook mjx-container').length")
            widgets = [o["widget"] for c in cells for o in c["outputs"] if o["widget"] is not None]
            if typeset >= expected_formulas and all(w["rendered"] or w["error"] for w in widgets):
                break
            now = (typeset, [w["rendered"] for w in widgets])
            if now != last:
                last, since = now, time.monotonic()
            elif time.monotonic() - since > still:
                break
            time.sleep(0.25)
        self.cells = self.state()
        return self.cells

    def screenshot(self, folder):
        """The whole notebook as a learner scrolls through it: folder/NAME.png (then NAME-2.png, ...)."""
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob(f"{self.name}*.png"):
            old.unlink()
        page = self.page
        viewport = page.viewport_size
        page.evaluate("window.jupyterapp.shell.collapseLeft()")  # the notebook at full width
        scroller = ".jp-NotebookPanel .jp-WindowedPanel-outer"
        total = page.evaluate(f"document.querySelector('{scroller}').scrollHeight")
        chrome = viewport["height"] - page.evaluate(f"document.querySelector('{scroller}').clientHeight")
        page.set_viewport_size({"width": viewport["width"], "height": min(total, SHOT_HEIGHT) + chrome})
        paths, top, part = [], 0, 1
        while top < total:
            page.evaluate(f"document.querySelector('{scroller}').scrollTop = {top}")
            page.wait_for_timeout(300)
            path = folder / (f"{self.name}.png" if part == 1 else f"{self.name}-{part}.png")
            page.screenshot(path=path)
            paths.append(path)
            top, part = top + SHOT_HEIGHT, part + 1
        page.set_viewport_size(viewport)
        return paths


# Moving the demos' controls ------------------------------------------------------------------

# A single ToggleButton is a <button> with classes jupyter-widgets and widget-toggle-button; the buttons
# inside a ToggleButtons row carry widget-toggle-button too, but not jupyter-widgets.
CONTROLS = (".widget-slider, .widget-dropdown, .widget-checkbox, .widget-toggle-buttons, "
            ".widget-toggle-button.jupyter-widgets")


def demo_state(demo):
    """(readout text, picture): the image widget gets a new blob URL whenever its PNG changes."""
    return demo.locator(".mlnotes-demo-readout").inner_text(), \
        demo.locator("img.mlnotes-demo-image").get_attribute("src")


def cell_index(element):
    return element.evaluate("e => [...e.closest('.jp-Notebook').querySelectorAll('.jp-Cell')]"
                            ".indexOf(e.closest('.jp-Cell'))")


def move(control):
    """Move a control as a learner would; returns (what was done, value before, a function reading it now)."""
    classes = control.get_attribute("class")
    if "widget-slider" in classes:
        handle = control.locator(".noUi-handle").first
        now, high = handle.get_attribute("aria-valuenow"), handle.get_attribute("aria-valuemax")
        key = "ArrowLeft" if float(now) >= float(high) else "ArrowRight"
        # The slider's own readout, in the demo's format: noUiSlider's aria-valuenow can lag a
        # step behind when the kernel's value arrives back (seen with 0.5 -> 0.55).
        readout = control.locator(".widget-readout")
        before = readout.inner_text()
        handle.focus()
        handle.press(key)
        return f"slider key {key}", before, readout.inner_text
    if "widget-dropdown" in classes:
        select = control.locator("select")
        before = select.input_value()
        options = [o for o in select.locator("option").evaluate_all("os => os.map(o => o.value)") if o != before]
        if not options:
            raise AssertionError("a dropdown with a single option cannot be moved")
        select.select_option(options[0])
        return f"dropdown select {options[0]!r}", before, select.input_value
    if "widget-toggle-button" in classes.split():  # one ToggleButton (a cell of a grid, say): a click flips it
        before = "mod-active" in classes.split()
        control.click()
        return "toggle button click", before, lambda: "mod-active" in control.get_attribute("class").split()
    if "widget-checkbox" in classes:
        box = control.locator("input[type=checkbox]")
        before = box.is_checked()
        box.click()
        return "checkbox click", before, box.is_checked
    buttons = control.locator("button:not(.mod-active)")
    label = buttons.first.inner_text()
    before = control.locator("button.mod-active").all_inner_texts()
    buttons.first.click()
    return f"toggle button {label!r}", before, lambda: control.locator("button.mod-active").all_inner_texts()


def demo_problems(page, cells, timeout=10):
    """Move every control of every Demo; its readout text and its picture must both change."""
    problems = cut_demo_reprs(cells)
    demos = page.locator(".jp-Notebook .mlnotes-demo")
    expected = expected_demos(cells)
    if demos.count() < len(expected):
        missing = ", ".join(f"{where(cell)}: {title!r}" for cell, title, _ in expected)
        problems.append(f"{demos.count()} Demo(s) drawn on the page where the kernel displayed "
                        f"{len(expected)} ({missing})")
    loose = page.locator(f".jp-Notebook :is({CONTROLS}):not(.mlnotes-demo *)")
    for i in range(loose.count()):
        problems.append(f"{where(cells[cell_index(loose.nth(i))])}: a control outside a Demo: "
                        "the test cannot tell what it drives")
    for i in range(demos.count()):
        demo = demos.nth(i)
        index = cell_index(demo)
        title = demo.locator(".widget-html-content").first.inner_text()
        controls = demo.locator(CONTROLS)
        names = next((names for cell, t, names in expected if cell["index"] == index and t == title), None)
        if names is None:
            problems.append(f"{where(cells[index])}, demo {title!r}: not a demo the kernel displayed in this cell")
        elif controls.count() != len(names):
            problems.append(f"{where(cells[index])}, demo {title!r}: {controls.count()} control(s) on the page "
                            f"that the test can move, where the demo has {len(names)} ({', '.join(names)})")
        for k in range(controls.count()):
            control = controls.nth(k)
            labels = control.locator(".widget-label")
            label = labels.first.inner_text() if labels.count() else f"#{k}"
            readout, image = demo_state(demo)
            action, before, value = move(control)
            deadline = time.monotonic() + timeout
            new_readout, new_image = demo_state(demo)
            while (new_readout == readout or new_image == image) and time.monotonic() < deadline:
                time.sleep(0.1)
                new_readout, new_image = demo_state(demo)
            changes = (("its value", before, value()), ("the readout", readout, new_readout),
                       ("the picture", image, new_image))
            missing = [what for what, old, new in changes if old == new]
            if missing:
                problems.append(f"{where(cells[index])}, demo {title!r}: moving control {label!r} ({action}) "
                                f"did not change {' or '.join(missing)} within {timeout:g} s (readout {new_readout!r})")
    return problems
