"""Checks for the exercises of 02_neuron: the learner's neuron, their layer, their forward pass (F1, F2, F9-F11).

Each takes the activation g as an argument; every check has a case with g = tanh, where a g left out
(sigmoid written in, or no activation at all) gives its own numbers.
"""
import copy

import numpy as np

from mlnotes.activations import sigmoid, tanh
from mlnotes.exercises.checking import (
    ExerciseError,
    _shape,
    call,
    call_unchanged,
    compare,
    fmt,
    passed,
    reject_one_per_input,
    unambiguous,
)

USE_G = "you used sigmoid, not the g passed in: the activation is an argument, a = g(z) for whatever g is given"


def check_neuron(fn):
    """fn(a_prev, w, b, g) must return one neuron's activation a = g(sum_i w_i a_prev_i + b) (F1), a number."""
    # In case 1 every named mistake gives its own number (mean + b must not equal sum without b);
    # case 2 has two inputs, as many as (z, a) has numbers; case 3 has g = tanh.
    cases = [(np.array([1.0, 2.0, 3.0]), np.array([0.5, -1.0, 0.25]), 0.3, sigmoid),
             (np.array([-1.0, 0.5]), np.array([2.0, 4.0]), 1.5, sigmoid),
             (np.array([0.5, -2.0, 1.0, 0.25]), np.array([1.5, 0.25, -1.0, 2.0]), -0.4, tanh)]
    for a_prev, w, b, g in cases:
        given = f"a_prev={fmt(a_prev)}, w={fmt(w)}, b={b:g}, g={g.__name__}"
        got = call_unchanged(fn, a_prev, w, b, g, given=given, names="a_prev w b g")
        if isinstance(got, tuple):  # before the one-per-input test: (z, a) from 2 inputs has 2 numbers too
            raise ExerciseError(f"{fn.__name__} returned a tuple of {len(got)}; return only a, the activation "
                                f"(neuron_forward returns (z, a), this exercise only a)")
        reject_one_per_input(got, a_prev, fn.__name__, given,
                             "add the products w_i a_i up into one weighted sum before the activation")
        z = float(np.dot(w, a_prev)) + b
        mistakes = [
            (z, "you returned z, the weighted input; the neuron's output is its activation a = g(z) "
                "(the notes' 神经元 paragraph calls that output z, but it is a)"),
            (g(z - b), "you forgot the bias: a = g(sum_i w_i a_i + b)"),
            (g(z - b) + b, "you added the bias after the activation; it belongs inside: g(sum_i w_i a_i + b)"),
            (g(z - 2 * b), "you subtracted the bias; it is added: g(sum_i w_i a_i + b)"),
            (g(np.mean(w * a_prev) + b), "you averaged the products (np.mean); the weighted sum adds them up: "
                                         "sum_i w_i a_i, that is np.sum(w * a_prev) or np.dot(w, a_prev)"),
            (np.sum(g(w * a_prev)) + b, "you applied g to each product w_i a_i; g acts once, on the whole "
                                        "weighted sum: a = g(sum_i w_i a_i + b)"),
        ]
        if g is not sigmoid:
            mistakes.append((sigmoid(z), USE_G))
        compare(got, g(z), fn.__name__, given, mistakes=unambiguous(mistakes))
    return passed("neuron", f"{len(cases)} neurons, with sigmoid and with tanh")


def check_layer_forward(fn):
    """fn(A_prev, W, b, g) must return A = g(W A_prev + b) (F2): A_prev (n_prev, m), W (n, n_prev), b (n, 1)."""
    rng = np.random.default_rng(2)
    # Square first: there, the usual slips (W.T, examples as rows, b as a row) give numbers
    # of the right shape that can be named; then layers where no shape equals another, the last with tanh.
    for (n_prev, n, m), g in (((3, 3, 3), sigmoid), ((3, 2, 4), sigmoid), ((2, 4, 5), tanh)):
        A_prev, W, b = rng.normal(size=(n_prev, m)), rng.normal(size=(n, n_prev)), rng.normal(size=(n, 1))
        given = f"A_prev of shape {A_prev.shape}, W {W.shape}, b {b.shape}, g={g.__name__}"
        got = call_unchanged(fn, A_prev, W, b, g, given=given, names="A_prev W b g")
        if isinstance(got, tuple):
            raise ExerciseError(f"{fn.__name__} returned a tuple of {len(got)}; return only A, the activations "
                                f"(dense_forward returns (Z, A), this exercise only A)")
        Z = W @ A_prev + b
        if _shape(got) == (m, n) and n != m:
            raise ExerciseError(f"{fn.__name__}({given}) returned shape {(m, n)}, expected {(n, m)}: "
                                f"examples are columns, so A has one row per neuron and one column per example")
        if _shape(got) == A_prev.shape and n != n_prev:
            raise ExerciseError(f"{fn.__name__}({given}) returned shape {A_prev.shape}, the shape of A_prev; "
                                f"A has one row per neuron of this layer (W has {n} rows) and one column per "
                                f"example: shape {(n, m)}, e.g. np.zeros((W.shape[0], A_prev.shape[1]))")
        mistakes = [
            (Z, "you returned Z = W A_prev + b; the layer's output is A = g(Z)"),
            (g(W @ A_prev), "you forgot the bias: A = g(W A_prev + b)"),
            (g(W @ A_prev) + b, "you added the bias after the activation; it belongs inside: g(W A_prev + b)"),
        ]
        if g is not sigmoid:
            mistakes.append((sigmoid(Z), USE_G))
        if n_prev == n == m:  # these slips only give an answer (of the right shape) for a square layer
            mistakes += [
                (g(W.T @ A_prev + b), "you used W.T (or column j of W for neuron j): W is (n, n_prev) already, "
                                      "row j holds the weights w_ji into neuron j"),
                (g(A_prev.T @ W.T + b.T), "you computed with examples as rows (A_prev.T @ W.T + b.T): "
                                          "that is the transpose of A; here examples are columns, "
                                          "A = g(W A_prev + b)"),
                (g(W @ A_prev + b.T), "you added b as a row (b.T, b.ravel(), or b[k] for example k): each "
                                      "neuron's bias goes along its row, neuron j gets b[j] for every example"),
                (g(W * A_prev + b), "you multiplied elementwise (*); the layer needs the matrix product W @ A_prev"),
                (g(A_prev @ W + b), "you computed A_prev @ W; the notes' order is W @ A_prev: W's rows are the "
                                    "neurons, and row j times a column of A_prev is neuron j's weighted sum"),
                (g(W @ A_prev.T + b), "you took row k of A_prev for example k; each example is a column: "
                                      "example k is A_prev[:, k]"),
            ]
        compare(got, g(Z), fn.__name__, given, mistakes=unambiguous(mistakes))
    return passed("layer_forward", "a square layer, a (3 -> 2) layer on 4 examples, a tanh layer")


def _layers(X, params, g, order=None, inputs=None):
    """[A0, A1, ..., AL] of the forward pass, layers taken in `order` (default 1..L), each fed `inputs` if given."""
    L = len(params) // 2
    A = [X]
    for l in order or range(1, L + 1):
        A.append(g(params[f"W{l}"] @ (A[-1] if inputs is None else inputs) + params[f"b{l}"]))
    return A


def _network(sizes, m, seed):
    rng = np.random.default_rng(seed)
    params = {}
    for l in range(1, len(sizes)):
        params[f"W{l}"] = rng.normal(size=(sizes[l], sizes[l - 1]))
        params[f"b{l}"] = rng.normal(size=(sizes[l], 1))
    return rng.normal(size=(sizes[0], m)), params


def check_network_forward(fn):
    """fn(X, params, g) must return Y_hat = A[L] of the forward pass F9-F11 for a network of any depth:
    A[0] = X, A[l] = g(W[l] A[l-1] + b[l]) for l = 1 .. L, with params {"W1": ..., "b1": ..., ...}."""
    name = fn.__name__
    # A square network first (the slips "X into every layer" and "layers in reverse" give numbers there),
    # then three layers of different sizes with tanh, then a network of one layer.
    for sizes, m, g, seed in (([3, 3, 3], 3, sigmoid, 3), ([4, 3, 5, 2], 6, tanh, 4), ([2, 3], 4, sigmoid, 5)):
        X, params = _network(sizes, m, seed)
        L = len(sizes) - 1
        given = f"X of shape {X.shape}, params of a {'-'.join(map(str, sizes))} network (L = {L}), g={g.__name__}"
        X_passed, params_passed = X.copy(), copy.deepcopy(params)
        try:
            got = call(fn, X_passed, params_passed, g, given=given)
        except ExerciseError as e:
            if isinstance(e.__cause__, KeyError):
                key = e.__cause__.args[0] if e.__cause__.args else None
                raise ExerciseError(_key_message(name, key, L)) from None
            raise
        if not np.array_equal(X_passed, X) or any(not np.array_equal(params_passed.get(k), v)
                                                  for k, v in params.items()) or params_passed.keys() != params.keys():
            raise ExerciseError(f"{name}({given}) changed X or params in place: a forward pass only reads them; "
                                f"keep each layer's output in a new variable, A = layer_forward(A, ...)")
        A = _layers(X, params, g)
        if isinstance(got, (list, tuple)) and len(got) in (L, L + 1) and L > 1:
            raise ExerciseError(f"{name}({given}) returned a {type(got).__name__} of {len(got)}, one entry per "
                                f"layer; return only the output Y_hat = A[L], the last layer's activations")
        mistakes = [(A[l], f"your forward pass stopped after layer {l} of L = {L}" + (" (it returned X itself)"
                     if l == 0 else "") + ": loop over every layer, l = 1, ..., L, where L = len(params) // 2 "
                     "(params holds a W and a b for each layer)") for l in range(L)]
        Z_L = params[f"W{L}"] @ A[L - 1] + params[f"b{L}"]
        mistakes.append((Z_L, "you returned Z of the last layer; the output is its activation, A[L] = g(Z[L])"))
        if g is not sigmoid:
            mistakes.append((_layers(X, params, sigmoid)[-1], USE_G))
        if len(set(sizes)) == 1 and L > 1:  # these slips give numbers only when every layer has the same size
            mistakes += [
                (_layers(X, params, g, inputs=X)[-1], "every layer got X: layer l takes A[l-1], the output of the "
                                                      "layer before it (A = layer_forward(A, W_l, b_l, g))"),
                (_layers(X, params, g, order=range(L, 0, -1))[-1], "you ran the layers from the last to the first; "
                                                                  "the forward pass goes l = 1, 2, ..., L"),
            ]
        compare(got, A[L], name, given, mistakes=unambiguous(mistakes))
    return passed("network_forward", "networks of 1, 2 and 3 layers, with sigmoid and with tanh")


def _key_message(name, key, L):
    """What a KeyError from params means: a layer number outside 1 .. L, or keys spelt otherwise."""
    keys = ", ".join(f"W{l}, b{l}" for l in range(1, L + 1))
    if isinstance(key, str) and key[:1] in "Wb" and key[1:].isdigit():
        l = int(key[1:])
        if l == 0:
            return (f"{name} asked params for {key!r}: the layers are numbered from 1, so params holds {keys} "
                    f"(loop over range(1, L + 1))")
        if l > L:
            return (f"{name} asked params for {key!r}, but this network has L = {L} layer{'s' * (L > 1)}, "
                    f"{keys}: params holds a W and a b for each layer, so L = len(params) // 2")
    return f"{name} asked params for {key!r}, which it does not hold; its keys are {keys}"
