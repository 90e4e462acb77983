"""Exercise checks: check_<exercise>(your_function) -> True, or ExerciseError naming the mistake.

    from mlnotes.exercises import check_weighted_sum
    check_weighted_sum(weighted_sum)      # ✓ weighted_sum: correct (2 cases)

One module per notebook holds its checks; checking.py holds the machinery,
student.py makes the student copies (python -m mlnotes student) and
progress.py records each check's latest result (python -m mlnotes progress).
"""
from mlnotes.exercises.ch00_welcome import check_example_column, check_weighted_sum
from mlnotes.exercises.ch01_neural_network import check_count_parameters, check_forward
from mlnotes.exercises.ch02_neuron import check_layer_forward, check_network_forward, check_neuron
from mlnotes.exercises.ch03_activation_functions import check_hat, check_relu, check_sigmoid
from mlnotes.exercises.ch04_loss_functions import (
    check_mae,
    check_mse,
    check_regression_losses,
    check_rmse,
    check_softmax,
)
from mlnotes.exercises.ch05_gradient_descent import check_gradient_descent, check_minibatch_indices, check_momentum_step
from mlnotes.exercises.ch06_backpropagation import (
    check_backward,
    check_deep_forward,
    check_hidden_error,
    check_layer_gradients,
    check_update,
    check_update_weights,
)
from mlnotes.exercises.ch07_backprop_derivation import check_softmax_jacobian, check_softmax_mse_error
from mlnotes.exercises.ch08_autograd import (
    check_add,
    check_backward_pass,
    check_bias_backward,
    check_matmul_backward,
    check_mul,
    check_power,
    check_tanh,
    check_topological_order,
)
from mlnotes.exercises.ch09_digits_project import check_confusion_counts, check_fastest_stable_lr
from mlnotes.exercises.checking import ExerciseError, require
from mlnotes.exercises.progress import recorded
from mlnotes.tracebacks import install as _show_errors_as_messages

_show_errors_as_messages()  # a failed check shows its message, not the check's source (see tracebacks.py)

__all__ = [
    "check_example_column", "check_weighted_sum",
    "check_count_parameters", "check_forward",
    "check_layer_forward", "check_network_forward", "check_neuron",
    "check_hat", "check_relu", "check_sigmoid",
    "check_mae", "check_mse", "check_regression_losses", "check_rmse", "check_softmax",
    "check_gradient_descent", "check_minibatch_indices", "check_momentum_step",
    "check_deep_forward", "check_layer_gradients", "check_hidden_error", "check_backward",
    "check_update_weights", "check_update",
    "check_softmax_jacobian", "check_softmax_mse_error",
    "check_add", "check_mul", "check_power", "check_tanh", "check_topological_order", "check_backward_pass",
    "check_bias_backward", "check_matmul_backward",
    "check_confusion_counts", "check_fastest_stable_lr",
    "ExerciseError", "require",
]

# Every check the notebooks import from here records its result (progress.py says where and why).
for _name in [name for name in dir() if name.startswith("check_")]:
    globals()[_name] = recorded(globals()[_name])
del _name
