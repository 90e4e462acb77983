"""Demo of 02_neuron: one neuron with two inputs, a = g(w1 x1 + w2 x2 + b), over the input plane."""
import ipywidgets as widgets
import numpy as np
from matplotlib import patheffects

from mlnotes.activations import ACTIVATIONS
from mlnotes.neuron import dense_forward, neuron_forward
from mlnotes.widgets.demo import Demo, signed, slider

#: The input the readout reports, the same for every setting so that changes can be compared.
PROBE = (1.0, 1.0)
LIMIT = 3.0  # the plane shown: -LIMIT <= x1, x2 <= LIMIT


def neuron_surface(w1, w2, b, activation, n=61):
    """Grids x1, x2 (n, n) and the neuron's activation a on them.

    The n * n grid points are one batch of examples as columns, A_prev of
    shape (2, n * n), pushed through a layer of one neuron: W (1, 2), b (1, 1).
    """
    x = np.linspace(-LIMIT, LIMIT, n)
    X1, X2 = np.meshgrid(x, x)
    A_prev = np.vstack([X1.ravel(), X2.ravel()])
    _, A = dense_forward(A_prev, np.array([[w1, w2]]), np.array([[b]]), activation)
    return X1, X2, A.reshape(X1.shape)


def draw_neuron(ax, w1=1.0, w2=-0.5, b=0.0, activation="sigmoid"):
    """Colour the plane by a = g(w1 x1 + w2 x2 + b); dashed: where z = 0; arrow: w. Returns the readout."""
    X1, X2, A = neuron_surface(w1, w2, b, activation)
    image = ax.imshow(A, origin="lower", extent=(-LIMIT, LIMIT, -LIMIT, LIMIT), cmap="viridis", aspect="equal")
    ax.figure.colorbar(image, ax=ax, label=f"a = {activation}(z)")
    if w1 or w2:
        t = np.linspace(-3 * LIMIT, 3 * LIMIT, 2)  # the line w1 x1 + w2 x2 + b = 0, long enough to cross the plane
        norm2 = w1 * w1 + w2 * w2
        ax.plot(-b * w1 / norm2 - w2 * t, -b * w2 / norm2 + w1 * t, "w--", linewidth=1.5, label="z = 0")
        ax.annotate("", xy=(w1, w2), xytext=(0, 0), arrowprops={"arrowstyle": "->", "color": "white", "linewidth": 2})
        # The label sits beside the shaft, not past the tip (a tip in a corner, w1 = w2 = 3, is on the
        # frame): on its upper side, away from the legend in the lower left (its right side if w is vertical).
        beside = np.array([-w2, w1]) / np.hypot(w1, w2)
        if beside[1] < 0 or (beside[1] == 0 and beside[0] < 0):
            beside = -beside
        ax.annotate("w", xy=(0.8 * w1, 0.8 * w2), xytext=10 * beside, textcoords="offset points", color="white",
                    ha="center", va="center", path_effects=[patheffects.withStroke(linewidth=2, foreground="black")])
        ax.legend(loc="lower left", fontsize=8)
    ax.plot(*PROBE, "o", color="white", markeredgecolor="black")
    ax.set_xlim(-LIMIT, LIMIT)
    ax.set_ylim(-LIMIT, LIMIT)
    ax.set_xlabel("x1")
    ax.set_ylabel("x2")
    ax.grid(False)
    z, a = neuron_forward(PROBE, [w1, w2], b, activation)
    return (f"z = {signed(w1, first=True)} x1 {signed(w2)} x2 {signed(b)};  at x = ({PROBE[0]:g}, {PROBE[1]:g}): "
            f"z = {z:.3f}, a = {activation}(z) = {a:.3f}")


def neuron_explorer():
    """Sliders for w1, w2 and b and a menu for g; the plane is coloured by the neuron's output."""
    controls = {"w1": slider("w1", 1.0, -3.0, 3.0, step=0.1), "w2": slider("w2", -0.5, -3.0, 3.0, step=0.1),
                "b": slider("b", 0.0, -3.0, 3.0, step=0.1),
                "activation": widgets.Dropdown(options=list(ACTIVATIONS), value="sigmoid", description="g")}
    return Demo("one neuron: a = g(w1 x1 + w2 x2 + b)", draw_neuron, controls, figsize=(5.6, 4.2))
