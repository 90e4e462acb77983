"""The checks of notebooks 02-04: each accepts right answers (and reasonable variants)
and names each mistake it claims to."""
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
    check_neuron,
    check_relu,
    check_rmse,
    check_sigmoid,
    check_softmax,
)
from mlnotes.neuron import neuron_forward


def expect(check, wrong, message):
    with pytest.raises(ExerciseError, match=message):
        check(wrong)


# --- 02: check_neuron, check_layer_forward ------------------------------------------

@pytest.mark.parametrize("right", [
    lambda a, w, b: sigmoid(np.dot(w, a) + b),
    lambda a, w, b: 1 / (1 + math.exp(-(sum(w_i * a_i for w_i, a_i in zip(w, a)) + b))),
])
def test_neuron_accepts(right, capsys):
    assert check_neuron(right) is True
    assert capsys.readouterr().out == "✓ neuron: correct (2 neurons)\n"


@pytest.mark.parametrize("wrong, message", [
    (lambda a, w, b: np.dot(w, a) + b, "you returned z, the weighted input.*the notes' 神经元 paragraph"),
    (lambda a, w, b: sigmoid(np.dot(w, a)), "you forgot the bias"),
    (lambda a, w, b: sigmoid(np.dot(w, a)) + b, "you added the bias after the activation"),
    (lambda a, w, b: sigmoid(np.dot(w, a) - b), "you subtracted the bias"),
    (lambda a, w, b: sigmoid(w * a + b), "returned 3 numbers, one per input"),
    (lambda a, w, b: sigmoid(np.sum(w + a) + b), r"returned 0\.997648, expected 0\.389361"),
    (lambda a, w, b: sigmoid(np.mean(w * a) + b), r"you averaged the products \(np.mean\)"),
    (lambda a, w, b: neuron_forward(a, w, b), r"returned a tuple of 2; return only a.*neuron_forward returns \(z, a\)"),
    (lambda a, w, b: neuron_forward(a, w, b) if len(a) == 2 else sigmoid(np.dot(w, a) + b),  # as many numbers as inputs
     "returned a tuple of 2; return only a"),
])
def test_neuron_names_mistakes(wrong, message):
    expect(check_neuron, wrong, message)


def layer_loops(A_prev, W, b):
    """The per-neuron form (F1) in loops: a right answer too."""
    A = np.zeros((W.shape[0], A_prev.shape[1]))
    for j in range(W.shape[0]):
        for k in range(A_prev.shape[1]):
            A[j, k] = sigmoid(W[j] @ A_prev[:, k] + b[j, 0])
    return A


@pytest.mark.parametrize("right", [
    lambda A, W, b: sigmoid(W @ A + b),
    lambda A, W, b: sigmoid(np.dot(W, A) + b),
    lambda A, W, b: sigmoid(A.T @ W.T + b.T).T,  # the row convention, transposed back
    layer_loops,
])
def test_layer_forward_accepts(right):
    assert check_layer_forward(right)


@pytest.mark.parametrize("wrong, message", [
    (lambda A, W, b: W @ A + b, "you returned Z = W A_prev \\+ b"),
    (lambda A, W, b: sigmoid(W @ A), "you forgot the bias"),
    (lambda A, W, b: sigmoid(W @ A) + b, "you added the bias after the activation"),
    (lambda A, W, b: sigmoid(W.T @ A + b), "you used W.T"),
    (lambda A, W, b: sigmoid(A.T @ W.T + b.T), "you computed with examples as rows"),
    (lambda A, W, b: sigmoid(W @ A + b.ravel()), "you added b as a row"),
    (lambda A, W, b: sigmoid(W * A + b), "you multiplied elementwise"),
    (lambda A, W, b: sigmoid(A @ W + b),
     "you computed A_prev @ W; the notes' order is W @ A_prev: W's rows are the neurons"),
    (lambda A, W, b: (W @ A + b, sigmoid(W @ A + b)), "returned a tuple of 2; return only A"),
    (lambda A, W, b: sigmoid(W @ A + b) if W.shape[0] == W.shape[1] else sigmoid(A.T @ W.T + b.T),
     r"returned shape \(4, 2\), expected \(2, 4\): examples are columns"),
    (lambda A, W, b: sigmoid(W @ A + b)[:, :1], r"returned shape \(3, 1\), expected shape \(3, 3\)"),
])
def test_layer_forward_names_mistakes(wrong, message):
    expect(check_layer_forward, wrong, message)


# --- 03: check_sigmoid, check_relu, check_hat ---------------------------------------

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


def sigmoid_two_branches(z):
    z = np.asarray(z, dtype=float)
    out = np.zeros_like(z)
    pos = z >= 0
    out[pos] = 1 / (1 + np.exp(-z[pos]))
    out[~pos] = np.exp(z[~pos]) / (1 + np.exp(z[~pos]))
    return out


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


@pytest.mark.parametrize("right", [
    sigmoid,
    sigmoid_by_sign,
    sigmoid_by_mask,
    sigmoid_two_branches,
    sigmoid_loop,
    lambda z: np.exp(-np.abs(z)) ** (np.asarray(z) < 0) / (1 + np.exp(-np.abs(z))),
    lambda z: np.where(np.asarray(z) >= 0, 1, np.exp(-np.abs(z))) / (1 + np.exp(-np.abs(z))),
    lambda z: sigmoid_by_sign(np.asarray(z, dtype=np.float32)).astype(float),
    lambda z: np.exp(np.minimum(0, z) - np.logaddexp(0, -np.abs(z))),
    lambda z: 0.5 * (1 + np.tanh(np.asarray(z) / 2)),
    lambda z: np.exp(-np.logaddexp(0, -np.asarray(z))),
    lambda z: 1 / (1 + np.exp(-np.clip(z, -500, 500))),
])
def test_sigmoid_accepts(right, capsys):
    assert check_sigmoid(right)
    assert capsys.readouterr().out == "✓ sigmoid: correct (numbers, arrays, and z = ±1000 without overflow)\n"


@pytest.mark.parametrize("wrong, message", [
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
    # regression: the textbook sigmoid passed with numpy's overflow warning silenced inside the function
    (textbook_silenced_errstate, r"overflows for z = -740: it computes e\^740.*numpy said nothing.*np.errstate"),
    (textbook_silenced_warnings, r"overflows for z = -740: it computes e\^740.*exactly 0 for z = -740"),
    (other_form_silenced, r"overflows for z = 1000: it computes e\^1000.*numpy said nothing.*returned \[nan"),
    (lambda z: sigmoid_by_mask(z, integer_out=True),
     r"returned integers \[0, 0, 0\] for the integer array .*np.empty_like\(z\).*keeps z's integer dtype.*"
     r"np.asarray\(z, dtype=float\)"),
])
def test_sigmoid_names_mistakes(wrong, message):
    expect(check_sigmoid, wrong, message)


@pytest.mark.parametrize("right", [
    lambda z: np.maximum(0, z),
    lambda z: np.where(z > 0, z, 0.0),
    lambda z: z * (z > 0),
    lambda z: np.clip(z, 0, None),
])
def test_relu_accepts(right):
    assert check_relu(right)


def relu_in_place(z):
    z[z < 0] = 0
    return z


@pytest.mark.parametrize("wrong, message", [
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
])
def test_relu_names_mistakes(wrong, message):
    expect(check_relu, wrong, message)


@pytest.mark.parametrize("right", [
    lambda: ([1, -2, 1], [1, 1, 1], [0, -1, -2]),
    lambda: (np.array([2.0, -4.0, 2.0]), np.array([0.5, 0.5, 0.5]), np.array([0.0, -0.5, -1.0])),  # same kinks
    lambda: ([0.5, -1.0, 0.5], [2.0, 2.0, 2.0], [0.0, -2.0, -4.0]),  # steeper units, smaller c
    lambda: (np.array([1, -2, 1], dtype=np.float32), [1, 1, 1], (0, -1, -2)),
])
def test_hat_accepts(right, capsys):
    assert check_hat(right)
    assert capsys.readouterr().out == "✓ hat: correct (3 ReLU units make the hat)\n"


@pytest.mark.parametrize("wrong, message", [
    (lambda: ([1, -2], [1, 1], [0, -1]), "after x = 2 your curve keeps falling"),
    (lambda: ([1, -1, 0], [1, 1, 1], [0, -1, -2]), "your curve stays at 1 after x = 1.*its c is -2"),
    (lambda: ([1, -2, 1], [1, 1, 1], [0, 1, 2]), "your kinks are at x = -1 and x = -2"),
    (lambda: ([1, -2, 1], [1, 1], [0, -1, -2]), r"relu_sum could not use your \(c, w, b\).*got shapes \(3,\), \(2,\)"),
    (lambda: ([1, -2, 1], [1, 1, 1]), "must return three lists"),
    (lambda: ([1, -2, 1, 1, -2, 1], [1] * 6, [0, -1, -2, -2.6, -2.7, -2.8]),  # a small extra hat between 2.5 and 3
     "matches the hat at the points checked"),
    (lambda: ([1, -2, 1], [1, 1, 1], [0, -1, -2.5]), r"relu_sum\(\[-1. , -0.5,  0. .*, c, w, b\) returned"),
    # regression: a hat from more than three units passed
    (lambda: ([1, -1, -1, 1], [1, 1, 1, 1], [0, -1, -1, -2]),  # the middle unit split in two
     "your 4 ReLU units make the hat, but the exercise asks for three"),
    (lambda: ([1, -2, 1, 0], [1, 1, 1, 1], [0, -1, -2, 5]), "your 4 ReLU units make the hat"),  # a unit with c = 0
])
def test_hat_names_mistakes(wrong, message):
    expect(check_hat, wrong, message)


# --- 04: check_mse, check_mae, check_rmse, check_softmax ----------------------------

@pytest.mark.parametrize("check, right", [
    (check_mse, lambda y_hat, y: np.mean((y - y_hat) ** 2)),
    (check_mse, lambda y_hat, y: float(np.sum((y_hat - y) ** 2) / len(y))),
    (check_mae, lambda y_hat, y: np.mean(np.abs(y - y_hat))),
    (check_mae, lambda y_hat, y: sum(abs(a - b) for a, b in zip(y, y_hat)) / len(y)),
    (check_rmse, lambda y_hat, y: np.sqrt(np.mean((y - y_hat) ** 2))),
    (check_rmse, lambda y_hat, y: math.sqrt(np.mean((y - y_hat) ** 2))),
    (check_rmse, lambda y_hat, y: np.linalg.norm(y - y_hat) / math.sqrt(len(y))),
])
def test_losses_accept(check, right):
    assert check(right)


@pytest.mark.parametrize("wrong, message", [
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
])
def test_mse_names_mistakes(wrong, message):
    expect(check_mse, wrong, message)


@pytest.mark.parametrize("wrong, message", [
    (lambda y_hat, y: np.mean(y - y_hat), "MAE without the absolute value of each error"),
    (lambda y_hat, y: np.mean(y_hat - y), "MAE without the absolute value of each error"),
    (lambda y_hat, y: abs(np.mean(y - y_hat)), "MAE without the absolute value of each error"),
    (lambda y_hat, y: np.sum(np.abs(y - y_hat)), "MAE without the mean"),
    (lambda y_hat, y: np.mean((y - y_hat) ** 2), "that is MSE"),
    (lambda y_hat, y: np.sum(np.abs(y - y_hat)) / (len(y) - 1), "not m - 1"),
    (lambda y_hat, y: np.abs(y - y_hat), "returned 5 numbers, one per example"),
])
def test_mae_names_mistakes(wrong, message):
    expect(check_mae, wrong, message)


@pytest.mark.parametrize("wrong, message", [
    (lambda y_hat, y: np.mean(np.sqrt((y - y_hat) ** 2)), "RMSE as the mean of square roots"),
    (lambda y_hat, y: np.mean((y - y_hat) ** 2), "you forgot the square root"),
    (lambda y_hat, y: np.sqrt(np.sum((y - y_hat) ** 2)), "RMSE without the mean"),
    (lambda y_hat, y: np.sqrt(np.sum((y - y_hat) ** 2)) / len(y), "you divided by m outside the root"),
    (lambda y_hat, y: np.sqrt(np.mean(y - y_hat) ** 2), "root of the squared mean error"),
    (lambda y_hat, y: np.sqrt(np.mean(y - y_hat)), "gave a warning: invalid value encountered in sqrt"),
    (lambda y_hat, y: np.std(y - y_hat), "np.std subtracts the mean error first, RMSE does not"),
    (lambda y_hat, y: np.std(y_hat - y), "np.std subtracts the mean error first, RMSE does not"),
])
def test_rmse_names_mistakes(wrong, message):
    expect(check_rmse, wrong, message)


def softmax_columns(Z):
    shifted = Z - np.max(Z, axis=0, keepdims=True)
    return np.exp(shifted) / np.sum(np.exp(shifted), axis=0, keepdims=True)


def shifted_by(Z, shift, sum_axis=0):
    """e^(Z - shift) normalised over sum_axis: a softmax with the given shift (right only for shifts per column)."""
    E = np.exp(Z - shift)
    return E / E.sum(axis=sum_axis, keepdims=True)


@pytest.mark.parametrize("right", [
    softmax_columns,
    lambda Z: softmax_columns(Z.T.copy().T),
    lambda Z: np.exp(Z - np.logaddexp.reduce(Z, axis=0)),
    lambda Z: np.stack([softmax_columns(Z[:, [k]])[:, 0] for k in range(Z.shape[1])], axis=1),  # one column at a time
])
def test_softmax_accepts(right, capsys):
    assert check_softmax(right)
    assert capsys.readouterr().out == "✓ softmax: correct (columns sum to 1, and scores of ±1000 do not overflow)\n"


@pytest.mark.parametrize("wrong, message", [
    (lambda Z: np.exp(Z) / np.exp(Z).sum(axis=0, keepdims=True), "overflows for a score of 1000"),
    (lambda Z: np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True), "softmax over the wrong axis"),
    (lambda Z: np.exp(Z) / np.exp(Z).sum(axis=1),
     r"an array of shape \(3,\) does not line up with Z \(3, 4\): a sum or a maximum over axis=1"),
    # regression: every broadcast failure was blamed on the sums
    (lambda Z: shifted_by(Z, Z.max(axis=1)), r"a sum or a maximum over axis=1 \(along each row\) without keepdims"),
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
])
def test_softmax_names_mistakes(wrong, message):
    expect(check_softmax, wrong, message)
