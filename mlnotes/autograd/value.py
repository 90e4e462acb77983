"""Value: one number that records the graph of the operations that made it (source notes: 自动求导, F20).

micrograd's interface — .data, .grad, + - * / ** with numbers on either side, relu(), tanh(),
sigmoid(), exp(), log(), backward() — built so that it does not fail where micrograd does:

- the topological order comes from a loop, not recursion: backward() on a chain of 100,000 operations works;
- gradients are added, so a node used twice (x * x, x + x) gets both terms of its gradient;
- a second backward() through the same graph is refused instead of silently doubling; zero_grad() is explicit;
- a node keeps the *numbers* d(out)/d(input), computed when the operation runs, instead of a closure
  that refers back to the node: the graph holds no reference cycles, so Python frees it the moment
  it is dropped, and the garbage collector has nothing to chase.

Each operation computes its result and its local derivatives together; backward() then needs only

    input.grad += local * out.grad          (Value._push, the chain rule)

    a + b   ->  1, 1         a - b   ->  1, -1          a * b  ->  b, a
    a / b   ->  1/b, -a/b^2  a ** k  ->  k a^(k-1)      k ** a ->  k^a ln k

relu, tanh and sigmoid and their derivatives are mlnotes.activations' own (FORMULAS), the one table
the network and the Tensor engine use too.
"""
import math
import numbers

import numpy as np

from mlnotes import activations
from mlnotes.autograd import graph
from mlnotes.autograd.graph import Node

_new = object.__new__


def _exp(a):
    if a > 709.78:  # math.exp(709.79) overflows a float
        raise OverflowError(f"exp({a:.6g}) is too large for a float (the largest is about e^709)")
    return math.exp(a)


def _log(a):
    if a <= 0:
        raise ValueError(f"log needs a positive number, got {a:.6g}")
    return math.log(a)


def _on_a_float(f):
    """f, written for numpy arrays, on one float: a float back."""
    return lambda a: float(f(np.float64(a)))


#: name -> (f, f'): the functions of one input and their derivatives, f' written with the input a.
FUNCTIONS = {name: tuple(map(_on_a_float, activations.FORMULAS[name])) for name in ("relu", "tanh", "sigmoid")}
FUNCTIONS.update(exp=(_exp, _exp), log=(_log, lambda a: 1.0 / a))


def _as_value(x):
    """x itself if it is a Value; a number becomes a Value (a leaf, a constant of the graph)."""
    return x if isinstance(x, Value) else Value(x)


def _number(x):
    """x as a float, or a TypeError/ValueError that says what came instead."""
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        raise TypeError(f"a Value holds one number, got {type(x).__name__} {x!r:.40}")
    x = float(x)
    if not math.isfinite(x):
        raise ValueError(f"a Value holds a finite number, got {x}")
    return x


def _result(data, parents, op, local):
    """The node for an operation's result: Value(data, parents, op, local) without re-checking data."""
    out = _new(Value)
    out.data = data
    out.grad = 0.0
    out._prev = parents
    out._local = local
    out._op = op
    out.label = ""
    out._done = False
    return out


class Value(Node):
    """A number that remembers how it was computed: Value(2.0), or Value(2.0, label="x") for drawings."""

    __slots__ = ("_local",)

    def __init__(self, data, _children=(), _op="", _local=(), label=""):
        self.data = _number(data)
        self.grad = 0.0
        self._prev = _children   # the parents: the nodes this one was computed from
        self._local = _local     # d(this)/d(parent), one number per parent
        self._op = _op
        self.label = label
        self._done = False

    def __repr__(self):
        label = f", label={self.label!r}" if self.label else ""
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g}{label})"

    def __add__(self, other):
        other = _as_value(other)
        return _result(self.data + other.data, (self, other), "+", (1.0, 1.0))

    def __sub__(self, other):
        other = _as_value(other)
        return _result(self.data - other.data, (self, other), "-", (1.0, -1.0))

    def __mul__(self, other):
        other = _as_value(other)
        return _result(self.data * other.data, (self, other), "*", (other.data, self.data))

    def __truediv__(self, other):
        other = _as_value(other)
        if other.data == 0:
            raise ZeroDivisionError(f"division by a Value that is 0 ({self.data:.6g} / 0)")
        out = self.data / other.data
        return _result(out, (self, other), "/", (1.0 / other.data, -out / other.data))

    def __pow__(self, k):
        if isinstance(k, Value):
            raise TypeError("x ** y needs a number y; for a Value y write (y * x.log()).exp()")
        k = _number(k)
        if self.data < 0 and k != int(k):
            raise ValueError(f"({self.data:.6g}) ** {k:g} is not a real number (a negative base needs a whole power)")
        if self.data == 0 and k < 0:
            raise ZeroDivisionError(f"0 ** {k:g} divides by zero")
        slope = k * self.data ** (k - 1) if self.data != 0 or k >= 1 else math.inf  # 0 ** 0.5: vertical tangent
        return Value(self.data ** k, (self,), f"**{k:g}", (slope,))

    def __rpow__(self, base):
        base = _number(base)
        if base <= 0:
            raise ValueError(f"{base:g} ** x needs a positive base (its derivative is {base:g}^x ln {base:g})")
        out = base ** self.data
        return Value(out, (self,), f"{base:g}**", (out * math.log(base),))

    def __neg__(self):
        return _result(-self.data, (self,), "neg", (-1.0,))

    def __radd__(self, other):  # other + self, with other a number
        return self + other

    def __rmul__(self, other):
        return self * other

    def __rsub__(self, other):
        return Value(other) - self

    def __rtruediv__(self, other):
        return Value(other) / self

    def _apply(self, name):
        f, f_prime = FUNCTIONS[name]
        return _result(f(self.data), (self,), name, (f_prime(self.data),))

    def _push(self):
        g = self.grad
        for parent, local in zip(self._prev, self._local):
            parent.grad += local * g

    def backward(self):
        """Fill in d(self)/d(node) in the .grad of every node this one depends on.

        Gradients are added to what .grad holds, so clear the inputs' gradients with
        zero_grad() between training steps; a second backward() through the same graph is
        refused (it would add every gradient in twice).
        """
        graph.backward(self, 1.0)

    def zero_grad(self):
        self.grad = 0.0
