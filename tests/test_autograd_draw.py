"""The graph drawing and the step-through of the backward pass."""
import matplotlib
import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.text import Annotation

from mlnotes.autograd import Tensor, Value, topological_order
from mlnotes.autograd.draw import GAP, MAX_NODES, WIDTH, box_width, draw_graph, layout, node_text
from mlnotes.plotting import COLORS
from mlnotes.widgets import backward_explorer, backward_state, draw_backward_step, explain_step


def karpathy():
    """L = (a b + c) f with a = 2, b = -3, c = 10, f = -2: four leaves, one root."""
    a, b, c, f = Value(2.0, label="a"), Value(-3.0, label="b"), Value(10.0, label="c"), Value(-2.0, label="f")
    e = a * b
    e.label = "e"
    d = e + c
    d.label = "d"
    L = d * f
    L.label = "L"
    return L


def square():
    x = Value(3.0, label="x")
    y = x * x
    y.label = "y"
    return y


def small_tensor_loss():
    W = Tensor([[1.0, -2.0], [0.5, 1.0]], label="W")
    X = Tensor([[1.0, 2.0, 0.0], [-1.0, 0.5, 1.0]], requires_grad=False, label="X")
    return (W @ X).tanh().cross_entropy(np.eye(2)[:, [0, 1, 1]])


def test_layout_puts_every_parent_left_of_its_node_and_leaves_next_to_their_use():
    L = karpathy()
    where = layout(L)
    assert len(where) == 7 and len(set(where.values())) == 7
    for node, (x, _) in where.items():
        for parent in node._prev:
            assert where[parent][0] < x
    names = {n.label: xy for n, xy in where.items()}
    assert names["c"][0] == names["e"][0] and names["f"][0] == names["d"][0]  # beside e and d, not in column 0
    assert names["L"][0] == max(x for x, _ in where.values())


def test_node_text():
    L = karpathy()
    e = L._prev[0]._prev[0]
    assert node_text(e) == "e = a * b\ndata -6\ngrad 0"
    L.backward()
    assert node_text(e) == "e = a * b\ndata -6\ngrad -2"
    assert node_text(e, known=False) == "e = a * b\ndata -6\ngrad ?"
    assert node_text(Value(1.5)) == "leaf\ndata 1.5\ngrad 0"
    assert node_text(Value(2.0, label="x").tanh()) == "tanh(x)\ndata 0.964\ngrad 0"
    t = small_tensor_loss()
    t.backward()
    X = t._prev[0]._prev[0]._prev[1]
    assert node_text(X) == "X\ndata 2×3\ngrad -"
    assert node_text(t._prev[0]).endswith("data 2×3\ngrad 2×3")


def test_an_unlabelled_input_is_written_as_its_own_formula():
    W1, b1 = Tensor(np.ones((2, 3)), label="W1"), Tensor(np.zeros((2, 1)), label="b1")
    Z1 = W1 @ Tensor(np.ones((3, 4)), requires_grad=False, label="X") + b1
    Z1.label = "Z1"
    assert node_text(Z1).startswith("Z1 = (W1 @ X) + b1\n")          # not "Z1 = +"
    assert node_text(Z1.relu()).startswith("relu(Z1)\n")
    assert node_text(Z1.relu().sum()).startswith("sum(relu(Z1))\n")   # a call needs no brackets
    w = Value(0.0, label="w")
    assert node_text(w * 2).startswith("w * 2\n")                     # a constant by its value
    assert node_text((2 * w - 3) ** 2).startswith("(· - 3)**2\n")     # one level deep, then ·


def test_a_box_is_as_wide_as_its_text_and_columns_make_room():
    loss = small_tensor_loss()
    loss.label = "L"
    assert node_text(loss).startswith("L = cross_entropy(tanh(·), ·)\n")
    assert box_width(loss) > WIDTH                                     # the long first line gets room
    where = layout(loss)
    for node, (x, _) in where.items():
        for parent in node._prev:
            assert x - where[parent][0] >= (box_width(node) + box_width(parent)) / 2 + GAP - 1e-9
    ax = draw_graph(loss, ax=Figure().subplots())
    widths = sorted(round(patch.get_width(), 9) for patch in ax.patches)
    assert widths == sorted(round(box_width(node), 9) for node in where)


def test_the_drawing_marks_leaves_and_root_as_the_notes_do():
    L = karpathy()
    L.backward()
    ax = draw_graph(L, ax=Figure().subplots())
    assert len(ax.patches) == 7
    faces = [patch.get_edgecolor()[:3] for patch in ax.patches]
    assert faces.count(matplotlib.colors.to_rgb(COLORS["input"])) == 4       # a, b, c, f
    assert faces.count(matplotlib.colors.to_rgb(COLORS["output"])) == 1      # L
    texts = [t.get_text() for t in ax.texts if not isinstance(t, Annotation)]
    assert "leaves · 叶子 = inputs" in texts and "root · 根 = output" in texts
    assert "L = d * f\ndata -8\ngrad 1" in texts
    assert sum(isinstance(t, Annotation) for t in ax.texts) == 6  # one arrow per use: 3 operations, 2 inputs each


def test_a_node_used_twice_gets_two_arrows():
    ax = draw_graph(square(), ax=Figure().subplots())
    assert sum(isinstance(t, Annotation) for t in ax.texts) == 2


def test_tensor_graphs_are_drawn_too_and_big_graphs_refused():
    ax = draw_graph(small_tensor_loss(), ax=Figure().subplots())
    assert len(ax.patches) == len(topological_order(small_tensor_loss()))
    x = Value(1.0)
    for _ in range(MAX_NODES):
        x = x + 1.0
    with pytest.raises(ValueError, match=f"draws up to {MAX_NODES}"):
        draw_graph(x, ax=Figure().subplots())
    with pytest.raises(TypeError, match="needs a Value or a Tensor, got float"):
        draw_graph(1.5)


@pytest.mark.parametrize("build", [karpathy, square, small_tensor_loss])
def test_each_step_completes_the_next_node_in_reverse_topological_order(build):
    order = topological_order(build())
    full = build()
    full.backward()
    final = [n.grad for n in topological_order(full)]
    for step in range(len(order) + 1):
        root, done = backward_state(build, step)
        nodes = topological_order(root)
        assert done == nodes[::-1][:step]                       # the root first, then backwards
        for node in done:                                       # each one's gradient is already final
            np.testing.assert_array_equal(node.grad, final[nodes.index(node)])


def test_the_readout_is_the_chain_rule_with_numbers():
    texts = [explain_step(*backward_state(karpathy, k)) for k in range(8)]
    assert texts[0].startswith("step 0/7: the forward pass has run")
    assert texts[1] == "step 1/7: the root starts it: grad L = dL/dL = 1"
    assert texts[3] == "step 3/7: grad d = grad L × dL/dd = 1 × -2 = -2"
    assert texts[7] == "step 7/7: grad a = grad e × de/da = -2 × -3 = 6"
    assert explain_step(*backward_state(square, 2)) == \
        "step 2/2: grad x = grad y × dy/dx + grad y × dy/dx = 1 × 3 + 1 × 3 = 6"   # two uses, two terms
    assert "the sum of what the nodes that use it pass back" in explain_step(*backward_state(small_tensor_loss, 3))


def test_the_stepper_demo_follows_its_slider():
    demo = backward_explorer(karpathy)
    assert demo.controls["step"].max == 7 and demo.text.startswith("step 0/7")
    before = demo.image.value
    assert demo.set(step=7) == "step 7/7: grad a = grad e × de/da = -2 × -3 = 6"
    assert demo.image.value != before and demo.image.value[:8] == b"\x89PNG\r\n\x1a\n"
    assert repr(demo) == "Demo: backward(), one node at a time (controls: step). Run the notebook to use it."
    assert draw_backward_step(Figure().subplots(), karpathy, 2).startswith("step 2/7: grad f")
