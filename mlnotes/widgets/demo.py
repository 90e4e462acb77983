"""Interactive demos for the notebooks, built on ipywidgets.

Every demo is a Demo: a row of controls, a one-line readout and a figure.
Whenever a control moves, draw(ax, **values) redraws the figure and returns
the readout text. draw is a plain function of numbers, so tests call it
directly, without a browser or a kernel.

The figure is rendered to PNG into an Image widget rather than shown
through an Output widget: then nothing a demo does becomes cell output, a
notebook's stored outputs stay identical run after run (strict nbval), and
the readout and picture are widget state a test can read.

Where no kernel runs (the course website, `make site`), a demo shows the PNG
of its first state that it adds to its stored output (_repr_mimebundle_).
"""
import base64
import html
import io
import math
import re

import ipywidgets as widgets
from matplotlib.figure import Figure

from mlnotes import plotting

DPI = 80  # the live figure's resolution; the stored picture has twice as many pixels


class Demo(widgets.VBox):
    """Controls + readout + figure; draw(ax, **values) -> readout text is called on every change.

    The controls sit in a row that wraps; controls_layout (a widgets.Layout) arranges them
    otherwise, e.g. display="grid" for a grid of cells.
    """

    def __init__(self, title, draw, controls, figsize=(6.0, 3.4), controls_layout=None):
        self.title, self.draw, self.controls, self.figsize = title, draw, dict(controls), figsize
        self.text = ""
        self._held, self._pending = False, False
        self.readout = widgets.HTML()
        self.image = widgets.Image(format="png")
        for control in self.controls.values():
            control.value = on_grid(control, control.value)
            control.observe(self._on_change, names="value")
        header = widgets.HTML(f"<b>{html.escape(title)}</b>")
        layout = controls_layout or widgets.Layout(flex_flow="row wrap")
        super().__init__([header, widgets.HBox(list(self.controls.values()), layout=layout),
                          self.readout, self.image])
        # How the browser tests (tests/browser) find every demo on the page, and its readout and figure.
        self.add_class("mlnotes-demo")
        self.readout.add_class("mlnotes-demo-readout")
        self.image.add_class("mlnotes-demo-image")
        self.update()

    def __repr__(self):
        # The text a notebook stores for this cell: stable across runs, and a hint
        # for anyone reading the notebook before running it. ipywidgets cuts it after
        # 110 characters, so numbered runs of controls are shortened (x0 … x63).
        return f"Demo: {self.title} (controls: {', '.join(_runs(list(self.controls)))}). Run the notebook to use it."

    def _repr_mimebundle_(self, **kwargs):
        """What the notebook stores for this cell: the widget view, the text line above, and a PNG.

        JupyterLab draws the live demo from the widget view while the kernel runs. The PNG
        (the current state, so the first one when the cell runs) is for where no kernel runs:
        the course website shows it. Strict nbval compares the text line, not PNGs. The PNG has
        twice the live figure's pixels and is shown at the same width: sharp on dense screens.
        """
        bundle = super()._repr_mimebundle_(**kwargs)
        png, _ = self._render(2 * DPI)
        bundle["image/png"] = base64.b64encode(png).decode("ascii")
        return bundle, {"image/png": {"width": round(self.figsize[0] * DPI)}}

    def values(self):
        return {name: control.value for name, control in self.controls.items()}

    def set(self, **values):
        """Move controls from code, as a learner would with the mouse (used by tests and notebooks).

        However many controls move, the figure is redrawn once, after the last.
        """
        for name in values:
            if name not in self.controls:
                raise KeyError(f"{self.title} has no control {name!r}; it has {', '.join(self.controls)}")
        held, self._held = self._held, True
        try:
            for name, value in values.items():
                self.controls[name].value = on_grid(self.controls[name], value)
        finally:
            self._held = held
        if self._pending and not held:
            self.update()
        return self.text

    def update(self):
        self._pending = False
        self.image.value, self.text = self._render(DPI)
        self.readout.value = f"<pre style='margin:0'>{html.escape(self.text)}</pre>"

    def _render(self, dpi):
        """(PNG bytes, readout text) of the figure drawn for the controls' current values."""
        plotting.register_cjk_font()
        fig = Figure(figsize=self.figsize, dpi=dpi, layout="constrained")
        ax = fig.subplots()
        text = self.draw(ax, **self.values())
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=dpi)  # not the course style's savefig.dpi
        return buffer.getvalue(), text

    def _on_change(self, change):
        if self._held:
            self._pending = True
        else:
            self.update()


def on_grid(control, value):
    """value moved to the nearest position a FloatSlider can show: min + k step, rounded to step's decimals.

    The browser's slider snaps whatever it is given to that grid and sends the snapped value back;
    set from code off the grid, the kernel's value and the picture would disagree, or the echo would
    arrive after a later change and undo it. Other controls take their values as they are.
    """
    if not isinstance(control, widgets.FloatSlider):
        return value
    k = round((float(value) - control.min) / control.step)
    decimals = max(0, -math.floor(math.log10(control.step)) + 2)
    return round(control.min + k * control.step, decimals)


def _runs(names):
    """Names with every run of 3 or more numbered alike (x0, x1, ..., x63) written as "x0 … x63"."""
    parsed = [re.fullmatch(r"(.*?)(\d+)", name) for name in names]
    out, i = [], 0
    while i < len(names):
        j = i
        while (parsed[i] and j + 1 < len(names) and parsed[j + 1] and parsed[j + 1].group(1) == parsed[i].group(1)
               and int(parsed[j + 1].group(2)) == int(parsed[j].group(2)) + 1):
            j += 1
        out.append(f"{names[i]} … {names[j]}" if j - i >= 2 else names[i])
        i = j + 1 if j - i >= 2 else i + 1
    return out


def slider(description, value, low, high, step=None, integer=False):
    """A FloatSlider or IntSlider with the course's defaults (continuous_update so the figure follows the mouse)."""
    if integer:
        return widgets.IntSlider(value=value, min=low, max=high, step=step or 1, description=description,
                                 continuous_update=True)
    return widgets.FloatSlider(value=value, min=low, max=high, step=step or (high - low) / 100,
                               description=description, continuous_update=True, readout_format=".2f")


def signed(value, first=False):
    """A term of a readout formula: '+ 0.50' or '- 0.50', and '0.50' or '-0.50' as the first term.

    Rounded to 2 decimals before the sign is chosen, so a slider at -1e-17 never shows '-0.00'.
    """
    value = round(float(value), 2) + 0.0
    if first:
        return f"{value:.2f}"
    return f"{'-' if value < 0 else '+'} {abs(value):.2f}"
