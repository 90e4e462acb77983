"""Demo of 04_loss_functions: drag one outlier and watch the best MSE line and the best MAE line."""
from itertools import combinations

import numpy as np

from mlnotes.losses import mae, mse
from mlnotes.widgets.demo import Demo, signed, slider

#: Ten points near y = 0.5 x + 1, with fixed noise so that every run shows the same picture.
X_DATA = np.arange(10.0)
Y_DATA = 0.5 * X_DATA + 1.0 + np.array([0.3, -0.4, 0.1, 0.5, -0.2, -0.5, 0.4, 0.0, -0.3, 0.2])


def with_outlier(outlier_x, outlier_y):
    """The ten points plus the outlier (outlier_x, outlier_y) as the eleventh."""
    return np.append(X_DATA, outlier_x), np.append(Y_DATA, outlier_y)


def fit_line_mse(x, y):
    """(w, b) of the line y_hat = w x + b with the smallest MSE (least squares, in closed form)."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    dx = x - x.mean()
    w = np.sum(dx * (y - y.mean())) / np.sum(dx * dx)
    return float(w), float(y.mean() - w * x.mean())


def fit_line_mae(x, y):
    """(w, b) of the line y_hat = w x + b with the smallest MAE.

    Some best MAE line always passes through two of the points, so trying
    the line through every pair finds it: no step size, no iterations.
    """
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    best = None
    for i, j in combinations(range(x.size), 2):
        if x[i] == x[j]:
            continue
        w = (y[j] - y[i]) / (x[j] - x[i])
        b = y[i] - w * x[i]
        loss = mae(w * x + b, y)
        if best is None or loss < best[0]:
            best = (loss, float(w), float(b))
    if best is None:
        raise ValueError("a line needs points with at least two different x values")
    return best[1], best[2]


def draw_outlier_fit(ax, outlier_x=8.0, outlier_y=5.0):
    """The points, the outlier in red, and the best MSE and MAE lines; the readout compares them."""
    x, y = with_outlier(outlier_x, outlier_y)
    lines = {"MSE": fit_line_mse(x, y), "MAE": fit_line_mae(x, y)}
    grid = np.array([-0.5, 10.5])
    ax.scatter(X_DATA, Y_DATA, color="black", zorder=3, label="data")
    ax.scatter([outlier_x], [outlier_y], color="#d62728", s=80, zorder=3, label="the outlier")
    for (name, (w, b)), style in zip(lines.items(), ("-", "--")):
        ax.plot(grid, w * grid + b, style, linewidth=2, label=f"best {name} line")
    ax.set_xlim(-0.5, 10.5)
    ax.set_ylim(-12, 32)
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.legend(loc="upper left", fontsize=8)
    rows = [f"best {name} line: y_hat = {signed(w, first=True)} x {signed(b)}   (on the ten clean points: "
            f"MAE {mae(w * X_DATA + b, Y_DATA):.3f}, MSE {mse(w * X_DATA + b, Y_DATA):.3f})"
            for name, (w, b) in lines.items()]
    return "\n".join(rows)


def outlier_explorer():
    """Sliders move the eleventh point; the best MSE line and the best MAE line refit at once."""
    controls = {"outlier_x": slider("outlier x", 8.0, 0.0, 10.0, step=0.5),
                "outlier_y": slider("outlier y", 5.0, -10.0, 30.0, step=0.5)}
    return Demo("drag an outlier: MSE fit vs MAE fit", draw_outlier_fit, controls, figsize=(6.0, 3.8))
