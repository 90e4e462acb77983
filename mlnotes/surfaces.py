"""Loss surfaces to watch gradient descent on (source notes: 梯度下降).

Two small losses whose minimum is known, each with its gradient, for notebook 05:

    parabola   J(w) = (w - 2)^2              dJ/dw = 2 (w - 2)           minimum J = 0 at w = 2
    valley     J(w) = 0.025 w1^2 + 5 w2^2    grad  = (0.05 w1, 10 w2)    minimum J = 0 at (0, 0)

The valley is a long, narrow groove: its curvature across (w2) is 10, along
it (w1) 0.05, two hundred times less. The learning rate of gradient descent must
suit the steep direction (lr < 2 / 10, or the steps across the groove grow)
and then crawls along the flat one; momentum and Adam were made for that.

A loss J takes w, a 1-D array of coordinates, and returns a number; its
gradient returns an array of w's shape. SURFACES maps a name to (J, grad,
start, window): where the notebook starts descending and the (w1, w2)
window its figures show.
"""
import numpy as np

from mlnotes._validate import as_array


def _coordinates(w, n):
    w = as_array(w, "w")
    if w.shape != (n,):
        raise ValueError(f"w must hold {n} coordinate{'s' if n > 1 else ''}, shape ({n},), got shape {w.shape}")
    return w


def parabola(w):
    """J(w) = (w - 2)^2 for w of shape (1,): one parameter, minimum 0 at w = 2."""
    w = _coordinates(w, 1)
    return float((w[0] - 2.0) ** 2)


def parabola_grad(w):
    """dJ/dw = 2 (w - 2): negative left of the minimum, positive right of it."""
    w = _coordinates(w, 1)
    return 2.0 * (w - 2.0)


def valley(w):
    """J(w1, w2) = 0.025 w1^2 + 5 w2^2 for w of shape (2,): a narrow valley along w1, minimum 0 at (0, 0)."""
    w = _coordinates(w, 2)
    return float(0.025 * w[0] ** 2 + 5.0 * w[1] ** 2)


def valley_grad(w):
    """(dJ/dw1, dJ/dw2) = (0.05 w1, 10 w2): gentle along the valley, steep across it."""
    w = _coordinates(w, 2)
    return np.array([0.05 * w[0], 10.0 * w[1]])


SURFACES = {
    "parabola": (parabola, parabola_grad, np.array([-1.0]), ((-2.0, 6.0),)),
    "valley": (valley, valley_grad, np.array([-4.0, 1.5]), ((-4.5, 1.5), (-2.0, 2.0))),
}


def on_grid(J, xlim, ylim, n=81):
    """J at every point of an n x n grid over xlim x ylim: (W1, W2, values), ready for plt.contour.

    J is any function of a 1-D array (w1, w2) returning a number, so the
    same helper draws these surfaces and the loss of a model with two parameters.
    """
    W1, W2 = np.meshgrid(np.linspace(*xlim, n), np.linspace(*ylim, n))
    values = np.array([J(np.array([w1, w2])) for w1, w2 in zip(W1.ravel(), W2.ravel())])
    return W1, W2, values.reshape(W1.shape)
