"""Autograd (source notes: 自动求导, F20): engines that record a DAG as operations run, then apply the
chain rule from the root (the output) to the leaves (the inputs).

    value    Value, a scalar engine with micrograd's interface
    tensor   Tensor, the same on numpy arrays; rules: its table of backward rules
    graph    what both share: topological order, the backward pass one step at a time, zero_grad
    draw     draw_graph: the recorded graph, in matplotlib
    mlp      TensorMLP: the MLP of notebook 06, differentiated by the Tensor engine
    scalar   Scalar, the bare node (no operators) on which the learner builds their own engine in 08
"""
from mlnotes.autograd.graph import backward_steps, topological_order, zero_grad
from mlnotes.autograd.mlp import TensorMLP
from mlnotes.autograd.scalar import Scalar
from mlnotes.autograd.tensor import Tensor
from mlnotes.autograd.value import Value

__all__ = [
    "draw_graph",
    "backward_steps", "topological_order", "zero_grad",
    "TensorMLP",
    "Scalar",
    "Tensor",
    "Value",
]


def __getattr__(name):
    """draw_graph, imported when first asked for: the engines load without matplotlib."""
    if name == "draw_graph":
        from mlnotes.autograd.draw import draw_graph
        return draw_graph
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
