"""The rules of the Tensor engine (source notes: 自动求导, F20): for every operation, its forward function
and one line per input that turns g = dL/d(out) into the gradient of that input.

    OPS[name] = (forward, rule for the first input, rule for the second input)
    rule(g, y, *inputs, **options) -> the input's gradient, before unbroadcast()

y is the operation's output and the inputs are numpy arrays. A rule that returns the wrong shape
is caught when its result is stored in .grad (Tensor.grad), which names both shapes. relu, tanh
and sigmoid take f and f' from mlnotes.activations, the table the network and the Value engine use.
"""
import numpy as np

from mlnotes import activations


def _cross_entropy(Z, Y):
    """J = -(1/m) sum Y log softmax(Z), and softmax(Z) kept for the backward rule (P below).

    With Z shifted so that each column's largest score is 0 (nothing overflows),
    softmax = E / s with E = e^Z, s = the column sums of E, and log softmax = Z - log s.
    """
    shifted = Z - Z.max(axis=0, keepdims=True)
    P = np.exp(shifted)
    s = P.sum(axis=0, keepdims=True)
    P /= s
    return (np.log(s).sum() - np.vdot(Y, shifted)) / Z.shape[1], {"P": P}


def _spread(g, y, a, axis=None, keepdims=False):
    """Gradient of a sum: each entry of a was added in once, so it gets g of the sum it went into."""
    if axis is not None and not keepdims:
        g = np.expand_dims(g, axis)
    return np.broadcast_to(g, a.shape).copy()


def _activation(name):
    """The row of an activation f of mlnotes.activations: f forward, and the rule g * f'(a)."""
    f, f_prime = activations.FORMULAS[name]
    return f, lambda g, y, a: g * f_prime(a)


#: name -> (forward, d/d(first input), d/d(second input)); each rule maps (g, y, *inputs) to an input's gradient.
#: A forward may also return what its rules need besides the inputs and the output (softmax(Z) for cross-entropy).
OPS = {
    "+": (np.add, lambda g, y, a, b: g, lambda g, y, a, b: g),
    "-": (np.subtract, lambda g, y, a, b: g, lambda g, y, a, b: -g),
    "*": (np.multiply, lambda g, y, a, b: g * b, lambda g, y, a, b: g * a),
    "/": (np.divide, lambda g, y, a, b: g / b, lambda g, y, a, b: -g * y / b),
    "@": (np.matmul, lambda g, y, a, b: g @ b.T, lambda g, y, a, b: a.T @ g),
    "**": (lambda a, k: a ** k, lambda g, y, a, k: g * k * a ** (k - 1)),
    "neg": (np.negative, lambda g, y, a: -g),
    "T": (np.transpose, lambda g, y, a: g.T),
    "exp": (np.exp, lambda g, y, a: g * y),
    "log": (np.log, lambda g, y, a: g / a),
    "relu": _activation("relu"),
    "tanh": _activation("tanh"),
    "sigmoid": _activation("sigmoid"),
    "sum": (np.sum, _spread),
    "mean": (np.mean, lambda g, y, a, **kw: _spread(g, y, a, **kw) * (y.size / a.size)),
    "cross_entropy": (_cross_entropy,
                      lambda g, y, Z, Y, P: (P - Y) * (g / Z.shape[1]),
                      lambda g, y, Z, Y, P: np.log(P) * (-g / Z.shape[1])),
}


def unbroadcast(g, shape):
    """g summed over the axes along which numpy stretched an input of this shape to g's shape."""
    if g.shape == shape:
        return g
    lead = g.ndim - len(shape)
    if lead < 0:  # no broadcast makes a shape smaller: leave it to the shape check to name both shapes
        return g
    stretched = tuple(lead + i for i, n in enumerate(shape) if n == 1 and g.shape[lead + i] != 1)
    g = g.sum(axis=tuple(range(lead)) + stretched, keepdims=True)
    return g.reshape(g.shape[lead:])
