"""Demo of 00_welcome: the shapes in Z = W A_prev + b, as blocks that resize with sliders."""
from matplotlib.patches import Rectangle

from mlnotes.widgets.demo import Demo, slider


def layer_shapes(n_prev, n, m):
    """Shapes in Z = W A_prev + b for a layer of n neurons fed by n_prev inputs, for m examples."""
    return {"A_prev": (n_prev, m), "W": (n, n_prev), "b": (n, 1), "Z": (n, m), "A": (n, m)}


def draw_layer_shapes(ax, n_prev=3, n=2, m=4):
    """Draw W @ A_prev + b = Z as blocks whose sizes are the shapes; returns the shapes as text."""
    s = layer_shapes(n_prev, n, m)
    top = max(n, n_prev) / 2 + 1.6
    gap = _operator_gap(ax, blocks_width=n_prev + m + 1 + m, height=2 * top)
    x = 0.0
    pieces = [("W", s["W"], "#55A868"), ("@", None, None), ("A_prev", s["A_prev"], "#4C72B0"),
              ("+", None, None), ("b", s["b"], "#8172B2"), ("=", None, None), ("Z", s["Z"], "#C44E52")]
    for name, shape, color in pieces:
        if shape is None:
            ax.text(x + gap / 2, 0, name, ha="center", va="center", fontsize=16)
            x += gap
            continue
        rows, cols = shape
        ax.add_patch(_block(x, rows, cols, color))
        ax.text(x + cols / 2, rows / 2 + 0.4, name, ha="center", va="bottom")
        ax.text(x + cols / 2, -rows / 2 - 0.4, f"{rows}×{cols}", ha="center", va="top", fontsize=9)
        x += cols
    ax.set_xlim(-0.4, x + 0.4)
    ax.set_ylim(-top, top)
    ax.set_aspect("equal")
    ax.axis("off")
    return (f"W {s['W']} @ A_prev {s['A_prev']} + b {s['b']} = Z {s['Z']}; "
            f"each of the m = {m} columns is one example")


def _operator_gap(ax, blocks_width, height, inches=0.5):
    """Width, in data units, of the space for an operator (@, +, =) between two blocks.

    The drawing is scaled to fit the figure (equal aspect), so a fixed width in data units
    shrinks on screen as the blocks grow, until the operator touches them. This width stays
    about `inches` wide whether the height or the width of the drawing decides the scale.
    """
    fig_width, fig_height = ax.figure.get_size_inches()
    return max(inches * height / fig_height, inches * blocks_width / (fig_width - 3 * inches))


def _block(x, rows, cols, color):
    return Rectangle((x, -rows / 2), cols, rows, facecolor=color, edgecolor="black", alpha=0.8)


def shape_explorer():
    """Sliders for n_prev, n and m; the blocks of Z = W A_prev + b resize with them."""
    controls = {"n_prev": slider("n_prev", 3, 1, 8, integer=True),
                "n": slider("n", 2, 1, 8, integer=True),
                "m": slider("m", 4, 1, 10, integer=True)}
    return Demo("the shapes of one layer", draw_layer_shapes, controls, figsize=(7.0, 3.0))
