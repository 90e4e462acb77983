"""Checks for the exercises of 02_neuron."""
import numpy as np

from mlnotes.activations import sigmoid
from mlnotes.exercises.checking import (
    ExerciseError,
    _shape,
    call_unchanged,
    compare,
    fmt,
    passed,
    reject_one_per_input,
)


def check_neuron(fn):
    """fn(a_prev, w, b) must return one neuron's activation a = sigmoid(sum_i w_i a_prev_i + b) (F1), a number."""
    # In case 1 every named mistake gives its own number (mean + b must not equal sum without b);
    # case 2 has two inputs, as many as (z, a) has numbers.
    cases = [(np.array([1.0, 2.0, 3.0]), np.array([0.5, -1.0, 0.25]), 0.3),
             (np.array([-1.0, 0.5]), np.array([2.0, 4.0]), 1.5)]
    for a_prev, w, b in cases:
        given = f"a_prev={fmt(a_prev)}, w={fmt(w)}, b={b:g}"
        got = call_unchanged(fn, a_prev, w, b, given=given, names="a_prev w b")
        if isinstance(got, tuple):  # before the one-per-input test: (z, a) from 2 inputs has 2 numbers too
            raise ExerciseError(f"{fn.__name__} returned a tuple of {len(got)}; return only a, the activation "
                                f"(neuron_forward returns (z, a), this exercise only a)")
        reject_one_per_input(got, a_prev, fn.__name__, given,
                             "add the products w_i a_i up into one weighted sum before the activation")
        z = float(np.dot(w, a_prev)) + b
        compare(got, sigmoid(z), fn.__name__, given, mistakes=[
            (z, "you returned z, the weighted input; the neuron's output is its activation a = sigmoid(z) "
                "(the notes' 神经元 paragraph calls that output z, but it is a)"),
            (sigmoid(z - b), "you forgot the bias: a = sigmoid(sum_i w_i a_i + b)"),
            (sigmoid(z - b) + b, "you added the bias after the activation; it belongs inside: "
                                 "sigmoid(sum_i w_i a_i + b)"),
            (sigmoid(z - 2 * b), "you subtracted the bias; it is added: sigmoid(sum_i w_i a_i + b)"),
            (sigmoid(np.mean(w * a_prev) + b), "you averaged the products (np.mean); the weighted sum adds them up: "
                                               "sum_i w_i a_i, that is np.sum(w * a_prev) or np.dot(w, a_prev)"),
        ])
    return passed("neuron", f"{len(cases)} neurons")


def check_layer_forward(fn):
    """fn(A_prev, W, b) must return A = sigmoid(W A_prev + b) (F2): A_prev (n_prev, m), W (n, n_prev), b (n, 1)."""
    rng = np.random.default_rng(2)
    # Square first: there, the usual slips (W.T, examples as rows, b as a row) give numbers
    # of the right shape that can be named; then a layer where no shape equals another.
    for n_prev, n, m in ((3, 3, 3), (3, 2, 4)):
        A_prev, W, b = rng.normal(size=(n_prev, m)), rng.normal(size=(n, n_prev)), rng.normal(size=(n, 1))
        given = f"A_prev of shape {A_prev.shape}, W {W.shape}, b {b.shape}"
        got = call_unchanged(fn, A_prev, W, b, given=given, names="A_prev W b")
        if isinstance(got, tuple):
            raise ExerciseError(f"{fn.__name__} returned a tuple of {len(got)}; return only A, the activations "
                                f"(dense_forward returns (Z, A), this exercise only A)")
        Z = W @ A_prev + b
        if _shape(got) == (m, n) and n != m:
            raise ExerciseError(f"{fn.__name__}({given}) returned shape {(m, n)}, expected {(n, m)}: "
                                f"examples are columns, so A has one row per neuron and one column per example")
        mistakes = [
            (Z, "you returned Z = W A_prev + b; the layer's output is A = sigmoid(Z)"),
            (sigmoid(W @ A_prev), "you forgot the bias: A = sigmoid(W A_prev + b)"),
            (sigmoid(W @ A_prev) + b, "you added the bias after the activation; it belongs inside: "
                                      "sigmoid(W A_prev + b)"),
        ]
        if n_prev == n == m:  # these slips only give an answer (of the right shape) for a square layer
            mistakes += [
                (sigmoid(W.T @ A_prev + b), "you used W.T: W is (n, n_prev) already, "
                                            "row j holds the weights w_ji into neuron j"),
                (sigmoid(A_prev.T @ W.T + b.T), "you computed with examples as rows (A_prev.T @ W.T + b.T): "
                                                "that is the transpose of A; here examples are columns, "
                                                "A = sigmoid(W A_prev + b)"),
                (sigmoid(W @ A_prev + b.T), "you added b as a row (b.T or b.ravel()): each neuron's bias goes along "
                                             "its row, so add the column b of shape (n, 1)"),
                (sigmoid(W * A_prev + b), "you multiplied elementwise (*); "
                                          "the layer needs the matrix product W @ A_prev"),
                (sigmoid(A_prev @ W + b), "you computed A_prev @ W; the notes' order is W @ A_prev: W's rows are the "
                                          "neurons, and row j times a column of A_prev is neuron j's weighted sum"),
            ]
        compare(got, sigmoid(Z), fn.__name__, given, mistakes=mistakes)
    return passed("layer_forward", "a square layer and a (3 -> 2) layer on 4 examples")
