"""Figures for a classifier trained on the 8×8 digits: learning curves, the confusion matrix and
galleries of images (used by 06_backpropagation and 09_digits_project).

    history = net.fit(X_train, Y_train, validation=(X_test, Y_test))
    plot_learning_curves(history)
    C = confusion_matrix(y_test, net.predict(X_test), 10)
    plot_confusion_matrix(C)
    show_digits(X_test[:, wrong], true=y_test[wrong], predicted=predicted[wrong])
    show_mistakes(X_test[:, wrong], y_test[wrong], net.forward(X_test)[:, wrong])   # with the probabilities
    show_weights(net.params["W1"][:8])                                              # hidden units' weights
    plot_validation_curves(experiments.compare_settings(...))                       # settings compared

Images are columns of X, as everywhere in the course: X[:, k].reshape(8, 8) is image k.
"""
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import MaxNLocator

from mlnotes._validate import as_array

COLORS = {"train": "#4C72B0", "held_out": "#C44E52"}


def _labels(y, name):
    arr = as_array(y, name)
    if arr.ndim != 1 or np.any(arr != np.round(arr)) or (arr.size and arr.min() < 0):
        raise ValueError(f"{name} must be 1-D whole-number labels 0, 1, 2, ..., got {arr.shape} {arr[:5]}")
    return arr.astype(np.int64)


def confusion_matrix(y_true, y_pred, n_classes):
    """C[t, p]: how many examples of true class t were predicted as class p.

    Rows are the truth, columns the prediction: the diagonal holds the right
    answers, each row sums to the number of examples of that class.
    """
    true, pred = _labels(y_true, "y_true"), _labels(y_pred, "y_pred")
    if true.shape != pred.shape:
        raise ValueError(f"y_true has {true.size} labels but y_pred has {pred.size}; give one prediction per example")
    if true.size and max(true.max(), pred.max()) >= n_classes:
        raise ValueError(f"labels must be below n_classes = {n_classes}, got up to {max(true.max(), pred.max())}")
    C = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(C, (true, pred), 1)
    return C


def plot_learning_curves(history, axes=None, held_out="test", run=None):
    """Loss (left, log scale) and accuracy (right) per epoch, from MLP.fit's history; returns the two axes.

    The training data are drawn in blue; what fit recorded for its
    `validation` data in red, named by held_out ("test" or "validation").
    run names the run in the legend ("hand-written backward (06), training data") when
    another run is drawn on the same axes.
    """
    if "loss" not in history:
        raise ValueError(f"history must be what MLP.fit returns, with a 'loss' list; got keys {sorted(history)}")
    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=(10, 3.4))
    for ax, key, label in zip(axes, ["loss", "accuracy"], ["loss J", "accuracy (%)"]):
        scale = 100 if key == "accuracy" else 1
        for prefix, name, color in [("", "training", COLORS["train"]), ("val_", held_out, COLORS["held_out"])]:
            values = history.get(prefix + key)
            if values:
                ax.plot(np.arange(len(values)), scale * np.asarray(values), color=color,
                        label=f"{run}, {name} data" if run else f"{name} data")
        ax.set_xlabel("epoch (0 = before training)")
        ax.set_ylabel(label)
        ax.legend()
    axes[0].set_yscale("log")  # the loss falls by orders of magnitude; a gap between the curves stays visible
    axes[0].set_title("loss per epoch (log scale)")
    # Chance level (about 10 %) at epoch 0 would squeeze the last few points, where the runs differ,
    # into the top of the axis: the axis starts just below the lowest accuracy from epoch 1 on.
    later = [100 * v for key in ("accuracy", "val_accuracy") for v in history.get(key, [])[1:]]
    if later:
        axes[1].set_ylim(max(0.0, min(later) - 1.0), min(100.0, max(later) + 0.5))
    axes[1].set_title("accuracy per epoch (from epoch 1)")
    return axes


def plot_confusion_matrix(C, ax=None, title="confusion matrix"):
    """Draw C (from confusion_matrix) as a grid of counts; off-diagonal mistakes stand out in red."""
    C = np.asarray(C)
    if C.ndim != 2 or C.shape[0] != C.shape[1]:
        raise ValueError(f"C must be a square matrix of counts (n_classes, n_classes), got shape {C.shape}")
    if ax is None:
        _, ax = plt.subplots(figsize=(5.2, 4.6))
    n = C.shape[0]
    right = np.where(np.eye(n, dtype=bool), C, 0)
    wrong = np.where(np.eye(n, dtype=bool), 0, C)
    ax.imshow(right, cmap="Blues", vmin=0, vmax=max(C.max(), 1))
    ax.imshow(np.ma.masked_equal(wrong, 0), cmap="Reds", vmin=0, vmax=max(wrong.max(), 1) * 1.5)
    for t in range(n):
        for p in range(n):
            if C[t, p]:
                dark = t == p and C[t, p] > 0.6 * C.max()
                ax.text(p, t, str(C[t, p]), ha="center", va="center", fontsize=8,
                        color="white" if dark else "black")
    ax.set_xticks(range(n))
    ax.set_yticks(range(n))
    ax.set_xlabel("predicted class")
    ax.set_ylabel("true class")
    ax.grid(False)
    ax.set_title(title)
    return ax


def show_digits(X, true=None, predicted=None, ncols=8, scale=1.1):
    """Draw the columns of X as 8×8 images in a grid; returns the Figure.

    With true labels, each image is titled by its label; with predicted
    labels too, by "true → predicted", in red where they differ.
    """
    X = as_array(X, "X")
    if X.ndim != 2 or X.shape[0] != 64:
        raise ValueError(f"X must hold 8×8 images as columns, shape (64, k), got {X.shape}")
    k = X.shape[1]
    for name, labels in (("true", true), ("predicted", predicted)):
        if labels is not None and np.shape(labels) != (k,):
            raise ValueError(f"{name} needs one label per image, shape ({k},), got {np.shape(labels)}")
    ncols = max(1, min(ncols, k))
    nrows = max(1, -(-k // ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(scale * ncols, 1.25 * scale * nrows), squeeze=False)
    for index, ax in enumerate(axes.flat):
        ax.axis("off")
        if index >= k:
            continue
        ax.imshow(X[:, index].reshape(8, 8), cmap="gray_r", vmin=0, vmax=1)
        if true is not None and predicted is not None:
            wrong = true[index] != predicted[index]
            ax.set_title(f"{true[index]} → {predicted[index]}", fontsize=9, color="#d62728" if wrong else "black")
        elif true is not None:
            ax.set_title(str(true[index]), fontsize=9)
    return fig


def plot_validation_curves(results, ax=None, title="validation accuracy per epoch"):
    """Mean validation accuracy per epoch of each setting, with a band from its lowest to its highest seed.

    results: {label: [MLP.fit history per seed]}, as experiments.compare_settings returns them.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(6.0, 3.4))
    for label, histories in results.items():
        runs = 100 * np.array([h["val_accuracy"] for h in histories])
        epochs = np.arange(runs.shape[1])
        line, = ax.plot(epochs, runs.mean(axis=0), label=label)
        ax.fill_between(epochs, runs.min(axis=0), runs.max(axis=0), color=line.get_color(), alpha=0.15, linewidth=0)
    ax.set_xlabel("epoch (0 = before training)")
    ax.set_ylabel("validation accuracy (%)")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlim(0, max(len(h["val_accuracy"]) for runs in results.values() for h in runs) - 1)
    ax.set_title(title)
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5))  # beside the axes: the curves cross anywhere
    return ax


def show_mistakes(X, true, probabilities, ncols=6, scale=1.5):
    """Each image (a column of X) above a bar chart of the network's probabilities for it; returns the Figure.

    The bar of the predicted class is red, the bar of the true class green.
    probabilities: (n_classes, k), one column per image, e.g. net.forward(X).
    """
    X, P = as_array(X, "X"), as_array(probabilities, "probabilities")
    true = _labels(true, "true")
    if X.ndim != 2 or X.shape[0] != 64 or P.ndim != 2 or P.shape[1] != X.shape[1] or true.shape != (X.shape[1],):
        raise ValueError(f"X must be (64, k), probabilities (n_classes, k) and true (k,) for the same k, got "
                         f"{X.shape}, {P.shape} and {true.shape}")
    k, n_classes = X.shape[1], P.shape[0]
    ncols = max(1, min(ncols, k))
    nrows = max(1, -(-k // ncols))
    fig, axes = plt.subplots(2 * nrows, ncols, figsize=(scale * ncols, 2.2 * scale * nrows), squeeze=False,
                             gridspec_kw={"height_ratios": [1.0, 0.8] * nrows, "hspace": 0.45})
    for index in range(nrows * ncols):
        image_ax, bar_ax = axes[2 * (index // ncols), index % ncols], axes[2 * (index // ncols) + 1, index % ncols]
        image_ax.axis("off")
        if index >= k:
            bar_ax.axis("off")
            continue
        predicted = int(P[:, index].argmax())
        image_ax.imshow(X[:, index].reshape(8, 8), cmap="gray_r", vmin=0, vmax=1)
        image_ax.set_title(f"{true[index]} → {predicted} (p {P[predicted, index]:.2f})", fontsize=9,
                           color="#d62728" if predicted != true[index] else "black")
        colors = ["#d62728" if c == predicted else "#2ca02c" if c == true[index] else "0.6" for c in range(n_classes)]
        bar_ax.bar(range(n_classes), P[:, index], color=colors)
        bar_ax.set_ylim(0, 1)
        bar_ax.set_xticks(range(n_classes))
        bar_ax.tick_params(labelsize=9, length=2)
        bar_ax.set_yticks([0, 1])
        bar_ax.set_xlabel("digit", fontsize=9, labelpad=1)
        if index % ncols == 0:
            bar_ax.set_ylabel("p", fontsize=9, labelpad=1)
        bar_ax.grid(False)
    return fig


def show_weights(W, titles=None, ncols=8, scale=1.2):
    """Each row of W, the 64 input weights of one hidden unit, as an 8×8 image; returns the Figure.

    Blue: a positive weight (ink there raises the unit's z), red: a negative one. Each
    image is divided by its unit's largest |weight|, so that weak units show their pattern
    too; the colour bar reads in those units, from -1 to 1.
    """
    W = as_array(W, "W")
    if W.ndim != 2 or W.shape[1] != 64:
        raise ValueError(f"W must hold one unit's 64 input weights per row, shape (k, 64), got {W.shape}")
    k = W.shape[0]
    if titles is not None and len(titles) != k:
        raise ValueError(f"titles needs one title per unit ({k}), got {len(titles)}")
    ncols = max(1, min(ncols, k))
    nrows = max(1, -(-k // ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(scale * ncols, 1.3 * scale * nrows), squeeze=False,
                             layout="constrained")
    for index, ax in enumerate(axes.flat):
        ax.axis("off")
        if index >= k:
            continue
        largest = max(float(np.abs(W[index]).max()), 1e-12)
        image = ax.imshow(W[index].reshape(8, 8) / largest, cmap="RdBu", vmin=-1, vmax=1)
        if titles is not None:
            ax.set_title(titles[index], fontsize=8)
    fig.colorbar(image, ax=axes, shrink=0.8, label="weight / the unit's largest |weight|")
    return fig
