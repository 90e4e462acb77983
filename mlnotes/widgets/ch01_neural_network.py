"""Demo of 01_neural_network: a forward pass through a small network, steered by its inputs."""
import numpy as np

from mlnotes import plotting
from mlnotes.neuron import dense_forward
from mlnotes.widgets.demo import Demo, slider


def draw_forward_pass(ax, params, x1=1.0, x2=2.0, activation="sigmoid"):
    """Run x = (x1, x2) through a network and draw every activation; returns y_hat as text."""
    A = np.array([[x1], [x2]])
    values = [A[:, 0]]
    n_layers = len(params) // 2
    for l in range(1, n_layers + 1):
        _, A = dense_forward(A, params[f"W{l}"], params[f"b{l}"], activation)
        values.append(A[:, 0])
    sizes = [2] + [params[f"W{l}"].shape[0] for l in range(1, n_layers + 1)]
    plotting.draw_network(sizes, weights=[params[f"W{l}"] for l in range(1, n_layers + 1)],
                          values=values, ax=ax)
    return f"x = ({x1:.2f}, {x2:.2f})  ->  y_hat = a^({n_layers}) = {values[-1][0]:.4f}"


def forward_pass_explorer(params):
    """Sliders for the two inputs of a small network; every neuron shows its activation."""
    controls = {"x1": slider("x1", 1.0, -3.0, 3.0, step=0.1), "x2": slider("x2", 2.0, -3.0, 3.0, step=0.1)}
    return Demo("a forward pass", lambda ax, **v: draw_forward_pass(ax, params, **v), controls,
                figsize=(6.0, 3.6))
