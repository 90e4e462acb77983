import math

import numpy as np
import pytest

from mlnotes import losses
from mlnotes.gradcheck import numerical_gradient, relative_error


def test_hand_worked_values():
    y_hat, y = np.array([1.0, 2.0, 3.0]), np.array([1.0, 1.0, 1.0])
    assert losses.mae(y_hat, y) == pytest.approx(1.0)          # (0 + 1 + 2) / 3
    assert losses.mse(y_hat, y) == pytest.approx(5 / 3)        # (0 + 1 + 4) / 3
    assert losses.rmse(y_hat, y) == pytest.approx(math.sqrt(5 / 3))
    assert losses.binary_cross_entropy(np.array([0.5]), np.array([1.0])) == pytest.approx(math.log(2))
    Y_hat = np.array([[0.7, 0.2], [0.2, 0.5], [0.1, 0.3]])
    Y = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]])
    assert losses.cross_entropy(Y_hat, Y) == pytest.approx(-(math.log(0.7) + math.log(0.5)) / 2)


def test_multi_output_losses_sum_outputs_and_average_examples():
    y_hat = np.array([[1.0, 0.0], [2.0, 0.0]])  # 2 outputs, m = 2 examples
    y = np.zeros((2, 2))
    assert losses.mse(y_hat, y) == pytest.approx((1 + 4) / 2)
    assert losses.mae(y_hat, y) == pytest.approx((1 + 2) / 2)


CASES = {
    "mae": (np.array([[0.3, -1.2, 2.0, 0.7]]), np.array([[0.0, -1.0, 2.5, 0.1]])),
    "mse": (np.array([[0.3, -1.2, 2.0, 0.7]]), np.array([[0.0, -1.0, 2.5, 0.1]])),
    "rmse": (np.array([[0.3, -1.2, 2.0, 0.7]]), np.array([[0.0, -1.0, 2.5, 0.1]])),
    "binary_cross_entropy": (np.array([[0.2, 0.9, 0.6]]), np.array([[0.0, 1.0, 0.0]])),
    "cross_entropy": (np.array([[0.7, 0.2], [0.2, 0.5], [0.1, 0.3]]), np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]])),
}


@pytest.mark.parametrize("name", CASES)
def test_gradient_matches_central_differences(name):
    loss, grad = losses.LOSSES[name]
    y_hat, y = CASES[name]
    if name == "cross_entropy":
        # Y_hat must stay a probability column, so check the derivative along each entry
        # of the unconstrained function -(1/m) sum Y log Y_hat, which is what grad gives.
        numeric = numerical_gradient(lambda p: -np.sum(y * np.log(p)) / y.shape[1], y_hat.copy())
    else:
        numeric = numerical_gradient(lambda p: loss(p, y), y_hat.copy())
    assert relative_error(grad(y_hat, y), numeric) < 1e-7


def test_gradients_hand_worked():
    np.testing.assert_allclose(losses.mse_grad(np.array([3.0, 1.0]), np.array([1.0, 1.0])), [2.0, 0.0])
    np.testing.assert_allclose(losses.mae_grad(np.array([3.0, 1.0, 0.0]), np.array([1.0, 1.0, 1.0])), [1 / 3, 0.0, -1 / 3])
    assert losses.rmse_grad(2.0, 2.0) == 0.0  # no NaN where sqrt has no derivative


def test_confident_wrong_predictions_are_finite():
    assert losses.binary_cross_entropy(np.array([0.0, 1.0]), np.array([1.0, 0.0])) == pytest.approx(-math.log(1e-12))
    assert np.all(np.isfinite(losses.binary_cross_entropy_grad(np.array([0.0, 1.0]), np.array([1.0, 0.0]))))
    assert losses.binary_cross_entropy(np.array([0.0, 1.0]), np.array([0.0, 1.0])) < 1e-11
    Y = np.array([[1.0], [0.0]])
    assert np.isfinite(losses.cross_entropy(np.array([[0.0], [1.0]]), Y))
    assert np.all(np.isfinite(losses.cross_entropy_grad(np.array([[0.0], [1.0]]), Y)))


def test_outlier_costs_mse_more_than_mae():
    y = np.zeros(10)
    y_hat = np.zeros(10)
    y_hat[0] = 10.0
    assert losses.mae(y_hat, y) == pytest.approx(1.0)
    assert losses.mse(y_hat, y) == pytest.approx(10.0)


@pytest.mark.parametrize("name", ["mae", "mse", "rmse", "binary_cross_entropy"])
def test_shapes_must_match_exactly(name):
    loss, _ = losses.LOSSES[name]
    with pytest.raises(ValueError, match=r"y_hat has shape \(3,\) but y has shape \(3, 1\)"):
        loss(np.full(3, 0.5), np.ones((3, 1)))


def test_no_examples_is_an_error():
    with pytest.raises(ValueError, match="no examples"):
        losses.mse(np.zeros(0), np.zeros(0))


def test_probability_errors_name_the_fix():
    with pytest.raises(ValueError, match="did you pass Z instead of A = sigmoid"):
        losses.binary_cross_entropy(np.array([-0.5, 2.0]), np.array([0.0, 1.0]))
    with pytest.raises(ValueError, match="column 1 sums to 1.5: apply softmax over axis 0"):
        losses.cross_entropy(np.array([[0.5, 1.0], [0.5, 0.5]]), np.array([[1.0, 1.0], [0.0, 0.0]]))
    with pytest.raises(ValueError, match="Y must be one-hot"):
        losses.cross_entropy(np.array([[0.5], [0.5]]), np.array([[0.5], [0.5]]))


def test_non_numbers_are_a_type_error():
    with pytest.raises(TypeError, match="y must be a number or an array of numbers, got str"):
        losses.mse(1.0, "1.0")


def test_one_hot():
    np.testing.assert_array_equal(losses.one_hot(np.array([2, 0]), 3), [[0, 1], [0, 0], [1, 0]])
    with pytest.raises(ValueError, match="labels must be integers from 0 to 2, got values from 0 to 3"):
        losses.one_hot(np.array([0, 3]), 3)
    with pytest.raises(ValueError, match="must be 1-D"):
        losses.one_hot(np.zeros((2, 2)), 3)
