"""Scalar: the bare node of the scalar engine a learner builds in notebook 08 (source notes: 自动求导, F20).

A Scalar holds a number (.data), its gradient (.grad, 0 until a backward pass adds to it), the nodes it
was computed from (._prev, its parents), the operation's name (._op, for drawings) and its backward
rule (._backward): a function of no arguments that adds this node's share of the chain rule into its
parents' gradients. A leaf (a number we start from) has a rule that does nothing.

Scalar has no operators and no backward(): in notebook 08 the learner writes them, one operation at
a time, as functions (add, mul, power, tanh) that make the output node and set its rule, micrograd
style. It is a Node, so mlnotes.autograd.draw_graph draws its graphs.
"""
from mlnotes.autograd.graph import Node


class Scalar(Node):
    """Scalar(data, parents=(), op="", label=""): one number of a recorded graph."""

    def __init__(self, data, parents=(), op="", label=""):
        self.data = float(data)
        self.grad = 0.0
        self._prev = tuple(parents)      # the nodes this one was computed from
        self._op = op                    # "+", "*", "**2", "tanh": how, for the drawing
        self.label = label
        self._backward = lambda: None    # a leaf passes nothing on

    def __repr__(self):
        label = f", label={self.label!r}" if self.label else ""
        return f"Scalar(data={self.data:.6g}, grad={self.grad:.6g}{label})"

    def _apply(self, name):
        raise TypeError(f"a Scalar has no method {name}(): write the operation as your own function, "
                        f"e.g. tanh(a), which makes the output node and sets its backward rule")

    def zero_grad(self):
        self.grad = 0.0
