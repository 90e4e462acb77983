"""Demo of 08_autograd: the backward pass one node at a time, in reverse topological order.

backward_state(build, step) runs the real backward pass (graph.backward_steps, the loop that
backward() runs) on a fresh graph from build() and stops once `step` nodes have their gradients;
explain_step says how the last of them got its gradient by the chain rule. The demo draws that.
"""
import numpy as np

from mlnotes.autograd.draw import draw_graph, layout
from mlnotes.autograd.graph import backward_steps, topological_order
from mlnotes.autograd.value import Value
from mlnotes.widgets.demo import Demo, slider


def backward_state(build, step):
    """(root, done): a fresh graph from build() and its first `step` nodes in backward order, gradients complete."""
    root = build()
    if not isinstance(root, Value) and np.size(root.data) != 1:
        raise ValueError(f"the step-through needs a loss (a single number), got shape {root.data.shape}")
    seed = 1.0 if isinstance(root, Value) else np.ones_like(root.data)
    done = []
    if step > 0:
        for node in backward_steps(root, seed):
            done.append(node)
            if len(done) == step:
                break
    return root, done


def _name(node):
    return node.label or (f"({node._op})" if node._prev else "leaf")


def _value(x):
    return f"{float(x):.4g}" if getattr(x, "size", 1) == 1 else "×".join(map(str, x.shape))


def explain_step(root, done):
    """One line: how the last node of `done` got its gradient (the chain rule, with the numbers for a Value)."""
    n = len(topological_order(root))
    if not done:
        return (f"step 0/{n}: the forward pass has run, every value is known, no gradient yet; "
                f"move the slider to run backward() one node at a time")
    node = done[-1]
    head = f"step {len(done)}/{n}: "
    if node is root:
        return head + f"the root starts it: grad {_name(node)} = d{_name(node)}/d{_name(node)} = 1"
    uses = [(user, local) for user in done for parent, local in zip(user._prev, getattr(user, "_local", ()))
            if parent is node]
    if not uses:  # a Tensor: its users pass back arrays
        return head + f"grad {_name(node)} ({_value(node.grad)}) = the sum of what the nodes that use it pass back"
    symbols = " + ".join(f"grad {_name(u)} × d{_name(u)}/d{_name(node)}" for u, _ in uses)
    numbers = " + ".join(f"{u.grad:.4g} × {local:.4g}" for u, local in uses)
    return head + f"grad {_name(node)} = {symbols} = {numbers} = {node.grad:.4g}"


def draw_backward_step(ax, build, step=0):
    """Draw the graph after `step` steps of the backward pass; returns explain_step's line."""
    root, done = backward_state(build, step)
    draw_graph(root, ax=ax, known=set(done), current=done[-1] if done else None)
    return explain_step(root, done)


def backward_explorer(build):
    """A slider that runs backward() on build()'s graph one node at a time, filling in one gradient per step.

    build() must return a fresh expression every time it is called (a graph can be
    differentiated only once), e.g. a function that computes L from new Values.
    """
    root = build()
    n = len(topological_order(root))
    xs = [x for x, _ in layout(root).values()]
    ys = [y for _, y in layout(root).values()]
    figsize = (0.95 * (max(xs) - min(xs)) + 2.2, 0.95 * (max(ys) - min(ys)) + 2.0)
    controls = {"step": slider("step", 0, 0, n, integer=True)}
    return Demo("backward(), one node at a time", lambda ax, step: draw_backward_step(ax, build, step), controls,
                figsize=figsize)
