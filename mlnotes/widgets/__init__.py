"""Interactive demos for the notebooks (ipywidgets), one module per notebook.

Each demo's drawing is a plain function draw_...(ax, **values) -> readout
text, so tests check the logic without a browser; Demo wires it to controls.
TrainingProgress is MLP.fit's live progress bar (fit(..., callback=TrainingProgress(epochs))).
"""
from mlnotes.widgets.ch00_welcome import draw_layer_shapes, layer_shapes, shape_explorer
from mlnotes.widgets.ch01_neural_network import draw_forward_pass, forward_pass_explorer
from mlnotes.widgets.ch02_neuron import draw_neuron, neuron_explorer, neuron_surface
from mlnotes.widgets.ch03_activation_functions import (
    draw_relu_fit,
    draw_relu_pair,
    relu_fit_explorer,
    relu_pair_explorer,
    relu_sum_formula,
    units_through,
)
from mlnotes.widgets.ch04_loss_functions import (
    draw_outlier_fit,
    fit_line_mae,
    fit_line_mse,
    outlier_explorer,
    with_outlier,
)
from mlnotes.widgets.ch05_gradient_descent import (
    OPTIMIZER_NAMES,
    descend,
    descent_explorer,
    describe_run,
    draw_descent,
    draw_path,
    draw_path_1d,
    draw_surface,
)
from mlnotes.widgets.ch06_backpropagation import backprop_explorer, draw_pass_step, pass_steps, tiny_problem
from mlnotes.widgets.ch07_backprop_derivation import draw_nudge, loss_along, nudge_explorer, weight_names
from mlnotes.widgets.ch08_autograd import backward_explorer, backward_state, draw_backward_step, explain_step
from mlnotes.widgets.ch09_digits_project import (
    CELLS,
    activation_explorer,
    digit_drawer,
    draw_digit_guess,
    draw_layer_activations,
    presets,
)
from mlnotes.widgets.demo import Demo, slider
from mlnotes.widgets.progress import TrainingProgress

__all__ = [
    "draw_layer_shapes", "layer_shapes", "shape_explorer",
    "draw_forward_pass", "forward_pass_explorer",
    "draw_neuron", "neuron_explorer", "neuron_surface",
    "draw_relu_fit", "draw_relu_pair", "relu_fit_explorer", "relu_pair_explorer", "relu_sum_formula", "units_through",
    "draw_outlier_fit", "fit_line_mae", "fit_line_mse", "outlier_explorer", "with_outlier",
    "OPTIMIZER_NAMES", "describe_run", "descend", "descent_explorer", "draw_descent",
    "draw_path", "draw_path_1d", "draw_surface",
    "backprop_explorer", "draw_pass_step", "pass_steps", "tiny_problem",
    "draw_nudge", "loss_along", "nudge_explorer", "weight_names",
    "backward_state", "backward_explorer", "draw_backward_step", "explain_step",
    "CELLS", "activation_explorer", "digit_drawer", "draw_digit_guess", "draw_layer_activations", "presets",
    "Demo", "slider",
    "TrainingProgress",
]
