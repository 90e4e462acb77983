import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.figure import Figure

from mlnotes.plots_digits import (
    confusion_matrix,
    plot_confusion_matrix,
    plot_learning_curves,
    plot_validation_curves,
    show_digits,
    show_mistakes,
    show_weights,
)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_confusion_matrix_counts_truth_by_row_and_prediction_by_column():
    C = confusion_matrix([0, 0, 1, 2, 2, 2], [0, 1, 1, 2, 0, 2], 3)
    np.testing.assert_array_equal(C, [[1, 1, 0], [0, 1, 0], [1, 0, 2]])
    assert C.dtype == np.int64 and C.sum() == 6 and np.trace(C) == 4


@pytest.mark.parametrize("y_true, y_pred, message", [
    ([0, 1], [0], "y_true has 2 labels but y_pred has 1"),
    ([0, 3], [0, 1], "labels must be below n_classes = 3, got up to 3"),
    ([0, 1.5], [0, 1], "whole-number labels"),
    ([[0, 1]], [[0, 1]], "must be 1-D"),
])
def test_confusion_matrix_bad_input(y_true, y_pred, message):
    with pytest.raises(ValueError, match=message):
        confusion_matrix(y_true, y_pred, 3)


def test_learning_curves_draw_training_and_held_out_data():
    history = {"loss": [2.0, 1.0, 0.5], "accuracy": [0.1, 0.6, 0.9], "val_loss": [2.1, 1.2, 0.7],
               "val_accuracy": [0.1, 0.5, 0.8]}
    left, right = plot_learning_curves(history)
    assert [line.get_label() for line in left.lines] == ["training data", "test data"]
    np.testing.assert_allclose(right.lines[1].get_ydata(), [10, 50, 80])  # accuracy in percent
    np.testing.assert_array_equal(left.lines[0].get_xdata(), [0, 1, 2])
    assert left.get_xlabel() == "epoch (0 = before training)" and right.get_ylabel() == "accuracy (%)"
    assert left.get_yscale() == "log" and right.get_yscale() == "linear"
    left, _ = plot_learning_curves(history, held_out="validation", run="hand-written backward (06)")
    assert [line.get_label() for line in left.lines] == ["hand-written backward (06), training data",
                                                         "hand-written backward (06), validation data"]


def test_learning_curves_without_held_out_data_and_bad_history():
    axes = Figure().subplots(1, 2)
    plot_learning_curves({"loss": [1.0, 0.5], "accuracy": [0.5, 0.7]}, axes=axes, held_out="validation")
    assert [len(ax.lines) for ax in axes] == [1, 1]
    with pytest.raises(ValueError, match="history must be what MLP.fit returns"):
        plot_learning_curves({"acc": [1]})


def test_confusion_matrix_plot_writes_every_nonzero_count():
    C = np.array([[5, 0, 1], [0, 7, 0], [2, 0, 6]])
    ax = plot_confusion_matrix(C)
    assert sorted(t.get_text() for t in ax.texts) == sorted(["5", "1", "7", "2", "6"])
    assert ax.get_xlabel() == "predicted class" and ax.get_ylabel() == "true class"
    with pytest.raises(ValueError, match=r"square matrix of counts .* got shape \(2, 3\)"):
        plot_confusion_matrix(np.zeros((2, 3)))


def test_show_digits_titles_and_grid():
    X = np.random.default_rng(0).random((64, 5))
    fig = show_digits(X, true=np.array([1, 2, 3, 4, 5]), predicted=np.array([1, 7, 3, 4, 5]), ncols=3)
    axes = fig.axes
    assert len(axes) == 6 and len(axes[5].images) == 0  # 2 rows of 3, the last cell empty
    titles = [ax.get_title() for ax in axes[:5]]
    assert titles == ["1 → 1", "2 → 7", "3 → 3", "4 → 4", "5 → 5"]
    assert axes[1].title.get_color() == "#d62728" and axes[0].title.get_color() == "black"
    np.testing.assert_array_equal(axes[2].images[0].get_array(), X[:, 2].reshape(8, 8))
    assert [ax.get_title() for ax in show_digits(X[:, :2], true=np.array([0, 9])).axes] == ["0", "9"]


@pytest.mark.parametrize("X, kwargs, message", [
    (np.zeros((63, 2)), {}, r"shape \(64, k\), got \(63, 2\)"),
    (np.zeros((64, 2)), {"true": np.array([1])}, r"true needs one label per image, shape \(2,\), got \(1,\)"),
])
def test_show_digits_bad_input(X, kwargs, message):
    with pytest.raises(ValueError, match=message):
        show_digits(X, **kwargs)


def test_validation_curves_draw_the_mean_over_seeds_with_a_band():
    results = {"a": [{"val_accuracy": [0.1, 0.5, 0.8]}, {"val_accuracy": [0.1, 0.7, 0.9]}],
               "b": [{"val_accuracy": [0.2, 0.4, 0.6]}]}
    ax = plot_validation_curves(results)
    assert [line.get_label() for line in ax.lines] == ["a", "b"]
    np.testing.assert_allclose(ax.lines[0].get_ydata(), [10, 60, 85])
    assert len(ax.collections) == 2 and ax.get_ylabel() == "validation accuracy (%)"


def test_show_mistakes_puts_each_image_above_its_probabilities():
    X = np.random.default_rng(1).random((64, 3))
    P = np.array([[0.7, 0.1, 0.2], [0.2, 0.6, 0.1], [0.1, 0.3, 0.7]])
    fig = show_mistakes(X, np.array([1, 1, 0]), P, ncols=2)
    axes = np.array(fig.axes).reshape(4, 2)
    assert [ax.get_title() for ax in axes[0]] == ["1 → 0 (p 0.70)", "1 → 1 (p 0.60)"]
    assert axes[2, 0].get_title() == "0 → 2 (p 0.70)" and not axes[2, 1].images and not axes[3, 1].patches
    assert (axes[1, 0].get_xlabel(), axes[1, 0].get_ylabel(), axes[1, 1].get_ylabel()) == ("digit", "p", "")
    bars = axes[1, 0].patches
    np.testing.assert_allclose([b.get_height() for b in bars], [0.7, 0.2, 0.1])
    assert bars[0].get_facecolor()[:3] == pytest.approx((0.839, 0.153, 0.157), abs=1e-3)   # predicted: red
    assert bars[1].get_facecolor()[:3] == pytest.approx((0.173, 0.627, 0.173), abs=1e-3)   # true: green
    with pytest.raises(ValueError, match=r"probabilities \(n_classes, k\) and true \(k,\) for the same k"):
        show_mistakes(X, np.array([1, 1]), P)


def test_show_weights_draws_each_row_scaled_by_its_largest_weight_with_a_colour_bar():
    W = np.arange(128.0).reshape(2, 64) - 40
    fig = show_weights(W, titles=["unit 0", "unit 1"], ncols=4)
    first = fig.axes[0].images[0]
    np.testing.assert_allclose(first.get_array(), W[0].reshape(8, 8) / 40)   # unit 0's largest |weight| is 40
    assert first.get_clim() == (-1.0, 1.0) and fig.axes[1].get_title() == "unit 1"
    second = fig.axes[1].images[0]
    assert second.get_array().max() == 1.0                                      # each unit on its own scale
    colour_bar = fig.axes[2]
    assert len(fig.axes) == 3 and "largest |weight|" in colour_bar.get_ylabel()
    with pytest.raises(ValueError, match=r"shape \(k, 64\), got \(64, 2\)"):
        show_weights(W.T)
    with pytest.raises(ValueError, match=r"one title per unit \(2\), got 1"):
        show_weights(W, titles=["one"])


def test_the_accuracy_axis_shows_the_epochs_after_the_first_not_chance_level():
    history = {"loss": [2.3, 0.5, 0.2], "accuracy": [0.1, 0.90, 0.95], "val_loss": [2.3, 0.6, 0.3],
               "val_accuracy": [0.1, 0.88, 0.93]}
    axes = plot_learning_curves(history)
    bottom, top = axes[1].get_ylim()
    assert bottom == pytest.approx(87.0) and top == pytest.approx(95.5)
