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


@pytest.mark.parametrize("name", ["mae", "mse", "rmse", "binary_cross_entropy"])
@pytest.mark.parametrize("shape", [(), (5,), (2, 3)], ids=["number", "(m,)", "(n_out, m)"])
def test_gradient_matches_central_differences_for_every_shape(name, shape):
    loss, grad = losses.LOSSES[name]
    rng = np.random.default_rng(11)
    y = rng.integers(0, 2, size=shape).astype(float)
    y_hat = np.asarray(rng.uniform(0.1, 0.9, size=shape))  # away from 0 and 1, and from y (the kink of MAE)
    numeric = numerical_gradient(lambda p: loss(p, y), y_hat.copy())
    assert relative_error(grad(y_hat, y), numeric) < 1e-7


def test_gradients_hand_worked():
    np.testing.assert_allclose(losses.mse_grad(np.array([3.0, 1.0]), np.array([1.0, 1.0])), [2.0, 0.0])
    np.testing.assert_allclose(losses.mae_grad(np.array([3.0, 1.0, 0.0]), np.array([1.0, 1.0, 1.0])),
                               [1 / 3, 0.0, -1 / 3])
    assert losses.rmse_grad(2.0, 2.0) == 0.0  # no NaN where sqrt has no derivative
    # errors (3, 4): RMSE = sqrt((9 + 16) / 2) = sqrt(12.5); gradient (y_hat - y) / (m RMSE)
    np.testing.assert_allclose(losses.rmse_grad(np.array([3.0, 4.0]), np.zeros(2)),
                               [3 / (2 * math.sqrt(12.5)), 4 / (2 * math.sqrt(12.5))])
    assert losses.binary_cross_entropy_grad(0.8, 1.0) == pytest.approx(-1.25)    # -y / y_hat
    assert losses.binary_cross_entropy_grad(0.8, 0.0) == pytest.approx(5.0)      # (1 - y) / (1 - y_hat)
    np.testing.assert_allclose(losses.cross_entropy_grad(np.array([[0.5, 0.2], [0.5, 0.8]]),
                                                         np.array([[1.0, 0.0], [0.0, 1.0]])),
                               [[-1.0, 0.0], [0.0, -0.625]])                      # -Y / (m Y_hat), m = 2


def test_scalars_give_floats():
    for name in ("mae", "mse", "rmse", "binary_cross_entropy"):
        loss, grad = losses.LOSSES[name]
        assert isinstance(loss(0.25, 1.0), float) and isinstance(grad(0.25, 1), float)
    assert losses.mse(3, 1) == 4.0 and losses.mae(3, 1) == 2.0 and losses.rmse(3, 1) == 2.0
    assert losses.mse([1, 2], [1, 4]) == 2.0  # lists work too


def test_no_nan_for_finite_input():
    """Perfect predictions, predictions of exactly 0 and 1, and large errors: every loss and gradient stays finite."""
    y = np.array([0.0, 1.0, 1.0, 0.0])
    with np.errstate(all="raise", under="ignore"):
        for y_hat in (y.copy(), 1 - y, np.array([0.0, 0.0, 1.0, 1.0])):
            for name in ("mae", "mse", "rmse", "binary_cross_entropy"):
                loss, grad = losses.LOSSES[name]
                assert np.isfinite(loss(y_hat, y)) and np.all(np.isfinite(grad(y_hat, y))), (name, y_hat)
        big = np.array([1e150, -1e150])
        for name in ("mae", "mse", "rmse"):
            loss, grad = losses.LOSSES[name]
            assert np.isfinite(loss(big, -big)) and np.all(np.isfinite(grad(big, -big)))
        Y = np.array([[1.0, 0.0], [0.0, 1.0]])
        for Y_hat in (Y.copy(), 1 - Y):
            assert (np.isfinite(losses.cross_entropy(Y_hat, Y))
                    and np.all(np.isfinite(losses.cross_entropy_grad(Y_hat, Y))))


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
@pytest.mark.parametrize("part", [0, 1], ids=["loss", "gradient"])
def test_shapes_must_match_exactly(name, part):
    fn = losses.LOSSES[name][part]
    with pytest.raises(ValueError, match=r"y_hat has shape \(3,\) but y has shape \(3, 1\)"):
        fn(np.full(3, 0.5), np.ones((3, 1)))
    with pytest.raises(ValueError, match=r"y_hat must be a number, \(m,\) or \(n_out, m\), got shape \(1, 2, 2\)"):
        fn(np.full((1, 2, 2), 0.5), np.ones((1, 2, 2)))


@pytest.mark.parametrize("bad, error, message", [
    ("0.5", TypeError, "y_hat must be a number or an array of numbers, got str"),
    (None, TypeError, "y_hat must be a number or an array of numbers, got NoneType"),
    (np.array([True]), TypeError, "y_hat must hold numbers, got booleans"),
    (np.array([np.nan]), ValueError, r"y_hat contains NaN at index \(0,\)"),
])
@pytest.mark.parametrize("fn", [f for pair in losses.LOSSES.values() for f in pair], ids=lambda f: f.__name__)
def test_bad_input_gets_a_clear_error(fn, bad, error, message):
    if fn in (losses.cross_entropy, losses.cross_entropy_grad):
        message = message.replace("y_hat", "Y_hat")
    with pytest.raises(error, match=message):
        fn(bad, np.array([1.0]))


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
