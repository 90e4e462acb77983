"""Numerical gradients by central differences, and the relative error
(source notes: 推导 — every derived equation is checked against these).

    df/dx_i ~ (f(x + eps e_i) - f(x - eps e_i)) / (2 eps)

The error of the central difference shrinks like eps^2, so eps = 1e-6 in
float64 leaves about 1e-10 of truncation and rounding error: a correct
analytic gradient agrees to a relative error well below 1e-7, a wrong one
is off by far more.
"""
import numpy as np

from mlnotes._validate import as_array, checked


def numerical_gradient(f, x, eps=1e-6):
    """Central-difference gradient of the scalar function f at x (an array of any shape).

    Each entry of x is moved by +eps and -eps and put back afterwards, so f
    may read x itself (that is how a model's weights are checked: f closes over
    the model and x is one of its weight arrays).
    """
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + eps
        f_plus = f(x)
        x[i] = old - eps
        f_minus = f(x)
        x[i] = old
        grad[i] = (f_plus - f_minus) / (2 * eps)
    return grad


def _check_numerical_gradient(f, x, eps=1e-6):
    """numerical_gradient's arguments checked, with f wrapped so that each of its results is checked too."""
    if not callable(f):
        raise TypeError(f"f must be a function returning a number, got {type(f).__name__}")
    if not isinstance(x, np.ndarray) or x.dtype != np.float64:
        raise TypeError(f"x must be a float64 numpy array (it is perturbed in place), got {type(x).__name__}"
                        + (f" of dtype {x.dtype}" if isinstance(x, np.ndarray) else ""))
    if not eps > 0:
        raise ValueError(f"eps must be a small positive number, got {eps!r}")
    return (lambda x: _scalar(f(x))), x, eps


def _scalar(value):
    """f's result as a float, or a TypeError: a gradient is only defined for a scalar function."""
    if np.ndim(value) != 0:
        raise TypeError(f"f must return a single number (a loss), got shape {np.shape(value)}")
    return float(value)


numerical_gradient = checked(numerical_gradient, _check_numerical_gradient)


def relative_error(a, b):
    """||a - b|| / (||a|| + ||b||): 0 for equal arrays, about 1 for unrelated ones.

    Scale-free, so it means the same for tiny and huge gradients; when both
    are exactly zero the error is 0.
    """
    a_arr, b_arr = as_array(a, "a"), as_array(b, "b")
    if a_arr.shape != b_arr.shape:
        raise ValueError(f"a has shape {a_arr.shape} but b has shape {b_arr.shape}; "
                         "compare gradients of the same shape")
    denom = np.linalg.norm(a_arr) + np.linalg.norm(b_arr)
    return 0.0 if denom == 0 else float(np.linalg.norm(a_arr - b_arr) / denom)


def flatten(arrays, names):
    """The arrays arrays[name] for name in names, raveled and joined into one vector."""
    return np.concatenate([np.ravel(arrays[name]) for name in names])


def model_gradient_error(model, X, Y, eps=1e-6):
    """Relative error between a model's backward() and central differences, over ALL its parameters at once.

    The parameters W1, b1, W2, ... are seen as one flattened vector theta;
    the numerical gradient of theta -> model.loss(X, Y) is compared with
    backward()'s gradients flattened the same way. One number for the
    whole model: below 1e-7 means backward is right (in float64).
    The model needs .params (a dict of arrays), .loss(X, Y), .forward(X) and .backward(Y).
    """
    names = list(model.params)
    saved = {name: p.copy() for name, p in model.params.items()}

    def loss_at(theta):
        offset = 0
        for name in names:
            p = model.params[name]
            p[...] = theta[offset:offset + p.size].reshape(p.shape)
            offset += p.size
        return model.loss(X, Y)

    try:
        numeric = numerical_gradient(loss_at, flatten(saved, names), eps)
    finally:
        for name in names:
            model.params[name][...] = saved[name]
    model.forward(X)
    grads = model.backward(Y)
    return relative_error(flatten(grads, ["d" + name for name in names]), numeric)


def gradient_sizes(model, X, Y):
    """The length of each layer's weight gradient, |dW^(l)| for l = 1..L, after one forward and backward pass.

    How much each layer would move in one step of gradient descent: in a deep sigmoid network the
    first layers' gradients are many times smaller than the last ones' (vanishing gradients, notebook 07).
    """
    model.forward(X)
    grads = model.backward(Y)
    return [float(np.linalg.norm(grads[f"dW{l}"])) for l in range(1, model.L + 1)]
