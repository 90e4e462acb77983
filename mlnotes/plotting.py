"""Figures shared by the notebooks: the course style and the network diagram
(source notes: 神经网络 — the mermaid diagram 输入层 → 隐藏层 → 输出层 drawn for real).

Pure matplotlib: nothing here needs Graphviz or any program outside Python.
"""
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from matplotlib import font_manager
from matplotlib.patches import Circle

from mlnotes._validate import as_array

CJK_FONT = Path(__file__).with_name("fonts") / "mlnotes-cjk.ttf"
#: Latin text from DejaVu Sans; Chinese glyphs fall back to the bundled subset.
FONT_FAMILY = ["DejaVu Sans", "Droid Sans Fallback"]

COLORS = {"input": "#4C72B0", "hidden": "#55A868", "output": "#C44E52", "positive": "#1f5fbf", "negative": "#d62728"}


def register_cjk_font():
    """Make the bundled Chinese font known to matplotlib (safe to call again)."""
    names = {f.fname for f in font_manager.fontManager.ttflist}
    if str(CJK_FONT) not in names:
        font_manager.fontManager.addfont(str(CJK_FONT))


def use_course_style():
    """Figure size, grid and fonts used by every notebook, so figures look alike and stay small."""
    register_cjk_font()
    plt.rcParams.update({
        "figure.figsize": (6.0, 3.6),
        "figure.dpi": 80,
        "savefig.dpi": 80,
        "font.family": FONT_FAMILY,
        "axes.grid": True,
        "grid.alpha": 0.3,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.titlesize": "medium",
    })


def layer_names(n_layers):
    """English and Chinese names of the layers of a network with n_layers layers (inputs included)."""
    if n_layers < 2:
        raise ValueError(f"a network has at least an input and an output layer, got {n_layers} layer(s)")
    names = [("input layer", "输入层")]
    names += [(f"hidden layer {l}", f"隐藏层 {l}") for l in range(1, n_layers - 1)]
    names.append(("output layer", "输出层"))
    return names


def _shown(n, max_shown):
    """Indices of the neurons drawn for a layer of n: all of them, or the first and last few."""
    if n <= max_shown:
        return list(range(n))
    k = max_shown // 2
    return list(range(k)) + list(range(n - k, n))


def _check_sizes(layer_sizes):
    if isinstance(layer_sizes, (str, bytes)) or not hasattr(layer_sizes, "__len__"):
        raise TypeError(f"layer_sizes must be a list of neuron counts such as [2, 3, 1], "
                        f"got {type(layer_sizes).__name__}")
    sizes = list(layer_sizes)
    if len(sizes) < 2:
        raise ValueError(f"layer_sizes needs at least an input and an output layer, got {sizes}")
    for n in sizes:
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
            raise ValueError(f"every layer needs a positive whole number of neurons, got {sizes}")
    return [int(n) for n in sizes]


def draw_network(layer_sizes, weights=None, values=None, ax=None, max_shown=6):
    """Draw a fully connected network from its layer sizes, e.g. draw_network([2, 3, 1]).

    Neurons are circles, weights are lines, and each layer is labelled
    input / hidden / output (输入层 / 隐藏层 / 输出层) with its activation
    vector a^(l) above it. Pass weights = [W1, W2, ...] (W_l of shape
    (n_l, n_(l-1))) to colour each line by the sign of its weight (blue +,
    red -) and make its width follow the weight's size. Pass values =
    [a0, a1, ...] (one 1-D array per layer) to write each neuron's
    activation inside its circle. Layers larger than
    max_shown show their first and last few neurons with a gap between.
    Returns the matplotlib Axes.
    """
    sizes = _check_sizes(layer_sizes)
    if weights is not None:
        weights = [as_array(W, f"weights[{l}]") for l, W in enumerate(weights)]
        if len(weights) != len(sizes) - 1:
            raise ValueError(f"a network with {len(sizes)} layers has {len(sizes) - 1} weight matrices, "
                             f"got {len(weights)}")
        for l, W in enumerate(weights, start=1):
            if W.shape != (sizes[l], sizes[l - 1]):
                raise ValueError(f"W{l} must have shape {(sizes[l], sizes[l - 1])} (n_{l}, n_{l - 1}), got {W.shape}")
    if values is not None:
        values = [as_array(a, f"values[{l}]") for l, a in enumerate(values)]
        if [a.shape for a in values] != [(n,) for n in sizes]:
            raise ValueError(f"values needs one 1-D array per layer with shapes {[(n,) for n in sizes]}, "
                             f"got {[a.shape for a in values]}")
    if ax is None:
        _, ax = plt.subplots(figsize=(1.8 * len(sizes) + 0.6, 3.6))

    shown = [_shown(n, max_shown) for n in sizes]
    tallest = max(len(s) for s in shown)
    dx = max(3.0, 0.6 * tallest)  # distance between layers, in neuron spacings: room for the labels
    positions = []  # (x, y) of every drawn neuron, layer by layer
    for l, idx in enumerate(shown):
        gap = 1 if sizes[l] > max_shown else 0  # room for the dots
        ys = np.arange(len(idx) + gap, dtype=float)[::-1] - (len(idx) + gap - 1) / 2
        if gap:
            ys = np.concatenate([ys[: len(idx) // 2], ys[len(idx) // 2 + 1:]])
            ax.text(dx * l, 0, "⋮", ha="center", va="center", fontsize=14)
        positions.append([(dx * l, y) for y in ys])

    w_max = max((np.abs(W).max() for W in weights), default=0.0) if weights else 0.0
    for l in range(1, len(sizes)):
        for j, (x1, y1) in zip(shown[l], positions[l]):
            for i, (x0, y0) in zip(shown[l - 1], positions[l - 1]):
                if weights is None or w_max == 0:
                    color, width = "0.6", 0.8
                else:
                    w = weights[l - 1][j, i]
                    color = COLORS["positive"] if w >= 0 else COLORS["negative"]
                    width = 0.3 + 3.0 * abs(w) / w_max
                ax.plot([x0, x1], [y0, y1], color=color, linewidth=width, zorder=1)

    names = layer_names(len(sizes))
    radius = 0.3 if values is None else 0.4
    for l, pts in enumerate(positions):
        kind = "input" if l == 0 else "output" if l == len(sizes) - 1 else "hidden"
        for i, (x, y) in zip(shown[l], pts):
            ax.add_patch(Circle((x, y), radius, facecolor=COLORS[kind], edgecolor="black", zorder=2))
            if values is not None:
                ax.text(x, y, f"{values[l][i]:.2f}", ha="center", va="center", color="white",
                        fontsize=7, zorder=3)
        top = (tallest + 1) / 2
        if l == 0:
            label = r"$a^{(0)} = x$"
        else:  # %d, not an f-string: LaTeX's braces stay single
            label = (r"$a^{(%d)} = \hat{y}$" if kind == "output" else r"$a^{(%d)}$") % l
        ax.text(dx * l, top + 0.15, label, ha="center", va="bottom")
        english, chinese = names[l]
        ax.text(dx * l, -top - 0.1, f"{english}\n{chinese}\n{sizes[l]} neuron{'s' if sizes[l] > 1 else ''}",
                ha="center", va="top", family=FONT_FAMILY, fontsize=9)

    ax.set_xlim(-1.4, dx * (len(sizes) - 1) + 1.4)
    ax.set_ylim(-(tallest + 1) / 2 - 1.4, (tallest + 1) / 2 + 0.7)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax
