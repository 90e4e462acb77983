"""Activation functions and their derivatives (source notes: 激活函数).

Every function here works elementwise on a number or an array, except
softmax, which works on the columns of Z (one column per example).

    sigmoid(z)    = 1 / (1 + e^(-z))           sigmoid_prime(z)    = sigmoid(z) (1 - sigmoid(z))
    relu(z)       = max(0, z)                  relu_prime(z)       = 1 if z > 0 else 0
    tanh(z)       = (e^z - e^(-z)) / (e^z + e^(-z))   tanh_prime(z) = 1 - tanh(z)^2
    leaky_relu(z) = z if z > 0 else alpha z    leaky_relu_prime(z) = 1 if z > 0 else alpha
    softmax(Z)[k, j] = e^(Z[k, j]) / sum_i e^(Z[i, j])

ACTIVATIONS maps a name to (g, g_prime); the network, both autograd engines, the
widgets and the exercise checks all look activations up there, so there is one table.

Each def below is the bare formula, on a float64 array (the notebooks show these).
The public function of the same name checks its input first (a number or an array of
finite numbers, or an error that says what came instead) and gives a float back for a
number; g.formula is the bare formula, for callers that checked their arrays already.

The notes' "ReLU" formula, c max(0, b + w x1) + c' max(0, b' + w' x1), is a
sum of two ReLU units, not ReLU itself: relu_sum builds such sums.
"""
import numpy as np

from mlnotes._validate import as_array, checked, require_ndim


def sigmoid(z):
    """sigma(z) = 1 / (1 + e^(-z)), computed without overflow.

    The textbook form overflows for z = -1000 (e^1000 is inf). For z < 0 we
    use the equal form e^z / (1 + e^z): with e = e^(-|z|), no exponent is positive.
    """
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_prime(z):
    """sigma'(z) = sigma(z) (1 - sigma(z)); it is largest, 1/4, at z = 0."""
    s = sigmoid.formula(z)  # z is checked already (the public sigmoid_prime, or its caller)
    return s * (1.0 - s)


def relu(z):
    """ReLU(z) = max(0, z)."""
    return np.maximum(z, 0.0)


def relu_prime(z):
    """ReLU'(z) = 1 for z > 0, 0 for z < 0; at z = 0 we take 0 (a valid subgradient)."""
    return (z > 0).astype(np.float64)


def tanh(z):
    """tanh(z) = (e^z - e^(-z)) / (e^z + e^(-z)), a sigmoid stretched to (-1, 1)."""
    return np.tanh(z)


def tanh_prime(z):
    """tanh'(z) = 1 - tanh(z)^2."""
    t = np.tanh(z)
    return 1.0 - t * t


def leaky_relu(z, alpha=0.01):
    """Leaky ReLU: z for z > 0, alpha z otherwise, so negative inputs still pass a gradient."""
    return np.where(z > 0, z, alpha * z)


def leaky_relu_prime(z, alpha=0.01):
    """Leaky ReLU'(z) = 1 for z > 0, alpha otherwise (alpha at z = 0)."""
    return np.where(z > 0, 1.0, alpha)


def identity(z):
    """g(z) = z: the 'activation' of a linear layer (regression outputs)."""
    return z.copy()


def identity_prime(z):
    """g'(z) = 1."""
    return np.ones_like(z)


def softmax(Z):
    """softmax(Z)[k, j] = e^(Z[k, j]) / sum_i e^(Z[i, j]), over axis 0 (each column is one example).

    Subtracting each column's maximum first changes nothing mathematically
    (it cancels in the fraction) but keeps every exponent <= 0, so nothing
    overflows. A 1-D input is treated as one example.
    """
    E = np.exp(Z - Z.max(axis=0, keepdims=True))
    return E / E.sum(axis=0, keepdims=True)


def softmax_jacobian(z):
    """d softmax(z)_i / d z_j = s_i (delta_ij - s_j) for one example z of shape (n,).

    The Jacobian is a full matrix, not an elementwise derivative: this is
    why softmax has no entry in ACTIVATIONS and is only used as an output,
    paired with cross-entropy (where the product collapses to Y_hat - Y).
    """
    z_arr = as_array(z, "z")
    require_ndim(z_arr, "z", 1, " (the Jacobian is for one example; pass one column)")
    s = softmax.formula(z_arr)
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
    total = np.zeros_like(x)
    for c_k, w_k, b_k in zip(c, w, b):
        total = total + c_k * np.maximum(0.0, b_k + w_k * x)
    return total


# The public functions: each checks its input (the _check_ functions below), then runs the bare
# formula above, kept as .formula. A number in gives a float back.

def _check_z(z):
    return (as_array(z, "z"),)


def _check_leaky(z, alpha=0.01):
    a = as_array(alpha, "alpha")
    if a.ndim != 0 or not 0 <= a < 1:
        raise ValueError(f"alpha is leaky ReLU's slope for z <= 0, a number in [0, 1), got {alpha!r}")
    return as_array(z, "z"), float(a)


def _check_scores(Z):
    Z_arr = as_array(Z, "Z")
    if Z_arr.ndim == 0:
        raise ValueError("softmax needs a vector or a matrix of scores (one column per example), got a single number")
    if Z_arr.ndim > 2:
        raise ValueError(f"softmax takes shape (n_classes,) or (n_classes, m), got shape {Z_arr.shape}")
    return (Z_arr,)


def _check_units(x, c, w, b):
    x_arr = as_array(x, "x")
    c_arr, w_arr, b_arr = (np.atleast_1d(as_array(v, name)) for v, name in ((c, "c"), (w, "w"), (b, "b")))
    for name, arr in (("c", c_arr), ("w", w_arr), ("b", b_arr)):
        require_ndim(arr, name, 1, " (one entry per ReLU unit)")
    if not (c_arr.shape == w_arr.shape == b_arr.shape):
        raise ValueError(
            f"c, w and b need one entry per ReLU unit each, got shapes {c_arr.shape}, {w_arr.shape} and {b_arr.shape}"
        )
    return x_arr, c_arr, w_arr, b_arr


sigmoid, sigmoid_prime = checked(sigmoid, _check_z, True), checked(sigmoid_prime, _check_z, True)
relu, relu_prime = checked(relu, _check_z, True), checked(relu_prime, _check_z, True)
tanh, tanh_prime = checked(tanh, _check_z, True), checked(tanh_prime, _check_z, True)
leaky_relu, leaky_relu_prime = checked(leaky_relu, _check_leaky, True), checked(leaky_relu_prime, _check_leaky, True)
identity, identity_prime = checked(identity, _check_z, True), checked(identity_prime, _check_z, True)
softmax, relu_sum = checked(softmax, _check_scores), checked(relu_sum, _check_units, True)


#: name -> (g, g_prime): the one table every other module looks activations up in.
ACTIVATIONS = {
    "sigmoid": (sigmoid, sigmoid_prime),
    "relu": (relu, relu_prime),
    "tanh": (tanh, tanh_prime),
    "leaky_relu": (leaky_relu, leaky_relu_prime),
    "identity": (identity, identity_prime),
}


#: The same table with the bare formulas, for callers that checked their arrays already
#: (the network checks every Z[l]; the engines work on arrays and floats they made themselves).
FORMULAS = {name: (g.formula, g_prime.formula) for name, (g, g_prime) in ACTIVATIONS.items()}


def get(name):
    """(g, g_prime) for an activation name, or a ValueError listing the names there are."""
    if not isinstance(name, str) or name not in ACTIVATIONS:
        known = ", ".join(repr(n) for n in ACTIVATIONS)
        raise ValueError(f"unknown activation {name!r}; expected one of {known}")
    return ACTIVATIONS[name]
