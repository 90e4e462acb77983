import math

import numpy as np
import pytest

from mlnotes import activations as act
from mlnotes.gradcheck import numerical_gradient, relative_error

ELEMENTWISE = ["sigmoid", "relu", "tanh", "leaky_relu", "identity"]


def test_hand_worked_values():
    assert act.sigmoid(0.0) == 0.5
    assert act.sigmoid(math.log(3.0)) == pytest.approx(0.75)   # 1 / (1 + 1/3)
    assert act.sigmoid_prime(0.0) == 0.25
    assert act.tanh(0.0) == 0.0
    assert act.tanh_prime(0.0) == 1.0
    np.testing.assert_array_equal(act.relu(np.array([-1.0, 0.0, 1.0])), [0.0, 0.0, 1.0])
    np.testing.assert_array_equal(act.relu_prime(np.array([-1.0, 0.0, 1.0])), [0.0, 0.0, 1.0])
    np.testing.assert_allclose(act.leaky_relu(np.array([-2.0, 0.0, 3.0])), [-0.02, 0.0, 3.0])
    np.testing.assert_allclose(act.leaky_relu_prime(np.array([-2.0, 0.0, 3.0])), [0.01, 0.01, 1.0])
    assert act.sigmoid_prime(math.log(3.0)) == pytest.approx(0.75 * 0.25)
    assert act.tanh(math.log(2.0)) == pytest.approx(0.6)       # (2 - 1/2) / (2 + 1/2)
    assert act.tanh_prime(math.log(2.0)) == pytest.approx(0.64)
    np.testing.assert_allclose(act.softmax(np.array([0.0, math.log(3.0)])), [0.25, 0.75])
    np.testing.assert_allclose(act.softmax_jacobian(np.array([0.0, math.log(3.0)])),
                               [[0.1875, -0.1875], [-0.1875, 0.1875]])  # s_i (delta_ij - s_j)


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_derivative_matches_central_differences(name):
    g, g_prime = act.ACTIVATIONS[name]
    z = np.random.default_rng(3).normal(size=(4, 5)) * 3
    z[np.abs(z) < 1e-3] += 0.1  # keep clear of the kinks of relu and leaky relu
    numeric = np.zeros_like(z)
    for idx in np.ndindex(z.shape):
        numeric[idx] = numerical_gradient(lambda t: g(t).sum(), z.copy())[idx]
    assert relative_error(g_prime(z), numeric) < 1e-7


def test_sigmoid_derivative_is_sigma_times_one_minus_sigma():
    z = np.linspace(-6, 6, 13)
    s = act.sigmoid(z)
    np.testing.assert_allclose(act.sigmoid_prime(z), s * (1 - s))


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_extreme_inputs_are_finite_and_warning_free(name):
    g, g_prime = act.ACTIVATIONS[name]
    z = np.array([-1000.0, -50.0, 0.0, 50.0, 1000.0])
    with np.errstate(over="raise", divide="raise", invalid="raise"):  # underflow to 0 is harmless
        assert np.all(np.isfinite(g(z))) and np.all(np.isfinite(g_prime(z)))


def test_derivatives_at_extreme_inputs_are_exact_limits():
    z = np.array([-1000.0, 1000.0])
    np.testing.assert_array_equal(act.sigmoid_prime(z), [0.0, 0.0])
    np.testing.assert_array_equal(act.tanh_prime(z), [0.0, 0.0])
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        J = act.softmax_jacobian(np.array([1000.0, -1000.0, 0.0]))
    np.testing.assert_array_equal(J, np.zeros((3, 3)))


def test_leaky_relu_slope_is_a_parameter():
    z = np.array([-2.0, -0.5, 1.5])
    np.testing.assert_allclose(act.leaky_relu(z, alpha=0.2), [-0.4, -0.1, 1.5])
    numeric = numerical_gradient(lambda t: act.leaky_relu(t, alpha=0.2).sum(), z.copy())
    assert relative_error(act.leaky_relu_prime(z, alpha=0.2), numeric) < 1e-7
    for bad in (1.5, -0.1, [0.1, 0.2]):
        with pytest.raises(ValueError, match=r"alpha is leaky ReLU's slope for z <= 0, a number in \[0, 1\)"):
            act.leaky_relu(z, alpha=bad)
    with pytest.raises(TypeError, match="alpha must be a number"):
        act.leaky_relu_prime(z, alpha="0.1")


def test_sigmoid_limits():
    np.testing.assert_array_equal(act.sigmoid(np.array([-1000.0, 1000.0])), [0.0, 1.0])


@pytest.mark.parametrize("fn", [f for pair in act.ACTIVATIONS.values() for f in pair], ids=lambda f: f.__name__)
def test_scalars_give_floats_and_arrays_keep_their_shape(fn):
    assert isinstance(fn(2), float) and isinstance(fn(np.float64(-1.0)), float)
    assert fn(np.zeros((2, 3))).shape == (2, 3)
    assert fn([1, 2]).shape == (2,)  # lists and integers are numbers too


def test_softmax_columns_are_probabilities_and_stable():
    Z = np.array([[1.0, 1000.0], [2.0, -1000.0], [3.0, 0.0]])
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        S = act.softmax(Z)
    np.testing.assert_allclose(S.sum(axis=0), [1.0, 1.0])
    np.testing.assert_allclose(S[:, 0], np.exp([1, 2, 3]) / np.exp([1, 2, 3]).sum())
    np.testing.assert_allclose(S[:, 1], [1.0, 0.0, 0.0])


def test_softmax_is_over_axis_0_not_axis_1():
    Z = np.array([[0.0, 5.0], [0.0, 5.0]])  # a row-wise softmax would give 0.0067 and 0.9933
    np.testing.assert_allclose(act.softmax(Z), np.full((2, 2), 0.5))


def test_softmax_jacobian_matches_central_differences():
    z = np.array([0.3, -1.2, 2.0, 0.5])
    numeric = np.stack([numerical_gradient(lambda t: act.softmax(t)[i], z.copy()) for i in range(4)])
    assert relative_error(act.softmax_jacobian(z), numeric) < 1e-7


def test_relu_sum_is_the_notes_formula():
    x = np.array([-2.0, 0.0, 1.0, 3.0])
    c, b, w, c2, b2, w2 = 1.5, 1.0, 2.0, -1.0, -1.0, 1.0
    by_hand = c * np.maximum(0, b + w * x) + c2 * np.maximum(0, b2 + w2 * x)
    np.testing.assert_allclose(act.relu_sum(x, [c, c2], [w, w2], [b, b2]), by_hand)
    assert act.relu_sum(1.0, [c, c2], [w, w2], [b, b2]) == pytest.approx(4.5)


def test_relu_sum_with_one_unit_is_relu_itself():
    x = np.linspace(-2, 2, 9)
    np.testing.assert_array_equal(act.relu_sum(x, 1, 1, 0), act.relu(x))
    np.testing.assert_array_equal(act.relu_sum(x, [1.0], [1.0], [0.0]), act.relu(x))
    assert act.relu_sum(0.5, [], [], []) == 0.0  # no units: the zero function


def test_relu_sum_rejects_mismatched_units():
    with pytest.raises(ValueError, match=r"one entry per ReLU unit each, got shapes \(2,\), \(3,\) and \(2,\)"):
        act.relu_sum(0.0, [1, 2], [1, 2, 3], [0, 0])
    with pytest.raises(ValueError, match=r"c must be 1-D, got shape \(1, 2\) \(one entry per ReLU unit\)"):
        act.relu_sum(0.0, [[1, 2]], [1, 2], [0, 0])


def test_softmax_shapes():
    assert act.softmax([1.0, 2.0]).shape == (2,)
    with pytest.raises(ValueError, match="got a single number"):
        act.softmax(1.0)
    with pytest.raises(ValueError, match=r"softmax takes shape \(n_classes,\) or \(n_classes, m\), "
                                         r"got shape \(2, 2, 2\)"):
        act.softmax(np.zeros((2, 2, 2)))
    with pytest.raises(ValueError, match=r"z must be 1-D, got shape \(2, 2\) \(the Jacobian is for one example"):
        act.softmax_jacobian(np.zeros((2, 2)))


@pytest.mark.parametrize("bad, error, message", [
    ("1.0", TypeError, "z must be a number or an array of numbers, got str"),
    (None, TypeError, "got NoneType"),
    (np.array([True, False]), TypeError, "got booleans"),
    (np.array([1.0, np.nan]), ValueError, r"z contains NaN at index \(1,\)"),
    ([1.0, np.inf], ValueError, "contains infinity"),
    ([[1.0, 2.0], [3.0]], ValueError, "ragged"),
    (np.array([1j]), TypeError, "complex128"),
])
@pytest.mark.parametrize("fn", [f for pair in act.ACTIVATIONS.values() for f in pair]
                         + [act.softmax, act.softmax_jacobian, lambda z: act.relu_sum(z, [1.0], [1.0], [0.0])])
def test_bad_input_gets_a_clear_error(fn, bad, error, message):
    # softmax names its argument Z, relu_sum x
    with pytest.raises(error, match="(?i)" + message.replace("z ", "[zx] ")):
        fn(bad)


@pytest.mark.parametrize("name", ["c", "w", "b"])
def test_relu_sum_parameters_must_be_numbers(name):
    units = {"c": [1.0], "w": [1.0], "b": [0.0]} | {name: ["1.0"]}
    with pytest.raises(TypeError, match=f"{name} must be a number or an array of numbers"):
        act.relu_sum(0.0, **units)


def test_unknown_activation_names_the_known_ones():
    with pytest.raises(ValueError, match="unknown activation 'softplus'; expected one of 'sigmoid', 'relu'"):
        act.get("softplus")
    with pytest.raises(ValueError, match="unknown activation"):
        act.get(["relu"])
