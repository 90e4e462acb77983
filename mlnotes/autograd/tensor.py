"""Tensor: a numpy array that records the graph of the operations that made it (source notes: 自动求导, F20).

The scalar engine's idea applied to whole arrays. Every operation is a row of one table: its forward
function and, for each input, one line turning g = dL/d(out) into that input's share of dL/d(input)
(the vector-Jacobian product, in HIPS autograd's style). y is the output, a and b the inputs:

    a + b    g            g             a @ b    g @ b.T          a.T @ g
    a * b    g * b        g * a         a / b    g / b            -g * y / b
    exp(a)   g * y                      log(a)   g / a
    relu(a)  g * (a > 0)                tanh(a)  g * (1 - y^2)    sigmoid(a)  g * y (1 - y)

Broadcasting: when numpy stretches an input to the output's shape (a bias b of shape (n, 1) added to
Z of shape (n, m)), each entry of the input is used several times, so its gradient is the *sum* over
the stretched axes. unbroadcast() does that once, for every operation. The cross-entropy of softmax(Z)
is one operation whose gradient is the notes' dz = y_hat - y (F12), divided by m for the mean.
"""
import numbers

import numpy as np

from mlnotes._validate import as_array, describe
from mlnotes.autograd import graph
from mlnotes.autograd.graph import Node
from mlnotes.autograd.rules import OPS, unbroadcast

_NO_INPUT = object()  # _apply's "no second input" (None would be a second input, and an error)


class Tensor(Node):
    """An array that remembers how it was computed: Tensor(data, requires_grad=True, label="") (data is copied).

    requires_grad=False marks data that is not differentiated (the inputs X of a network):
    backward() computes no gradient for it, which saves work. .grad is None until
    backward() reaches the tensor; then it has the tensor's shape.
    """

    __slots__ = ("requires_grad", "_kw", "_grad")

    def __init__(self, data, requires_grad=True, label=""):
        if isinstance(data, Tensor):
            raise TypeError("Tensor(t) with t already a Tensor: use t itself, or Tensor(t.data) for a new leaf")
        array = as_array(data, "data")
        # a copy: changing the caller's array later must not change a recorded graph
        self._init(array.copy() if array is data else array, (), "", bool(requires_grad), label)

    @classmethod
    def wrap(cls, array, requires_grad=True, label=""):
        """A leaf over array itself, without Tensor()'s checks: for arrays already checked (a network's weights).

        array must be a float64 ndarray; it is not copied, so changing it in place (a gradient
        descent step) changes the tensor.
        """
        if type(array) is not np.ndarray or array.dtype != np.float64:
            raise TypeError(f"Tensor.wrap needs a float64 numpy array, got {describe(array)}; use Tensor(data)")
        t = cls.__new__(cls)
        t._init(array, (), "", requires_grad, label)
        return t

    def _init(self, data, parents, op, requires_grad, label="", kw=None):
        self.data, self.grad, self._prev, self._op, self.label = data, None, parents, op, label
        self.requires_grad, self._kw, self._done = requires_grad, kw or {}, False

    @property
    def shape(self):
        return self.data.shape

    @property
    def grad(self):
        """dL/d(this tensor), an array of its shape, or None until backward() reaches it."""
        return self._grad

    @grad.setter
    def grad(self, g):
        # Every gradient has the shape of its tensor: a backward rule that returns another shape is
        # caught here, naming both. A leaf's gradient is the learner's to read and change (scale it,
        # clip it), so it gets an array of its own: the rule of + hands g on as it is, so g may be
        # another node's gradient, or a view of one.
        if g is not None:
            assert g.shape == self.data.shape, (
                f"the gradient for a tensor of shape {self.data.shape} came out with shape {g.shape}: "
                f"the backward rule of an operation that uses it returns the wrong shape")
            if not self._prev:
                g = g.copy()
        self._grad = g

    def __repr__(self):
        text = np.array2string(self.data, precision=4, suppress_small=True, separator=", ")
        grad = "None" if self.grad is None else np.array2string(self.grad, precision=4, suppress_small=True,
                                                                 separator=", ")
        return f"Tensor({text}, grad={grad}" + (f", label={self.label!r})" if self.label else ")")

    def _apply(self, op, other=_NO_INPUT, **kw):
        """The node for OPS[op] applied to self (and other: a number or an array becomes a constant tensor)."""
        if other is _NO_INPUT:
            parents, inputs = (self,), (self.data,)
        else:
            if not isinstance(other, Tensor):
                other = Tensor(other, requires_grad=False)
            parents, inputs = (self, other), (self.data, other.data)
        try:
            out = OPS[op][0](*inputs, **kw)
        except ValueError as e:
            if other is _NO_INPUT:
                raise
            raise ValueError(f"{op}: shapes {self.data.shape} and {other.data.shape} "
                             f"do not fit together: {e}") from None
        if type(out) is tuple:  # (output, what the backward rules need)
            out, saved = out
            kw = {**kw, **saved}
        node = Tensor.__new__(Tensor)
        requires_grad = self.requires_grad or (other is not _NO_INPUT and other.requires_grad)
        node._init(np.asarray(out, dtype=np.float64), parents, op, requires_grad, kw=kw)
        return node

    def __add__(self, other):
        return self._apply("+", other)

    def __sub__(self, other):
        return self._apply("-", other)

    def __mul__(self, other):
        return self._apply("*", other)

    def __truediv__(self, other):
        return self._apply("/", other)

    def __matmul__(self, other):
        other = other if isinstance(other, Tensor) else Tensor(other, requires_grad=False)
        if self.data.ndim != 2 or other.data.ndim != 2:
            raise ValueError(f"@ multiplies matrices (2-D), got {describe(self.data)} @ {describe(other.data)}; "
                             f"make a vector a column of shape (n, 1)")
        if self.data.shape[1] != other.data.shape[0]:
            raise ValueError(f"@: the left has shape {self.data.shape} but the right has shape {other.data.shape}: "
                             f"the left's {self.data.shape[1]} columns must match "
                             f"the right's {other.data.shape[0]} rows")
        return self._apply("@", other)

    def __pow__(self, k):
        if isinstance(k, bool) or not isinstance(k, numbers.Real):
            raise TypeError(f"t ** k needs a number k, got {describe(k)}; for a Tensor k write (k * t.log()).exp()")
        if k != int(k) and self.data.size and self.data.min() < 0:
            raise ValueError(f"t ** {k:g} of a negative entry ({self.data.min():.6g}) is not a real number")
        return self._apply("**", k=float(k))

    def __neg__(self):
        return self._apply("neg")

    __radd__ = __add__  # 2 + t is t + 2
    __rmul__ = __mul__

    def __rsub__(self, other):
        return Tensor(other, requires_grad=False) - self

    def __rtruediv__(self, other):
        return Tensor(other, requires_grad=False) / self

    def __rmatmul__(self, other):
        return Tensor(other, requires_grad=False) @ self

    @property
    def T(self):
        """The transpose (a 2-D tensor's rows become columns)."""
        return self._apply("T")

    def sum(self, axis=None, keepdims=False):
        """The sum over axis (all entries when axis is None)."""
        return self._apply("sum", axis=axis, keepdims=keepdims)

    def mean(self, axis=None, keepdims=False):
        """The mean over axis (all entries when axis is None)."""
        return self._apply("mean", axis=axis, keepdims=keepdims)

    def log(self):
        """ln x, entry by entry, for x > 0; derivative 1/x."""
        if self.data.size and self.data.min() <= 0:
            raise ValueError(f"log needs positive numbers, got a smallest entry of {self.data.min():.6g}")
        return self._apply("log")

    def cross_entropy(self, Y):
        """J = -(1/m) sum_j sum_k Y_kj log softmax(Z)_kj for scores Z = self (n_classes, m) and one-hot Y.

        Softmax and the log are one operation, so that its gradient is the notes' shortcut
        dJ/dZ = (softmax(Z) - Y) / m, computed without dividing by probabilities near 0.
        """
        Y = Y if isinstance(Y, Tensor) else Tensor(Y, requires_grad=False)
        if self.data.ndim != 2 or Y.data.shape != self.data.shape:
            raise ValueError(f"cross_entropy needs scores Z of shape (n_classes, m) and Y of the same shape, "
                             f"got Z {self.data.shape} and Y {Y.data.shape} (labels? use losses.one_hot)")
        if Y.data.min() < 0 or np.abs(Y.data.sum(axis=0) - 1.0).max() > 1e-6:
            raise ValueError("each column of Y must hold probabilities that sum to 1 (one-hot labels, usually)")
        return self._apply("cross_entropy", Y)

    def _push(self):
        """The chain rule at this node: each parent that requires_grad gets its rule's share of g = self.grad."""
        g = self.grad
        rules, inputs = OPS[self._op], [p.data for p in self._prev]
        for i, parent in enumerate(self._prev):
            if parent.requires_grad:
                d = rules[i + 1](g, self.data, *inputs, **self._kw)
                parent._accumulate(unbroadcast(d, parent.data.shape))

    def _accumulate(self, d):
        """self.grad += d: a tensor used several times collects one term per use (the first use starts it)."""
        self.grad = d if self.grad is None else self.grad + d

    def backward(self, grad=None):
        """Fill in dL/d(node) in the .grad of every tensor this one (L) depends on and that requires_grad.

        Without grad, L must be a single number (a loss). For any other L, pass grad: the
        gradient of some loss with respect to L (np.ones(L.shape) differentiates L.sum()).
        Gradients are added to .grad: clear them with zero_grad() between steps.
        """
        if grad is None:
            if self.data.size != 1:
                raise ValueError(f"backward() without a gradient needs a single number (a loss), but this tensor has "
                                 f"shape {self.data.shape}: reduce it first (.sum(), .mean()) or pass "
                                 f"backward(grad) with grad of shape {self.data.shape}")
            grad = np.ones_like(self.data)
        else:
            grad = as_array(grad, "grad")
            if grad.shape != self.data.shape:
                raise ValueError(f"grad has shape {grad.shape} but the tensor has shape {self.data.shape}; "
                                 f"they must be the same")
        if not self.requires_grad:
            raise RuntimeError("nothing to differentiate: this tensor depends on no tensor with requires_grad=True")
        graph.backward(self, grad)

    def zero_grad(self):
        self.grad = None
