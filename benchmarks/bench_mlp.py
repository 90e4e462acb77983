"""The MLP's train step against the bare matrix products it needs, and the digits figure (issue 4's quality figures).

    make bench        (or: .venv/bin/python benchmarks/bench_mlp.py)

A train step is forward + backward + update. Its floor is the five matrix
products no implementation can skip: W1 A0, W2 A1 (forward), dZ2 A1^T,
W2^T dZ2, dZ1 A0^T (backward). Everything else (activations, softmax, the
elementwise products, input checks, the update) is overhead, and the ratio
says how much: the median over five windows of 151 paired repetitions each, the
two cases taking turns (common.interleaved says why). With PyTorch importable,
the same step in PyTorch (CPU, float64, one thread) is timed too, in one window:
it is far from its target. Last, the digits figure: mean test accuracy over 5
seeds after 30 epochs, and the time of each training run.
"""
import statistics
import time

import common  # noqa: F401  (one BLAS thread; import before numpy)
import numpy as np

from mlnotes.datasets import load_digits
from mlnotes.experiments import digits_test_accuracy
from mlnotes.losses import one_hot
from mlnotes.network import MLP


def floor(net, X, Y):
    """The five matrix products of one step, on arrays of the right shapes made beforehand."""
    W1, W2 = net.params["W1"], net.params["W2"]
    A1 = np.maximum(W1 @ X, 0.0)
    dZ2 = W2 @ A1 - Y
    dZ1 = W2.T @ dZ2

    def products():
        W1 @ X
        W2 @ A1
        dZ2 @ A1.T
        W2.T @ dZ2
        dZ1 @ X.T
    return products


def torch_step(sizes, X, Y, lr):
    """The same train step in PyTorch, or None when PyTorch is not installed."""
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(1)
    net = MLP(sizes, seed=0)
    W1, b1, W2, b2 = (torch.tensor(net.params[k], requires_grad=True) for k in ("W1", "b1", "W2", "b2"))
    Xt, labels = torch.tensor(X.T), torch.tensor(Y.argmax(axis=0))

    def step():
        logits = torch.relu(Xt @ W1.T + b1.T) @ W2.T + b2.T  # PyTorch's row convention: x W^T + b
        loss = torch.nn.functional.cross_entropy(logits, labels)
        for p in (W1, b1, W2, b2):
            p.grad = None
        loss.backward()
        with torch.no_grad():
            for p in (W1, b1, W2, b2):
                p -= lr * p.grad
    return step


def floor_ratios(cases):
    """Each case's train step against its floor, in interleaved windows (common.interleaved), with page faults."""
    nets = [MLP(sizes, seed=0) for _, sizes, _, _, _ in cases]
    comparisons = [(lambda net=net, X=X, Y=Y: net.train_step(X, Y, 0.01), floor(net, X, Y))
                   for net, (_, _, X, Y, _) in zip(nets, cases)]
    for net, (name, _, X, Y, target), result in zip(nets, cases, common.interleaved(comparisons)):
        common.report(name, "MLP train step", "floor (5 matmuls)", result, target)
        print(f"  page faults per step: MLP {common.page_faults(lambda: net.train_step(X, Y, 0.01)):.1f}, "
              f"floor {common.page_faults(floor(net, X, Y)):.1f}")


def torch_ratio(name, sizes, X, Y):
    step = torch_step(sizes, X, Y, 0.01)
    if step is None:
        print(f"{name}: PyTorch is not installed, so no comparison with it")
        return
    net = MLP(sizes, seed=0)
    common.report(name, "MLP train step", "PyTorch step", common.paired(lambda: net.train_step(X, Y, 0.01), step), 1.0)


def digits_figure(seeds=range(5)):
    """The digits quality figure: mean test accuracy over 5 seeds after 30 epochs, and the time of each run."""
    accuracies, times = [], []
    for seed in seeds:
        start = time.perf_counter()
        accuracies.append(digits_test_accuracy(seed, epochs=30))
        times.append(time.perf_counter() - start)
    mean = 100 * statistics.mean(accuracies)
    print(f"digits 64-32-10, 30 epochs, seeds 0-4: mean test accuracy {mean:.1f} % (target >= 97 %: "
          f"{'met' if mean >= 97 else 'MISSED'}); {statistics.median(times):.2f} s per run, the slowest "
          f"{max(times):.2f} s (target: well under 5 s)")


def main():
    rng = np.random.default_rng(0)
    X, y = load_digits()
    cases = [("784-128-10, m=256", [784, 128, 10], rng.random((784, 256)), one_hot(rng.integers(0, 10, 256), 10), 1.2),
             ("64-32-10, m=1797 (all digits)", [64, 32, 10], X, one_hot(y, 10), 1.7)]
    floor_ratios(cases)
    for name, sizes, X, Y, _ in cases:
        torch_ratio(name, sizes, X, Y)
    digits_figure()  # last: training first would change what the allocator has at hand for the steps above


if __name__ == "__main__":
    main()
