"""The scalar engine: every operation against central differences, micrograd's own example, and the
failures of micrograd it must not have (x*x, a deep chain, a second backward(), reference cycles)."""
import gc
import math
import subprocess
import sys

import numpy as np
import pytest

from mlnotes.autograd import Tensor, Value, topological_order, zero_grad
from mlnotes.autograd.graph import ALREADY_DONE
from mlnotes.gradcheck import numerical_gradient, relative_error


def check_against_finite_differences(f, x):
    """f maps a list of Values to a Value; its backward() must agree with central differences at x."""
    x = np.array(x, dtype=float)
    inputs = [Value(v) for v in x]
    f(inputs).backward()
    numeric = numerical_gradient(lambda t: f([Value(v) for v in t]).data, x)
    analytic = np.array([v.grad for v in inputs])
    assert relative_error(analytic, numeric) < 1e-7, (analytic, numeric)


@pytest.mark.parametrize("f, x", [
    (lambda v: v[0] + v[1], [0.7, -1.3]),
    (lambda v: v[0] - v[1], [0.7, -1.3]),
    (lambda v: v[0] * v[1], [0.7, -1.3]),
    (lambda v: v[0] / v[1], [0.7, -1.3]),
    (lambda v: v[0] ** 3, [-1.2]),
    (lambda v: v[0] ** 0.5, [2.5]),
    (lambda v: v[0] ** -2, [1.5]),
    (lambda v: 2.0 ** v[0], [0.8]),
    (lambda v: -v[0], [0.4]),
    (lambda v: 3 + v[0], [0.4]),
    (lambda v: 3 - v[0], [0.4]),
    (lambda v: 3 * v[0], [0.4]),
    (lambda v: 3 / v[0], [0.4]),
    (lambda v: v[0] - 3, [0.4]),
    (lambda v: v[0] / 3, [0.4]),
    (lambda v: v[0].relu(), [0.9]),
    (lambda v: v[0].relu(), [-0.9]),
    (lambda v: v[0].tanh(), [0.6]),
    (lambda v: v[0].sigmoid(), [-0.6]),
    (lambda v: v[0].sigmoid(), [4.0]),
    (lambda v: v[0].sigmoid(), [-30.0]),
    (lambda v: v[0].exp(), [1.1]),
    (lambda v: v[0].log(), [0.3]),
    (lambda v: (v[0] * v[1] + v[2]).tanh() * v[0], [0.5, -1.5, 0.25]),
    (lambda v: ((v[0] - v[1]) ** 2 + (v[1] * v[2]).exp()).log() / (1 + v[2].sigmoid()), [0.3, -0.8, 1.2]),
])
def test_every_operation_against_finite_differences(f, x):
    check_against_finite_differences(f, x)


@pytest.mark.parametrize("seed", range(5))
def test_random_neurons_against_finite_differences(seed):
    """One tanh neuron with n inputs, a squared-error loss: n weights, n inputs and a bias at once."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 7))

    def neuron(v):
        w, x, b = v[:n], v[n:2 * n], v[-1]
        return (sum((wi * xi for wi, xi in zip(w, x)), b).tanh() - 0.5) ** 2

    check_against_finite_differences(neuron, rng.normal(size=2 * n + 1))


def test_micrograd_readme_example_gives_micrograd_numbers():
    """The example in micrograd's README, with the values it prints (computed there against PyTorch)."""
    a, b = Value(-4.0), Value(2.0)
    c = a + b
    d = a * b + b ** 3
    c += c + 1
    c += 1 + c + (-a)
    d += d * 2 + (b + a).relu()
    d += 3 * d + (b - a).relu()
    e = c - d
    f = e ** 2
    g = f / 2.0
    g += 10.0 / f
    g.backward()
    assert f"{g.data:.4f} {a.grad:.4f} {b.grad:.4f}" == "24.7041 138.8338 645.5773"


def test_a_node_used_twice_collects_both_terms():
    x = Value(3.0)
    (x * x).backward()
    assert x.grad == 6.0  # d(x^2)/dx = 2x: one term x from each use
    x = Value(3.0)
    (x + x).backward()
    assert x.grad == 2.0
    x = Value(3.0)
    y = x * 2
    (y * y + y).backward()  # 4x^2 + 2x
    assert x.grad == 8 * 3.0 + 2


def test_relu_at_the_edges():
    for value, grad in [(-1.0, 0.0), (0.0, 0.0), (1.0, 1.0)]:
        x = Value(value)
        x.relu().backward()
        assert x.grad == grad, value


def test_a_chain_of_100000_operations():
    """micrograd's recursive topological sort raises RecursionError after about a thousand operations."""
    x = Value(0.5)
    y = x
    for _ in range(50_000):
        y = y * 1.00001 + 0.0
    y.backward()
    assert len(topological_order(y)) == 1 + 2 * 50_000 * 2  # x, then per step a constant and a result, twice
    assert x.grad == pytest.approx(1.00001 ** 50_000, rel=1e-9)


def test_topological_order_is_that_of_the_recursive_search():
    def recursive(v, order, seen):
        if v not in seen:
            seen.add(v)
            for parent in v._prev:
                recursive(parent, order, seen)
            order.append(v)
        return order

    a, b = Value(1.0), Value(2.0)
    c = a * b
    d = (c + a).tanh() * (c - b) + c.exp()
    order = topological_order(d)
    assert order == recursive(d, [], set())
    position = {node: i for i, node in enumerate(order)}
    assert all(position[p] < position[n] for n in order for p in n._prev)  # every parent before its node
    assert order[-1] is d and len(order) == len(set(order))


def test_a_second_backward_is_refused_and_changes_nothing():
    a, b = Value(2.0), Value(-3.0)
    c = a * b + a
    c.backward()
    grads = (a.grad, b.grad, c.grad)
    with pytest.raises(RuntimeError, match="already run through this graph") as info:
        c.backward()
    assert str(info.value) == ALREADY_DONE
    assert (a.grad, b.grad, c.grad) == grads == (-2.0, 2.0, 1.0)


def test_a_second_output_through_a_used_node_is_refused_too():
    x = Value(2.0)
    h = x * x
    (h + 1).backward()
    with pytest.raises(RuntimeError, match="already run through this graph"):
        (h * 3).backward()


def test_a_fresh_graph_after_zero_grad_gives_the_same_gradients():
    w = [Value(0.5), Value(-1.5)]

    def loss():
        return (w[0] * 2.0 + w[1]) ** 2

    loss().backward()
    first = [p.grad for p in w]
    loss().backward()  # leaves add up across graphs, like PyTorch's .grad
    assert [p.grad for p in w] == [2 * g for g in first]
    zero_grad(w)
    assert [p.grad for p in w] == [0.0, 0.0]
    loss().backward()
    assert [p.grad for p in w] == first


def test_the_graph_has_no_reference_cycles():
    """micrograd's closures refer back to their node, so every graph is garbage for the cycle collector."""
    gc.collect()
    gc.disable()
    try:
        x = [Value(float(i)) for i in range(20)]
        y = sum((xi * xi).tanh() for xi in x) / 20
        y.backward()
        del x, y
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_numpy_numbers_on_either_side():
    x = Value(2.0)
    y = np.float64(3.0) * x + np.int64(1)
    assert isinstance(y, Value) and y.data == 7.0


@pytest.mark.parametrize("make, error, message", [
    (lambda: Value("1.5"), TypeError, "a Value holds one number, got str"),
    (lambda: Value(True), TypeError, "got bool"),
    (lambda: Value([1.0, 2.0]), TypeError, "got list"),
    (lambda: Value(math.nan), ValueError, "finite number, got nan"),
    (lambda: Value(1.0) + "a", TypeError, "got str"),
    (lambda: Value(0.0).log(), ValueError, "log needs a positive number, got 0"),
    (lambda: Value(1000.0).exp(), OverflowError, r"exp\(1000\) is too large"),
    (lambda: Value(1.0) / 0, ZeroDivisionError, "division by a Value that is 0"),
    (lambda: Value(-2.0) ** 0.5, ValueError, "is not a real number"),
    (lambda: Value(0.0) ** -1, ZeroDivisionError, "0 \\*\\* -1 divides by zero"),
    (lambda: Value(2.0) ** Value(3.0), TypeError, r"\(y \* x.log\(\)\).exp\(\)"),
    (lambda: (-2.0) ** Value(1.0), ValueError, "needs a positive base"),
])
def test_bad_input_gets_a_clear_error(make, error, message):
    with pytest.raises(error, match=message):
        make()


def test_repr_and_labels():
    x = Value(2.0, label="x")
    assert repr(x) == "Value(data=2, grad=0, label='x')"
    assert repr(x * 1.5) == "Value(data=3, grad=0)"
    assert (x * 1.5)._op == "*" and (x ** 2)._op == "**2" and x.tanh()._op == "tanh"


def test_the_engines_load_without_matplotlib():
    # draw_graph is imported only when asked for (mlnotes.autograd.__getattr__)
    script = "import mlnotes.autograd.value, mlnotes.autograd.tensor, sys; print('matplotlib' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.strip() == "False", result.stderr


@pytest.mark.parametrize("name", ["relu", "tanh", "sigmoid"])
def test_both_engines_take_activations_and_derivatives_from_the_one_table(name):
    from mlnotes import activations
    from mlnotes.autograd.rules import OPS
    g, g_prime = activations.ACTIVATIONS[name]
    assert OPS[name][0] is activations.FORMULAS[name][0]
    for a in (-1.0, 0.0, 1.0, 2.5):
        x = Value(a)
        y = getattr(x, name)()
        y.backward()
        assert (y.data, x.grad) == (pytest.approx(g(a), abs=0), pytest.approx(g_prime(a), abs=0))
        t = Tensor([a])
        getattr(t, name)().sum().backward()
        assert t.grad[0] == pytest.approx(g_prime(a), abs=0)
