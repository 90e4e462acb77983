"""Loss functions and their gradients with respect to the prediction
(source notes: Loss Function / Cost Function).

y_hat (the prediction) and y (the label) have the same shape: a number (one
example), (m,) (m examples with one output each) or (n_out, m) (examples are
columns, as everywhere in the course). Every loss sums over the outputs of
one example and averages over the m examples; the notes write n for the
number of examples, the backpropagation section (and this code) writes m.

    MAE  = (1/m) sum_i |y_i - y_hat_i|
    MSE  = (1/m) sum_i (y_i - y_hat_i)^2
    RMSE = sqrt(MSE)
    BCE  = -(1/m) sum_i [y_i log y_hat_i + (1 - y_i) log(1 - y_hat_i)]    y_hat = sigmoid output
    CE   = -(1/m) sum_j sum_k Y_kj log Y_hat_kj                          Y_hat = softmax output, Y one-hot

Each `<loss>_grad(y_hat, y)` is dLoss/dy_hat, with the shape of y_hat.
LOSSES maps a name to (loss, loss_grad).
"""
import numpy as np

from mlnotes._validate import as_array, checked, require_same_shape, scalar_or_array

#: Probabilities are clipped to [EPS, 1 - EPS] inside the logs, so a
#: confident wrong answer costs -log(1e-12) ~ 27.6 instead of infinity.
EPS = 1e-12


def _pair(y_hat, y, names=("y_hat", "y")):
    """Validated float arrays for (y_hat, y) and m, the number of examples; errors use the caller's names."""
    y_hat_arr, y_arr = as_array(y_hat, names[0]), as_array(y, names[1])
    require_same_shape(y_hat_arr, names[0], y_arr, names[1])
    if y_hat_arr.ndim > 2:
        raise ValueError(f"{names[0]} must be a number, (m,) or (n_out, m), got shape {y_hat_arr.shape}")
    m = 1 if y_hat_arr.ndim == 0 else y_hat_arr.shape[-1]
    if m == 0:
        raise ValueError(f"{names[0]} and {names[1]} hold no examples (m = 0); a mean over zero examples is undefined")
    return y_hat_arr, y_arr, m


def _examples(y):
    """m, the number of examples: the last axis of y (1 for a single number)."""
    return y.shape[-1] if y.ndim else 1


def _check_pair(y_hat, y):
    return _pair(y_hat, y)[:2]


def mae(y_hat, y):
    """Mean absolute error: (1/m) sum_i |y_i - y_hat_i|."""
    m = _examples(y)
    return float(np.sum(np.abs(y - y_hat)) / m)


def mae_grad(y_hat, y):
    """dMAE/dy_hat = sign(y_hat - y) / m (0 where y_hat = y, a valid subgradient)."""
    y_hat_arr, y_arr, m = _pair(y_hat, y)
    return scalar_or_array(np.sign(y_hat_arr - y_arr) / m, y_hat)


def mse(y_hat, y):
    """Mean squared error: (1/m) sum_i (y_i - y_hat_i)^2."""
    m = _examples(y)
    return float(np.sum((y - y_hat) ** 2) / m)


# The public mae and mse check their input first (_pair), then run the formulas above.
mae, mse = checked(mae, _check_pair), checked(mse, _check_pair)


def mse_grad(y_hat, y):
    """dMSE/dy_hat = 2 (y_hat - y) / m."""
    y_hat_arr, y_arr, m = _pair(y_hat, y)
    return scalar_or_array(2.0 * (y_hat_arr - y_arr) / m, y_hat)


def rmse(y_hat, y):
    """Root mean squared error: sqrt((1/m) sum_i (y_i - y_hat_i)^2), in the units of y."""
    return float(np.sqrt(mse(y_hat, y)))


def rmse_grad(y_hat, y):
    """dRMSE/dy_hat = (y_hat - y) / (m RMSE); 0 when RMSE = 0, where sqrt has no derivative."""
    y_hat_arr, y_arr, m = _pair(y_hat, y)
    r = np.sqrt(np.sum((y_arr - y_hat_arr) ** 2) / m)
    grad = np.zeros_like(y_hat_arr) if r == 0 else (y_hat_arr - y_arr) / (m * r)
    return scalar_or_array(grad, y_hat)


def _require_probabilities(arr, name, hint):
    if arr.size and (arr.min() < 0 or arr.max() > 1):
        raise ValueError(
            f"{name} must hold probabilities in [0, 1], got values from {arr.min():.4g} to {arr.max():.4g}{hint}"
        )


def binary_cross_entropy(y_hat, y):
    """-(1/m) sum_i [y_i log y_hat_i + (1 - y_i) log(1 - y_hat_i)], y_hat = sigma(z) in [0, 1]."""
    y_hat, y, m = _pair(y_hat, y)
    _require_probabilities(y_hat, "y_hat", ": did you pass Z instead of A = sigmoid(Z)?")
    _require_probabilities(y, "y", " (labels are 0 or 1)")
    p = np.clip(y_hat, EPS, 1 - EPS)
    return float(-np.sum(y * np.log(p) + (1 - y) * np.log(1 - p)) / m)


def binary_cross_entropy_grad(y_hat, y):
    """dBCE/dy_hat = (1/m) [(1 - y) / (1 - y_hat) - y / y_hat], with y_hat clipped as in the loss."""
    y_hat_arr, y_arr, m = _pair(y_hat, y)
    _require_probabilities(y_hat_arr, "y_hat", ": did you pass Z instead of A = sigmoid(Z)?")
    _require_probabilities(y_arr, "y", " (labels are 0 or 1)")
    p = np.clip(y_hat_arr, EPS, 1 - EPS)
    return scalar_or_array(((1 - y_arr) / (1 - p) - y_arr / p) / m, y_hat)


def _categorical_pair(Y_hat, Y):
    """Validated (Y_hat, Y, m) for cross-entropy: probability columns and one-hot columns."""
    Y_hat_arr, Y_arr, m = _pair(Y_hat, Y, names=("Y_hat", "Y"))
    if Y_hat_arr.ndim == 0:
        raise ValueError("cross_entropy needs a column of class probabilities per example, got a single number")
    _require_probabilities(Y_hat_arr, "Y_hat", ": apply softmax to the scores first")
    sums = Y_hat_arr.sum(axis=0)
    off = np.flatnonzero(np.abs(sums - 1) > 1e-6)
    if off.size:
        raise ValueError(
            f"each column of Y_hat must sum to 1 (one probability per class), "
            f"but column {off[0]} sums to {np.atleast_1d(sums)[off[0]]:.4g}: apply softmax over axis 0 first"
        )
    if not np.all((Y_arr == 0) | (Y_arr == 1)) or not np.all(Y_arr.sum(axis=0) == 1):
        raise ValueError("Y must be one-hot: each column one 1 and zeros elsewhere (use one_hot(labels, n_classes))")
    return Y_hat_arr, Y_arr, m


def cross_entropy(Y_hat, Y):
    """-(1/m) sum_j sum_k Y_kj log Y_hat_kj: Y_hat (n_classes, m) softmax output, Y one-hot (n_classes, m)."""
    Y_hat, Y, m = _categorical_pair(Y_hat, Y)
    return float(-np.sum(Y * np.log(np.clip(Y_hat, EPS, 1.0))) / m)


def cross_entropy_grad(Y_hat, Y):
    """dCE/dY_hat = -Y / (m Y_hat), with Y_hat clipped as in the loss."""
    Y_hat_arr, Y_arr, m = _categorical_pair(Y_hat, Y)
    return -Y_arr / np.clip(Y_hat_arr, EPS, 1.0) / m


def one_hot(labels, n_classes):
    """Labels (m,) of integers 0..n_classes-1 -> one-hot columns Y of shape (n_classes, m)."""
    arr = as_array(labels, "labels")
    if arr.ndim != 1:
        raise ValueError(f"labels must be 1-D (one integer per example), got shape {arr.shape}")
    if not isinstance(n_classes, (int, np.integer)) or n_classes < 1:
        raise ValueError(f"n_classes must be a positive integer, got {n_classes!r}")
    if np.any(arr != np.round(arr)) or (arr.size and (arr.min() < 0 or arr.max() >= n_classes)):
        raise ValueError(f"labels must be integers from 0 to {n_classes - 1}, "
                         f"got values from {arr.min():g} to {arr.max():g}")
    Y = np.zeros((n_classes, arr.size))
    Y[arr.astype(int), np.arange(arr.size)] = 1.0
    return Y


#: name -> (loss, loss_grad): the one table the network and the checks look losses up in.
LOSSES = {
    "mae": (mae, mae_grad),
    "mse": (mse, mse_grad),
    "rmse": (rmse, rmse_grad),
    "binary_cross_entropy": (binary_cross_entropy, binary_cross_entropy_grad),
    "cross_entropy": (cross_entropy, cross_entropy_grad),
}
