"""The graph autograd records, drawn in pure matplotlib (source notes: 自动求导, F20).

    draw_graph(L)         every node of the graph of L: its operation, its value and its gradient

The notes' words are on the figure: the leaves (叶子) are the inputs, drawn on the left in the input
colour; the root (根) is the output, on the right in the output colour; arrows point the way the
values flowed when the operations ran (forward), and backward() fills in the gradients the other
way. Works for Value and Tensor graphs; a tensor shows its shape instead of its numbers.
"""
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import to_rgba
from matplotlib.patches import FancyBboxPatch

from mlnotes.autograd.graph import Node, topological_order
from mlnotes.plotting import COLORS, FONT_FAMILY, register_cjk_font

MAX_NODES = 40
WIDTH, HEIGHT = 1.3, 0.78  # of a node's box; columns are 2 apart, rows 1


def layout(root):
    """{node: (x, y)}: x is the node's depth (longest path from a leaf), so every arrow points right.

    A leaf is moved next to the first node that uses it, instead of waiting in column 0, and
    each column is ordered by the mean height of its nodes' parents, which keeps arrows short.
    """
    order = topological_order(root)
    column, users = {}, {}
    for node in order:  # parents come first, so their columns are known
        column[node] = 1 + max((column[p] for p in node._prev), default=-1)
        for p in node._prev:
            users.setdefault(p, []).append(node)
    for node in order:
        if not node._prev and node in users:
            column[node] = min(column[u] for u in users[node]) - 1
    height = {}
    for c in range(max(column.values()) + 1):
        nodes = [n for n in order if column[n] == c]
        nodes.sort(key=lambda n: -np.mean([height[p] for p in n._prev]) if n._prev else 0.0)
        for k, node in enumerate(nodes):
            height[node] = (len(nodes) - 1) / 2 - k
    return {node: (2.0 * column[node], height[node]) for node in order}


def _number(x):
    return f"{float(x):.4g}"


def _describe(array):
    """A number as a number; an array by its shape, written 3×4."""
    a = np.asarray(array)
    return _number(a) if a.size == 1 else "×".join(str(n) for n in a.shape)


def node_text(node, known=True):
    """The three lines of a node's box: what it is, its value (data) and its gradient.

    The first line names the operation, with its inputs when they have labels ("e = a * b");
    the gradient reads ? while not known yet and - for a constant, which gets none.
    """
    names = [p.label for p in node._prev]
    if not node._prev:
        what = node.label or "leaf"
    elif not all(names):
        what = node._op
    elif len(names) == 2 and len(node._op) <= 2:  # a symbol: a * b, W1 @ X
        what = f"{names[0]} {node._op} {names[1]}"
    else:
        what = f"{node._op}({', '.join(names)})"
    if node._prev and node.label:
        what = f"{node.label} = {what}"
    grad = "?" if not known else "-" if node.grad is None else _describe(node.grad)
    return f"{what}\ndata {_describe(node.data)}\ngrad {grad}"


def draw_graph(root, ax=None, known=None, current=None):
    """Draw the graph that ends at root (a Value or a Tensor); returns the matplotlib Axes.

    known: the nodes whose gradient is shown (default: all); the others show "grad ?".
    current: a node drawn with a thick frame (the step-through demo's current step).
    """
    if not isinstance(root, Node):
        raise TypeError(f"draw_graph needs a Value or a Tensor, got {type(root).__name__}")
    where = layout(root)
    if len(where) > MAX_NODES:
        raise ValueError(f"the graph has {len(where)} nodes; draw_graph draws up to {MAX_NODES} "
                         f"(build a smaller expression to look at)")
    columns = 1 + max(x for x, _ in where.values()) / 2
    rows = 1 + 2 * max(abs(y) for _, y in where.values())
    if ax is None:
        _, ax = plt.subplots(figsize=(1.9 * columns + 0.6, 0.95 * rows + 1.3))
    register_cjk_font()
    for node, (x, y) in where.items():
        for k, parent in enumerate(node._prev):
            px, py = where[parent]
            # bent apart: the two arrows of x * x, and an arrow that would cross a column of boxes
            bend = 0.25 * k if node._prev.count(parent) > 1 else 0.3 if x - px > 2.5 else 0.0
            ax.annotate("", xy=(x - WIDTH / 2, y), xytext=(px + WIDTH / 2, py),
                        arrowprops=dict(arrowstyle="->", color="0.45", connectionstyle=f"arc3,rad={bend}"))
    for node, (x, y) in where.items():
        kind = "output" if node is root else "input" if not node._prev else "hidden"
        ax.add_patch(FancyBboxPatch((x - WIDTH / 2, y - HEIGHT / 2), WIDTH, HEIGHT, boxstyle="round,pad=0.03",
                                    facecolor=to_rgba(COLORS[kind], 0.18),
                                    edgecolor="black" if node is current else COLORS[kind],
                                    linewidth=2.5 if node is current else 1.0))
        shown = known is None or node in known
        ax.text(x, y, node_text(node, shown), ha="center", va="center", fontsize=8, family=FONT_FAMILY)
    top = max(y for _, y in where.values()) + 0.75
    ax.text(min(x for x, _ in where.values()) - WIDTH / 2, top, "leaves · 叶子 = inputs", color=COLORS["input"],
            family=FONT_FAMILY, fontsize=9, va="bottom")
    ax.text(where[root][0] + WIDTH / 2, top, "root · 根 = output", color=COLORS["output"], family=FONT_FAMILY,
            fontsize=9, va="bottom", ha="right")
    xs, ys = [x for x, _ in where.values()], [y for _, y in where.values()]
    ax.set_xlim(min(xs) - WIDTH / 2 - 0.2, max(xs) + WIDTH / 2 + 0.2)
    ax.set_ylim(min(ys) - HEIGHT / 2 - 0.2, top + 0.45)
    ax.axis("off")
    return ax
