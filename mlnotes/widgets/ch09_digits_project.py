"""Demos of 09_digits_project: draw a digit for the trained network, and look inside it layer by layer.

draw_digit_guess shows the network's probabilities for a drawing (64 cells, ink or not);
digit_drawer wires it to an 8×8 grid of toggle buttons, one per input x0 ... x63, and a
dropdown that starts from a blank grid or from a test digit. draw_layer_activations shows
every layer's activations A[0], A[1], ..., A[L] for one image; activation_explorer picks it.
"""
import ipywidgets as widgets
import numpy as np

from mlnotes.widgets.demo import Demo, slider

#: The names of the 64 cells: input x_i is row i // 8, column i % 8 of the image (X[:, k].reshape(8, 8)).
CELLS = [f"x{i}" for i in range(64)]
#: Units per row when a hidden layer's activations are drawn as an image.
UNITS_PER_ROW = 16


def _column(x, name="pixels"):
    x = np.asarray(x, dtype=float)
    if x.shape not in ((64,), (64, 1)):
        raise ValueError(f"{name} must hold the 64 pixels of one 8×8 image, got shape {x.shape}")
    return x.reshape(64, 1)


def _split(ax, widths):
    """Panels side by side inside ax (which is hidden): one inset axes per width (fractions of ax)."""
    ax.axis("off")
    gap = 0.09
    scale = (1 - gap * (len(widths) - 1)) / sum(widths)
    panels, left = [], 0.0
    for width in widths:
        panels.append(ax.inset_axes([left, 0.0, width * scale, 0.86]))
        left += width * scale + gap
    return panels


def _image(ax, values, title, cmap="gray_r", vmin=0.0, vmax=1.0):
    ax.imshow(values, cmap=cmap, vmin=vmin, vmax=vmax)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    ax.spines[:].set_visible(True)  # a frame all round: white pixels at the edge are part of the image
    ax.set_title(title, fontsize=9)


def _probability_bars(ax, p, highlight, title):
    ax.bar(range(p.size), p, color=["#C44E52" if c == highlight else "#4C72B0" for c in range(p.size)])
    ax.set_xticks(range(p.size))
    ax.set_ylim(0, 1.05)
    ax.set_xlabel("digit")
    ax.set_ylabel("p")
    ax.set_title(title, fontsize=9)


def draw_digit_guess(ax, net, pixels, prepare=None):
    """The drawing (64 values, 1 = ink) and the network's probabilities for it; returns the readout.

    prepare: what the network's inputs went through in training (e.g. a Standardizer), applied
    to the drawing too.
    """
    x = _column(pixels)
    p = net.forward(prepare(x) if prepare is not None else x)[:, 0]
    first, second = np.argsort(-p, kind="stable")[:2]
    drawing, bars = _split(ax, [1.0, 2.2])
    _image(drawing, x.reshape(8, 8), "what the network gets")
    _probability_bars(bars, p, first, f"the network reads a {first}")
    on = int(np.count_nonzero(x))
    return (f"reads a {first} (p = {p[first]:.2f}), next a {second} (p = {p[second]:.2f}); "
            f"{on} of 64 cells inked")


def presets(X, y, threshold=0.5):
    """{"blank": no ink, "test image k (a d)": the first image of each digit d, inked where its pixel >= threshold}."""
    found = {"blank": np.zeros(64, dtype=bool)}
    for digit in np.unique(y):
        k = int(np.flatnonzero(y == digit)[0])
        found[f"test image {k} (a {digit})"] = X[:, k] >= threshold
    return found


def digit_drawer(net, X, y, prepare=None, start=3):
    """Click cells of an 8×8 grid to draw a digit; the network's probabilities follow every click.

    The dropdown starts the drawing from a blank grid or from an image of X (the first of
    each digit, turned black and white); start: the digit whose image is drawn at first.
    """
    options = presets(X, y)
    first = next((name for name in options if name.endswith(f"(a {start})")), "blank")
    # The first row of the grid, all 8 columns wide (JupyterLab's widgets apply grid_area, not grid_column).
    choose = widgets.Dropdown(options=list(options), value=first, description="start from",
                              layout=widgets.Layout(grid_area="1 / 1 / 2 / 9", width="auto"))
    cells = {name: widgets.ToggleButton(value=bool(on), tooltip=name,
                                        layout=widgets.Layout(width="30px", height="30px", padding="0"))
             for name, on in zip(CELLS, options[first])}
    for cell in cells.values():
        _ink(cell)
        cell.observe(lambda change: _ink(change.owner), names="value")

    def load(change):
        demo.set(**{name: bool(on) for name, on in zip(CELLS, options[change.new])})

    # Observed before the Demo's own observer: a choice first sets the cells, then the figure follows.
    choose.observe(load, names="value")
    grid = widgets.Layout(display="grid", grid_template_columns="repeat(8, 30px)", grid_gap="2px",
                          width="fit-content")
    demo = Demo("draw a digit: click the cells", lambda ax, start, **values:
                draw_digit_guess(ax, net, [values[name] for name in CELLS], prepare),
                {"start": choose, **cells}, figsize=(7.0, 3.0), controls_layout=grid)
    return demo


def _ink(cell):
    """An inked cell is drawn dark (button_style), so the grid looks like the drawing."""
    cell.button_style = "primary" if cell.value else ""


def draw_layer_activations(ax, net, X, y, index, prepare=None):
    """Every layer's activations for image `index` of X: the input, each hidden layer, the output; returns the readout.

    Hidden units are drawn UNITS_PER_ROW to a row, unit 0 at the top left.
    """
    x = _column(X[:, index], "the image")
    p = net.forward(prepare(x) if prepare is not None else x)[:, 0]
    hidden = [a[:, 0] for a in net.A[1:-1]]
    predicted = int(np.argmax(p))
    panels = _split(ax, [1.0] + [2.0] * len(hidden) + [2.0])
    _image(panels[0], x.reshape(8, 8), f"A[0]: the {x.size} pixels")
    relu_like = net.hidden in ("relu", "leaky_relu")
    counts = []
    for l, (panel, a) in enumerate(zip(panels[1:-1], hidden), start=1):
        rows = -(-a.size // UNITS_PER_ROW)
        grid = np.full(rows * UNITS_PER_ROW, np.nan)
        grid[:a.size] = a
        active = int(np.sum(a > 0)) if relu_like else int(np.sum(a > 0.5))
        counts.append(f"layer {l}: {active} of {a.size} units {'active (a > 0)' if relu_like else 'above 0.5'}")
        _image(panel, grid.reshape(rows, UNITS_PER_ROW), f"A[{l}]: {a.size} {net.hidden} units", cmap="Greens",
               vmax=max(float(a.max()), 1e-12))
    _probability_bars(panels[-1], p, predicted, f"A[{net.L}]: softmax, reads a {predicted}")
    return f"image {index}: a {y[index]}, read as a {predicted} (p = {p[predicted]:.2f}); " + "; ".join(counts)


def activation_explorer(net, X, y, prepare=None):
    """Pick an image of X (or only the ones the network gets wrong) and see every layer's activations."""
    wrong = np.flatnonzero(net.predict(prepare(X) if prepare is not None else X) != y)
    controls = {"number": slider("number", 0, 0, X.shape[1] - 1, integer=True),
                "show": widgets.Dropdown(options=["every image", "mistakes only"], value="every image",
                                         description="show")}

    def draw(ax, number, show):
        if show == "mistakes only" and wrong.size:
            index = int(wrong[number % wrong.size])
            prefix = f"mistake {number % wrong.size + 1} of {wrong.size}: "
        else:
            index, prefix = number, ""
        return prefix + draw_layer_activations(ax, net, X, y, index, prepare)

    return Demo("every layer of the network, for one image", draw, controls, figsize=(9.0, 2.8))
