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
from matplotlib.font_manager import FontProperties
from matplotlib.patches import FancyBboxPatch
from matplotlib.textpath import TextToPath

from mlnotes.autograd.graph import Node, topological_order
from mlnotes.plotting import COLORS, FONT_FAMILY, register_cjk_font

MAX_NODES = 40
WIDTH, HEIGHT = 1.3, 0.78  # of a node's box at least; a box is made wider when its text needs it
GAP = 0.7                  # between the widest boxes of two neighbouring columns; rows are 1 apart
INCH = 0.75                # inches per unit of the drawing, in a figure draw_graph makes itself
FONT_SIZE = 8


def layout(root):
    """{node: (x, y)}: x follows the node's depth (longest path from a leaf), so every arrow points right.

    A leaf is moved next to the first node that uses it, instead of waiting in column 0, and
    each column is ordered by the mean height of its nodes' parents, which keeps arrows short.
    Columns are GAP apart between their widest boxes (2 units from centre to centre for boxes of
    the least width).
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
    widest = [max(box_width(n) for n in order if column[n] == c) for c in range(max(column.values()) + 1)]
    x = [0.0]
    for c in range(1, len(widest)):
        x.append(x[-1] + (widest[c - 1] + widest[c]) / 2 + GAP)
    return {node: (x[column[node]], height[node]) for node in order}


def _number(x):
    return f"{float(x):.4g}"


def _describe(array):
    """A number as a number; an array by its shape, written 3×4."""
    a = np.asarray(array)
    return _number(a) if a.size == 1 else "×".join(str(n) for n in a.shape)


def _formula(node, nested=True):
    """How node was computed from its inputs: "a * b", "x**2", "tanh(x)", "2 * w", "(W1 @ X) + b1".

    An input is written by its label; an unlabelled number by its value; an unlabelled result by its
    own formula, one level deep (nested), in brackets if it is an operator's; anything else by "·".
    """
    inputs = []
    for p in node._prev:
        if p.label:
            inputs.append(p.label)
        elif not p._prev and np.size(p.data) == 1:
            inputs.append(_number(p.data))
        elif p._prev and nested:
            inner = _formula(p, nested=False)
            inputs.append(inner if p._op.isidentifier() else f"({inner})")
        else:
            inputs.append("·")
    if node._op.isidentifier():  # a name: tanh(x), cross_entropy(Z2, Y)
        return f"{node._op}({', '.join(inputs)})"
    if len(inputs) == 2:         # an operator between its inputs: a * b, W1 @ X
        return f"{inputs[0]} {node._op} {inputs[1]}"
    return f"{inputs[0]}{node._op}"  # a power, x**2


def node_text(node, known=True):
    """The three lines of a node's box: what it is, its value (data) and its gradient.

    The first line names the node and the operation that made it, from its inputs ("e = a * b");
    the gradient reads ? while not known yet and - for a constant, which gets none.
    """
    if not node._prev:
        what = node.label or "leaf"
    else:
        what = f"{node.label} = {_formula(node)}" if node.label else _formula(node)
    grad = "?" if not known else "-" if node.grad is None else _describe(node.grad)
    return f"{what}\ndata {_describe(node.data)}\ngrad {grad}"


def _text_width(text):
    """The width of text's widest line in units of the drawing: matplotlib's width at FONT_SIZE, in points,
    at 72 points to the inch and INCH inches to the unit."""
    font = FontProperties(family=FONT_FAMILY, size=FONT_SIZE)
    points = max(TextToPath().get_text_width_height_descent(line, font, ismath=False)[0] for line in text.split("\n"))
    return points / 72 / INCH


def box_width(node):
    """The width of node's box: WIDTH, or wider when its text needs it (its gradient shown, the widest case)."""
    return max(WIDTH, _text_width(node_text(node)) + 0.25)  # a margin of 0.125 on each side


def draw_graph(root, ax=None, known=None, current=None):
    """Draw the graph that ends at root (a Value or a Tensor); returns the matplotlib Axes.

    known: the nodes whose gradient is shown (default: all); the others show "grad ?".
    current: a node drawn with a thick frame (the step-through demo's current step).
    """
    if not isinstance(root, Node):
        raise TypeError(f"draw_graph needs a Value or a Tensor, got {type(root).__name__}")
    register_cjk_font()
    where = layout(root)
    if len(where) > MAX_NODES:
        raise ValueError(f"the graph has {len(where)} nodes; draw_graph draws up to {MAX_NODES} "
                         f"(build a smaller expression to look at)")
    width = {node: box_width(node) for node in where}
    columns, ys = sorted({x for x, _ in where.values()}), [y for _, y in where.values()]
    left = min(x - width[n] / 2 for n, (x, _) in where.items()) - 0.2
    right = max(x + width[n] / 2 for n, (x, _) in where.items()) + 0.2
    top = max(ys) + 0.75
    bottom, ceiling = min(ys) - HEIGHT / 2 - 0.2, top + 0.45
    if ax is None:  # INCH inches per unit, which the box widths are measured in; whole tenths of an inch
        size = np.ceil(10 * INCH * np.array([right - left, ceiling - bottom])) / 10
        right, ceiling = left + size[0] / INCH, bottom + size[1] / INCH
        ax = plt.figure(figsize=size).add_axes((0, 0, 1, 1))
    for node, (x, y) in where.items():
        for k, parent in enumerate(node._prev):
            px, py = where[parent]
            # bent apart: the two arrows of x * x, and an arrow that would cross a column of boxes
            skips = any(px < column < x for column in columns)
            bend = 0.25 * k if node._prev.count(parent) > 1 else 0.3 if skips else 0.0
            ax.annotate("", xy=(x - width[node] / 2, y), xytext=(px + width[parent] / 2, py),
                        arrowprops=dict(arrowstyle="->", color="0.45", connectionstyle=f"arc3,rad={bend}"))
    for node, (x, y) in where.items():
        kind = "output" if node is root else "input" if not node._prev else "hidden"
        ax.add_patch(FancyBboxPatch((x - width[node] / 2, y - HEIGHT / 2), width[node], HEIGHT,
                                    boxstyle="round,pad=0.03",
                                    facecolor=to_rgba(COLORS[kind], 0.18),
                                    edgecolor="black" if node is current else COLORS[kind],
                                    linewidth=2.5 if node is current else 1.0))
        shown = known is None or node in known
        ax.text(x, y, node_text(node, shown), ha="center", va="center", fontsize=FONT_SIZE, family=FONT_FAMILY)
    ax.text(left + 0.2, top, "leaves · 叶子 = inputs", color=COLORS["input"], family=FONT_FAMILY, fontsize=9,
            va="bottom")
    ax.text(where[root][0] + width[root] / 2, top, "root · 根 = output", color=COLORS["output"],
            family=FONT_FAMILY, fontsize=9, va="bottom", ha="right")
    ax.set_xlim(left, right)
    ax.set_ylim(bottom, ceiling)
    ax.axis("off")
    return ax
