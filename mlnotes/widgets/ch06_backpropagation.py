"""Demo of 06_backpropagation: one forward and one backward pass through a tiny network, one equation a step.

Every step is an equation of the notes (F9-F15) drawn with its matrices: each
cell shows its number, each block its name and shape, so the shapes of
Z = W A + b, dW = (1/m) dZ A^T and the rest can be read off the picture.
The numbers are the MLP's own (net.Z, net.A, net.dZ, net.grads).
"""
import numpy as np
from matplotlib import colormaps
from matplotlib.patches import Rectangle

from mlnotes.activations import sigmoid_prime
from mlnotes.losses import one_hot
from mlnotes.network import MLP
from mlnotes.widgets.demo import Demo, slider


def tiny_problem():
    """A [2, 3, 2] network (sigmoid hidden layer, softmax output) and m = 4 examples with one-hot labels Y.

    m differs from every layer size, so no two shapes in a pass can be mistaken for each other.
    """
    net = MLP([2, 3, 2], hidden="sigmoid", output="softmax", seed=1)
    X = np.array([[1.0, -0.5, 2.0, 0.0],
                  [0.5, 1.5, -1.0, -2.0]])
    Y = one_hot(np.array([0, 1, 1, 0]), 2)
    return net, X, Y


def pass_steps(net, X, Y):
    """The steps of one forward and one backward pass of a two-layer net with a sigmoid hidden layer.

    Returns a list of (phase, equation, terms): terms are (name, array)
    blocks and operator strings, the last block being the step's result.
    """
    if net.L != 2 or net.hidden != "sigmoid":
        raise ValueError(f"pass_steps draws a two-layer network with a sigmoid hidden layer, got "
                         f"layer sizes {net.layer_sizes} and hidden={net.hidden!r}")
    net.forward(X)
    grads = net.backward(Y)
    P = {name: p.copy() for name, p in net.params.items()}  # a snapshot: later training must not change it
    Z, A, dZ = net.Z, net.A, net.dZ
    m = X.shape[1]
    frac = f"(1/{m})"
    return [
        ("forward", "Z1 = W1 A0 + b1",
         [("W1", P["W1"]), "@", ("A0 = X", A[0]), "+", ("b1", P["b1"]), "=", ("Z1", Z[1])]),
        ("forward", "A1 = σ(Z1)", ["σ", ("Z1", Z[1]), "=", ("A1", A[1])]),
        ("forward", "Z2 = W2 A1 + b2", [("W2", P["W2"]), "@", ("A1", A[1]), "+", ("b2", P["b2"]), "=", ("Z2", Z[2])]),
        ("forward", "Ŷ = A2 = softmax(Z2)", ["softmax", ("Z2", Z[2]), "=", ("A2 = Ŷ", A[2])]),
        ("backward", "dZ2 = Ŷ − Y", [("Ŷ", A[2]), "−", ("Y", Y), "=", ("dZ2", dZ[2])]),
        ("backward", "dW2 = (1/m) dZ2 A1ᵀ", [frac, ("dZ2", dZ[2]), "@", ("A1ᵀ", A[1].T), "=", ("dW2", grads["dW2"])]),
        ("backward", "db2 = (1/m) Σ dZ2 (over the examples)",
         [frac + " Σ", ("dZ2", dZ[2]), "=", ("db2", grads["db2"])]),
        ("backward", "dZ1 = W2ᵀ dZ2 * σ′(Z1)",
         [("W2ᵀ", P["W2"].T), "@", ("dZ2", dZ[2]), "*", ("σ′(Z1)", sigmoid_prime(Z[1])), "=", ("dZ1", dZ[1])]),
        ("backward", "dW1 = (1/m) dZ1 A0ᵀ", [frac, ("dZ1", dZ[1]), "@", ("A0ᵀ", A[0].T), "=", ("dW1", grads["dW1"])]),
        ("backward", "db1 = (1/m) Σ dZ1 (over the examples)",
         [frac + " Σ", ("dZ1", dZ[1]), "=", ("db1", grads["db1"])]),
    ]


def step_shapes(terms):
    """The shapes of one step, e.g. "(3, 2) @ (2, 3) + (3, 1) = (3, 3)"."""
    return " ".join(str(t[1].shape) if isinstance(t, tuple) else t for t in terms)


def draw_matrices(ax, terms):
    """Draw blocks of numbers and the operators between them, left to right; values coloured blue + / red −."""
    cmap = colormaps["RdBu"]
    x, tallest = 0.0, max(t[1].shape[0] for t in terms if isinstance(t, tuple))
    for term in terms:
        if not isinstance(term, tuple):
            width = 0.35 + 0.22 * len(term)
            ax.text(x + width / 2, 0, term, ha="center", va="center", fontsize=12)
            x += width
            continue
        name, M = term
        rows, cols = M.shape
        scale = max(float(np.abs(M).max()), 1e-12)
        decimals = 3 if 1e-12 < scale < 0.1 else 2  # small gradients still show a digit or two; zeros stay 0.00
        for r in range(rows):
            for c in range(cols):
                value = M[r, c]
                y = rows / 2 - r - 1
                ax.add_patch(Rectangle((x + c, y), 1, 1, facecolor=cmap(0.5 + 0.4 * value / scale),
                                       edgecolor="0.3", linewidth=0.6))
                ax.text(x + c + 0.5, y + 0.5, f"{value:.{decimals}f}", ha="center", va="center", fontsize=7,
                        color="white" if abs(value) > 0.6 * scale else "black")
        ax.text(x + cols / 2, rows / 2 + 0.25, name, ha="center", va="bottom", fontsize=10)
        ax.text(x + cols / 2, -rows / 2 - 0.25, f"{rows}×{cols}", ha="center", va="top", fontsize=8, color="0.35")
        x += cols + 0.25
    ax.set_xlim(-0.3, x + 0.1)
    ax.set_ylim(-tallest / 2 - 1.0, tallest / 2 + 1.0)
    ax.set_aspect("equal")
    ax.axis("off")


def draw_pass_step(ax, steps, step=1):
    """Draw step number `step` (1-based) of pass_steps(...); returns the readout: phase, equation, shapes."""
    if not 1 <= step <= len(steps):
        raise ValueError(f"step must be from 1 to {len(steps)}, got {step}")
    phase, equation, terms = steps[step - 1]
    draw_matrices(ax, terms)
    ax.set_title(f"{phase} pass · {equation}", fontsize=11)
    return f"step {step}/{len(steps)} ({phase}): {equation}    shapes {step_shapes(terms)}"


def backprop_explorer(net, X, Y):
    """A slider through the steps of one forward and one backward pass of net on (X, Y)."""
    steps = pass_steps(net, X, Y)
    controls = {"step": slider("step", 1, 1, len(steps), integer=True)}
    return Demo("one forward and one backward pass, step by step",
                lambda ax, step: draw_pass_step(ax, steps, step), controls, figsize=(9.0, 2.9))
