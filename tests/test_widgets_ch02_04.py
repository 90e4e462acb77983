"""The demos of notebooks 02-04: their drawing and fitting logic, without a browser."""
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from mlnotes.activations import ACTIVATIONS, relu_sum, sigmoid
from mlnotes.losses import mae, mse
from mlnotes.neuron import neuron_forward
from mlnotes.widgets import (
    draw_neuron,
    draw_outlier_fit,
    draw_relu_fit,
    draw_relu_pair,
    fit_line_mae,
    fit_line_mse,
    neuron_explorer,
    neuron_surface,
    outlier_explorer,
    relu_fit_explorer,
    relu_pair_explorer,
    relu_sum_formula,
    units_through,
    with_outlier,
)
from mlnotes.widgets.ch04_loss_functions import X_DATA, Y_DATA
from mlnotes.widgets.demo import signed


def axes():
    return Figure().subplots()


def test_signed_terms():
    assert [signed(v) for v in (0.5, -0.5, 0.0, -1e-17, -0.004)] == ["+ 0.50", "- 0.50", "+ 0.00", "+ 0.00", "+ 0.00"]
    assert signed(-0.5, first=True) == "-0.50" and signed(-1e-17, first=True) == "0.00"


# --- 02: the neuron explorer ----------------------------------------------------------

@pytest.mark.parametrize("activation", list(ACTIVATIONS))
def test_neuron_surface_is_the_neuron_on_every_grid_point(activation):
    X1, X2, A = neuron_surface(0.7, -1.3, 0.4, activation, n=9)
    g, _ = ACTIVATIONS[activation]
    assert X1.shape == X2.shape == A.shape == (9, 9)
    np.testing.assert_allclose(A, g(0.7 * X1 - 1.3 * X2 + 0.4), rtol=1e-12)


def test_neuron_readout_is_the_neuron_at_the_probe_point():
    text = draw_neuron(axes(), w1=2.0, w2=-1.0, b=0.5, activation="tanh")
    z, a = neuron_forward([1.0, 1.0], [2.0, -1.0], 0.5, "tanh")
    assert text == f"z = 2.00 x1 - 1.00 x2 + 0.50;  at x = (1, 1): z = {z:.3f}, a = tanh(z) = {a:.3f}"
    assert (z, round(a, 3)) == (1.5, 0.905)


def test_neuron_draws_the_line_where_z_is_zero():
    ax = axes()
    draw_neuron(ax, w1=1.0, w2=2.0, b=-1.0)
    (line,) = [l for l in ax.get_lines() if l.get_label() == "z = 0"]
    x1, x2 = line.get_data()
    np.testing.assert_allclose(1.0 * x1 + 2.0 * x2 - 1.0, 0.0, atol=1e-12)
    assert len(ax.figure.axes) == 2  # the plane and its colour bar


def test_neuron_without_weights_draws_no_line():
    ax = axes()
    text = draw_neuron(ax, w1=0.0, w2=0.0, b=1.0)
    assert [l.get_label() for l in ax.get_lines() if l.get_label() == "z = 0"] == []
    assert text.endswith(f"z = 1.000, a = sigmoid(z) = {sigmoid(1.0):.3f}")


@pytest.mark.parametrize("w1, w2", [(3.0, 3.0), (-3.0, -3.0), (3.0, -3.0), (-3.0, 3.0), (0.0, 3.0), (-3.0, 0.0),
                                    (0.2, -0.1)])
def test_neuron_weight_label_stays_on_the_plane(w1, w2):
    ax = axes()
    draw_neuron(ax, w1=w1, w2=w2)
    (label,) = [t for t in ax.texts if t.get_text() == "w"]
    renderer = FigureCanvasAgg(ax.figure).get_renderer()
    box, plane = label.get_window_extent(renderer), ax.get_window_extent(renderer)
    assert plane.x0 <= box.x0 and box.x1 <= plane.x1 and plane.y0 <= box.y0 and box.y1 <= plane.y1, (box, plane)


def test_neuron_explorer_follows_its_dropdown():
    demo = neuron_explorer()
    assert demo.text.endswith("a = sigmoid(z) = 0.622")
    assert demo.set(activation="relu", w2=2.0, b=-1.0).endswith("z = 2.000, a = relu(z) = 2.000")
    demo.controls["b"].value = -3.0  # what the mouse does
    assert demo.text.endswith("z = 0.000, a = relu(z) = 0.000")


# --- 03: the notes' formula and the curve builder -----------------------------------

def test_formula_text():
    assert relu_sum_formula([1.0, -1.0], [1.0, 1.0], [0.0, -1.0], "x1") == \
        "1.00 max(0, 0.00 + 1.00 x1) - 1.00 max(0, -1.00 + 1.00 x1)"
    assert relu_sum_formula([-2.0, 0.5], [-1.0, 3.0], [1.5, 0.0]) == \
        "-2.00 max(0, 1.50 - 1.00 x) + 0.50 max(0, 0.00 + 3.00 x)"
    assert relu_sum_formula([1] * 4, [1] * 4, [0] * 4, per_line=2).count("\n") == 1


def test_relu_pair_draws_the_notes_formula():
    ax = axes()
    text = draw_relu_pair(ax, c=1.5, w=2.0, b=1.0, c2=-1.0, w2=1.0, b2=-1.0)
    assert text == "1.50 max(0, 1.00 + 2.00 x1) - 1.00 max(0, -1.00 + 1.00 x1)    kinks at x1 = -0.50, 1.00"
    (total,) = [l for l in ax.get_lines() if l.get_label().startswith("their sum")]
    x, y = total.get_data()
    np.testing.assert_allclose(y, 1.5 * np.maximum(0, 1 + 2 * x) - np.maximum(0, x - 1))


def test_relu_pair_with_a_flat_unit_has_one_kink():
    assert draw_relu_pair(axes(), w2=0.0).endswith("kinks at x1 = 0.00")
    assert draw_relu_pair(axes(), w=0.0, w2=0.0).endswith("kinks at x1 = none")


def test_units_through_join_the_points():
    xs, ys = np.array([0.0, 1.0, 2.0, 4.0]), np.array([0.0, 2.0, 1.0, 1.0])
    c, w, b = units_through(xs, ys)
    np.testing.assert_allclose(c, [2.0, -3.0, 1.0])  # slopes 2, -1, 0: each c is the change of slope
    np.testing.assert_allclose(relu_sum(xs, c, w, b), ys)
    np.testing.assert_allclose(relu_sum(0.5, c, w, b), 1.0)  # straight between the points


@pytest.mark.parametrize("xs, ys, message", [
    ([0.0, 1.0], [1.0, 2.0], "ys\\[0\\] must be 0, got 1"),
    ([0.0, 2.0, 1.0], [0.0, 1.0, 2.0], "xs must be increasing"),
    ([0.0, 1.0], [0.0, 1.0, 2.0], r"same 1-D shape.*got \(2,\) and \(3,\)"),
    ([0.0], [0.0], "at least 2 points"),
])
def test_units_through_rejects_what_it_cannot_join(xs, ys, message):
    with pytest.raises(ValueError, match=message):
        units_through(xs, ys)


@pytest.mark.parametrize("target", ["sine", "parabola", "step"])
def test_more_units_follow_the_target_closer(target):
    errors = [float(draw_relu_fit(axes(), units=n, target=target).split()[2]) for n in (2, 4, 8, 12)]
    assert errors == sorted(errors, reverse=True) and errors[-1] < 0.05, errors


def test_relu_fit_readout_prints_the_formula():
    text = draw_relu_fit(axes(), units=2, target="parabola")
    # x^2 through (0, 0), (1, 1), (2, 4): slopes 1 then 3, so c = 1 at x = 0 and c = 2 at x = 1.
    assert text == "largest error 0.2500\ny = 1.00 max(0, 0.00 + 1.00 x) + 2.00 max(0, -1.00 + 1.00 x)"


def test_relu_figures_label_both_axes():
    for draw, labels in ((draw_relu_pair, ("x1", "output")), (draw_relu_fit, ("x", "y"))):
        ax = axes()
        draw(ax)
        assert (ax.get_xlabel(), ax.get_ylabel()) == labels


def test_relu_explorers_follow_their_controls():
    pair = relu_pair_explorer()
    assert pair.set(b2=-2.0).endswith("kinks at x1 = 0.00, 2.00")
    fit = relu_fit_explorer()
    assert fit.text.count("max(0,") == 4
    assert fit.set(units=7, target="step").count("max(0,") == 7


# --- 04: the outlier ------------------------------------------------------------------

def test_mse_line_is_least_squares():
    x, y = with_outlier(9.5, 20.0)
    np.testing.assert_allclose(fit_line_mse(x, y), np.polyfit(x, y, 1), rtol=1e-12)


@pytest.mark.parametrize("outlier", [(8.0, 5.0), (10.0, 30.0), (0.0, -10.0), (5.0, 5.0)])
def test_mae_line_is_the_best_mae_line(outlier):
    x, y = with_outlier(*outlier)
    w, b = fit_line_mae(x, y)
    best = mae(w * x + b, y)
    ws, bs = np.meshgrid(np.linspace(w - 1, w + 1, 81), np.linspace(b - 3, b + 3, 81))
    grid = np.abs(y[:, None] - (ws.ravel() * x[:, None] + bs.ravel())).mean(axis=0)
    assert best <= grid.min() + 1e-12
    w_mse, b_mse = fit_line_mse(x, y)
    assert best <= mae(w_mse * x + b_mse, y)


def test_an_outlier_pulls_the_mse_line_not_the_mae_line():
    clean_w, _ = fit_line_mse(X_DATA, Y_DATA)
    x, y = with_outlier(10.0, 30.0)
    assert abs(fit_line_mse(x, y)[0] - clean_w) > 1.0
    assert abs(fit_line_mae(x, y)[0] - clean_w) < 0.1


def test_mae_line_needs_two_different_x():
    with pytest.raises(ValueError, match="at least two different x values"):
        fit_line_mae([1.0, 1.0, 1.0], [0.0, 1.0, 2.0])


def test_outlier_readout_compares_the_fits_on_the_clean_points():
    text = draw_outlier_fit(axes(), outlier_x=10.0, outlier_y=30.0)
    rows = text.split("\n")
    assert rows[0].startswith("best MSE line: y_hat = ") and rows[1].startswith("best MAE line: y_hat = ")
    w, b = fit_line_mae(*with_outlier(10.0, 30.0))
    assert rows[1].endswith(f"(on the ten clean points: MAE {mae(w * X_DATA + b, Y_DATA):.3f}, "
                            f"MSE {mse(w * X_DATA + b, Y_DATA):.3f})")


def test_outlier_explorer_refits_when_dragged():
    demo = outlier_explorer()
    before = demo.text
    assert demo.set(outlier_y=-10.0) != before
    assert demo.image.value[:8] == b"\x89PNG\r\n\x1a\n"
