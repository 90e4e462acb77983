"""Both engines against PyTorch's autograd, when PyTorch is installed (skipped, not failed, without it).

PyTorch is not a dependency of mlnotes: these tests run on a machine that has it.
"""
import numpy as np
import pytest

from mlnotes.autograd import Tensor, Value
from mlnotes.losses import one_hot

torch = pytest.importorskip("torch")


def test_value_matches_pytorch():
    a, b = Value(-3.0), Value(2.0)  # a b + b^3 = 2: away from relu's kink at 0
    out = ((a * b + b ** 3).relu() + (a / b).tanh() * a.sigmoid() - (b.exp() + 1).log()) * a
    out.backward()
    ta, tb = (torch.tensor(v, dtype=torch.float64, requires_grad=True) for v in (-3.0, 2.0))
    tout = ((ta * tb + tb ** 3).relu() + torch.tanh(ta / tb) * torch.sigmoid(ta) - torch.log(torch.exp(tb) + 1)) * ta
    tout.backward()
    assert out.data == pytest.approx(tout.item(), rel=1e-12)
    assert (a.grad, b.grad) == pytest.approx((ta.grad.item(), tb.grad.item()), rel=1e-10)


@pytest.mark.parametrize("seed", range(5))
def test_tensor_matches_pytorch_on_a_network_with_broadcasting(seed):
    rng = np.random.default_rng(seed)
    n0, n1, n2, m = (int(k) for k in rng.integers(2, 7, size=4))
    arrays = {"W1": rng.normal(size=(n1, n0)), "b1": rng.normal(size=(n1, 1)),
              "W2": rng.normal(size=(n2, n1)), "b2": rng.normal(size=(n2, 1))}
    X, Y = rng.normal(size=(n0, m)), one_hot(rng.integers(0, n2, m), n2)

    ours = {k: Tensor(v) for k, v in arrays.items()}
    A1 = (ours["W1"] @ X + ours["b1"]).tanh()
    loss = (ours["W2"] @ A1 + ours["b2"]).cross_entropy(Y) + (ours["W1"] ** 2).mean() * 0.1
    loss.backward()

    theirs = {k: torch.tensor(v, requires_grad=True) for k, v in arrays.items()}
    tA1 = torch.tanh(theirs["W1"] @ torch.tensor(X) + theirs["b1"])
    scores = theirs["W2"] @ tA1 + theirs["b2"]
    # PyTorch puts examples in rows: its cross_entropy takes (m, n_classes) scores and class indices
    tloss = torch.nn.functional.cross_entropy(scores.T, torch.tensor(Y.argmax(axis=0))) \
        + (theirs["W1"] ** 2).mean() * 0.1
    tloss.backward()
    assert loss.data == pytest.approx(tloss.item(), rel=1e-12)
    for k in arrays:
        np.testing.assert_allclose(ours[k].grad, theirs[k].grad.numpy(), rtol=1e-10, atol=1e-13)
