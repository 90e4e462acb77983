"""Choosing training settings fairly (notebook 09_digits_project; it draws on 梯度下降 and 反向传播算法).

Choosing settings is learning from data too, so it gets data of its own:

    training data     fit the weights                 (MLP.fit)
    validation data   choose the settings             (split off the training data: validation_run)
    test data         one final figure, at the end    (never used to choose anything)

A setting is a dict of validation_run's keyword arguments, e.g.
{"hidden_sizes": (32,), "hidden": "relu", "optimizer": "sgd", "lr": 0.5, "standardize": True}.
compare_settings runs each setting with several seeds; summarize and best read the results.
learning_rate_sweep and fastest_stable pick a learning rate from a few epochs of training.
"""
import numpy as np

from mlnotes import optim
from mlnotes.datasets import Standardizer, load_digits, train_test_split
from mlnotes.losses import one_hot
from mlnotes.network import MLP


def learning_rate_sweep(make_net, X, Y, lrs, epochs=5, optimizer="sgd", batch_size=32, seed=0):
    """{lr: [J before training, J after epoch 1, ..., after epoch `epochs`]}, a fresh make_net() per rate.

    J is the loss on the training data (X, Y). A run that blows up (optim.Diverged)
    ends with nan at the epoch where it did.
    """
    histories = {}
    for lr in lrs:
        net = make_net()
        losses = [net.loss(X, Y)]
        try:
            # On its way to Diverged a run overflows: numpy's warnings would only repeat what nan says.
            with np.errstate(over="ignore", invalid="ignore"):
                optim.train(net, X, Y, epochs, optim.make_optimizer(optimizer, lr), batch_size=batch_size,
                            seed=seed, after_epoch=lambda epoch: losses.append(net.loss(X, Y)))
        except optim.Diverged:
            losses.append(float("nan"))
        histories[lr] = losses
    return histories


def diverged(losses):
    """A run diverged when its loss became nan or infinite, or ended higher than it started."""
    losses = np.asarray(losses, dtype=float)
    return bool(not np.all(np.isfinite(losses)) or losses[-1] > losses[0])


def fastest_stable(histories):
    """The learning rate whose run ends with the lowest loss, among the runs that did not diverge.

    histories: {lr: losses per epoch}, as learning_rate_sweep returns them. None when every run diverged.
    """
    stable = {lr: losses[-1] for lr, losses in histories.items() if not diverged(losses)}
    return min(stable, key=stable.get) if stable else None


def validation_run(X_train, y_train, seed, hidden_sizes=(32,), hidden="relu", optimizer="sgd", lr=0.5, epochs=20,
                   batch_size=32, standardize=True, validation_fraction=0.2, n_classes=10):
    """Train one setting on part of the training data and score it on the rest; returns MLP.fit's history.

    The seed draws the validation examples (a stratified split of X_train), the initial
    weights and the order of the batches. With standardize, the Standardizer is fit on
    the examples trained on, and the validation examples are scaled with their numbers.
    """
    X_fit, X_val, y_fit, y_val = train_test_split(X_train, y_train, validation_fraction, seed=seed)
    if standardize:
        scale = Standardizer(X_fit)
        X_fit, X_val = scale(X_fit), scale(X_val)
    net = MLP([X_train.shape[0], *hidden_sizes, n_classes], hidden=hidden, seed=seed)
    return net.fit(X_fit, one_hot(y_fit, n_classes), epochs=epochs, lr=lr, batch_size=batch_size,
                   optimizer=optimizer, seed=seed, validation=(X_val, one_hot(y_val, n_classes)))


def digits_test_accuracy(seed, epochs=30, lr=0.5, batch_size=32):
    """The course's reference run: MLP([64, 32, 10]) on a seeded stratified split of the digits, SGD on
    mini-batches, scored once on the test part. Over seeds 0-4 the mean is at least 97 % (a test checks it;
    benchmarks/bench_mlp.py prints it with the time per run)."""
    X, y = load_digits()
    X_train, X_test, y_train, y_test = train_test_split(X, y, seed=seed)
    net = MLP([64, 32, 10], seed=seed)
    net.fit(X_train, one_hot(y_train, 10), epochs=epochs, lr=lr, batch_size=batch_size, seed=seed)
    return net.accuracy(X_test, y_test)


def compare_settings(X_train, y_train, settings, seeds=(0, 1, 2), cache=None, **common):
    """{label: [history for each seed]} for settings {label: validation_run keyword arguments}.

    common: keyword arguments shared by every setting (e.g. epochs=20). cache: a dict that
    keeps every run by its arguments and seed; a run already in it is not trained again
    (the same seed gives the same numbers). Pass the same dict to later comparisons on the same data.
    """
    cache = {} if cache is None else cache
    results = {}
    for label, setting in settings.items():
        arguments = common | setting
        results[label] = []
        for seed in seeds:
            key = (tuple(sorted((name, repr(value)) for name, value in arguments.items())), seed)
            if key not in cache:
                cache[key] = validation_run(X_train, y_train, seed, **arguments)
            results[label].append(cache[key])
    return results


def summarize(results):
    """{label: (mean, spread) of the final validation accuracy, and mean final validation loss}.

    The spread is the standard deviation over the seeds.
    """
    summary = {}
    for label, histories in results.items():
        accuracy = np.array([h["val_accuracy"][-1] for h in histories])
        loss = np.array([h["val_loss"][-1] for h in histories])
        summary[label] = {"accuracy": float(accuracy.mean()), "spread": float(accuracy.std()),
                          "loss": float(loss.mean())}
    return summary


def best(results):
    """The label with the highest mean final validation accuracy; a tie goes to the lower validation loss."""
    summary = summarize(results)
    return max(summary, key=lambda label: (round(summary[label]["accuracy"], 10), -summary[label]["loss"]))


def table(results):
    """summarize(results) as lines of text, accuracy in percent: one line per setting."""
    width = max(len(label) for label in results)
    return "\n".join(f"{label:{width}s}  validation accuracy {100 * s['accuracy']:.2f} ± {100 * s['spread']:.2f} %, "
                     f"validation loss {s['loss']:.3f}" for label, s in summarize(results).items())
