"""One neuron and one dense layer, forward (source notes: 神经元, 激活值, 权重与偏置).

A neuron takes the activations of the previous layer, forms their weighted
sum plus a bias (z, the *weighted input*) and passes z through an
activation function g (a = g(z), the neuron's *activation*). The notes'
神经元 paragraph calls the output after the activation z; everywhere else
the notes, and this code, call that a and keep z for the weighted sum.

Per neuron (notes, F1):  a_j = g( sum_i w_ji a_i + b_j )
Per layer  (notes, F2):  Z = W A_prev + b,  A = g(Z)

Shapes, examples as columns:
    A_prev (n_prev, m),  W (n, n_prev),  b (n, 1)  ->  Z, A (n, m)
w_ji is row j, column i of W: the weight *to* neuron j *from* input i.
The notes' matrix indexes rows 0..m and columns 0..n, which is m + 1 rows
and n + 1 columns for "m neurons" and "n neurons"; numpy indexes 0..n - 1,
which is what the shapes above say.
"""
import numpy as np

from mlnotes import activations
from mlnotes._validate import as_array, require_ndim


def _activation(name):
    """(g, g_prime) for a name, the identity for None (a linear layer)."""
    return activations.get("identity" if name is None else name)


def neuron_forward(a_prev, w, b, activation="sigmoid"):
    """One neuron: z = sum_i w_i a_prev_i + b, a = g(z). Returns (z, a) as floats.

    a_prev (n_prev,) the inputs, w (n_prev,) one weight per input, b a number;
    a_prev and w may be numbers for a neuron with a single input.
    """
    a_prev_arr, w_arr = np.atleast_1d(as_array(a_prev, "a_prev")), np.atleast_1d(as_array(w, "w"))
    require_ndim(a_prev_arr, "a_prev", 1, " (one value per input)")
    require_ndim(w_arr, "w", 1, " (one weight per input)")
    if w_arr.shape != a_prev_arr.shape:
        raise ValueError(f"w has {w_arr.size} weights but a_prev has {a_prev_arr.size} inputs; a neuron needs one weight per input")
    b_arr = as_array(b, "b")
    if b_arr.ndim != 0:
        raise ValueError(f"b of one neuron is a single number, got shape {b_arr.shape}")
    g, _ = _activation(activation)
    z = 0.0
    for w_i, a_i in zip(w_arr, a_prev_arr):  # the notes' sum, one term at a time
        z += w_i * a_i
    z += float(b_arr)
    return float(z), g(float(z))


def _check_layer(A_prev, W, b):
    """Validated (A_prev, W, b) with shapes (n_prev, m), (n, n_prev), (n, 1), or a ValueError naming both shapes."""
    A_prev, W, b = as_array(A_prev, "A_prev"), as_array(W, "W"), as_array(b, "b")
    require_ndim(A_prev, "A_prev", 2, ": examples are columns, so one example x is x.reshape(-1, 1)")
    require_ndim(W, "W", 2, " (n, n_prev): one row per neuron of this layer")
    if W.shape[1] != A_prev.shape[0]:
        hint = (": A_prev looks transposed; examples must be its columns (try A_prev.T)"
                if A_prev.shape[1] == W.shape[1]
                else f": W needs one column per row of A_prev, shape ({W.shape[0]}, {A_prev.shape[0]})")
        raise ValueError(f"W has shape {W.shape} but A_prev has {A_prev.shape[0]} rows{hint}")
    if b.shape != (W.shape[0], 1):
        hint = ": make it a column with b.reshape(-1, 1)" if b.shape == (W.shape[0],) else ""
        raise ValueError(f"b must have shape ({W.shape[0]}, 1), one bias per neuron as a column, got {b.shape}{hint}")
    return A_prev, W, b


def dense_forward(A_prev, W, b, activation=None):
    """Z = W A_prev + b, A = g(Z) for a whole layer and a batch of examples. Returns (Z, A).

    A_prev (n_prev, m), W (n, n_prev), b (n, 1) -> Z (n, m), A (n, m).
    activation is a name from mlnotes.activations.ACTIVATIONS, or None for a
    linear layer (then A is Z).
    """
    A_prev, W, b = _check_layer(A_prev, W, b)
    g, _ = _activation(activation)
    Z = W @ A_prev + b
    return Z, g(Z)


def dense_forward_per_neuron(A_prev, W, b, activation=None):
    """The same layer as dense_forward, computed one neuron and one example at a time.

    a_j = g(sum_i w_ji a_i + b_j) for every neuron j and every example
    (column) k: the notes' per-neuron formula as plain loops. Slow; it is
    here to show that the matrix product computes exactly these sums.
    """
    A_prev, W, b = _check_layer(A_prev, W, b)
    n, m = W.shape[0], A_prev.shape[1]
    Z, A = np.zeros((n, m)), np.zeros((n, m))
    for k in range(m):
        for j in range(n):
            Z[j, k], A[j, k] = neuron_forward(A_prev[:, k], W[j], b[j, 0], activation)
    return Z, A
