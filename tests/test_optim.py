import numpy as np
import pytest

from mlnotes.optim import Adam, Diverged, GradientDescent, Momentum, batches, make_optimizer, minimize, train

A = np.array([[3.0, 0.5], [0.5, 1.0]])   # f(x) = 1/2 (x - c)^T A (x - c): minimum at c
C = np.array([1.0, -2.0])


def grad(x):
    return A @ (x - C)


@pytest.mark.parametrize("optimizer, steps",
                         [(GradientDescent(0.3), 200), (Momentum(0.1, 0.9), 300), (Adam(0.05), 2000)])
def test_optimizers_find_the_minimum_of_a_quadratic(optimizer, steps):
    path = minimize(grad, [4.0, 3.0], optimizer, steps)
    assert path.shape == (steps + 1, 2)
    np.testing.assert_allclose(path[-1], C, atol=1e-4)


def test_gradient_descent_step_by_hand():
    p = {"w": np.array([1.0, 2.0])}
    GradientDescent(0.5).step(p, {"dw": np.array([2.0, -4.0])})
    np.testing.assert_array_equal(p["w"], [0.0, 4.0])


def test_momentum_by_hand():
    p, g = {"w": np.array([0.0])}, {"dw": np.array([1.0])}
    opt = Momentum(0.1, beta=0.5)
    opt.step(p, g)          # v = 1,     w = -0.1
    opt.step(p, g)          # v = 1.5,   w = -0.25
    np.testing.assert_allclose(p["w"], [-0.25])


def test_adam_first_step_is_about_lr_per_parameter():
    p = {"w": np.array([0.0, 0.0])}
    Adam(0.01).step(p, {"dw": np.array([1000.0, -0.001])})
    np.testing.assert_allclose(p["w"], [-0.01, 0.01], rtol=1e-4)


def test_too_large_a_learning_rate_diverges_and_minimize_stops():
    path = minimize(grad, [4.0, 3.0], GradientDescent(1.0), 1000)
    assert len(path) < 1000 and np.abs(path[-1]).max() > 1e6


def test_batches():
    rng = np.random.default_rng(0)
    parts = batches(10, 3, rng)
    assert [len(b) for b in parts] == [3, 3, 3, 1]
    assert sorted(np.concatenate(parts)) == list(range(10))
    assert len(batches(10, None, rng)) == 1 and len(batches(10, 1, rng)) == 10
    with pytest.raises(ValueError, match="batch_size must be a positive whole number or None"):
        batches(10, 0, rng)


def test_make_optimizer():
    assert isinstance(make_optimizer("adam", 0.01), Adam)
    opt = Momentum(0.1)
    assert make_optimizer(opt) is opt
    with pytest.raises(ValueError, match="unknown optimizer 'rmsprop'"):
        make_optimizer("rmsprop")
    with pytest.raises(ValueError, match="the learning rate lr must be a positive number, got -0.1"):
        GradientDescent(-0.1)


class Counting:
    """A model whose gradient is 0: counts the forward/backward calls of the six-step loop."""

    def __init__(self):
        self.params, self.calls, self.seen = {"w": np.zeros(1)}, 0, []

    def forward(self, X):
        self.seen.append(X.shape[1])

    def backward(self, Y):
        self.calls += 1
        return {"dw": np.zeros(1)}


@pytest.mark.parametrize("batch_size, updates, sizes", [(None, 3, {10}), (1, 30, {1}), (4, 9, {4, 2})])
def test_the_six_steps_make_one_update_per_batch(batch_size, updates, sizes):
    model, epochs = Counting(), []
    train(model, np.zeros((2, 10)), np.zeros((1, 10)), 3, GradientDescent(0.1), batch_size, after_epoch=epochs.append)
    assert model.calls == updates and set(model.seen) == sizes and epochs == [1, 2, 3]


def test_train_reports_divergence():
    model = Counting()
    model.backward = lambda Y: {"dw": np.array([1e9])}
    with pytest.raises(Diverged, match="training diverged in epoch 1: parameters grew to 1e.08. "
                                       "The learning rate lr=0.1"):
        train(model, np.zeros((2, 4)), np.zeros((1, 4)), 2, GradientDescent(0.1))
