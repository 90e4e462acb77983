import numpy as np
import pytest

from mlnotes.gradcheck import numerical_gradient, relative_error


def test_gradient_of_a_known_function():
    x = np.array([[1.0, -2.0], [0.5, 3.0]])
    g = numerical_gradient(lambda t: np.sum(t ** 3), x)
    assert relative_error(g, 3 * x ** 2) < 1e-9


def test_x_is_restored():
    x = np.array([1.0, 2.0, 3.0])
    numerical_gradient(lambda t: np.sum(np.sin(t)), x)
    np.testing.assert_array_equal(x, [1.0, 2.0, 3.0])


def test_a_wrong_analytic_gradient_fails_the_check():
    x = np.random.default_rng(0).normal(size=10)
    numeric = numerical_gradient(lambda t: np.sum(t ** 2), x)
    assert relative_error(2 * x, numeric) < 1e-7        # right
    assert relative_error(x, numeric) > 0.3             # forgot the factor 2
    assert relative_error(2 * x[::-1], numeric) > 0.1   # entries mixed up


def test_relative_error_semantics():
    assert relative_error(np.zeros(3), np.zeros(3)) == 0.0
    assert relative_error([1.0, 0.0], [0.0, 1.0]) == pytest.approx(np.sqrt(2) / 2)
    with pytest.raises(ValueError, match=r"a has shape \(2,\) but b has shape \(3,\)"):
        relative_error(np.zeros(2), np.zeros(3))


def test_bad_arguments():
    with pytest.raises(TypeError, match="float64 numpy array"):
        numerical_gradient(lambda t: 0.0, np.array([1, 2]))
    with pytest.raises(TypeError, match=r"f must return a single number \(a loss\), got shape \(2,\)"):
        numerical_gradient(lambda t: t * 2, np.array([1.0, 2.0]))
    with pytest.raises(ValueError, match="eps must be a small positive number"):
        numerical_gradient(lambda t: 0.0, np.array([1.0]), eps=0)
    with pytest.raises(TypeError, match="f must be a function"):
        numerical_gradient(3.0, np.array([1.0]))


def test_gradient_sizes_vanish_through_deep_sigmoid_layers_and_not_through_relu():
    from mlnotes.gradcheck import gradient_sizes
    from mlnotes.losses import one_hot
    from mlnotes.network import MLP

    rng = np.random.default_rng(3)
    X, Y = rng.normal(size=(16, 40)), one_hot(rng.integers(0, 2, size=40), 2)
    sigmoid_net = MLP([16] + [16] * 7 + [2], hidden="sigmoid", seed=1)
    sizes = gradient_sizes(sigmoid_net, X, Y)
    grads = sigmoid_net.backward(Y)
    assert len(sizes) == 8 and sizes[-1] == pytest.approx(np.linalg.norm(grads["dW8"]))
    assert sizes[0] < 1e-3 * sizes[-1]
    relu_sizes = gradient_sizes(MLP([16] + [16] * 7 + [2], hidden="relu", seed=1), X, Y)
    assert relu_sizes[0] > 1e-2 * relu_sizes[-1]
