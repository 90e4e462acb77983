"""Checks for the exercises of 01_neural_network."""
import numpy as np

from mlnotes.activations import sigmoid
from mlnotes.exercises.checking import (
    ExerciseError,
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


_BIAS_SHAPE = ("b1 must stay a column of shape (3, 1), one bias per hidden neuron, as given: "
               "W1 @ X + b1 then adds it to each of the m columns; a row (1, 3) or a 1-D b1 of shape (3,) "
               "broadcasts across the examples instead")


def _call_forward(fn, X, W1, b1, W2, b2, given):
    """call(fn, ...), with numpy's shape errors told in the terms of the network."""
    try:
        return call_unchanged(fn, X, W1, b1, W2, b2, given=given, names="X W1 b1 W2 b2")
    except ExerciseError as e:
        text = str(e.__cause__) if isinstance(e.__cause__, ValueError) else ""
        if "matmul" in text or "not aligned" in text:
            raise ExerciseError(f"{fn.__name__}({given}) raised ValueError in a matrix product: W1 is (3, 2), one row "
                                f"per hidden neuron and one column per input, so W1 @ X is (3, 2) @ (2, m) -> (3, m), "
                                f"with no transpose; likewise W2 @ A1 is (1, 3) @ (3, m) -> (1, m)") from e.__cause__
        if "broadcast" in text:
            raise ExerciseError(f"{fn.__name__}({given}) raised ValueError adding a bias: "
                                f"{_BIAS_SHAPE}") from e.__cause__
        raise


def check_forward(fn):
    """fn(X, W1, b1, W2, b2) must return y_hat = sigmoid(W2 sigmoid(W1 X + b1) + b2) for a batch X (2, m)."""
    rng = np.random.default_rng(1)
    W1, b1 = rng.normal(size=(3, 2)), rng.normal(size=(3, 1))
    W2, b2 = rng.normal(size=(1, 3)), rng.normal(size=(1, 1))
    for X in (np.array([[1.0], [2.0]]), rng.normal(size=(2, 5))):
        given = f"X of shape {X.shape}, W1 (3, 2), b1 (3, 1), W2 (1, 3), b2 (1, 1)"
        got = as_result(_call_forward(fn, X, W1, b1, W2, b2, given), fn.__name__, given)
        if got.shape != (1, X.shape[1]):
            # For one example, W1 @ X + b1.T is (3, 1) + (1, 3): a (3, 3) matrix, which the output layer keeps;
            # for 5 examples (3, 5) + (1, 3) cannot be added at all, so a wrong shape there has another cause.
            Z1_row_bias = W1 @ X + b1.T if X.shape[1] == 1 else None
            if Z1_row_bias is not None and close(got, sigmoid(W2 @ sigmoid(Z1_row_bias) + b2)):
                raise ExerciseError(f"{fn.__name__}({given}) returned shape {got.shape} because of the bias: "
                                    f"W1 @ X + b1 came out {Z1_row_bias.shape}, not (3, {X.shape[1]}). {_BIAS_SHAPE}")
            raise ExerciseError(f"{fn.__name__}({given}) returned shape {got.shape}, expected (1, {X.shape[1]}): "
                                f"one output per example, examples as columns")
        A1 = sigmoid(W1 @ X + b1)
        want = sigmoid(W2 @ A1 + b2)
        compare(got, want, fn.__name__, given, mistakes=[
            (sigmoid(W2 @ (W1 @ X + b1) + b2), "the hidden layer needs its activation: A1 = sigmoid(W1 X + b1)"),
            (W2 @ A1 + b2, "the output layer needs its activation too: y_hat = sigmoid(W2 A1 + b2)"),
            (sigmoid(W2 @ sigmoid(W1 @ X) + b2), "you forgot the bias b1 of the hidden layer"),
            (sigmoid(W2 @ A1), "you forgot the bias b2 of the output layer"),
        ])
    return passed("forward", "one example and a batch of 5")
