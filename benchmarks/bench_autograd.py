"""The autograd engines against their baselines (issue 5's quality figures).

    make bench        (or, from benchmarks/: ../.venv/bin/python bench_autograd.py)

1. Value against micrograd 0.1.0 on micrograd's own demo step: MLP(2, [16, 16, 1]) on 100
   two-moons points, the demo's loss (mean hinge loss + 1e-4 L2), zero_grad, backward and the
   SGD update. micrograd is not a dependency of mlnotes: the comparison runs when it is
   importable (pip install micrograd==0.1.0) and says so otherwise. Both engines start from the
   same weights and the script checks that they compute the same loss and gradients first.
2. The Tensor engine's train step against the MLP's hand-written backward (notebook 06's network,
   64-32-10, on m = 64, 256 and all 1,797 digits). The page faults per step are printed too: on large
   batches glibc's malloc may hand freed arrays back to the system and fault them in again on the next
   step, for one implementation and not the other depending on the allocator's state, which can move
   the ratio by a third. MALLOC_TRIM_THRESHOLD_=268435456 MALLOC_MMAP_THRESHOLD_=268435456 in the
   environment takes that out of the comparison.

Times are medians of paired repetitions in one process, one BLAS thread (common.py).
"""
import gc

import common  # noqa: F401  (one BLAS thread; import before numpy)
import numpy as np

from mlnotes.autograd import Value
from mlnotes.autograd.mlp import TensorMLP
from mlnotes.datasets import load_digits, two_moons
from mlnotes.losses import one_hot
from mlnotes.network import MLP


class Neuron:
    """micrograd's nn.Neuron, for any Value class: sum(w_i x_i) + b, then relu unless linear."""

    def __init__(self, value, weights, nonlin):
        self.w, self.b, self.nonlin = [value(w) for w in weights], value(0.0), nonlin

    def __call__(self, x):
        act = sum((wi * xi for wi, xi in zip(self.w, x)), self.b)
        return act.relu() if self.nonlin else act

    def parameters(self):
        return self.w + [self.b]


class ScalarMLP:
    """micrograd's nn.MLP(nin, nouts) with the weights given by W (one (n_out, n_in) array per layer)."""

    def __init__(self, value, W):
        self.layers = [[Neuron(value, row, nonlin=l < len(W) - 1) for row in Wl] for l, Wl in enumerate(W)]

    def __call__(self, x):
        for layer in self.layers:
            x = [n(x) for n in layer]
        return x[0]

    def parameters(self):
        return [p for layer in self.layers for n in layer for p in n.parameters()]


def demo_step(value, model, X, y, lr=0.1):
    """One iteration of micrograd's demo: loss, zero_grad, backward, update; returns the loss."""
    scores = [model(list(map(value, row))) for row in X]
    losses = [(1 + -yi * si).relu() for yi, si in zip(y, scores)]
    data_loss = sum(losses) * (1.0 / len(losses))
    total = data_loss + 1e-4 * sum(p * p for p in model.parameters())
    for p in model.parameters():
        p.grad = 0
    total.backward()
    for p in model.parameters():
        p.data -= lr * p.grad
    return total.data


def micrograd_model(W):
    """micrograd's own nn.MLP(2, [16, 16, 1]) with its weights set to W, or None without micrograd."""
    try:
        from micrograd import nn
    except ImportError:
        return None
    model = nn.MLP(2, [16, 16, 1])
    for layer, Wl in zip(model.layers, W):
        for neuron, row in zip(layer.neurons, Wl):
            for p, w in zip(neuron.w, row):
                p.data = float(w)
    return model


def value_vs_micrograd():
    X, labels = two_moons(m=100, noise=0.1, seed=0)
    X, y = X.T.tolist(), (2.0 * labels - 1.0).tolist()  # examples as rows, labels -1 / +1, as in the demo
    rng = np.random.default_rng(0)
    W = [rng.uniform(-1, 1, size=(n_out, n_in)) for n_in, n_out in [(2, 16), (16, 16), (16, 1)]]
    theirs = micrograd_model(W)
    if theirs is None:
        print("Value vs micrograd: micrograd is not installed (pip install micrograd==0.1.0), so no comparison")
        return
    from micrograd.engine import Value as MicrogradValue
    ours = ScalarMLP(Value, W)
    loss_ours, loss_theirs = demo_step(Value, ours, X, y, lr=0.0), demo_step(MicrogradValue, theirs, X, y, lr=0.0)
    grads_ours = [p.grad for p in ours.parameters()]
    grads_theirs = [p.grad for p in theirs.parameters()]
    assert abs(loss_ours - loss_theirs) < 1e-12 and np.allclose(grads_ours, grads_theirs, rtol=1e-10, atol=1e-14), \
        "Value and micrograd disagree on the demo step: the comparison would not be fair"
    n_nodes = _count_nodes(ours, X, y)
    result = common.paired(lambda: demo_step(Value, ours, X, y), lambda: demo_step(MicrogradValue, theirs, X, y),
                           repeats=15, inner=2)
    common.report(f"micrograd demo step ({n_nodes:,} nodes)", "Value", "micrograd", result)
    print(f"  Value is {1 / result[2]:.2f}x faster than micrograd 0.1.0 (target: at least 2.5x)"
          f" -> {'met' if 1 / result[2] >= 2.5 else 'MISSED'}")
    print(f"  gc: {_collectable(Value, ours, X, y)} objects left for the garbage collector by one step of Value, "
          f"{_collectable(MicrogradValue, theirs, X, y)} by micrograd")


def _count_nodes(model, X, y):
    from mlnotes.autograd.graph import topological_order
    scores = [model(list(map(Value, row))) for row in X]
    return len(topological_order(sum((1 + -yi * si).relu() for yi, si in zip(y, scores))))


def _collectable(value, model, X, y):
    """How many objects only the cycle collector can free after one demo step (0: plain reference counting does)."""
    gc.collect()
    gc.disable()
    try:
        demo_step(value, model, X, y, lr=0.0)
        return gc.collect()
    finally:
        gc.enable()


def tensor_vs_handwritten():
    """TensorMLP.train_step against MLP.train_step: same network (notebook 06's), same batch, same update."""
    X_all, y_all = load_digits()
    Y_all = one_hot(y_all, 10)
    for m in (64, 256, 1797):
        X, Y = X_all[:, :m].copy(), Y_all[:, :m].copy()
        ours, theirs = TensorMLP([64, 32, 10], seed=0), MLP([64, 32, 10], seed=0)
        for _ in range(20):  # glibc's malloc adapts its thresholds over the first steps of both
            ours.train_step(X, Y, 0.01), theirs.train_step(X, Y, 0.01)
        result = common.paired(lambda: ours.train_step(X, Y, 0.01), lambda: theirs.train_step(X, Y, 0.01))
        common.report(f"64-32-10 train step, m={m}", "Tensor engine", "hand-written backward", result, 1.05)
        faults = [common.page_faults(lambda: net.train_step(X, Y, 0.01)) for net in (ours, theirs)]
        print(f"  page faults per step: Tensor engine {faults[0]:.1f}, hand-written {faults[1]:.1f}")


def main():
    tensor_vs_handwritten()
    value_vs_micrograd()


if __name__ == "__main__":
    main()
