"""Input checks shared by every public function of mlnotes.

A learner who passes the wrong thing should read *what was expected and
what came*, at the call they wrote, not a numpy broadcasting error three
frames deeper (or worse, a silently broadcast result).
"""
import functools
import inspect
import numbers

import numpy as np


def describe(x):
    """A short description of x for error messages: its type, and its shape if it has one."""
    shape = getattr(x, "shape", None)
    if shape is not None:
        return f"{type(x).__name__} of shape {tuple(shape)}"
    return type(x).__name__


def as_array(x, name, finite=True):
    """x as a float64 ndarray, or a clear error.

    TypeError for anything that is not numbers (strings, None, booleans,
    complex numbers, ragged lists); ValueError for NaN or infinity, which
    would otherwise flow through every later formula and come out as NaN.
    finite=False skips that last check, for a caller that checks a result
    which any NaN or infinity in x must reach (MLP.forward checks each Z[l]).
    """
    if x is None or isinstance(x, (str, bytes)):
        raise TypeError(f"{name} must be a number or an array of numbers, got {describe(x)}")
    try:
        raw = np.asarray(x)
    except ValueError:
        raise ValueError(f"{name} is a ragged list (rows of different lengths); expected a rectangular array") from None
    if raw.dtype.kind == "b":
        raise TypeError(f"{name} must hold numbers, got booleans (convert with .astype(float))")
    if raw.dtype.kind not in "iuf":
        raise TypeError(f"{name} must be a number or an array of numbers, got {describe(x)} with dtype {raw.dtype}")
    arr = raw.astype(np.float64, copy=False)
    if finite and not np.isfinite(arr).all():
        bad = np.argwhere(~np.isfinite(arr))[0]
        where = f" at index {tuple(int(i) for i in bad)}" if arr.ndim else ""
        what = "NaN" if np.isnan(arr).any() else "infinity"
        raise ValueError(f"{name} contains {what}{where}; expected finite numbers")
    return arr


def is_scalar(x):
    """True for a plain number (or a 0-d array): functions then return a float."""
    return isinstance(x, numbers.Number) or np.ndim(x) == 0


def scalar_or_array(out, like):
    """Return a Python float when the input was a scalar, the array otherwise."""
    return float(out) if is_scalar(like) else out


def require_ndim(arr, name, ndim, hint=""):
    """ValueError unless arr has exactly ndim dimensions."""
    if arr.ndim != ndim:
        raise ValueError(f"{name} must be {ndim}-D, got shape {arr.shape}{hint}")


def require_same_shape(a, a_name, b, b_name):
    """ValueError unless a and b have the same shape: no silent broadcasting."""
    if a.shape != b.shape:
        raise ValueError(
            f"{a_name} has shape {a.shape} but {b_name} has shape {b.shape}; "
            f"they must have the same shape"
        )


def checked(formula, check, number_in_number_out=False):
    """The public function made from a bare formula: check(*args, **kwargs) returns formula's arguments, checked.

    What a learner reads (show_source) is the formula: inspect.getsource follows functools.wraps
    to it, and the checks live in check. The formula stays reachable as .formula, for callers that
    checked their arrays already. number_in_number_out: a plain number as the first argument
    gives a float back.
    """
    first = next(iter(inspect.signature(formula).parameters))

    @functools.wraps(formula)
    def public(*args, **kwargs):
        out = formula(*check(*args, **kwargs))
        return scalar_or_array(out, args[0] if args else kwargs[first]) if number_in_number_out else out
    public.formula = formula
    return public


def require_output_shape(Y, shape):
    """ValueError unless the targets Y have the shape of the network's output (n_L, m): no silent broadcasting."""
    if Y.shape != tuple(shape):
        hint = " (labels? use one_hot(labels, n_classes))" if Y.ndim == 1 else ""
        raise ValueError(f"Y must have the shape of the output, {tuple(shape)}, got {Y.shape}{hint}")
