"""Figures and demo of 05_gradient_descent: optimisers' paths on a loss surface.

draw_surface and draw_path draw contours and a path in (w1, w2); draw_path_1d
draws a path on a curve J(w); describe_run says in one line where a run
ended. draw_descent puts them together for the demo, whose controls are the
optimiser, the learning rate and the number of steps.
"""
from functools import lru_cache

import ipywidgets as widgets
import numpy as np

from mlnotes.optim import make_optimizer, minimize
from mlnotes.surfaces import SURFACES, on_grid
from mlnotes.widgets.demo import Demo, slider

#: The optimisers' names as the notebook and the demo print them.
OPTIMIZER_NAMES = {"sgd": "gradient descent", "momentum": "momentum", "adam": "Adam"}

# The demo redraws the same surface on every move of a control: compute its grid once.
_grid = lru_cache(maxsize=8)(on_grid)


def draw_surface(ax, J, xlim, ylim, minimum=None, n=81):
    """Contours of J over the window xlim x ylim, spaced geometrically so that the floor shows too."""
    W1, W2, values = _grid(J, tuple(xlim), tuple(ylim), n)
    low, high = values.min(), values.max()
    levels = low + (high - low) * np.geomspace(1e-3, 1.0, 13)
    ax.contourf(W1, W2, values, levels=levels, cmap="Blues", alpha=0.35)
    ax.contour(W1, W2, values, levels=levels, colors="#4C72B0", linewidths=0.6)
    if minimum is not None:
        ax.plot(*minimum, marker="*", color="black", markersize=12, linestyle="none", label="minimum")
    ax.set_xlim(xlim)
    ax.set_ylim(ylim)
    ax.set_xlabel("w1")
    ax.set_ylabel("w2")
    ax.grid(False)


def draw_path(ax, path, label, color=None, **style):
    """A path of points (w1, w2), one per step, as dots joined by lines; the start is a hollow circle.

    style goes to ax.plot (e.g. markersize=0 for a long path).
    """
    style = {"marker": "o", "markersize": 3, "linewidth": 1.2} | style
    line, = ax.plot(path[:, 0], path[:, 1], color=color, label=label, **style)
    ax.plot(path[0, 0], path[0, 1], "o", markersize=9, markerfacecolor="none", color=line.get_color())
    return line


def draw_path_1d(ax, J, path, xlim, ylim=None, color="#C44E52"):
    """The curve J(w) over xlim and the points (w_k, J(w_k)) of a path of one parameter, joined step by step."""
    grid = np.linspace(*xlim, 200)
    ax.plot(grid, [J(np.array([w])) for w in grid], color="#4C72B0", label="J(w)")
    w = path[:, 0]
    ax.plot(w, [J(path[k]) for k in range(len(path))], "o-", markersize=4, linewidth=1, color=color,
            label=f"{len(path) - 1} steps from w = {w[0]:g}")
    ax.set_xlim(xlim)
    if ylim is not None:
        ax.set_ylim(ylim)
    ax.set_xlabel("w")
    ax.set_ylabel("loss J(w)")


def describe_run(J, path, steps):
    """One line on where `steps` steps of a descent ended: the final point and loss, or that it diverged.

    minimize stops a path early when |w| passes 1e6; a path that is not
    stopped but ends higher than it started is diverging too.
    """
    if len(path) < steps + 1:
        return f"diverged after {_steps(len(path) - 1)} (|w| passed 1e6)"
    start, end = J(path[0]), J(path[-1])
    point = ", ".join(f"{round(float(x), 3) + 0.0:.3f}" for x in path[-1])  # + 0.0 prints -0.000 as 0.000
    if end > start:
        return f"diverging: J grew from {start:.4g} to {end:.4g} in {_steps(steps)}, w = ({point})"
    return f"after {_steps(steps)} w = ({point}), J = {end:.4g}"


def _steps(n):
    return f"{n} step" if n == 1 else f"{n} steps"


def descend(surface, optimizer, lr, steps):
    """The path of `steps` steps of optimizer ('sgd', 'momentum', 'adam') with learning rate lr on SURFACES[surface]."""
    _, grad, start, _ = SURFACES[surface]
    return minimize(grad, start, make_optimizer(optimizer, lr), steps)


def draw_descent(ax, optimizer="sgd", lr=0.1, steps=50):
    """The optimiser's path on the valley J = 0.025 w1^2 + 5 w2^2; returns the settings and describe_run's line."""
    J, _, _, (xlim, ylim) = SURFACES["valley"]
    path = descend("valley", optimizer, lr, steps)
    name = OPTIMIZER_NAMES[optimizer]
    draw_surface(ax, J, xlim, ylim, minimum=(0.0, 0.0))
    draw_path(ax, path, label=name, color="#C44E52")
    ax.set_title(f"{name}, lr = {lr:.3g}, J = 0.025 w1² + 5 w2²")
    ax.set_aspect("equal")
    return f"{name}, lr = {lr:.3g}: {describe_run(J, path, steps)}"


LEARNING_RATES = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.15, 0.19, 0.2, 0.21, 0.3, 0.37, 0.38, 0.39,
                  0.5, 0.7, 1.0]


def descent_explorer():
    """Optimiser, learning rate and steps on the valley; the path is redrawn as they move."""
    controls = {
        "optimizer": widgets.Dropdown(options=[(name, key) for key, name in OPTIMIZER_NAMES.items()],
                                      value="sgd", description="optimizer"),
        # Learning rates worth trying, not a continuous scale: the limits of 05's text (0.2 for
        # gradient descent, 0.38 for momentum) and the values either side of them are all here.
        "lr": widgets.SelectionSlider(options=LEARNING_RATES, value=0.1, description="lr", continuous_update=True),
        "steps": slider("steps", 50, 1, 200, integer=True),
    }
    return Demo("an optimiser in a narrow valley", draw_descent, controls, figsize=(7.0, 3.6))
