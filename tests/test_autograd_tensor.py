"""The tensor engine: every operation against central differences on random shapes and seeds (float64,
relative error < 1e-7), broadcasting undone in backward, and clear refusals."""
import gc

import numpy as np
import pytest

from mlnotes.autograd import Tensor, zero_grad
from mlnotes.autograd.tensor import OPS, unbroadcast
from mlnotes.gradcheck import numerical_gradient, relative_error
from mlnotes.losses import one_hot


def check_against_finite_differences(f, *arrays):
    """f maps Tensors to a Tensor; the gradient of (f * R).sum(), R random, must match central differences.

    Weighting by a random R makes every entry of f's output count differently, so a rule
    that mixes entries up or sums over the wrong axis fails.
    """
    arrays = [np.array(a, dtype=float) for a in arrays]
    out_shape = f(*[Tensor(a) for a in arrays]).shape
    R = np.random.default_rng(99).normal(size=out_shape)
    inputs = [Tensor(a) for a in arrays]
    (f(*inputs) * R).sum().backward()
    for i, a in enumerate(arrays):
        def loss(x, i=i):
            return float(np.sum(f(*[Tensor(x if j == i else b) for j, b in enumerate(arrays)]).data * R))
        numeric = numerical_gradient(loss, a.copy())
        assert inputs[i].grad.shape == a.shape
        assert relative_error(inputs[i].grad, numeric) < 1e-7, f"input {i} of shape {a.shape}"


BROADCAST_SHAPES = [((3, 4), (3, 4)), ((3, 4), (3, 1)), ((3, 4), (1, 4)), ((3, 4), (4,)), ((3, 4), ()),
                    ((2, 3, 4), (3, 1)), ((1, 4), (3, 1)), ((5,), (2, 1, 5))]
BINARY = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b, "/": lambda a, b: a / b}


@pytest.mark.parametrize("op", BINARY)
@pytest.mark.parametrize("shapes", BROADCAST_SHAPES, ids=str)
@pytest.mark.parametrize("seed", [0, 1])
def test_elementwise_operations_with_broadcasting(op, shapes, seed):
    rng = np.random.default_rng(seed)
    a, b = rng.normal(size=shapes[0]), rng.uniform(0.5, 2.0, size=shapes[1]) * rng.choice([-1, 1], size=shapes[1])
    check_against_finite_differences(BINARY[op], a, b)


@pytest.mark.parametrize("seed", range(6))
def test_matrix_product_on_random_shapes(seed):
    rng = np.random.default_rng(seed)
    n, k, m = rng.integers(1, 6, size=3)
    check_against_finite_differences(lambda a, b: a @ b, rng.normal(size=(n, k)), rng.normal(size=(k, m)))


@pytest.mark.parametrize("name, f, low", [
    ("exp", lambda a: a.exp(), -2), ("log", lambda a: a.log(), 0.1), ("tanh", lambda a: a.tanh(), -2),
    ("sigmoid", lambda a: a.sigmoid(), -4), ("relu", lambda a: a.relu(), -2), ("neg", lambda a: -a, -2),
    ("square", lambda a: a ** 2, -2), ("cube", lambda a: a ** 3, -2), ("sqrt", lambda a: a ** 0.5, 0.1),
    ("transpose", lambda a: a.T, -2), ("numbers on the left", lambda a: 2.0 - 3.0 / (1.5 + a * 0.5), 0.1),
])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_elementwise_functions(name, f, low, seed):
    rng = np.random.default_rng(seed)
    shape = tuple(rng.integers(1, 5, size=2))
    a = rng.uniform(low, 2.0, size=shape)
    if name == "relu":  # keep away from the kink at 0, where the difference quotient straddles two slopes
        a = np.where(np.abs(a) < 0.05, 0.5, a)
    check_against_finite_differences(f, a)


@pytest.mark.parametrize("axis, keepdims", [(None, False), (0, False), (1, False), (1, True), ((0, 2), False),
                                            (-1, True)])
@pytest.mark.parametrize("reduce", ["sum", "mean"])
def test_sum_and_mean_over_axes(axis, keepdims, reduce):
    a = np.random.default_rng(3).normal(size=(2, 3, 4))
    check_against_finite_differences(lambda t: getattr(t, reduce)(axis=axis, keepdims=keepdims), a)


@pytest.mark.parametrize("seed", range(4))
def test_cross_entropy_against_finite_differences_and_the_shortcut(seed):
    rng = np.random.default_rng(seed)
    n, m = int(rng.integers(2, 6)), int(rng.integers(1, 8))
    Z, Y = rng.normal(size=(n, m)) * 3, one_hot(rng.integers(0, n, m), n)
    check_against_finite_differences(lambda z: z.cross_entropy(Y), Z)
    z = Tensor(Z)
    loss = z.cross_entropy(Y)
    loss.backward()
    P = np.exp(Z) / np.exp(Z).sum(axis=0)
    assert loss.data == pytest.approx(-np.sum(Y * np.log(P)) / m, rel=1e-12)
    np.testing.assert_allclose(z.grad, (P - Y) / m, rtol=1e-12)  # dz = y_hat - y (F12), over m


def test_cross_entropy_stays_finite_for_huge_scores():
    z = Tensor([[1000.0, -1000.0], [0.0, 0.0]])
    loss = z.cross_entropy(np.eye(2))
    loss.backward()
    assert np.isfinite(loss.data) and np.all(np.isfinite(z.grad))


def test_a_small_network_composed_of_every_kind_of_operation():
    rng = np.random.default_rng(7)
    X, Y = rng.normal(size=(3, 5)), one_hot(rng.integers(0, 2, 5), 2)

    def net(W1, b1, W2, b2):
        A1 = (W1 @ X + b1).tanh()
        return ((W2 @ A1 + b2).cross_entropy(Y) + 0.1 * (W1 * W1).mean()).sum()

    check_against_finite_differences(net, rng.normal(size=(4, 3)), rng.normal(size=(4, 1)),
                                     rng.normal(size=(2, 4)), rng.normal(size=(2, 1)))


def test_broadcasting_in_add_and_multiply_sums_over_the_stretched_axes():
    Z, b, s = Tensor(np.arange(6.0).reshape(2, 3)), Tensor([[1.0], [2.0]]), Tensor(np.array(2.0))
    ((Z + b) * s).sum().backward()
    np.testing.assert_array_equal(b.grad, [[6.0], [6.0]])   # each bias was added to 3 columns, times 2
    assert s.grad.shape == () and s.grad == 15 + 3 * 1 + 3 * 2   # the sum of Z + b
    np.testing.assert_array_equal(Z.grad, np.full((2, 3), 2.0))
    assert unbroadcast(np.ones((4, 2, 3)), (2, 1)).tolist() == [[12.0], [12.0]]


def test_a_tensor_used_twice_collects_both_terms():
    x = Tensor([1.0, -2.0, 3.0])
    (x * x).sum().backward()
    np.testing.assert_array_equal(x.grad, [2.0, -4.0, 6.0])
    x = Tensor([1.0, -2.0])
    (x + x).sum().backward()
    np.testing.assert_array_equal(x.grad, [2.0, 2.0])


def test_backward_on_a_non_scalar_needs_a_seed():
    t = Tensor(np.ones((2, 3))) * 2
    with pytest.raises(ValueError, match=r"needs a single number \(a loss\), but this tensor has shape \(2, 3\)"):
        t.backward()
    with pytest.raises(ValueError, match=r"grad has shape \(3, 2\) but the tensor has shape \(2, 3\)"):
        t.backward(np.ones((3, 2)))
    x = Tensor(np.arange(6.0).reshape(2, 3))
    seed = np.arange(6.0).reshape(2, 3)
    (x * 2).backward(seed)  # the gradient of ((x * 2) * seed).sum()
    np.testing.assert_array_equal(x.grad, 2 * seed)


def test_a_second_backward_is_refused():
    x = Tensor([1.0, 2.0])
    loss = (x * x).sum()
    loss.backward()
    with pytest.raises(RuntimeError, match="already run through this graph"):
        loss.backward()
    np.testing.assert_array_equal(x.grad, [2.0, 4.0])


def test_leaf_gradients_add_up_until_zero_grad_and_are_never_shared():
    x, y = Tensor([1.0, 2.0]), Tensor([3.0, 4.0])
    (x + y).sum().backward()
    assert x.grad is not y.grad  # one array each: changing one must not change the other
    w = Tensor(np.ones((2, 3)))
    z = w + 1.0  # + hands its gradient on as it is
    z.backward(np.ones((2, 3)))
    assert not np.shares_memory(w.grad, z.grad)
    v = Tensor(np.ones((3, 2)))
    t = v.T
    t.backward(np.ones((2, 3)))  # the rule of T gives a view of t's gradient
    assert not np.shares_memory(v.grad, t.grad)
    (x * 3).sum().backward()
    np.testing.assert_array_equal(x.grad, [4.0, 4.0])
    zero_grad([x, y])
    assert x.grad is None and y.grad is None


def test_constants_get_no_gradient():
    X = Tensor(np.ones((3, 2)), requires_grad=False)
    W = Tensor(np.ones((1, 3)))
    (W @ X).sum().backward()
    assert X.grad is None and W.grad.shape == (1, 3)
    with pytest.raises(RuntimeError, match="nothing to differentiate"):
        (X * 2).sum().backward()


def test_a_wrong_backward_rule_is_caught_with_both_shapes(monkeypatch):
    monkeypatch.setitem(OPS, "neg", (np.negative, lambda g, y, a: g.sum(axis=0)))
    x = Tensor(np.ones((3, 4)))
    with pytest.raises(AssertionError, match=r"shape \(3, 4\) came out with shape \(4,\)"):
        (-x).sum().backward()


def test_the_graph_has_no_reference_cycles():
    gc.collect()
    gc.disable()
    try:
        W, X = Tensor(np.ones((4, 3))), Tensor(np.ones((3, 5)), requires_grad=False)
        loss = (W @ X).tanh().cross_entropy(np.eye(4)[:, [0, 1, 2, 3, 0]])
        loss.backward()
        del W, X, loss
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_data_is_copied_and_wrap_is_not():
    a = np.ones(3)
    t, w = Tensor(a), Tensor.wrap(a)
    a[0] = 5.0
    assert t.data[0] == 1.0 and w.data[0] == 5.0
    with pytest.raises(TypeError, match="float64 numpy array"):
        Tensor.wrap([1.0, 2.0])


@pytest.mark.parametrize("make, error, message", [
    (lambda: Tensor("abc"), TypeError, "data must be a number or an array of numbers, got str"),
    (lambda: Tensor([1.0, np.nan]), ValueError, "data contains NaN at index"),
    (lambda: Tensor(Tensor(1.0)), TypeError, "already a Tensor"),
    (lambda: Tensor([1.0]) + None, TypeError, "data must be a number or an array of numbers, got NoneType"),
    (lambda: Tensor(np.ones((2, 3))) @ Tensor(np.ones((2, 3))),
     ValueError, r"the left has shape \(2, 3\) but the right has shape \(2, 3\): the left's 3 columns must match the "
                 r"right's 2 rows"),
    (lambda: Tensor(np.ones(3)) @ Tensor(np.ones((3, 1))), ValueError, "@ multiplies matrices"),
    (lambda: Tensor(np.ones((2, 3))) + Tensor(np.ones(4)), ValueError, r"\+: shapes \(2, 3\) and \(4,\) do not fit"),
    (lambda: Tensor(np.ones((2, 3))) * np.ones((3, 2)), ValueError, r"\*: shapes \(2, 3\) and \(3, 2\) do not fit"),
    (lambda: Tensor([1.0, -1.0]).log(), ValueError, "log needs positive numbers"),
    (lambda: Tensor([-1.0]) ** 0.5, ValueError, "not a real number"),
    (lambda: Tensor([1.0]) ** Tensor([2.0]), TypeError, r"t \*\* k needs a number k"),
    (lambda: Tensor(np.ones((3, 2))).cross_entropy(np.ones(2)), ValueError, r"got Z \(3, 2\) and Y \(2,\)"),
    (lambda: Tensor(np.ones((2, 2))).cross_entropy(np.ones((2, 2))), ValueError, "sum to 1"),
])
def test_bad_input_gets_a_clear_error(make, error, message):
    with pytest.raises(error, match=message):
        make()


def test_numbers_and_arrays_on_either_side():
    x = Tensor([1.0, 2.0])
    for out, want in [(1 + x, [2, 3]), (x - 1, [0, 1]), (1 - x, [0, -1]), (2 * x, [2, 4]), (x / 2, [0.5, 1]),
                      (2 / x, [2, 1]), (np.array([1.0, 1.0]) * x, [1, 2]), (np.float64(3.0) + x, [4, 5])]:
        assert isinstance(out, Tensor) and out.data.tolist() == want
    assert (np.eye(2) @ Tensor(np.ones((2, 1)))).data.tolist() == [[1.0], [1.0]]


def test_repr():
    t = Tensor([[1.0, 2.0]], label="W")
    assert repr(t) == "Tensor([[1., 2.]], grad=None, label='W')"


def test_the_finite_difference_check_catches_a_wrong_rule(monkeypatch):
    forward, _, rule_b = OPS["*"]
    monkeypatch.setitem(OPS, "*", (forward, lambda g, y, a, b: g * a, rule_b))  # should be g * b
    rng = np.random.default_rng(0)
    with pytest.raises(AssertionError, match="input 0"):
        check_against_finite_differences(lambda a, b: a * b, rng.normal(size=(2, 3)), rng.normal(size=(2, 3)))


def test_the_finite_difference_check_catches_broadcasting_undone_wrongly(monkeypatch):
    import mlnotes.autograd.tensor as tensor_module
    monkeypatch.setattr(tensor_module, "unbroadcast",
                        lambda g, shape: g if g.shape == shape else g.mean(axis=1, keepdims=True))  # not the sum
    rng = np.random.default_rng(0)
    with pytest.raises(AssertionError, match=r"input 1 of shape \(3, 1\)"):
        check_against_finite_differences(lambda a, b: a + b, rng.normal(size=(3, 4)), rng.normal(size=(3, 1)))
