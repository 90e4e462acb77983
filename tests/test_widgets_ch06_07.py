"""The demos of 06_backpropagation and 07_backprop_derivation: their numbers are the network's own."""
import numpy as np
import pytest
from matplotlib.figure import Figure

from mlnotes.activations import sigmoid_prime
from mlnotes.network import MLP
from mlnotes.widgets import (
    backprop_explorer,
    draw_nudge,
    draw_pass_step,
    loss_along,
    nudge_explorer,
    pass_steps,
    tiny_problem,
    weight_names,
)


def test_tiny_problem_has_distinct_shapes():
    net, X, Y = tiny_problem()
    assert net.layer_sizes == [2, 3, 2] and X.shape == (2, 4) and Y.shape == (2, 4)
    np.testing.assert_array_equal(Y.sum(axis=0), np.ones(4))


def test_pass_steps_are_the_networks_own_numbers():
    net, X, Y = tiny_problem()
    steps = pass_steps(net, X, Y)
    assert [s[1] for s in steps] == ["Z1 = W1 A0 + b1", "A1 = σ(Z1)", "Z2 = W2 A1 + b2", "Ŷ = A2 = softmax(Z2)",
                                     "dZ2 = Ŷ − Y", "dW2 = (1/m) dZ2 A1ᵀ", "db2 = (1/m) Σ dZ2 (over the examples)",
                                     "dZ1 = W2ᵀ dZ2 * σ′(Z1)", "dW1 = (1/m) dZ1 A0ᵀ",
                                     "db1 = (1/m) Σ dZ1 (over the examples)"]
    results = {s[2][-1][0]: s[2][-1][1] for s in steps}
    net.forward(X)
    grads = net.backward(Y)
    for name in ["dW1", "db1", "dW2", "db2"]:
        np.testing.assert_array_equal(results[name], grads[name])
    np.testing.assert_allclose(results["dZ1"], net.params["W2"].T @ (net.A[2] - Y) * sigmoid_prime(net.Z[1]))
    w1 = steps[0][2][0][1]
    net.params["W1"] += 1.0  # training later must not change what the steps show
    assert not np.array_equal(w1, net.params["W1"])


def test_pass_steps_refuses_other_networks():
    with pytest.raises(ValueError, match=r"two-layer network with a sigmoid hidden layer, "
                                         r"got layer sizes \[2, 3, 3, 2\]"):
        pass_steps(MLP([2, 3, 3, 2], hidden="sigmoid"), np.zeros((2, 1)), np.array([[1.0], [0.0]]))


def test_draw_pass_step_draws_a_cell_per_number_and_reports_shapes():
    steps = pass_steps(*tiny_problem())
    ax = Figure().subplots()
    text = draw_pass_step(ax, steps, 8)
    assert text == "step 8/10 (backward): dZ1 = W2ᵀ dZ2 * σ′(Z1)    shapes (3, 2) @ (2, 4) * (3, 4) = (3, 4)"
    assert len(ax.patches) == 3 * 2 + 2 * 4 + 3 * 4 + 3 * 4
    assert {"W2ᵀ", "σ′(Z1)", "3×2", "@", "*", "="} <= {t.get_text() for t in ax.texts}
    with pytest.raises(ValueError, match="step must be from 1 to 10, got 11"):
        draw_pass_step(Figure().subplots(), steps, 11)


def test_stepper_follows_its_slider():
    demo = backprop_explorer(*tiny_problem())
    assert demo.text.startswith("step 1/10 (forward): Z1 = W1 A0 + b1")
    assert demo.set(step=6) == "step 6/10 (backward): dW2 = (1/m) dZ2 A1ᵀ    shapes (1/4) (2, 4) @ (4, 3) = (2, 3)"


def test_weight_names_follow_the_row_to_column_from_order():
    net, _, _ = tiny_problem()
    names = weight_names(net)
    assert len(names) == 3 * 2 + 2 * 3
    assert names[:3] == ["W1[0, 0]", "W1[0, 1]", "W1[1, 0]"] and names[-1] == "W2[1, 2]"


def test_loss_along_moves_one_weight_and_restores_it():
    net, X, Y = tiny_problem()
    before = {k: v.copy() for k, v in net.params.items()}
    losses = loss_along(net, X, Y, "W2[1, 0]", [0.0, 0.3])
    assert losses[0] == pytest.approx(net.loss(X, Y))
    net.params["W2"][1, 0] += 0.3
    assert losses[1] == pytest.approx(net.loss(X, Y))
    net.params["W2"][1, 0] -= 0.3
    assert all(np.array_equal(before[k], net.params[k]) for k in before)
    with pytest.raises(ValueError, match=r"weight must name one weight of the network, such as 'W1\[0, 1\]', "
                                         r"got 'W3\[0, 0\]'"):
        loss_along(net, X, Y, "W3[0, 0]", 0.1)


def test_draw_nudge_slope_predicts_small_changes():
    net, X, Y = tiny_problem()
    ax = Figure().subplots()
    text = draw_nudge(ax, net, X, Y, weight="W1[0, 1]", nudge=0.01)
    assert text.startswith("W1[0, 1]: nudge +0.01 changes J by")
    net.forward(X)
    slope = net.backward(Y)["dW1"][0, 1]
    curve, tangent, gap, actual, predicted, start = ax.lines
    np.testing.assert_allclose(np.diff(tangent.get_ydata()) / np.diff(tangent.get_xdata()), slope)
    J0 = start.get_ydata()[0]
    assert J0 == pytest.approx(net.loss(X, Y))
    assert predicted.get_ydata()[0] - J0 == pytest.approx(0.01 * slope)
    assert actual.get_ydata()[0] - J0 == pytest.approx(0.01 * slope, rel=0.05)  # the gap shrinks like nudge^2


def test_nudge_explorer_readout_changes_with_its_controls():
    demo = nudge_explorer(*tiny_problem())
    assert demo.text.startswith("W1[0, 1]: nudge +0.50")
    assert demo.set(weight="W2[1, 2]", nudge=-1.5).startswith("W2[1, 2]: nudge -1.50 changes J by +0.1")
