"""Demos of 03_activation_functions: the notes' two-ReLU formula, and a curve built from N ReLU units."""
import ipywidgets as widgets
import numpy as np

from mlnotes.activations import relu, relu_sum
from mlnotes.widgets.demo import Demo, signed, slider

#: Curves the builder can follow: name -> (function, left end, right end). Each is 0 at its left
#: end, where every unit of units_through is still 0.
TARGETS = {
    "sine": (np.sin, 0.0, 2 * np.pi),
    "parabola": (lambda x: x * x, 0.0, 2.0),
    "step": (lambda x: 1.0 / (1.0 + np.exp(-4.0 * (x - 2.0))) - 1.0 / (1.0 + np.exp(8.0)), 0.0, 4.0),
}


def relu_sum_formula(c, w, b, x="x", per_line=3):
    """The notes' formula with numbers: '1.00 max(0, 0.00 + 1.00 x) - 1.00 max(0, -1.00 + 1.00 x)'.

    A new line starts after every per_line units, so long sums stay readable.
    """
    text = ""
    for k, (c_k, w_k, b_k) in enumerate(zip(c, w, b)):
        if k:
            text += "\n  " if k % per_line == 0 else " "
        text += f"{signed(c_k, first=k == 0)} max(0, {signed(b_k, first=True)} {signed(w_k)} {x})"
    return text


def units_through(xs, ys):
    """(c, w, b) of len(xs) - 1 ReLU units whose sum joins the points (xs[k], ys[k]) with straight lines.

    Unit k bends at x = xs[k] (w = 1, b = -xs[k]); its c is how much the
    slope changes there: c_0 is the first segment's slope, c_k the next
    slope minus the one before. Every unit is 0 left of its kink, so the
    curve starts at 0: ys[0] must be 0.
    """
    xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    if xs.ndim != 1 or xs.shape != ys.shape or xs.size < 2:
        raise ValueError(f"xs and ys need the same 1-D shape with at least 2 points, got {xs.shape} and {ys.shape}")
    if np.any(np.diff(xs) <= 0):
        raise ValueError("xs must be increasing")
    if ys[0] != 0:
        raise ValueError(f"a sum of ReLU units bending at xs is 0 left of xs[0], so ys[0] must be 0, got {ys[0]:g}")
    slopes = np.diff(ys) / np.diff(xs)
    c = np.diff(slopes, prepend=0.0)
    return c, np.ones_like(c), 0.0 - xs[:-1]  # 0.0 - x, not -x: no -0.00 in the printed formula


def draw_relu_pair(ax, c=1.0, w=1.0, b=0.0, c2=-1.0, w2=1.0, b2=-1.0):
    """The notes' c max(0, b + w x) + c' max(0, b' + w' x): both units thin, their sum thick, ReLU grey."""
    x = np.linspace(-3, 3, 301)
    ax.plot(x, relu(x), color="0.7", linewidth=5, label="ReLU max(0, x)")
    ax.plot(x, c * relu(b + w * x), "--", label="c max(0, b + w x)")
    ax.plot(x, c2 * relu(b2 + w2 * x), "--", label="c' max(0, b' + w' x)")
    ax.plot(x, relu_sum(x, [c, c2], [w, w2], [b, b2]), color="black", linewidth=2,
            label="their sum (the notes' formula)")
    ax.set_xlabel("x1")
    ax.set_ylabel("output")
    ax.set_ylim(-3, 3)
    ax.legend(loc="upper left", fontsize=8)
    kinks = ", ".join(signed(-b_k / w_k, first=True) for b_k, w_k in ((b, w), (b2, w2)) if w_k != 0)
    return f"{relu_sum_formula([c, c2], [w, w2], [b, b2], 'x1')}    kinks at x1 = {kinks or 'none'}"


def draw_relu_fit(ax, units=4, target="sine"):
    """A target curve and the sum of `units` ReLU units that joins `units` + 1 of its points."""
    f, lo, hi = TARGETS[target]
    knots = np.linspace(lo, hi, units + 1)
    c, w, b = units_through(knots, f(knots))
    x = np.linspace(lo, hi, 400)
    fit = relu_sum(x, c, w, b)
    ax.plot(x, f(x), color="0.6", linewidth=4, label=f"target: {target}")
    for k in range(units):
        ax.plot(x, c[k] * relu(b[k] + w[k] * x), linewidth=0.8, alpha=0.6, label="one unit each" if k == 0 else None)
    ax.plot(x, fit, color="black", linewidth=2, label=f"sum of {units} ReLU unit{'s' if units > 1 else ''}")
    ax.plot(knots, f(knots), "o", color="black", markersize=4)
    span = f(x).max() - f(x).min()
    ax.set_ylim(f(x).min() - 0.3 * span, f(x).max() + 0.3 * span)
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.legend(loc="best", fontsize=8)
    error = np.max(np.abs(fit - f(x)))
    return f"largest error {error:.4f}\ny = {relu_sum_formula(c, w, b)}"


def relu_pair_explorer():
    """Six sliders for the notes' formula c max(0, b + w x1) + c' max(0, b' + w' x1)."""
    controls = {name: slider(name, value, -2.0, 2.0, step=0.1)
                for name, value in (("c", 1.0), ("w", 1.0), ("b", 0.0), ("c2", -1.0), ("w2", 1.0), ("b2", -1.0))}
    return Demo("the notes' formula F4: two ReLU units", draw_relu_pair, controls,
                figsize=(6.0, 3.6))


def relu_fit_explorer():
    """A slider for the number of ReLU units and a menu of target curves; the sum follows the target."""
    controls = {"units": slider("units", 4, 1, 12, integer=True),
                "target": widgets.Dropdown(options=list(TARGETS), value="sine", description="target")}
    return Demo("a curve from N ReLU units", draw_relu_fit, controls, figsize=(6.0, 3.6))
