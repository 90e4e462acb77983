import numpy as np
import pytest
from matplotlib.figure import Figure

from mlnotes.optim import GradientDescent, minimize
from mlnotes.surfaces import parabola, parabola_grad, valley
from mlnotes.widgets import (
    OPTIMIZER_NAMES,
    descend,
    descent_explorer,
    describe_run,
    draw_descent,
    draw_path,
    draw_path_1d,
    draw_surface,
)


def test_descend_follows_the_optimiser():
    path = descend("valley", "sgd", 0.1, 3)
    want = [np.array([-4.0, 1.5])]
    for _ in range(3):
        w = want[-1]
        want.append(w - 0.1 * np.array([0.05 * w[0], 10 * w[1]]))
    np.testing.assert_allclose(path, want)


@pytest.mark.parametrize("path, steps, text", [
    (np.array([[-4.0, 1.5], [-1e-9, 1e-9]]), 1, "after 1 step w = (0.000, 0.000), J = 5.025e-18"),
    (np.array([[-4.0, 1.5], [-4.0, 2.0]]), 1, "diverging: J grew from 11.65 to 20.4 in 1 step, w = (-4.000, 2.000)"),
    (np.array([[-4.0, 1.5], [-4.0, 2e6]]), 5, "diverged after 1 step (|w| passed 1e6)"),
])
def test_describe_run(path, steps, text):
    assert describe_run(valley, path, steps) == text


@pytest.mark.parametrize("optimizer, lr, steps, start", [
    ("sgd", 0.15, 50, "gradient descent, lr = 0.15: after 50 steps w = (-2.745, 0.000), J = 0.1884"),
    ("sgd", 0.25, 50, "gradient descent, lr = 0.25: diverged after 34 steps"),
    ("momentum", 0.02, 100, "momentum, lr = 0.02: after 100 steps"),
    ("adam", 0.3, 50, "Adam, lr = 0.3: after 50 steps"),
])
def test_draw_descent_draws_the_path_and_reports_where_it_ended(optimizer, lr, steps, start):
    ax = Figure().subplots()
    text = draw_descent(ax, optimizer, lr, steps)
    assert text.startswith(start)
    path_line = [line for line in ax.lines if line.get_label() == OPTIMIZER_NAMES[optimizer]]
    assert len(path_line) == 1 and len(path_line[0].get_xdata()) == len(descend("valley", optimizer, lr, steps))
    assert ax.get_title().startswith(f"{OPTIMIZER_NAMES[optimizer]}, lr = {lr:.3g}")
    assert ax.collections, "contours drawn"


def test_surface_and_path_helpers_label_their_axes():
    ax = Figure().subplots()
    draw_surface(ax, valley, (-5, 5), (-2, 2), minimum=(0, 0))
    draw_path(ax, np.array([[-4.0, 1.5], [-3.0, 0.0]]), label="two steps")
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("w1", "w2")
    assert [line.get_label() for line in ax.lines][:2] == ["minimum", "two steps"]

    ax = Figure().subplots()
    path = minimize(parabola_grad, [-1.0], GradientDescent(0.3), 4)
    draw_path_1d(ax, parabola, path, (-2, 6))
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("w", "loss J(w)")
    assert ax.lines[1].get_label() == "4 steps from w = -1"
    np.testing.assert_allclose(ax.lines[1].get_ydata(), [(w - 2) ** 2 for w in path[:, 0]])


def test_the_explorer_follows_its_controls():
    demo = descent_explorer()
    assert list(demo.controls) == ["optimizer", "lr", "steps"]
    assert demo.text.startswith("gradient descent, lr = 0.1: after 50 steps")
    before = demo.image.value
    assert demo.set(optimizer="adam", lr=0.3).startswith("Adam, lr = 0.3: after 50 steps")
    assert demo.image.value != before
    demo.controls["steps"].value = 5  # what the mouse does
    assert demo.text.startswith("Adam, lr = 0.3: after 5 steps")
    assert demo.set(optimizer="sgd", lr=1.0) == ("gradient descent, lr = 1: diverging: J grew from 11.65 to "
                                                 "3.923e+10 in 5 steps, w = (-3.095, -88573.500)")
    assert demo.set(steps=50) == "gradient descent, lr = 1: diverged after 7 steps (|w| passed 1e6)"  # 1.5 * 9^7 > 1e6
    assert repr(demo) == ("Demo: an optimiser in a narrow valley (controls: optimizer, lr, steps). "
                          "Run the notebook to use it.")
