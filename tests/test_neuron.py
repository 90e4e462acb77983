import math

import numpy as np
import pytest

from mlnotes.activations import sigmoid
from mlnotes.neuron import dense_forward, dense_forward_per_neuron, neuron_forward


def test_one_neuron_by_hand():
    z, a = neuron_forward([1.0, 2.0], [0.5, -1.0], 0.25, activation="sigmoid")
    assert z == pytest.approx(0.5 - 2.0 + 0.25)
    assert a == pytest.approx(sigmoid(-1.25))
    assert neuron_forward([3.0], [2.0], 1.0, activation=None) == (7.0, 7.0)
    assert neuron_forward(3.0, 2.0, 1.0, activation="relu") == (7.0, 7.0)  # one input may be a plain number
    assert neuron_forward(3.0, -2.0, 1.0, activation="relu") == (-5.0, 0.0)


def test_z_is_the_weighted_input_and_a_the_activation():
    """The notes' 神经元 paragraph calls the output after the activation z; it is a = g(z)."""
    z, a = neuron_forward([0.5, -1.0], [2.0, 1.0], 0.5, activation="sigmoid")
    assert z == 0.5 and a == pytest.approx(1 / (1 + math.exp(-0.5)))


def test_one_example_is_one_column():
    Z, A = dense_forward(np.array([[1.0], [2.0]]), np.array([[1.0, -1.0], [0.5, 0.5]]),
                         np.array([[0.0], [1.0]]), "relu")
    np.testing.assert_array_equal(Z, [[-1.0], [2.5]])
    np.testing.assert_array_equal(A, [[0.0], [2.5]])


@pytest.mark.parametrize("activation", [None, "sigmoid", "relu", "tanh"])
def test_matrix_form_equals_the_per_neuron_sums(activation):
    rng = np.random.default_rng(7)
    A_prev, W, b = rng.normal(size=(4, 5)), rng.normal(size=(3, 4)), rng.normal(size=(3, 1))
    Z, A = dense_forward(A_prev, W, b, activation)
    Z_loop, A_loop = dense_forward_per_neuron(A_prev, W, b, activation)
    np.testing.assert_allclose(Z, Z_loop, rtol=1e-12)
    np.testing.assert_allclose(A, A_loop, rtol=1e-12)
    assert Z.shape == A.shape == (3, 5)


def test_linear_layer_returns_z_as_a():
    Z, A = dense_forward(np.ones((2, 1)), np.array([[1.0, 2.0]]), np.array([[0.5]]))
    assert Z[0, 0] == A[0, 0] == 3.5


@pytest.mark.parametrize("A_prev, W, b, message", [
    (np.ones((5, 2)), np.ones((3, 4)), np.ones((3, 1)),
     r"W has shape \(3, 4\) but A_prev has 5 rows: W needs one column per row of A_prev, shape \(3, 5\)$"),
    (np.ones((2, 4)), np.ones((3, 4)), np.ones((3, 1)), r"A_prev looks transposed; examples must be its columns"),
    (np.ones((4, 2)), np.ones((3, 4)), np.ones(3), r"b must have shape \(3, 1\).*got \(3,\): make it a column"),
    (np.ones((4, 2)), np.ones((3, 4)), np.ones((1, 3)), r"b must have shape \(3, 1\).*got \(1, 3\)"),
    (np.ones(4), np.ones((3, 4)), np.ones((3, 1)), r"A_prev must be 2-D, got shape \(4,\): examples are columns"),
])
def test_wrong_shapes_name_both_shapes(A_prev, W, b, message):
    with pytest.raises(ValueError, match=message):
        dense_forward(A_prev, W, b)


def test_neuron_needs_one_weight_per_input():
    with pytest.raises(ValueError, match="w has 3 weights but a_prev has 2 inputs"):
        neuron_forward([1.0, 2.0], [1.0, 2.0, 3.0], 0.0)
    with pytest.raises(ValueError, match="b of one neuron is a single number"):
        neuron_forward([1.0], [1.0], [0.0, 1.0])


def test_non_numbers_are_a_type_error():
    with pytest.raises(TypeError, match="w must be a number or an array of numbers, got str"):
        neuron_forward([1.0], "1.0", 0.0)
    with pytest.raises(TypeError, match="A_prev must be a number or an array of numbers, got NoneType"):
        dense_forward(None, np.ones((1, 2)), np.zeros((1, 1)))
    with pytest.raises(ValueError, match=r"A_prev must be 2-D, got shape \(\)"):
        dense_forward(1.0, np.ones((1, 1)), np.zeros((1, 1)))


def test_bad_values_and_names():
    with pytest.raises(ValueError, match="W contains NaN"):
        dense_forward(np.ones((2, 1)), np.array([[np.nan, 1.0]]), np.zeros((1, 1)))
    with pytest.raises(ValueError, match="unknown activation 'sigmod'"):
        dense_forward(np.ones((2, 1)), np.ones((1, 2)), np.zeros((1, 1)), "sigmod")
