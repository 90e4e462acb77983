"""Checks for the exercises of 01_neural_network."""
import numpy as np

from mlnotes.activations import sigmoid
from mlnotes.exercises.checking import ExerciseError, call, compare, passed


def _count(sizes):
    """Weights n_l * n_(l-1) and biases n_l of every layer after the input layer."""
    return sum(n * n_prev + n for n_prev, n in zip(sizes[:-1], sizes[1:]))


def check_count_parameters(fn):
    """fn(layer_sizes) must return how many weights and biases a fully connected network has."""
    for sizes in ([2, 3, 1], [64, 32, 10], [4, 1]):
        want = _count(sizes)
        weights = sum(n * n_prev for n_prev, n in zip(sizes[:-1], sizes[1:]))
        compare(call(fn, list(sizes)), want, fn.__name__, str(sizes), mistakes=[
            (weights, "you counted the weights but not the biases: every neuron after the input layer has one bias"),
            (want + sizes[0], "you gave the input layer biases too; inputs are data, they have no weights or bias"),
            (sum(sizes), "you counted neurons; count the weights (one per connection) and the biases (one per neuron)"),
            (sum(sizes[1:]), "you counted only the biases; each layer also has n_l x n_(l-1) weights"),
        ])
    return passed("count_parameters", "3 networks, from [4, 1] to [64, 32, 10]")


def check_forward(fn):
    """fn(X, W1, b1, W2, b2) must return y_hat = sigmoid(W2 sigmoid(W1 X + b1) + b2) for a batch X (2, m)."""
    rng = np.random.default_rng(1)
    W1, b1 = rng.normal(size=(3, 2)), rng.normal(size=(3, 1))
    W2, b2 = rng.normal(size=(1, 3)), rng.normal(size=(1, 1))
    for X in (np.array([[1.0], [2.0]]), rng.normal(size=(2, 5))):
        given = f"X of shape {X.shape}, W1 (3, 2), b1 (3, 1), W2 (1, 3), b2 (1, 1)"
        got = call(fn, X, W1, b1, W2, b2, given=given)
        if np.shape(got) != (1, X.shape[1]):
            raise ExerciseError(f"{fn.__name__}({given}) returned shape {np.shape(got)}, expected (1, {X.shape[1]}): "
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
