"""Three-way agreement: the hand-written backward of notebook 06 (MLP), the Tensor engine (TensorMLP) and
central differences, on many random shapes and seeds (float64, relative error < 1e-7)."""
import numpy as np
import pytest

from mlnotes.autograd.mlp import TensorMLP
from mlnotes.datasets import load_digits
from mlnotes.gradcheck import flatten, model_gradient_error, relative_error
from mlnotes.losses import one_hot
from mlnotes.network import MLP

CASES = [("relu", "softmax", None), ("tanh", "softmax", None), ("sigmoid", "softmax", None),
         ("tanh", "sigmoid", None), ("sigmoid", "sigmoid", "mse"), ("tanh", "identity", "mse")]


def random_problem(seed):
    """Random layer sizes (2 to 4 layers after the input), batch size and data."""
    rng = np.random.default_rng(seed)
    sizes = [int(n) for n in rng.integers(2, 7, size=int(rng.integers(3, 6)))]
    m = int(rng.integers(1, 9))
    return rng, sizes, rng.normal(size=(sizes[0], m))


def targets(rng, output, loss, n_out, m):
    if output == "softmax":
        return one_hot(rng.integers(0, n_out, m), n_out)
    if output == "sigmoid" and loss is None:
        return rng.integers(0, 2, size=(n_out, m)).astype(float)
    return rng.normal(size=(n_out, m))


@pytest.mark.parametrize("hidden, output, loss", CASES)
@pytest.mark.parametrize("seed", range(6))
def test_hand_written_backprop_tensor_engine_and_finite_differences_agree(hidden, output, loss, seed):
    rng, sizes, X = random_problem(seed)
    if output == "softmax":
        sizes[-1] = max(sizes[-1], 2)
    Y = targets(rng, output, loss, sizes[-1], X.shape[1])
    hand = MLP(sizes, hidden=hidden, output=output, loss=loss, seed=seed)
    auto = TensorMLP(sizes, hidden=hidden, output=output, loss=loss, seed=seed)
    names = ["d" + name for name in hand.params]
    for name in hand.params:  # nonzero biases: a dead ReLU layer would leave Z = b = 0, exactly on the kink
        if name.startswith("b"):
            hand.params[name][...] = auto.params[name][...] = rng.normal(size=hand.params[name].shape)

    np.testing.assert_array_equal(hand.forward(X), auto.forward(X))
    by_hand, by_engine = flatten(hand.backward(Y), names), flatten(auto.backward(Y), names)
    assert relative_error(by_engine, by_hand) < 1e-12            # the same numbers, up to rounding
    assert model_gradient_error(auto, X, Y) < 1e-7                # both against central differences
    assert model_gradient_error(hand, X, Y) < 1e-7
    assert auto.loss_node.data == pytest.approx(hand.loss(X, Y), rel=1e-12)


def test_training_notebook_06s_network_gives_the_same_history():
    X, y = load_digits()
    X, Y = X[:, :300], one_hot(y[:300], 10)
    kwargs = dict(epochs=3, lr=0.5, batch_size=32, seed=0)
    hand = MLP([64, 32, 10], seed=0).fit(X, Y, **kwargs)
    auto_net = TensorMLP([64, 32, 10], seed=0)
    auto = auto_net.fit(X, Y, **kwargs)
    np.testing.assert_allclose(auto["loss"], hand["loss"], rtol=1e-10)
    assert auto["accuracy"] == hand["accuracy"] and hand["loss"][-1] < hand["loss"][0] / 2


def test_the_gradients_are_the_leaves_of_the_recorded_graph():
    net = TensorMLP([3, 4, 2], seed=0)
    X, Y = np.ones((3, 5)), one_hot(np.array([0, 1, 1, 0, 1]), 2)
    net.forward(X)
    grads = net.backward(Y)
    assert set(grads) == {"dW1", "db1", "dW2", "db2"}
    assert all(grads["d" + name] is leaf.grad and leaf.data is net.params[name] for name, leaf in net.leaves.items())
    assert net.loss_node._op == "cross_entropy" and net.Z_out._op == "+"


@pytest.mark.parametrize("kwargs, message", [
    (dict(hidden="leaky_relu"), "TensorMLP has hidden activations relu, sigmoid, tanh"),
    (dict(output="identity", loss="mae"), "got hidden='relu', identity \\+ mae"),
])
def test_unsupported_networks_are_named(kwargs, message):
    with pytest.raises(ValueError, match=message):
        TensorMLP([3, 4, 2], **kwargs)


def test_bad_use_gets_clear_errors():
    net = TensorMLP([3, 4, 2], seed=0)
    with pytest.raises(RuntimeError, match=r"call forward\(X\) before backward\(Y\)"):
        net.backward(np.zeros((2, 1)))
    net.forward(np.ones((3, 5)))
    with pytest.raises(ValueError, match=r"Y must have the shape of the output, \(2, 5\), got \(5,\) \(labels\?"):
        net.backward(np.zeros(5))
    with pytest.raises(ValueError, match=r"X must have shape \(3, m\)"):
        net.forward(np.ones((4, 5)))
    net.params["W2"][0, 0] = np.nan
    with pytest.raises(ValueError, match=r"Z\[2\] is not finite because W2 contains NaN or infinity"):
        net.train_step(np.ones((3, 5)), np.eye(2)[:, [0, 1, 0, 1, 0]], 0.1)
