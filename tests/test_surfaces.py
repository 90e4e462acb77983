import numpy as np
import pytest

from mlnotes.gradcheck import numerical_gradient, relative_error
from mlnotes.optim import GradientDescent, minimize
from mlnotes.surfaces import SURFACES, on_grid, parabola, parabola_grad, valley, valley_grad


@pytest.mark.parametrize("name", list(SURFACES))
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_gradients_match_central_differences(name, seed):
    J, grad, start, _ = SURFACES[name]
    w = np.random.default_rng(seed).normal(scale=3.0, size=start.shape)
    assert relative_error(grad(w), numerical_gradient(J, w)) < 1e-7


def test_known_values_and_minima():
    assert parabola(np.array([-1.0])) == 9.0 and parabola(np.array([2.0])) == 0.0
    np.testing.assert_array_equal(parabola_grad(np.array([3.0])), [2.0])
    assert valley(np.array([-4.0, 1.5])) == pytest.approx(11.65)
    np.testing.assert_array_equal(valley_grad(np.array([0.0, 0.0])), [0.0, 0.0])
    np.testing.assert_allclose(valley_grad(np.array([1.0, 1.0])), [0.05, 10.0])


def test_the_valley_limits_the_learning_rate_by_its_steep_side():
    _, grad, start, _ = SURFACES["valley"]
    assert valley(minimize(grad, start, GradientDescent(0.19), 300)[-1]) < 0.002        # below 2 / 10
    assert len(minimize(grad, start, GradientDescent(0.21), 1000)) < 1001                # above: diverges


@pytest.mark.parametrize("w, message", [
    (np.array([1.0, 2.0]), r"w must hold 1 coordinate, shape \(1,\), got shape \(2,\)"),
    (3.0, r"w must hold 1 coordinate, shape \(1,\), got shape \(\)"),
])
def test_wrong_number_of_coordinates_is_named(w, message):
    with pytest.raises(ValueError, match=message):
        parabola(w)
    with pytest.raises(ValueError, match="w must hold 2 coordinates"):
        valley_grad(np.array([1.0]))


def test_on_grid():
    W1, W2, values = on_grid(valley, (-1.0, 1.0), (0.0, 2.0), n=5)
    assert W1.shape == W2.shape == values.shape == (5, 5)
    assert values[0, 2] == 0.0 and values[4, 4] == pytest.approx(0.025 + 5 * 4)
