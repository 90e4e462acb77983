"""Activation functions and their derivatives (source notes: 激活函数).

Every function here works elementwise on a number or an array, except
softmax, which works on the columns of Z (one column per example).

    sigmoid(z)    = 1 / (1 + e^(-z))           sigmoid_prime(z)    = sigmoid(z) (1 - sigmoid(z))
    relu(z)       = max(0, z)                  relu_prime(z)       = 1 if z > 0 else 0
    tanh(z)       = (e^z - e^(-z)) / (e^z + e^(-z))   tanh_prime(z) = 1 - tanh(z)^2
    leaky_relu(z) = z if z > 0 else alpha z    leaky_relu_prime(z) = 1 if z > 0 else alpha
    softmax(Z)[k, j] = e^(Z[k, j]) / sum_i e^(Z[i, j])

ACTIVATIONS maps a name to (g, g_prime); the network, the widgets and the
exercise checks all look activations up there, so there is one table.
Each function checks its input; its bare formula is g.formula (see elementwise).

The notes' "ReLU" formula, c max(0, b + w x1) + c' max(0, b' + w' x1), is a
sum of two ReLU units, not ReLU itself: relu_sum builds such sums.
"""
import functools

import numpy as np

from mlnotes._validate import as_array, require_ndim, scalar_or_array


def elementwise(formula):
    """The public activation made from formula(z): z is checked first, and a number gives a float back.

    The check (a number or an array of finite numbers, or a clear error) costs as much as a ReLU
    itself, so the formula stays reachable as .formula: the network applies it directly to each
    Z[l], which it checked itself as it computed it, and so do the Tensor engine's operations on
    their arrays.
    """
    @functools.wraps(formula)
    def checked(z, *args, **kwargs):
        return scalar_or_array(formula(as_array(z, "z"), *args, **kwargs), z)
    checked.formula = formula
    return checked


@elementwise
def sigmoid(z):
    """sigma(z) = 1 / (1 + e^(-z)), computed without overflow.

    The textbook form overflows for z = -1000 (e^1000 is inf). For z < 0 we
    use the equal form e^z / (1 + e^z), whose exponent is then negative.
    """
    out = np.empty_like(z)
    pos = z >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
    e = np.exp(z[~pos])
    out[~pos] = e / (1.0 + e)
    return out


@elementwise
def sigmoid_prime(z):
    """sigma'(z) = sigma(z) (1 - sigma(z)); it is largest, 1/4, at z = 0."""
    s = sigmoid.formula(z)
    return s * (1.0 - s)


@elementwise
def relu(z):
    """ReLU(z) = max(0, z)."""
    return np.maximum(z, 0.0)


@elementwise
def relu_prime(z):
    """ReLU'(z) = 1 for z > 0, 0 for z < 0; at z = 0 we take 0 (a valid subgradient)."""
    return (z > 0).astype(np.float64)


@elementwise
def tanh(z):
    """tanh(z) = (e^z - e^(-z)) / (e^z + e^(-z)), a sigmoid stretched to (-1, 1)."""
    return np.tanh(z)


@elementwise
def tanh_prime(z):
    """tanh'(z) = 1 - tanh(z)^2."""
    t = np.tanh(z)
    return 1.0 - t * t


def _slope(alpha):
    """alpha as a float, or a clear error: leaky ReLU's small slope for z <= 0."""
    a = as_array(alpha, "alpha")
    if a.ndim != 0 or not 0 <= a < 1:
        raise ValueError(f"alpha is leaky ReLU's slope for z <= 0, a number in [0, 1), got {alpha!r}")
    return float(a)


@elementwise
def leaky_relu(z, alpha=0.01):
    """Leaky ReLU: z for z > 0, alpha z otherwise, so negative inputs still pass a gradient."""
    alpha = _slope(alpha)
    return np.where(z > 0, z, alpha * z)


@elementwise
def leaky_relu_prime(z, alpha=0.01):
    """Leaky ReLU'(z) = 1 for z > 0, alpha otherwise (alpha at z = 0)."""
    return np.where(z > 0, 1.0, _slope(alpha))


@elementwise
def identity(z):
    """g(z) = z: the 'activation' of a linear layer (regression outputs)."""
    return z.copy()


@elementwise
def identity_prime(z):
    """g'(z) = 1."""
    return np.ones_like(z)


def softmax(Z):
    """softmax(Z)[k, j] = e^(Z[k, j]) / sum_i e^(Z[i, j]), over axis 0 (each column is one example).

    Subtracting each column's maximum first changes nothing mathematically
    (it cancels in the fraction) but keeps every exponent <= 0, so nothing
    overflows. A 1-D input is treated as one example.
    """
    Z_arr = as_array(Z, "Z")
    if Z_arr.ndim == 0:
        raise ValueError("softmax needs a vector or a matrix of scores (one column per example), got a single number")
    if Z_arr.ndim > 2:
        raise ValueError(f"softmax takes shape (n_classes,) or (n_classes, m), got shape {Z_arr.shape}")
    return _softmax(Z_arr)


def _softmax(Z):
    """softmax's formula on a checked float64 array; it is softmax.formula, as elementwise() gives the others."""
    e = Z - Z.max(axis=0, keepdims=True)
    np.exp(e, out=e)  # in place: one array for the whole computation
    e /= e.sum(axis=0, keepdims=True)
    return e


softmax.formula = _softmax


def softmax_jacobian(z):
    """d softmax(z)_i / d z_j = s_i (delta_ij - s_j) for one example z of shape (n,).

    The Jacobian is a full matrix, not an elementwise derivative: this is
    why softmax has no entry in ACTIVATIONS and is only used as an output,
    paired with cross-entropy (where the product collapses to Y_hat - Y).
    """
    z_arr = as_array(z, "z")
    require_ndim(z_arr, "z", 1, " (the Jacobian is for one example; pass one column)")
    s = softmax(z_arr)
    return np.diag(s) - np.outer(s, s)


def relu_sum(x, c, w, b):
    """sum_k c[k] max(0, b[k] + w[k] x): a sum of ReLU units (the notes' "ReLU" formula).

    With two units this is the notes' c max(0, b + w x1) + c' max(0, b' + w' x1).
    Each unit is a hinge that bends at x = -b[k] / w[k]; their sum is a
    piecewise-linear curve, and with enough units it can follow any
    continuous curve on an interval. x is a number or an array; c, w, b
    hold one entry per unit (or are numbers, for a single unit:
    relu_sum(x, 1, 1, 0) is relu(x) itself).
    """
    x_arr = as_array(x, "x")
    c_arr, w_arr, b_arr = (np.atleast_1d(as_array(v, name)) for v, name in ((c, "c"), (w, "w"), (b, "b")))
    for name, arr in (("c", c_arr), ("w", w_arr), ("b", b_arr)):
        require_ndim(arr, name, 1, " (one entry per ReLU unit)")
    if not (c_arr.shape == w_arr.shape == b_arr.shape):
        raise ValueError(
            f"c, w and b need one entry per ReLU unit each, got shapes {c_arr.shape}, {w_arr.shape} and {b_arr.shape}"
        )
    total = np.zeros_like(x_arr)
    for c_k, w_k, b_k in zip(c_arr, w_arr, b_arr):
        total = total + c_k * np.maximum(0.0, b_k + w_k * x_arr)
    return scalar_or_array(total, x)


#: name -> (g, g_prime): the one table every other module looks activations up in.
ACTIVATIONS = {
    "sigmoid": (sigmoid, sigmoid_prime),
    "relu": (relu, relu_prime),
    "tanh": (tanh, tanh_prime),
    "leaky_relu": (leaky_relu, leaky_relu_prime),
    "identity": (identity, identity_prime),
}


def get(name):
    """(g, g_prime) for an activation name, or a ValueError listing the names there are."""
    if not isinstance(name, str) or name not in ACTIVATIONS:
        known = ", ".join(repr(n) for n in ACTIVATIONS)
        raise ValueError(f"unknown activation {name!r}; expected one of {known}")
    return ACTIVATIONS[name]
