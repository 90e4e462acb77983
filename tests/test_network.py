import math

import numpy as np
import pytest

from mlnotes import losses
from mlnotes.activations import sigmoid_prime
from mlnotes.datasets import load_digits, train_test_split
from mlnotes.gradcheck import model_gradient_error
from mlnotes.losses import one_hot
from mlnotes.network import MLP
from mlnotes.optim import Diverged


def data(sizes, output, loss, m, seed):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(sizes[0], m))
    if output == "softmax":
        Y = one_hot(rng.integers(0, sizes[-1], m), sizes[-1])
    elif output == "sigmoid" and loss in (None, "binary_cross_entropy"):
        Y = rng.integers(0, 2, size=(sizes[-1], m)).astype(float)
    else:
        Y = rng.normal(size=(sizes[-1], m))
    return X, Y


@pytest.mark.parametrize("sizes, hidden, output, loss", [
    ([4, 5, 3], "tanh", "softmax", None),
    ([3, 6, 4, 2], "sigmoid", "softmax", None),
    ([5, 7, 3], "relu", "softmax", None),
    ([3, 4, 4, 1], "sigmoid", "sigmoid", None),
    ([2, 3, 2], "tanh", "sigmoid", None),
    ([3, 4, 1], "tanh", "sigmoid", "mse"),
    ([2, 6, 2], "leaky_relu", "identity", "mse"),
    ([3, 5, 1], "tanh", "identity", "mae"),
    ([2, 8, 1], "sigmoid", "identity", "rmse"),
])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_backward_matches_finite_differences_over_all_parameters(sizes, hidden, output, loss, seed):
    net = MLP(sizes, hidden=hidden, output=output, loss=loss, seed=seed)
    X, Y = data(sizes, output, loss, m=7, seed=seed + 10)
    assert model_gradient_error(net, X, Y) < 1e-7


def test_a_wrong_backward_fails_the_gradient_check():
    net = MLP([3, 4, 2], hidden="tanh", seed=0)
    X, Y = data([3, 4, 2], "softmax", None, m=5, seed=1)
    right = net.backward
    net.backward = lambda Y: {k: (2 * v if k == "dW1" else v) for k, v in right(Y).items()}
    assert model_gradient_error(net, X, Y) > 1e-2


def test_hand_worked_2_2_1():
    """Every number worked out with scalar arithmetic, independently of the matrix code."""
    net = MLP([2, 2, 1], hidden="sigmoid", output="sigmoid", seed=0)
    net.params.update(W1=np.array([[0.1, 0.2], [0.3, 0.4]]), b1=np.array([[0.1], [0.2]]),
                      W2=np.array([[0.5, -0.5]]), b2=np.array([[0.0]]))
    x1, x2, y = 1.0, 2.0, 1.0
    s = lambda t: 1 / (1 + math.exp(-t))  # noqa: E731
    z11, z12 = 0.1 * x1 + 0.2 * x2 + 0.1, 0.3 * x1 + 0.4 * x2 + 0.2     # 0.6, 1.3
    a11, a12 = s(z11), s(z12)
    a2 = s(0.5 * a11 - 0.5 * a12)
    dz2 = a2 - y                                                      # sigmoid + BCE
    dz11, dz12 = 0.5 * dz2 * a11 * (1 - a11), -0.5 * dz2 * a12 * (1 - a12)

    assert net.forward(np.array([[x1], [x2]]))[0, 0] == pytest.approx(a2)
    g = net.backward(np.array([[y]]))
    np.testing.assert_allclose(g["dW2"], [[dz2 * a11, dz2 * a12]])
    np.testing.assert_allclose(g["db2"], [[dz2]])
    np.testing.assert_allclose(g["dW1"], [[dz11 * x1, dz11 * x2], [dz12 * x1, dz12 * x2]])
    np.testing.assert_allclose(g["db1"], [[dz11], [dz12]])
    assert round(a2, 6) == 0.482485


def test_shortcut_equals_the_general_formula_only_for_its_pairs():
    rng = np.random.default_rng(0)
    X, Y = rng.normal(size=(3, 6)), rng.integers(0, 2, size=(1, 6)).astype(float)
    bce = MLP([3, 4, 1], output="sigmoid", seed=0)
    Y_hat = bce.forward(X)
    general = 6 * losses.binary_cross_entropy_grad(Y_hat, Y) * sigmoid_prime(bce.Z[-1])
    np.testing.assert_allclose(bce.output_error(Y), Y_hat - Y)
    np.testing.assert_allclose(general, Y_hat - Y, rtol=1e-9)
    mse = MLP([3, 4, 1], output="sigmoid", loss="mse", seed=0)
    Y_hat = mse.forward(X)
    np.testing.assert_allclose(mse.output_error(Y), 2 * (Y_hat - Y) * Y_hat * (1 - Y_hat))
    assert not np.allclose(mse.output_error(Y), Y_hat - Y)


def test_forward_keeps_Z_and_A():
    net = MLP([3, 4, 2], seed=0)
    X = np.ones((3, 5))
    Y_hat = net.forward(X)
    assert net.A[0] is not None and len(net.A) == 3 and net.Z[0] is None
    assert [a.shape for a in net.A] == [(3, 5), (4, 5), (2, 5)]
    np.testing.assert_allclose(Y_hat.sum(axis=0), np.ones(5))
    np.testing.assert_allclose(net.A[1], np.maximum(0, net.Z[1]))


def test_same_seed_same_network():
    a, b = MLP([4, 3, 2], seed=5), MLP([4, 3, 2], seed=5)
    assert all(np.array_equal(a.params[k], b.params[k]) for k in a.params)
    assert not np.array_equal(a.params["W1"], MLP([4, 3, 2], seed=6).params["W1"])
    assert a.params["b1"].shape == (3, 1) and a.params["W2"].shape == (2, 3)


@pytest.mark.parametrize("kwargs, message", [
    (dict(layer_sizes=[4]), "at least two positive whole numbers"),
    (dict(layer_sizes=[4, 0, 2]), "at least two positive whole numbers"),
    (dict(layer_sizes=[4, 2], hidden="softplus"), "unknown activation 'softplus'"),
    (dict(layer_sizes=[4, 2], output="relu"), "output must be 'softmax', 'sigmoid' or 'identity'"),
    (dict(layer_sizes=[4, 2], loss="mse"), "a softmax output trains with cross-entropy only"),
    (dict(layer_sizes=[4, 1]), "a softmax output needs at least 2 classes"),
    (dict(layer_sizes=[4, 1], output="sigmoid", loss="hinge"), "unknown loss 'hinge'"),
])
def test_bad_construction(kwargs, message):
    with pytest.raises(ValueError, match=message):
        MLP(**kwargs)


def test_bad_inputs_get_clear_errors():
    net = MLP([3, 4, 2], seed=0)
    with pytest.raises(RuntimeError, match=r"call forward\(X\) before backward\(Y\)"):
        net.backward(np.zeros((2, 1)))
    with pytest.raises(ValueError, match=r"X must have shape \(3, m\), one example per column, got \(5, 3\)"):
        net.forward(np.ones((5, 3)))
    X = np.ones((3, 5))
    X[1, 2] = np.nan
    with pytest.raises(ValueError, match=r"X contains NaN at index \(1, 2\)"):
        net.forward(X)
    net.forward(np.ones((3, 5)))
    with pytest.raises(ValueError, match=r"Y must have the shape of the output, \(2, 5\), "
                                         r"got \(5,\) \(labels\? use one_hot"):
        net.backward(np.zeros(5))
    with pytest.raises(ValueError, match=r"Y must have the shape of the output, \(2, 5\), "
                                         r"got \(5,\) \(labels\? use one_hot"):
        net.fit(np.ones((3, 5)), np.zeros(5))


@pytest.mark.parametrize("hidden, output", [("relu", "softmax"), ("tanh", "sigmoid"), ("sigmoid", "identity")])
def test_nan_or_overflow_inside_the_network_is_named_at_the_layer_it_reaches(hidden, output):
    net = MLP([3, 4, 2], hidden=hidden, output=output, loss="mse" if output == "identity" else None, seed=0)
    X = np.ones((3, 5))
    net.params["W1"][0, 0] = np.nan
    with pytest.raises(ValueError, match=r"Z\[1\] is not finite because W1 contains NaN or infinity"):
        net.forward(X)
    net.params["W1"][0, 0] = 0.0
    net.params["b2"][:] = np.inf
    net.params["W2"][1, 1] = np.nan
    with pytest.raises(ValueError, match=r"Z\[2\] is not finite because W2, b2 contain NaN or infinity"):
        net.forward(X)
    net = MLP([3, 4, 2], hidden=hidden, output=output, loss="mse" if output == "identity" else None, seed=0)
    net.params["W1"][:] = 1e300
    net.params["W2"][:] = [[1e300] * 4, [-1e300] * 4]
    if hidden == "relu":  # tanh and sigmoid hidden units saturate: a finite Z[L], and a correct output
        with pytest.raises(ValueError, match=r"Z\[2\] is not finite: the parameters \(the largest is 1e\+300\) make Z "
                                             r"overflow; if training made them grow, lower the learning rate"):
            net.forward(X)


@pytest.mark.parametrize("hidden, bad", [("relu", -np.inf), ("sigmoid", np.inf), ("tanh", -np.inf), ("relu", np.nan)])
def test_a_value_an_activation_would_flatten_is_caught_before_it(hidden, bad):
    # ReLU(-inf) = 0 and sigmoid(inf) = 1 are finite: only a check before the activation sees them
    net = MLP([3, 4, 4, 2], hidden=hidden, seed=0)
    X = np.ones((3, 5))
    net.params["W2"][2, 1] = bad
    with pytest.raises(ValueError, match=r"Z\[2\] is not finite because W2 contains NaN or infinity"):
        net.forward(X)
    net.params["W2"][2, 1] = 0.0
    X[2, 3] = bad
    with pytest.raises(ValueError, match=r"X contains (NaN|infinity) at index \(2, 3\); expected finite numbers"):
        net.forward(X)
    with pytest.raises(ValueError, match=r"X contains"):
        net.predict(X)


@pytest.mark.parametrize("seed", range(5))
def test_every_nan_or_infinity_in_X_reaches_Z1(seed):
    # _check_Z checks Z[1] instead of X; this holds because a matrix product computes every W[k, i] X[i, j],
    # also when W has zeros (0 * inf is NaN), and for X stored transposed or as a strided view
    rng = np.random.default_rng(seed)
    n0, n1, m = rng.integers(1, 40, size=3)
    W = rng.normal(size=(n1, n0)) * (rng.random((n1, n0)) < 0.5)
    for bad in (np.nan, np.inf, -np.inf):
        i, j = rng.integers(0, n0), rng.integers(0, m)
        every_other_row = rng.normal(size=(2 * n0, m))
        every_other_row[2 * i, j] = bad
        for X in (every_other_row[::2], np.ascontiguousarray(every_other_row[::2]),
                  np.asfortranarray(every_other_row[::2])):
            with np.errstate(invalid="ignore"):
                Z = W @ X
            assert not np.isfinite(Z[:, j]).any() and np.isfinite(np.delete(Z, j, axis=1)).all()


def test_the_network_uses_the_bare_formulas_of_the_checked_activations():
    from mlnotes import activations
    net = MLP([3, 4, 2], hidden="tanh", seed=0)
    assert net.g is activations.tanh.formula and net.g_prime is activations.tanh_prime.formula
    with pytest.raises(ValueError, match="z contains NaN"):
        activations.tanh([0.0, np.nan])  # the public function still checks


def test_fit_lowers_the_loss_and_records_history():
    X, y = load_digits()
    X_train, X_test, y_train, y_test = train_test_split(X, y, seed=0)
    net = MLP([64, 32, 10], seed=0)
    history = net.fit(X_train, one_hot(y_train, 10), epochs=5, lr=0.5, batch_size=32,
                      validation=(X_test, one_hot(y_test, 10)))
    assert set(history) == {"loss", "accuracy", "val_loss", "val_accuracy"}
    assert all(len(v) == 6 for v in history.values())  # epoch 0 (before) to 5
    assert history["loss"][-1] < history["loss"][0] / 5
    assert history["val_accuracy"][-1] == net.accuracy(X_test, y_test) > 0.9


def test_digits_reach_97_percent_in_30_epochs():
    from mlnotes.experiments import digits_test_accuracy
    accuracies = [digits_test_accuracy(seed, epochs=30) for seed in range(5)]
    assert np.mean(accuracies) >= 0.97, accuracies


def test_sigmoid_output_learns_xor():
    from mlnotes.datasets import xor
    X, y = xor(m=200, noise=0.1, seed=0)
    net = MLP([2, 8, 1], hidden="tanh", output="sigmoid", seed=0)
    net.fit(X, y.reshape(1, -1).astype(float), epochs=200, lr=1.0, batch_size=None)
    assert net.accuracy(X, y) == 1.0
    assert net.predict(X).shape == (200,)


def test_divergence_stops_with_the_learning_rate_named():
    X, y = load_digits()
    net = MLP([64, 32, 10], seed=0)
    with pytest.raises(Diverged, match=r"The learning rate lr=1e\+06 is too large here; try lr=100000"):
        net.fit(X, one_hot(y, 10), epochs=5, lr=1e6)


def test_regression_network_has_no_accuracy():
    net = MLP([1, 4, 1], output="identity", seed=0)
    with pytest.raises(ValueError, match="accuracy is for classifiers"):
        net.accuracy(np.zeros((1, 3)), np.zeros(3))
    history = net.fit(np.linspace(0, 1, 20).reshape(1, -1), np.linspace(0, 2, 20).reshape(1, -1), epochs=50, lr=0.1)
    assert set(history) == {"loss"} and history["loss"][-1] < history["loss"][0]


def test_backward_keeps_every_error_signal_and_the_gradients():
    net = MLP([3, 4, 2], seed=0)
    X, Y = data([3, 4, 2], "softmax", None, m=5, seed=0)
    net.forward(X)
    grads = net.backward(Y)
    assert net.grads is grads and net.dZ[0] is None
    assert [dZ.shape for dZ in net.dZ[1:]] == [(4, 5), (2, 5)]
    np.testing.assert_allclose(net.dZ[2], net.A[2] - Y)
    np.testing.assert_allclose(grads["dW1"], net.dZ[1] @ X.T / 5)
