"""The checks of notebooks 02-04: each accepts right answers in several styles, and each table of wrong
answers below gets the message it names (pattern of tests/test_exercises_ch05.py)."""
import math
import warnings

import numpy as np
import pytest

from mlnotes.activations import sigmoid
from mlnotes.exercises import (
    ExerciseError,
    check_hat,
    check_layer_forward,
    check_mae,
    check_mse,
    check_network_forward,
    check_neuron,
    check_regression_losses,
    check_relu,
    check_rmse,
    check_sigmoid,
    check_softmax,
)
from mlnotes.neuron import neuron_forward

# --- 02: check_neuron ------------------------------------------------------------------

def neuron_output(a_prev, w, b, g):
    z = b
    for w_i, a_i in zip(w, a_prev):
        z = z + w_i * a_i
    return g(z)


NEURON_RIGHT = [
    neuron_output,
    lambda a, w, b, g: g(np.dot(w, a) + b),
    lambda a, w, b, g: g(float(np.sum(np.asarray(w, dtype=np.float32) * a) + b)),
    lambda a, w, b, g: g(sum(w_i * a_i for w_i, a_i in zip(w, a)) + b),
    lambda a, w, b, g: g(np.array(w) @ np.array(a) + b),
]

NEURON_MISTAKES = [
    (lambda a, w, b, g: np.dot(w, a) + b, "you returned z, the weighted input.*the notes' 神经元 paragraph"),
    (lambda a, w, b, g: g(np.dot(w, a)), r"you forgot the bias: a = g\(sum_i w_i a_i \+ b\)"),
    (lambda a, w, b, g: g(np.dot(w, a)) + b, "you added the bias after the activation"),
    (lambda a, w, b, g: g(np.dot(w, a) - b), "you subtracted the bias"),
    (lambda a, w, b, g: g(w * a + b), "returned 3 numbers, one per input"),
    (lambda a, w, b, g: g(np.sum(w + a) + b), r"returned 0\.997648, expected 0\.389361"),
    (lambda a, w, b, g: g(np.mean(w * a) + b), r"you averaged the products \(np.mean\)"),
    (lambda a, w, b, g: np.sum(g(w * a)) + b, "you applied g to each product"),
    (lambda a, w, b, g: sigmoid(np.dot(w, a) + b), "you used sigmoid, not the g passed in"),
    (lambda a, w, b, g: 1 / (1 + np.exp(-(np.dot(w, a) + b))), "you used sigmoid, not the g passed in"),
    (lambda a, w, b, g: neuron_forward(a, w, b),
     r"returned a tuple of 2; return only a.*neuron_forward returns \(z, a\)"),
    (lambda a, w, b, g: neuron_forward(a, w, b) if len(a) == 2 else g(np.dot(w, a) + b),  # as many numbers as inputs
     "returned a tuple of 2; return only a"),
    (lambda a, w, b: sigmoid(np.dot(w, a) + b), "raised TypeError: .*takes 3 positional arguments but 4 were given"),
    (lambda a, w, b, g: None, "returned None"),
]


# --- 02: check_layer_forward -----------------------------------------------------------

def layer_forward(A_prev, W, b, g):
    """Built from the neuron, as the notebook's solution: a right answer."""
    n, m = W.shape[0], A_prev.shape[1]
    A = np.zeros((n, m))
    for j in range(n):
        for k in range(m):
            A[j, k] = neuron_output(A_prev[:, k], W[j], b[j, 0], g)
    return A


def layer_from(neuron_slip):
    """A layer built from the neuron with one slip in the loop: neuron_slip(A_prev, W, b, j, k, g) -> A[j, k]."""
    def layer(A_prev, W, b, g):
        A = np.zeros((W.shape[0], A_prev.shape[1]))
        for j in range(W.shape[0]):
            for k in range(A_prev.shape[1]):
                A[j, k] = neuron_slip(A_prev, W, b, j, k, g)
        return A
    return layer


def zeros_like_input(A_prev, W, b, g):
    A = np.zeros_like(A_prev)
    for j in range(min(W.shape[0], A.shape[0])):
        A[j] = g(W[j] @ A_prev + b[j, 0])
    return A


LAYER_RIGHT = [
    layer_forward,
    lambda A, W, b, g: g(W @ A + b),
    lambda A, W, b, g: g(np.dot(W, A) + b),
    lambda A, W, b, g: g(A.T @ W.T + b.T).T,  # the row convention, transposed back
    lambda A, W, b, g: g(np.einsum("ji,ik->jk", W, A) + b),
    lambda A, W, b, g: g((W.astype(np.float32) @ A.astype(np.float32) + b).astype(float)),
]

LAYER_MISTAKES = [
    (lambda A, W, b, g: W @ A + b, "you returned Z = W A_prev \\+ b"),
    (lambda A, W, b, g: g(W @ A), "you forgot the bias"),
    (lambda A, W, b, g: g(W @ A) + b, "you added the bias after the activation"),
    (lambda A, W, b, g: g(W.T @ A + b), "you used W.T"),
    (layer_from(lambda A, W, b, j, k, g: neuron_output(A[:, k], W[:, j], b[j, 0], g)), "you used W.T .or column j"),
    (lambda A, W, b, g: g(A.T @ W.T + b.T), "you computed with examples as rows"),
    (lambda A, W, b, g: g(W @ A + b.ravel()), "you added b as a row"),
    (layer_from(lambda A, W, b, j, k, g: neuron_output(A[:, k], W[j], b[k % len(b), 0], g)),
     r"you added b as a row \(b.T, b.ravel\(\), or b\[k\] for example k\)"),
    (lambda A, W, b, g: g(W * A + b), "you multiplied elementwise"),
    (lambda A, W, b, g: g(A @ W + b),
     "you computed A_prev @ W; the notes' order is W @ A_prev: W's rows are the neurons"),
    (layer_from(lambda A, W, b, j, k, g: neuron_output(A[k % len(A)], W[j], b[j, 0], g)),
     "you took row k of A_prev for example k; each example is a column"),
    (lambda A, W, b, g: (W @ A + b, g(W @ A + b)), "returned a tuple of 2; return only A"),
    (lambda A, W, b, g: g(W @ A + b) if W.shape[0] == W.shape[1] else g(A.T @ W.T + b.T),
     r"returned shape \(4, 2\), expected \(2, 4\): examples are columns"),
    (lambda A, W, b, g: g(W @ A + b)[:, :1], r"returned shape \(3, 1\), expected shape \(3, 3\)"),
    (zeros_like_input, r"returned shape \(3, 4\), the shape of A_prev; A has one row per neuron of this layer"),
    (lambda A, W, b, g: sigmoid(W @ A + b), "you used sigmoid, not the g passed in"),
    (lambda A, W, b: sigmoid(W @ A + b), "raised TypeError"),
]


# --- 02: check_network_forward ---------------------------------------------------------

def network_forward(X, params, g):
    L = len(params) // 2
    A = X
    for l in range(1, L + 1):
        A = layer_forward(A, params[f"W{l}"], params[f"b{l}"], g)
    return A


def keeping_every_layer(X, params, g):
    A = [X]
    for l in range(1, len(params) // 2 + 1):
        A.append(g(params[f"W{l}"] @ A[l - 1] + params[f"b{l}"]))
    return A[-1]


def forward_with(slip):
    """A forward pass with one slip: slip(X, params, g, L) -> the result."""
    return lambda X, params, g: slip(X, params, g, len(params) // 2)


def loop(X, params, g, layers, inputs=None):
    A = X
    for l in layers:
        A = g(params[f"W{l}"] @ (A if inputs is None else inputs) + params[f"b{l}"])
    return A


def return_in_the_loop(X, params, g):
    A = X
    for l in range(1, len(params) // 2 + 1):
        A = g(params[f"W{l}"] @ A + params[f"b{l}"])
        return A


def two_layers_only(X, params, g):
    A1 = g(params["W1"] @ X + params["b1"])
    return g(params["W2"] @ A1 + params["b2"]) if "W2" in params else A1


def updates_params(X, params, g):
    A = X
    for l in range(1, len(params) // 2 + 1):
        params[f"W{l}"] *= 1.0  # writes into the caller's arrays (the values stay, the dict is touched)
        A = g(params[f"W{l}"] @ A + params[f"b{l}"])
    params["A"] = A
    return A


NETWORK_RIGHT = [
    network_forward,
    keeping_every_layer,
    lambda X, params, g: loop(X, params, g, range(1, len(params) // 2 + 1)),
    lambda X, params, g: loop(X, params, g, sorted({int(k[1:]) for k in params})),
]

NETWORK_MISTAKES = [
    (forward_with(lambda X, params, g, L: loop(X, params, g, range(1, L))),
     "your forward pass stopped after layer 1 of L = 2: loop over every layer, l = 1, ..., L"),
    (return_in_the_loop, "your forward pass stopped after layer 1 of L = 2"),
    (two_layers_only, "your forward pass stopped after layer 2 of L = 3"),
    (forward_with(lambda X, params, g, L: loop(X, params, g, range(1, len(params) + 1))),
     r"asked params for 'W3', but this network has L = 2 layers, W1, b1, W2, b2: .*L = len\(params\) // 2"),
    (forward_with(lambda X, params, g, L: loop(X, params, g, range(L))),
     r"asked params for 'W0': the layers are numbered from 1.*range\(1, L \+ 1\)"),
    (forward_with(lambda X, params, g, L: loop(X, {k.lower(): v for k, v in params.items()}, g, range(1, L + 1))),
     "asked params for 'W1', which it does not hold"),  # the keys spelt otherwise
    (forward_with(lambda X, params, g, L: loop(X, params, g, range(1, L + 1), inputs=X)), "every layer got X"),
    (forward_with(lambda X, params, g, L: loop(X, params, g, range(L, 0, -1))),
     "you ran the layers from the last to the first"),
    (forward_with(lambda X, params, g, L: loop(X, params, sigmoid, range(1, L + 1))),
     "you used sigmoid, not the g passed in"),
    (forward_with(lambda X, params, g, L: params[f"W{L}"] @ loop(X, params, g, range(1, L)) + params[f"b{L}"]),
     "you returned Z of the last layer"),
    (lambda X, params, g: [X] + [loop(X, params, g, range(1, l + 1)) for l in range(1, len(params) // 2 + 1)],
     "returned a list of 3, one entry per layer; return only the output Y_hat"),
    (updates_params, "changed X or params in place"),
    (lambda X, params, g: None, "returned None"),
    (lambda X, params: X, "raised TypeError"),
]


# --- 03: check_sigmoid -----------------------------------------------------------------

def my_sigmoid(z):
    """The notebook's solution: each form only on the entries it suits."""
    z = np.asarray(z, dtype=float)
    out = np.empty_like(z)
    pos = z >= 0
    out[pos] = 1 / (1 + np.exp(-z[pos]))
    e_z = np.exp(z[~pos])
    out[~pos] = e_z / (1 + e_z)
    return out


def sigmoid_by_sign(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid_by_mask(z, integer_out=False, into_input=False):
    """The package's masks, right by default; two slips: an output shaped like the raw z (integers for an
    integer z), and results written into z itself (np.asarray gives back a float array as it is)."""
    out = np.empty_like(np.asarray(z)) if integer_out else None
    z = np.asarray(z, dtype=float)
    if out is None:
        out = z if into_input else np.empty_like(z)
    pos = z >= 0
    e = np.exp(-np.abs(z))
    out[pos] = 1 / (1 + e[pos])
    out[~pos] = e[~pos] / (1 + e[~pos])
    return out if np.ndim(out) else float(out)


def sigmoid_if(z):
    if z >= 0:
        return 1 / (1 + np.exp(-z))
    return np.exp(z) / (1 + np.exp(z))


def sigmoid_loop(z):
    """One number at a time with math.exp, by the sign: slow, but right and stable."""
    def one(t):
        return 1 / (1 + math.exp(-t)) if t >= 0 else math.exp(t) / (1 + math.exp(t))
    if np.ndim(z) == 0:
        return one(float(z))
    return np.array([one(float(t)) for t in np.ravel(z)]).reshape(np.shape(z))


def textbook_silenced_errstate(z):
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-z))


def textbook_silenced_warnings(z):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return 1 / (1 + np.exp(-z))


def other_form_silenced(z):
    with np.errstate(all="ignore"):
        return np.exp(z) / (1 + np.exp(z))


def where_silenced(z):
    """Both forms for every z, then np.where: right values, but e^1000 is computed (warning silenced)."""
    with np.errstate(all="ignore"):
        return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))


def where_silenced_by_filter(z):
    z = np.asarray(z, dtype=float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))


SIGMOID_RIGHT = [
    sigmoid,
    my_sigmoid,
    sigmoid_by_sign,
    sigmoid_by_mask,
    sigmoid_loop,
    lambda z: np.exp(-np.abs(z)) ** (np.asarray(z) < 0) / (1 + np.exp(-np.abs(z))),
    lambda z: np.where(np.asarray(z) >= 0, 1, np.exp(-np.abs(z))) / (1 + np.exp(-np.abs(z))),
    lambda z: sigmoid_by_sign(np.asarray(z, dtype=np.float32)).astype(float),
    lambda z: np.exp(np.minimum(0, z) - np.logaddexp(0, -np.abs(z))),
    lambda z: 0.5 * (1 + np.tanh(np.asarray(z) / 2)),
    lambda z: np.exp(-np.logaddexp(0, -np.asarray(z))),
    lambda z: 1 / (1 + np.exp(-np.clip(z, -500, 500))),
]

SIGMOID_MISTAKES = [
    (lambda z: 1 / (1 + np.exp(-z)), "overflows for z = -1000: it computes e\\^1000"),
    (lambda z: np.exp(z) / (1 + np.exp(z)), "overflows for z = 1000"),
    (lambda z: np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z))), "np.where alone does not help"),
    (lambda z: 1 / (1 + np.exp(z)), r"you computed sigma\(-z\)"),
    (lambda z: np.exp(-z) / (1 + np.exp(-z)), r"1 - sigma\(z\)"),
    (lambda z: 1 + np.exp(-z), r"you returned 1 \+ e\^\(-z\)"),
    (lambda z: np.tanh(z), "that is tanh"),
    (lambda z: 1 / (1 + math.exp(-z)), r"works on single numbers only \(math.exp\?\); use np.exp"),
    (lambda z: 1 / (1 - np.exp(-z)), "gave a warning: divide by zero"),
    (lambda z: np.atleast_1d(sigmoid(z)), r"returned shape \(1,\), expected shape \(\)"),
    (sigmoid_if, "uses `if` on an array: `if` decides once for the whole array.*boolean mask"),
    (lambda z: sigmoid_by_mask(z, into_input=True),
     r"changed its input z \(e.g. z\[pos\] = ...\).*gives back z itself"),
    (textbook_silenced_errstate, r"overflows for z = -740: it computes e\^740.*numpy said nothing.*np.errstate"),
    (textbook_silenced_warnings, r"overflows for z = -740: it computes e\^740.*exactly 0 for z = -740"),
    (other_form_silenced, r"overflows for z = 1000: it computes e\^1000.*numpy said nothing.*returned \[nan"),
    # regression: np.where on both textbook forms, the warning silenced: right values, yet e^1000 is computed
    (where_silenced, r"computes e\^1000 along the way.*warning is silenced.*as when np.where evaluates both"),
    (where_silenced_by_filter, r"computes e\^1000 along the way"),
    (lambda z: sigmoid_by_mask(z, integer_out=True),
     r"returned integers \[0, 0, 0\] for the integer array .*np.empty_like\(z\).*keeps z's integer dtype.*"
     r"np.asarray\(z, dtype=float\)"),
    (lambda z: None, "returned None"),
]


def test_the_exp_watch_puts_numpy_and_math_back():
    exp_np, exp_math = np.exp, math.exp
    for wrong in (where_silenced, lambda z: 1 / (1 + np.exp(-z))):
        with pytest.raises(ExerciseError):
            check_sigmoid(wrong)
    assert np.exp is exp_np and math.exp is exp_math


def test_the_exp_watch_sees_exp_imported_by_name():
    namespace = {}
    exec("import numpy as np\nfrom numpy import exp\n"
         "def where_by_name(z):\n"
         "    with np.errstate(all='ignore'):\n"
         "        return np.where(z >= 0, 1 / (1 + exp(-z)), exp(z) / (1 + exp(z)))\n", namespace)
    with pytest.raises(ExerciseError, match=r"computes e\^1000 along the way"):
        check_sigmoid(namespace["where_by_name"])
    assert namespace["exp"] is np.exp


# --- 03: check_relu --------------------------------------------------------------------

def relu_in_place(z):
    z[z < 0] = 0
    return z


RELU_RIGHT = [
    lambda z: np.maximum(0, z),
    lambda z: np.where(z > 0, z, 0.0),
    lambda z: z * (z > 0),
    lambda z: np.clip(z, 0, None),
]

RELU_MISTAKES = [
    (lambda z: max(0, z), r"Python's max\(0, z\) compares 0 with the whole array"),
    (lambda z: z if z > 0 else 0, r"and so does `if z > 0`.*np.maximum\(0, z\) takes the maximum entry by entry"),
    (lambda z: np.max(0, z), "np.max is the largest entry of an array"),
    (lambda z: np.max(z, 0), "np.max is the largest entry of an array"),
    (lambda z: np.max(z), "np.max is the largest entry of an array"),
    (relu_in_place, r"changed its input z \(e.g. z\[z < 0\] = 0\)"),
    (lambda z: np.abs(z), r"you returned \|z\|"),
    (lambda z: np.minimum(0, z), "you took the minimum"),
    (lambda z: (z > 0).astype(float), "that is ReLU's derivative"),
    (lambda z: np.where(z > 0, z, 0.01 * z), "that is leaky ReLU"),
    (lambda z: np.maximum(0, z) if np.ndim(z) else z, r"\(z=-1\.5\) returned -1\.5, expected 0"),
]


# --- 03: check_hat ---------------------------------------------------------------------

HAT_RIGHT = [
    lambda: ([1, -2, 1], [1, 1, 1], [0, -1, -2]),
    lambda: (np.array([2.0, -4.0, 2.0]), np.array([0.5, 0.5, 0.5]), np.array([0.0, -0.5, -1.0])),  # same kinks
    lambda: ([0.5, -1.0, 0.5], [2.0, 2.0, 2.0], [0.0, -2.0, -4.0]),  # steeper units, smaller c
    lambda: (np.array([1, -2, 1], dtype=np.float32), [1, 1, 1], (0, -1, -2)),
]

HAT_MISTAKES = [
    (lambda: ([1, -2], [1, 1], [0, -1]), "after x = 2 your curve keeps falling"),
    (lambda: ([1, -1, 0], [1, 1, 1], [0, -1, -2]), "your curve stays at 1 after x = 1.*its c is -2"),
    (lambda: ([1, -2, 1], [1, 1, 1], [0, 1, 2]), "your kinks are at x = -1 and x = -2"),
    (lambda: ([1, -2, 1], [1, 1], [0, -1, -2]), r"relu_sum could not use your \(c, w, b\).*got shapes \(3,\), \(2,\)"),
    (lambda: ([1, -2, 1], [1, 1, 1]), "must return three lists"),
    (lambda: ([1, -2, 1, 1, -2, 1], [1] * 6, [0, -1, -2, -2.6, -2.7, -2.8]),  # a small extra hat between 2.5 and 3
     "matches the hat at the points checked"),
    (lambda: ([1, -2, 1], [1, 1, 1], [0, -1, -2.5]), r"relu_sum\(\[-1. , -0.5,  0. .*, c, w, b\) returned"),
    (lambda: ([1, -1, -1, 1], [1, 1, 1, 1], [0, -1, -1, -2]),  # the middle unit split in two
     "your 4 ReLU units make the hat, but the exercise asks for three"),
    (lambda: ([1, -2, 1, 0], [1, 1, 1, 1], [0, -1, -2, 5]), "your 4 ReLU units make the hat"),  # a unit with c = 0
    (lambda: None, "must return three lists"),
]


# --- 04: check_regression_losses (and check_mae, check_mse, check_rmse) -------------------

def regression_losses(y_hat, y):
    errors = y - y_hat
    mae = np.mean(np.abs(errors))
    mse = np.mean(errors ** 2)
    rmse = np.sqrt(mse)
    return mae, mse, rmse


def losses_in_loops(y_hat, y):
    absolute, squared = 0.0, 0.0
    for p, t in zip(y_hat, y):
        absolute += abs(t - p)
        squared += (t - p) ** 2
    return [absolute / len(y), squared / len(y), math.sqrt(squared / len(y))]


def with_slip(mae=None, mse=None, rmse=None):
    """The right three losses, one of them replaced by a slip f(e, m) of the errors e = y - y_hat."""
    def losses(y_hat, y):
        e, m = y - y_hat, len(y)
        right = regression_losses(y_hat, y)
        return tuple(right[k] if slip is None else slip(e, m) for k, slip in enumerate((mae, mse, rmse)))
    return losses


REGRESSION_RIGHT = [
    regression_losses,
    losses_in_loops,
    lambda y_hat, y: np.array(regression_losses(y_hat, y)),
    lambda y_hat, y: tuple(np.float32(v) for v in regression_losses(y_hat, y)),
    lambda y_hat, y: (np.mean(np.abs(y_hat - y)), np.mean((y_hat - y) ** 2),
                      np.linalg.norm(y - y_hat) / math.sqrt(len(y))),
]

REGRESSION_MISTAKES = [
    (with_slip(mae=lambda e, m: np.mean(e)), "your MAE: MAE without the absolute value of each error"),
    (with_slip(mae=lambda e, m: abs(np.mean(e))), "your MAE: MAE without the absolute value of each error"),
    (with_slip(mae=lambda e, m: np.sum(np.abs(e))), "your MAE: MAE without the mean"),
    (with_slip(mae=lambda e, m: np.sum(np.abs(e)) / (m - 1)),
     "your MAE: divide by m, the number of examples, not m - 1"),
    (with_slip(mae=lambda e, m: np.abs(e)), "the MAE from .* is 5 numbers, one per example"),
    (with_slip(mse=lambda e, m: np.sum(e ** 2)), "your MSE: MSE without the mean"),
    (with_slip(mse=lambda e, m: np.mean(e) ** 2), "your MSE: you squared the mean error"),
    (with_slip(mse=lambda e, m: 0.5 * np.mean(e ** 2)), "your MSE: that is half the MSE"),
    (with_slip(mse=lambda e, m: np.mean(e * 2)), "your MSE: you multiplied the errors by 2 instead of squaring them"),
    (with_slip(mse=lambda e, m: np.mean(e ** 3)),
     r"the MSE from losses\(y_hat=.*\) returned -1\.5125, expected 1\.025"),
    (with_slip(rmse=lambda e, m: np.mean(np.sqrt(e ** 2))), "your RMSE: RMSE as the mean of square roots"),
    (with_slip(rmse=lambda e, m: np.sqrt(np.sum(e ** 2))), "your RMSE: RMSE without the mean"),
    (with_slip(rmse=lambda e, m: np.sqrt(np.sum(e ** 2)) / m), "your RMSE: you divided by m outside the root"),
    (with_slip(rmse=lambda e, m: np.std(e)), "your RMSE: np.std subtracts the mean error first"),
    (with_slip(rmse=lambda e, m: np.sqrt(np.mean(e))), "gave a warning: invalid value encountered in sqrt"),
    (lambda y_hat, y: regression_losses(y_hat, y)[::-1], "returned the three losses in the order RMSE, MSE, MAE"),
    (lambda y_hat, y: tuple(regression_losses(y_hat, y)[k] for k in (1, 0, 2)),
     "returned the three losses in the order MSE, MAE, RMSE; return them as"),
    (lambda y_hat, y: regression_losses(y_hat, y)[:2], r"return three numbers, mae, mse, rmse"),
    (lambda y_hat, y: np.mean((y - y_hat) ** 2), r"returned 1\.025; return three numbers"),
    (lambda y_hat, y: None, "returned None"),
]

MSE_MISTAKES = [
    (lambda y_hat, y: np.sum((y - y_hat) ** 2), "MSE without the mean"),
    (lambda y_hat, y: np.mean(y - y_hat), "you forgot to square the errors"),
    (lambda y_hat, y: np.mean(y_hat - y), "you forgot to square the errors"),
    (lambda y_hat, y: np.mean(np.abs(y - y_hat)), "that is MAE"),
    (lambda y_hat, y: np.sqrt(np.mean((y - y_hat) ** 2)), "that is RMSE"),
    (lambda y_hat, y: np.mean(y - y_hat) ** 2, "you squared the mean error"),
    (lambda y_hat, y: np.sum((y - y_hat) ** 2) / (len(y) - 1), "not m - 1"),
    (lambda y_hat, y: (y - y_hat) ** 2, "returned 5 numbers, one per example"),
    (lambda y_hat, y: np.mean((y - y_hat) ** 3), r"returned -1\.5125, expected 1\.025"),
    (lambda y_hat, y: 0.5 * np.mean((y - y_hat) ** 2), "that is half the MSE"),
    (lambda y_hat, y: np.mean((y - y_hat) * 2), "multiplied the errors by 2 instead of squaring them"),
    (lambda y_hat, y: np.mean((y_hat - y) * 2), "multiplied the errors by 2 instead of squaring them"),
]

MAE_MISTAKES = [
    (lambda y_hat, y: np.mean(y - y_hat), "MAE without the absolute value of each error"),
    (lambda y_hat, y: np.mean(y_hat - y), "MAE without the absolute value of each error"),
    (lambda y_hat, y: abs(np.mean(y - y_hat)), "MAE without the absolute value of each error"),
    (lambda y_hat, y: np.sum(np.abs(y - y_hat)), "MAE without the mean"),
    (lambda y_hat, y: np.mean((y - y_hat) ** 2), "that is MSE"),
    (lambda y_hat, y: np.sum(np.abs(y - y_hat)) / (len(y) - 1), "not m - 1"),
    (lambda y_hat, y: np.abs(y - y_hat), "returned 5 numbers, one per example"),
]

RMSE_MISTAKES = [
    (lambda y_hat, y: np.mean(np.sqrt((y - y_hat) ** 2)), "RMSE as the mean of square roots"),
    (lambda y_hat, y: np.mean((y - y_hat) ** 2), "you forgot the square root"),
    (lambda y_hat, y: np.sqrt(np.sum((y - y_hat) ** 2)), "RMSE without the mean"),
    (lambda y_hat, y: np.sqrt(np.sum((y - y_hat) ** 2)) / len(y), "you divided by m outside the root"),
    (lambda y_hat, y: np.sqrt(np.mean(y - y_hat) ** 2), "root of the squared mean error"),
    (lambda y_hat, y: np.sqrt(np.mean(y - y_hat)), "gave a warning: invalid value encountered in sqrt"),
    (lambda y_hat, y: np.std(y - y_hat), "np.std subtracts the mean error first, RMSE does not"),
    (lambda y_hat, y: np.std(y_hat - y), "np.std subtracts the mean error first, RMSE does not"),
]


# --- 04: check_softmax -----------------------------------------------------------------

def softmax_columns(Z):
    shifted = Z - np.max(Z, axis=0, keepdims=True)
    return np.exp(shifted) / np.sum(np.exp(shifted), axis=0, keepdims=True)


def shifted_by(Z, shift, sum_axis=0):
    """e^(Z - shift) normalised over sum_axis: a softmax with the given shift (right only for shifts per column)."""
    E = np.exp(Z - shift)
    return E / E.sum(axis=sum_axis, keepdims=True)


SOFTMAX_RIGHT = [
    softmax_columns,
    lambda Z: softmax_columns(Z.T.copy().T),
    lambda Z: np.exp(Z - np.logaddexp.reduce(Z, axis=0)),
    lambda Z: np.stack([softmax_columns(Z[:, [k]])[:, 0] for k in range(Z.shape[1])], axis=1),  # one column at a time
    lambda Z: shifted_by(Z, Z.max(axis=0)),  # a (m,) shift lines up with the columns too
]

SOFTMAX_MISTAKES = [
    (lambda Z: np.exp(Z) / np.exp(Z).sum(axis=0, keepdims=True), "overflows for a score of 1000"),
    (lambda Z: np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True), "softmax over the wrong axis"),
    # regression: every broadcast failure was blamed on the sums; now the reduction that ran is named
    (lambda Z: np.exp(Z) / np.exp(Z).sum(axis=1),
     r"an array of shape \(3,\) does not line up with Z \(3, 4\): "
     r"a sum over axis=1 \(along each row\) without keepdims"),
    (lambda Z: np.exp(Z) / np.sum(np.exp(Z), 1), r"a sum over axis=1 \(along each row\) without keepdims"),
    (lambda Z: shifted_by(Z, Z.max(axis=1)), r"a maximum over axis=1 \(along each row\) without keepdims"),
    (lambda Z: shifted_by(Z, np.amax(Z, axis=-1)), r"a maximum over axis=1 \(along each row\) without keepdims"),
    (lambda Z: shifted_by(Z, Z.mean(axis=1)), r"a mean over axis=1 \(along each row\) without keepdims"),
    (lambda Z: shifted_by(Z, np.median(Z, axis=1)),  # np.median takes a mean inside: that is not named
     r"one number per row, as a reduction along each row \(axis=1\) without keepdims gives"),
    (lambda Z: np.exp(Z) / np.exp(Z).sum(axis=0, keepdims=True).T,
     r"^<lambda> raised ValueError: operands could not be broadcast together with shapes \(3,4\) \(4,1\)"),
    (lambda Z: None, "returned None"),
    (lambda Z: softmax_columns(Z).T, r"returned shape \(4, 3\), expected shape \(3, 4\)"),
    (lambda Z: np.exp(Z) / np.exp(Z).sum(), "sum over the whole matrix"),
    (lambda Z: Z / Z.sum(axis=0, keepdims=True), "you forgot the exponential"),
    (lambda Z: np.exp(Z - Z.max()) / np.exp(Z - Z.max()).sum(axis=0, keepdims=True),
     "subtract each column's own maximum"),
    (lambda Z: softmax_columns(Z)[:, 0], r"returned shape \(3,\), expected shape \(3, 4\)"),
    (lambda Z: shifted_by(Z, Z.max(axis=0, keepdims=True), sum_axis=1), "softmax over the wrong axis"),
    (lambda Z: shifted_by(Z, Z.max(axis=1, keepdims=True)), "you subtracted each row's largest score"),
    # shifts that cancel in each column, yet pass [1000, 999, 998] and overflow when a column's scores are far apart
    (lambda Z: shifted_by(Z, Z.min(axis=0, keepdims=True)), "overflows when the scores of one column are far apart"),
    (lambda Z: shifted_by(Z, Z.mean(axis=0, keepdims=True)), "overflows when the scores of one column are far apart"),
    (lambda Z: shifted_by(Z, Z[[0]]), "overflows when the scores of one column are far apart"),
]


# --- every check -----------------------------------------------------------------------

RIGHT = [
    (check_neuron, NEURON_RIGHT, "✓ neuron: correct (3 neurons, with sigmoid and with tanh)\n"),
    (check_layer_forward, LAYER_RIGHT,
     "✓ layer_forward: correct (a square layer, a (3 -> 2) layer on 4 examples, a tanh layer)\n"),
    (check_network_forward, NETWORK_RIGHT,
     "✓ network_forward: correct (networks of 1, 2 and 3 layers, with sigmoid and with tanh)\n"),
    (check_sigmoid, SIGMOID_RIGHT, "✓ sigmoid: correct (numbers, arrays, and z = ±1000 without overflow)\n"),
    (check_relu, RELU_RIGHT, "✓ relu: correct (arrays and numbers, input left unchanged)\n"),
    (check_hat, HAT_RIGHT, "✓ hat: correct (3 ReLU units make the hat)\n"),
    (check_regression_losses, REGRESSION_RIGHT,
     "✓ regression_losses: correct (MAE, MSE and RMSE; 2 cases, m = 5 and m = 4)\n"),
    (check_mse, [lambda y_hat, y: np.mean((y - y_hat) ** 2), lambda y_hat, y: float(np.sum((y_hat - y) ** 2) / len(y))],
     "✓ mse: correct (2 cases, m = 5 and m = 4)\n"),
    (check_mae, [lambda y_hat, y: np.mean(np.abs(y - y_hat)),
                 lambda y_hat, y: sum(abs(a - b) for a, b in zip(y, y_hat)) / len(y)],
     "✓ mae: correct (2 cases, m = 5 and m = 4)\n"),
    (check_rmse, [lambda y_hat, y: np.sqrt(np.mean((y - y_hat) ** 2)),
                  lambda y_hat, y: math.sqrt(np.mean((y - y_hat) ** 2)),
                  lambda y_hat, y: np.linalg.norm(y - y_hat) / math.sqrt(len(y))],
     "✓ rmse: correct (2 cases, m = 5 and m = 4)\n"),
    (check_softmax, SOFTMAX_RIGHT, "✓ softmax: correct (columns sum to 1, and scores of ±1000 do not overflow)\n"),
]


@pytest.mark.parametrize("check, answers, line", RIGHT, ids=[check.__name__ for check, _, _ in RIGHT])
def test_right_answers_pass(check, answers, line, capsys):
    for answer in answers:
        assert check(answer) is True, answer
    assert capsys.readouterr().out == line * len(answers)


MISTAKES = ([(check_neuron, *case) for case in NEURON_MISTAKES]
            + [(check_layer_forward, *case) for case in LAYER_MISTAKES]
            + [(check_network_forward, *case) for case in NETWORK_MISTAKES]
            + [(check_sigmoid, *case) for case in SIGMOID_MISTAKES]
            + [(check_relu, *case) for case in RELU_MISTAKES]
            + [(check_hat, *case) for case in HAT_MISTAKES]
            + [(check_regression_losses, *case) for case in REGRESSION_MISTAKES]
            + [(check_mse, *case) for case in MSE_MISTAKES]
            + [(check_mae, *case) for case in MAE_MISTAKES]
            + [(check_rmse, *case) for case in RMSE_MISTAKES]
            + [(check_softmax, *case) for case in SOFTMAX_MISTAKES])


@pytest.mark.parametrize("check, wrong, message", MISTAKES,
                         ids=[f"{check.__name__}: {message[:40]}" for check, _, message in MISTAKES])
def test_each_named_mistake_gets_its_message(check, wrong, message):
    with pytest.raises(ExerciseError, match=message):
        check(wrong)


def test_a_stub_neuron_is_not_written_yet():
    def neuron_output(a_prev, w, b, g):
        raise NotImplementedError()

    with pytest.raises(NotImplementedError, match="^neuron_output is not written yet"):
        check_neuron(neuron_output)


def test_a_forward_pass_over_a_stub_layer_names_the_layer():
    def layer_forward(A_prev, W, b, g):
        raise NotImplementedError()

    def network_forward(X, params, g):
        A = X
        for l in range(1, len(params) // 2 + 1):
            A = layer_forward(A, params[f"W{l}"], params[f"b{l}"], g)
        return A

    with pytest.raises(NotImplementedError, match="^layer_forward is not written yet"):
        check_network_forward(network_forward)

