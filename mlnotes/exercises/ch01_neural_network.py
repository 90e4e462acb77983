"""Checks for the exercises of 01_neural_network."""
import numpy as np

from mlnotes.activations import sigmoid
from mlnotes.exercises.checking import (
    ExerciseError,
    _shape,
    as_result,
    call,
    call_unchanged,
    close,
    compare,
    passed,
    unambiguous,
)


def _count(sizes):
    """Weights n_l * n_(l-1) and biases n_l of every layer after the input layer."""
    return sum(n * n_prev + n for n_prev, n in zip(sizes[:-1], sizes[1:]))


#: [64, 32, 10] comes first: every mistake below gives it a different count, so the first
#: wrong answer is named; [2, 3, 4, 1] has two hidden layers, which a count written for one misses.
COUNT_CASES = ([64, 32, 10], [2, 3, 4, 1], [2, 3, 1], [4, 1])


def check_count_parameters(fn):
    """fn(layer_sizes) must return how many weights and biases a fully connected network has."""
    for sizes in COUNT_CASES:
        want = _count(sizes)
        weights = sum(n * n_prev for n_prev, n in zip(sizes[:-1], sizes[1:]))
        mistakes = [
            (weights, "you counted the weights but not the biases: every neuron after the input layer has one bias"),
            (want + sizes[0], "you gave the input layer biases too; inputs are data, they have no weights or bias"),
            (sum(sizes), "you counted neurons; count the weights (one per connection) and the biases (one per neuron)"),
            (sum(sizes[1:]), "you counted only the biases; each layer also has n_l x n_(l-1) weights"),
            (_count(sizes[:-1]), "you left out the output layer's weights and biases: is your loop one layer short, "
                                 "or written for one hidden layer? Count every layer after the input layer"),
            (_count(sizes[1:]), "you left out the first layer's weights and biases (from the inputs to layer 1): "
                                "count every layer after the input layer"),
        ]
        if len(sizes) > 3:
            mistakes.append((_count([sizes[0], sizes[1], sizes[-1]]),
                             f"your count fits a network with one hidden layer; {sizes} has {len(sizes) - 2}: "
                             f"loop over every pair of neighbouring layers"))
        compare(call(fn, list(sizes)), want, fn.__name__, str(sizes), mistakes=unambiguous(mistakes))
    return passed("count_parameters", f"{len(COUNT_CASES)} networks, from [4, 1] to [64, 32, 10]")


def _network(sizes, rng):
    """Weights and biases {"W1": (n_1, n_0), "b1": (n_1, 1), ...} for the layer sizes, drawn from rng."""
    params = {}
    for l, (n_prev, n) in enumerate(zip(sizes[:-1], sizes[1:]), start=1):
        params[f"W{l}"], params[f"b{l}"] = rng.normal(size=(n, n_prev)), rng.normal(size=(n, 1))
    return params


def _activations(X, params, layers, g=sigmoid, g_last=sigmoid, bias=True):
    """[a^(0), ..., a^(layers)]: the forward pass, and the variants that typical mistakes compute."""
    L = len(params) // 2
    A = [X]
    for l in range(1, layers + 1):
        Z = params[f"W{l}"] @ A[-1] + (params[f"b{l}"] if bias else 0)
        A.append(g(Z) if l < L else g_last(Z))
    return A


def _sigmoid_then_bias(X, params):
    A = X
    for l in range(1, len(params) // 2 + 1):
        A = sigmoid(params[f"W{l}"] @ A) + params[f"b{l}"]
    return A


#: (layer sizes, examples): two layers for one example and for 5, three layers, one layer.
FORWARD_CASES = [([2, 3, 1], 1), ([2, 3, 1], 5), ([2, 3, 4, 1], 5), ([3, 2], 4)]


def _describe(params, X):
    shapes = ", ".join(f"{name} {value.shape}" for name, value in params.items())
    return f"X {X.shape}, params {{{shapes}}}"


def _why_matmul_failed(fn):
    """Which mistake made a matrix product fail: told apart on square layers, where both run without an error."""
    rng = np.random.default_rng(3)
    params, X = _network([3, 3, 3], rng), rng.normal(size=(3, 4))
    transposed = {name: value.T if name.startswith("W") else value for name, value in params.items()}
    try:
        got = call(fn, X, {name: value.copy() for name, value in params.items()})
    except (ExerciseError, NotImplementedError):
        got = None
    if _shape(got) != (3, 4):  # an error here too, or an answer of any other kind: no mistake to name
        got = np.zeros((0,))
    if close(got, _activations(X, transposed, 2)[-1]):
        return ("you used the transpose of W. W^(l) has shape (n_l, n_(l-1)), one row per neuron of layer l, so "
                "Z = W @ A_prev is (n_l, n_(l-1)) @ (n_(l-1), m) -> (n_l, m), with no transpose")
    if close(got, sigmoid(params["W2"] @ X + params["b2"])):
        return ("every layer multiplied X; layer l takes the previous layer's activations: Z = W^(l) @ A + b^(l), "
                "then A = sigmoid(Z), so the next layer gets this A (X is only layer 1's input)")
    return ("W^(l) has shape (n_l, n_(l-1)), one row per neuron of layer l: Z = W @ A_prev is "
            "(n_l, n_(l-1)) @ (n_(l-1), m) -> (n_l, m), where A_prev is the previous layer's activations "
            "(X only for layer 1)")


def _call_forward(fn, X, params, given):
    """call(fn, X, params) on copies; numpy's shape errors and a wrong layer count told in the network's terms."""
    copies = {name: value.copy() for name, value in params.items()}
    try:
        got = call_unchanged(fn, X, copies, given=given, names="X params")
    except ExerciseError as e:
        cause = e.__cause__
        text = str(cause) if isinstance(cause, ValueError) else ""
        L = len(params) // 2
        if isinstance(cause, KeyError) and str(cause).strip("'\"") in (f"W{L + 1}", f"b{L + 1}"):
            raise ExerciseError(f"{fn.__name__}({given}) asked params for {cause}, a layer that does not exist: params "
                                f"holds two arrays per layer, W and b, so this network has L = len(params) // 2 = {L} "
                                f"layers; loop over l = 1 .. L") from cause
        if isinstance(cause, KeyError) and str(cause).strip("'\"") in ("W0", "b0"):
            raise ExerciseError(f"{fn.__name__}({given}) asked params for {cause}: the layers that compute are "
                                f"numbered from 1 (layer 0 is the input X); loop over l = 1 .. L, "
                                f"range(1, L + 1)") from cause
        if "matmul" in text or "not aligned" in text:
            raise ExerciseError(f"{fn.__name__}({given}) raised ValueError in a matrix product: "
                                f"{_why_matmul_failed(fn)}") from cause
        if "broadcast" in text:
            raise ExerciseError(f"{fn.__name__}({given}) raised ValueError adding a bias: {_BIAS_SHAPE}") from cause
        raise
    for name, value in params.items():
        if name not in copies or not np.array_equal(copies[name], value):
            raise ExerciseError(f"{fn.__name__}({given}) changed params[{name!r}]: a forward pass only reads the "
                                f"weights and biases; compute new arrays instead")
    return got


_BIAS_SHAPE = ("each b^(l) must stay a column of shape (n_l, 1), one bias per neuron, as given: W @ A_prev + b "
               "then adds it to each of the m columns; a row (1, n_l) or a 1-D b of shape (n_l,) broadcasts across "
               "the examples instead")


def check_forward(fn):
    """fn(X, params) must return y_hat = a^(L): a^(0) = X, a^(l) = sigmoid(W^(l) a^(l-1) + b^(l)) for l = 1 .. L."""
    rng = np.random.default_rng(1)
    for sizes, m in FORWARD_CASES:
        params, X = _network(sizes, rng), rng.normal(size=(sizes[0], m))
        L = len(sizes) - 1
        given = _describe(params, X)
        got = _call_forward(fn, X, params, given)
        A = _activations(X, params, L)
        want = A[-1]
        arr = as_result(got, fn.__name__, given)
        if arr.shape != want.shape:
            for l in range(1, L):
                if close(arr, A[l]) and L == 2:  # the first cases: a loop that stops early
                    raise ExerciseError(f"{fn.__name__}({given}) returned the activations of layer {l} of {L}, shape "
                                        f"{arr.shape}: is your loop one layer short? These params hold L = "
                                        f"len(params) // 2 = {L} layers: loop over l = 1 .. L, range(1, L + 1)")
                if close(arr, A[l]):  # right on the two-layer network before
                    raise ExerciseError(f"{fn.__name__}({given}) returned the activations of layer {l} of {L}, shape "
                                        f"{arr.shape}: your forward computes {l} layers whatever the network. Was it "
                                        f"written for the two-layer network? Take the number of layers from params, "
                                        f"L = len(params) // 2 (here {L}), and loop over l = 1 .. L")
            if m == 1 and L == 2:
                # For one example, W1 @ X + b1.T is (3, 1) + (1, 3): a (3, 3) matrix that the next layer keeps.
                row = {**params, "b1": params["b1"].T}
                if close(arr, _activations(X, row, L)[-1]):
                    raise ExerciseError(f"{fn.__name__}({given}) returned shape {arr.shape} because of the bias: "
                                        f"W1 @ X + b1 came out (3, 3), not (3, 1). {_BIAS_SHAPE}")
            raise ExerciseError(f"{fn.__name__}({given}) returned shape {arr.shape}, expected {want.shape}: "
                                f"one output per example, examples as columns")
        mistakes = [
            (_activations(X, params, L, g_last=lambda z: z)[-1],
             "the output layer needs its activation too: y_hat = a^(L) = sigmoid(z^(L)), not z^(L)"),
            (_activations(X, params, L, g=lambda z: z)[-1],
             "the hidden layers need their activation: a^(l) = sigmoid(z^(l)) in EVERY layer, not only the last"),
            (_activations(X, params, L, g=lambda z: z, g_last=lambda z: z)[-1],
             "no layer applied its activation: a^(l) = sigmoid(z^(l)), with z^(l) = W^(l) a^(l-1) + b^(l)"),
            (_activations(X, params, L, bias=False)[-1], "you forgot the biases: z^(l) = W^(l) a^(l-1) + b^(l)"),
            (_sigmoid_then_bias(X, params), "you added the bias after the activation, sigmoid(W a) + b; it is part of "
                                           "the weighted input: a^(l) = sigmoid(W^(l) a^(l-1) + b^(l))"),
        ]
        if L > 1:
            mistakes.append((sigmoid(params[f"W{L}"] @ A[L - 1]),
                             f"you forgot the bias b{L} of the output layer"))
            no_first = {**params, "b1": np.zeros_like(params["b1"])}
            mistakes.append((_activations(X, no_first, L)[-1], "you forgot the bias b1 of the first layer"))
        compare(arr, want, fn.__name__, given, mistakes=unambiguous(mistakes))
    return passed("forward", "one example and a batch, 1, 2 and 3 layers")
