"""Choosing settings on a validation set split off the training data; the learning-rate sweep and its rule."""
import numpy as np
import pytest

from mlnotes import experiments
from mlnotes.datasets import Standardizer, load_digits, train_test_split
from mlnotes.losses import one_hot
from mlnotes.network import MLP


@pytest.fixture(scope="module")
def digits():
    X, y = load_digits()
    return X[:, :300], y[:300]


def test_sweep_records_the_loss_before_and_after_every_epoch(digits):
    X, y = digits
    Y = one_hot(y, 10)
    histories = experiments.learning_rate_sweep(lambda: MLP([64, 8, 10], seed=1), X, Y, [0.1, 0.5], epochs=3)
    assert list(histories) == [0.1, 0.5] and all(len(h) == 4 for h in histories.values())
    assert histories[0.1][0] == histories[0.5][0] == pytest.approx(MLP([64, 8, 10], seed=1).loss(X, Y))
    net = MLP([64, 8, 10], seed=1)
    net.fit(X, Y, epochs=3, lr=0.5, seed=0)
    assert histories[0.5][-1] == pytest.approx(net.loss(X, Y))


def test_a_run_that_blows_up_ends_in_nan_without_warnings(digits):
    X, y = digits
    histories = experiments.learning_rate_sweep(lambda: MLP([64, 8, 10], seed=0), X,
                                                one_hot(y, 10), [1e3], epochs=3)
    losses = histories[1e3]
    assert len(losses) == 2 and np.isnan(losses[-1])   # stopped in epoch 1 (optim.Diverged)
    assert experiments.diverged(losses)


@pytest.mark.parametrize("losses, expected", [
    ([2.3, 1.0, 0.5], False), ([2.3, 0.1, 2.4], True), ([2.3, float("nan")], True), ([2.3, float("inf"), 1.0], True),
    ([2.3, 2.3], False),
])
def test_diverged(losses, expected):
    assert experiments.diverged(losses) is expected


def test_fastest_stable_skips_diverged_runs_even_when_they_come_first():
    nan = float("nan")
    assert experiments.fastest_stable({3.0: [2.3, 0.1, nan], 1.0: [2.3, 0.4, 0.2], 0.1: [2.3, 1.0, 0.8]}) == 1.0
    assert experiments.fastest_stable({2.0: [2.3, 0.05, 2.5], 0.5: [2.3, 0.5, 0.3]}) == 0.5
    assert experiments.fastest_stable({2.0: [2.3, 3.0], 5.0: [2.3, nan]}) is None


def test_validation_run_never_trains_on_its_validation_examples(digits, monkeypatch):
    X, y = digits
    seen = {}
    fit = MLP.fit

    def spy(self, X_fit, Y_fit, **kwargs):
        seen["fit"], seen["val"] = X_fit, kwargs["validation"][0]
        return fit(self, X_fit, Y_fit, **kwargs)

    monkeypatch.setattr(MLP, "fit", spy)
    history = experiments.validation_run(X, y, seed=2, hidden_sizes=(8,), epochs=2)
    X_fit, X_val, _, _ = train_test_split(X, y, 0.2, seed=2)
    scale = Standardizer(X_fit)
    np.testing.assert_allclose(seen["fit"], scale(X_fit))
    np.testing.assert_allclose(seen["val"], scale(X_val))   # scaled with the numbers of the part trained on
    assert seen["fit"].shape[1] + seen["val"].shape[1] == 300
    assert len(history["val_accuracy"]) == 3


def test_validation_run_without_standardizing_trains_on_the_pixels(digits):
    X, y = digits
    history = experiments.validation_run(X, y, seed=0, hidden_sizes=(8,), epochs=2, standardize=False)
    X_fit, _, y_fit, _ = train_test_split(X, y, 0.2, seed=0)
    net = MLP([64, 8, 10], seed=0)
    assert history["loss"][0] == pytest.approx(net.loss(X_fit, one_hot(y_fit, 10)))


def test_compare_summarize_best_and_table(digits):
    X, y = digits
    settings = {"4 units": {"hidden_sizes": (4,)}, "16 units": {"hidden_sizes": (16,)}}
    results = experiments.compare_settings(X, y, settings, seeds=(0, 1), epochs=3)
    assert list(results) == ["4 units", "16 units"] and all(len(r) == 2 for r in results.values())
    summary = experiments.summarize(results)
    finals = [h["val_accuracy"][-1] for h in results["16 units"]]
    assert summary["16 units"]["accuracy"] == pytest.approx(np.mean(finals))
    assert summary["16 units"]["spread"] == pytest.approx(np.std(finals))
    assert experiments.best(results) == max(summary, key=lambda k: summary[k]["accuracy"])
    lines = experiments.table(results).splitlines()
    assert lines[0].startswith("4 units   validation accuracy ") and lines[0].endswith(
        f"validation loss {summary['4 units']['loss']:.3f}")


def test_best_breaks_a_tie_with_the_lower_loss():
    def run(accuracy, loss):
        return [{"val_accuracy": [accuracy], "val_loss": [loss]}]

    assert experiments.best({"a": run(0.9, 0.30), "b": run(0.9, 0.20), "c": run(0.8, 0.10)}) == "b"


def test_compare_reuses_runs_kept_in_the_cache(digits, monkeypatch):
    X, y = digits
    cache = {}
    first = experiments.compare_settings(X, y, {"a": {"hidden_sizes": (4,)}}, seeds=(0, 1), cache=cache, epochs=2)
    assert len(cache) == 2
    monkeypatch.setattr(experiments, "validation_run", lambda *args, **kwargs: pytest.fail("ran again"))
    again = experiments.compare_settings(X, y, {"same, named otherwise": {"epochs": 2, "hidden_sizes": (4,)}},
                                         seeds=(1, 0), cache=cache)
    assert again["same, named otherwise"] == first["a"][::-1]


def test_cache_keys_take_lists_too(digits):
    X, y = digits
    cache = {}
    experiments.compare_settings(X, y, {"a": {"hidden_sizes": [4]}}, seeds=(0,), cache=cache, epochs=1)
    assert len(cache) == 1
