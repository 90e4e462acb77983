"""Demo of 07_backprop_derivation: nudge one weight and compare the change of the loss with dW × nudge.

The derivative dJ/dw is the slope of the loss as a function of that one
weight, all else fixed. For a small nudge the change of J is about the
slope times the nudge; for a large one the curve bends away from its
tangent. The slope comes from backward(), the curve from forward passes.
"""
import re

import ipywidgets as widgets
import numpy as np

from mlnotes.widgets.demo import Demo, slider

WEIGHT = re.compile(r"(W\d+)\[(\d+), (\d+)\]")


def weight_names(net):
    """Every weight of net as text, "W1[0, 0]", "W1[0, 1]", ...: row j = to neuron j, column i = from input i."""
    return [f"W{l}[{j}, {i}]" for l in range(1, net.L + 1)
            for j in range(net.layer_sizes[l]) for i in range(net.layer_sizes[l - 1])]


def loss_along(net, X, Y, weight, deltas):
    """J with the one weight named (e.g. "W2[1, 0]") moved by each of deltas, everything else fixed."""
    match = WEIGHT.fullmatch(weight)
    if match is None or weight not in weight_names(net):
        raise ValueError(f"weight must name one weight of the network, such as 'W1[0, 1]', got {weight!r}")
    name, j, i = match.group(1), int(match.group(2)), int(match.group(3))
    W = net.params[name]
    original = W[j, i]
    try:
        losses = []
        for delta in np.atleast_1d(deltas):
            W[j, i] = original + delta
            losses.append(net.loss(X, Y))
    finally:
        W[j, i] = original
    return np.array(losses)


def draw_nudge(ax, net, X, Y, weight="W1[0, 1]", nudge=0.5):
    """Draw J against the nudge of one weight with the tangent of slope dW[j, i]; returns the two changes as text."""
    match = WEIGHT.fullmatch(weight)
    J0 = float(loss_along(net, X, Y, weight, 0.0)[0])
    net.forward(X)
    slope = float(net.backward(Y)["d" + match.group(1)][int(match.group(2)), int(match.group(3))])
    deltas = np.linspace(-2.0, 2.0, 161)
    ax.plot(deltas, loss_along(net, X, Y, weight, deltas), color="#4C72B0", label="loss J (forward passes)")
    ax.plot(deltas, J0 + slope * deltas, color="#C44E52", linestyle="--",
            label=f"tangent, slope d{weight} = {slope:.3f}")
    actual = float(loss_along(net, X, Y, weight, nudge)[0]) - J0
    predicted = slope * nudge
    ax.plot([nudge, nudge], [J0 + predicted, J0 + actual], color="black", linewidth=2.5,
            label="gap: the bend the slope misses")
    ax.plot([nudge], [J0 + actual], "o", color="#4C72B0")
    ax.plot([nudge], [J0 + predicted], "o", color="#C44E52")
    ax.plot([0], [J0], "o", color="black")
    ax.set_xlabel(f"nudge added to {weight}")
    ax.set_ylabel("loss J")
    ax.set_title(f"J as a function of {weight} alone")
    ax.legend(loc="upper center", fontsize=8)
    return (f"{weight}: nudge {nudge:+.2f} changes J by {actual:+.6f}; "
            f"dW × nudge predicts {predicted:+.6f} (gap {actual - predicted:+.6f})")


def nudge_explorer(net, X, Y):
    """Pick a weight and a nudge; the loss curve, its tangent and both changes are drawn."""
    controls = {"weight": widgets.Dropdown(options=weight_names(net), value=weight_names(net)[1], description="weight"),
                "nudge": slider("nudge", 0.5, -2.0, 2.0, step=0.05)}
    return Demo("nudge one weight", lambda ax, **v: draw_nudge(ax, net, X, Y, **v), controls, figsize=(6.5, 3.6))
