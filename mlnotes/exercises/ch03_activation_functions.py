"""Checks for the exercises of 03_activation_functions."""
import contextlib
import math

import numpy as np

from mlnotes.activations import leaky_relu, relu, relu_sum, sigmoid, tanh
from mlnotes.exercises.checking import ExerciseError, _shape, as_result, call, close, compare, fmt, passed

OVERFLOW = ("your {name} overflows for z = {z:g}: it computes e^{big:g}, which is too large for a float (inf, "
            "and numpy warns). Never exponentiate a large positive number: for z < 0 use e^z / (1 + e^z), "
            "or compute e = e^(-|z|) once and pick 1 / (1 + e) or e / (1 + e) by the sign of z "
            "(np.where alone does not help: it evaluates both formulas for every z)")
IF_ON_ARRAY = ("your {name} uses `if` on an array: `if` decides once for the whole array, and numpy cannot say "
               "whether all of z is >= 0. Choose entry by entry instead: a boolean mask (pos = z >= 0, then "
               "out[pos] = ... and out[~pos] = ...) or np.where on expressions that are safe for every entry, "
               "such as ones built from e^(-|z|)")
SILENCED = (" Here numpy said nothing (is the warning silenced, with np.errstate or a warnings filter?), "
            "but the values show it: it returned {got}.")
INTEGERS = ("your {name} returned integers {got} for the integer array z = np.array([-2, 0, 3]): np.empty_like(z) "
            "(and np.zeros_like(z)) keeps z's integer dtype, so every value written into it is cut to a whole "
            "number. Convert first: z = np.asarray(z, dtype=float)")


def reject_changed_input(z, original, name, example, fix):
    """ExerciseError when fn changed the array z it was given (original is a copy taken before the call)."""
    if not np.array_equal(z, original):
        raise ExerciseError(f"{name} changed its input z ({example}): a function must not change the array it is "
                            f"given; {fix}")


def check_sigmoid(fn):
    """fn(z) must return sigma(z) = 1 / (1 + e^(-z)) elementwise, for numbers and arrays (integer ones too),
    leaving z unchanged and without overflow."""
    name = fn.__name__
    z = np.array([-4.0, -1.0, 0.0, 0.5, 3.0])
    original, s = z.copy(), sigmoid(z)
    try:
        got = call(fn, z, given=f"z={fmt(z)}")  # z itself, not a copy: an answer written into z must show
    except ExerciseError as e:
        if "converted to Python scalars" in str(e):  # math.exp and friends take one number at a time
            raise ExerciseError(f"your {name} works on single numbers only (math.exp?); use np.exp, which works "
                                f"entry by entry on arrays") from None
        if "truth value of an array" in str(e):  # numpy's own advice (a.any() or a.all()) would mislead here
            raise ExerciseError(IF_ON_ARRAY.format(name=name)) from None
        raise
    reject_changed_input(z, original, name, "e.g. z[pos] = ...",
                         "write the results into a new array, such as out = np.empty_like(z). Note that "
                         "np.asarray(z, dtype=float) gives back z itself when z is a float array already")
    compare(got, s, name, f"z={fmt(z)}", mistakes=[
        (sigmoid(-z), "you computed sigma(-z) = 1 / (1 + e^z) = 1 - sigma(z): "
                      "the exponent is -z, sigma(z) = 1 / (1 + e^(-z))"),
        (1 + np.exp(-z), "you returned 1 + e^(-z); sigma(z) is one over that: 1 / (1 + e^(-z))"),
        (tanh(z), "that is tanh(z), which runs from -1 to 1; sigma(z) = 1 / (1 + e^(-z)) runs from 0 to 1"),
    ])
    compare(call(fn, 0.0), 0.5, name, "z=0")
    z_int, given = np.array([-2, 0, 3]), "z=np.array([-2, 0, 3]), integers"
    got = call(fn, z_int, given=given)
    if isinstance(got, np.ndarray) and got.dtype.kind in "iu":
        raise ExerciseError(INTEGERS.format(name=name, got=got.tolist()))
    compare(got, sigmoid(z_int), name, given)
    with _watching_exp(fn) as exponents:
        for big in (-1000.0, 1000.0):
            zs = np.array([big, big / 20, 0.0])
            try:
                got = call(fn, zs.copy(), given=f"z={fmt(zs)}")
            except ExerciseError as e:
                if "overflow" in str(e) or "OverflowError" in str(e):
                    raise ExerciseError(OVERFLOW.format(name=name, z=big, big=abs(big))) from None
                raise
            if _shape(got) == zs.shape and not np.all(np.isfinite(np.asarray(got, dtype=float))):
                raise ExerciseError(OVERFLOW.format(name=name, z=big, big=abs(big)) + SILENCED.format(got=fmt(got)))
            compare(got, sigmoid(zs), name, f"z={fmt(zs)}")
        _check_silenced_overflow(fn)
    if exponents:
        raise ExerciseError(OVERFLOW_UNUSED.format(name=name, big=max(exponents)))
    return passed("sigmoid", "numbers, arrays, and z = ±1000 without overflow")


#: The largest x for which e^x is a float (about 1.8e308); np.exp and math.exp overflow above it.
EXP_LIMIT = 709.78
OVERFLOW_UNUSED = ("your {name} computes e^{big:.0f} along the way, for z = ±1000: that overflows (inf, and "
                   "numpy warns, but here the warning is silenced). The result is right because the inf is thrown "
                   "away, as when np.where evaluates both of its formulas for every z before it picks one; the "
                   "exercise asks for a sigmoid that never overflows. Exponentiate only numbers <= 0, such as -|z|, "
                   "or apply each formula only to the entries it suits (out[pos] = ... with a boolean mask "
                   "pos = z >= 0)")


@contextlib.contextmanager
def _watching_exp(fn):
    """Within the block, np.exp and math.exp (also under other names in fn's module, e.g. `from numpy import exp`)
    note every argument above EXP_LIMIT in the list the block gets: the overflow a silenced warning hides."""
    exponents = []

    def watching(exp):
        def watched(x, *args, **kwargs):
            try:
                largest = float(np.max(np.asarray(x, dtype=float), initial=-np.inf))
            except (TypeError, ValueError):
                largest = -np.inf
            if largest > EXP_LIMIT:
                exponents.append(largest)
            return exp(x, *args, **kwargs)
        return watched

    watched = {id(np.exp): watching(np.exp), id(math.exp): watching(math.exp)}
    names = getattr(fn, "__globals__", {})
    places = [(np.__dict__, "exp"), (math.__dict__, "exp")]  # a module's attributes live in its __dict__
    places += [(names, key) for key, value in list(names.items()) if id(value) in watched]
    saved = [(where, key, where[key]) for where, key in places]
    try:
        for where, key, value in saved:
            where[key] = watched[id(value)]
        yield exponents
    finally:
        for where, key, value in reversed(saved):
            where[key] = value


#: e^700 is a float, e^740 is not: between them the textbook sigmoid's exponent overflows (to inf) and
#: 1 / (1 + inf) = 0, while sigma(-740) = 4.2e-322 is a (subnormal) float that e^(-|z|) gives.
SILENT_POINTS = np.array([-700.0, -740.0])


def _check_silenced_overflow(fn):
    """A learner may silence numpy (np.errstate, warnings filters) inside fn, out of reach of call(): then the
    overflow shows only in the values. Right at -700 and exactly 0 at -740 is what e^740 = inf gives; a stable
    formula gives e^(-740) there, and a cruder one (tanh, clipping, a cut-off) is not exactly right at -700."""
    want = sigmoid(SILENT_POINTS)
    if want[1] == 0:  # this machine flushes subnormals to 0: the test cannot tell them apart here
        return
    given = f"z={fmt(SILENT_POINTS)}"
    got = as_result(call(fn, SILENT_POINTS.copy(), given=given), fn.__name__, given, shape=SILENT_POINTS.shape)
    if got[1] == 0 and np.isclose(got[0], want[0], rtol=1e-6, atol=0):
        raise ExerciseError(OVERFLOW.format(name=fn.__name__, z=-740, big=740)
                            + SILENCED.format(got=f"{got[0]:.4g} for z = -700 and exactly 0 for z = -740 "
                                                  f"(sigma(-740) = {want[1]:.2g})"))


NP_MAX = ("np.max is the largest entry of an array (its second argument is an axis, not a second number): "
          "np.maximum(0, z) takes the maximum of 0 and z entry by entry")


def check_relu(fn):
    """fn(z) must return max(0, z) elementwise, for numbers and arrays, leaving z unchanged."""
    name = fn.__name__
    z = np.array([[-2.0, -0.5, 0.0], [0.5, 3.0, -1e-3]])
    original = z.copy()
    given = f"z={fmt(z)}"
    try:
        got = call(fn, z, given=given)
    except ExerciseError as e:
        if "truth value of an array" in str(e):
            raise ExerciseError("Python's max(0, z) compares 0 with the whole array at once, and so does "
                                "`if z > 0` (or `z if z > 0 else 0`): each makes one decision for the whole "
                                "array, which numpy refuses. np.maximum(0, z) takes the maximum entry by "
                                "entry") from None
        if "scalar index" in str(e):  # np.max(0, z): numpy reads z as an axis number
            raise ExerciseError(NP_MAX) from None
        raise
    reject_changed_input(z, original, name, "e.g. z[z < 0] = 0", "work on a copy or return np.maximum(0, z)")
    if (_shape(got) == () and close(got, z.max())) or (_shape(got) == (z.shape[1],) and close(got, z.max(axis=0))):
        raise ExerciseError(NP_MAX)
    compare(got, relu(z), name, given, mistakes=[
        (np.abs(z), "you returned |z|; ReLU sets negative inputs to 0: max(0, z)"),
        (np.minimum(0, z), "you took the minimum; ReLU is max(0, z)"),
        ((z > 0).astype(float), "that is ReLU's derivative (0 or 1); ReLU itself is max(0, z)"),
        (leaky_relu(z), "that is leaky ReLU (0.01 z for z < 0); plain ReLU gives exactly 0 there"),
    ])
    for number in (-1.5, 2.0):
        compare(call(fn, number), relu(number), name, f"z={number:g}")
    return passed("relu", "arrays and numbers, input left unchanged")


#: check_hat compares at these points (readable messages), then on a fine grid (nothing hidden in between).
HAT_POINTS = np.array([-1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0])


def hat(x):
    """The target of the hat exercise: 0, up to 1 at x = 1, down to 0 at x = 2, then 0."""
    return np.clip(1 - np.abs(np.asarray(x, dtype=float) - 1), 0, None)


def check_hat(fn):
    """fn() must return (c, w, b) for ReLU units whose sum relu_sum(x, c, w, b) is the hat function."""
    got = call(fn, given="")
    if not (isinstance(got, (tuple, list)) and len(got) == 3):
        raise ExerciseError(f"{fn.__name__}() must return three lists (c, w, b), one entry per unit; got {fmt(got)}")
    c, w, b = got
    try:
        curve = relu_sum(HAT_POINTS, c, w, b)
    except (TypeError, ValueError) as e:
        raise ExerciseError(f"relu_sum could not use your (c, w, b): {e}") from None
    compare(curve, hat(HAT_POINTS), "relu_sum", f"{fmt(HAT_POINTS)}, c, w, b", mistakes=[
        (relu(HAT_POINTS) - 2 * relu(HAT_POINTS - 1),
         "after x = 2 your curve keeps falling: a third unit, bending at x = 2, must cancel the falling slope"),
        (relu(HAT_POINTS) - relu(HAT_POINTS - 1),
         "your curve stays at 1 after x = 1: the unit bending there must cancel the rising slope AND add a "
         "falling one, so its c is -2"),
        (relu(HAT_POINTS) - 2 * relu(HAT_POINTS + 1) + relu(HAT_POINTS + 2),
         "your kinks are at x = -1 and x = -2: max(0, b + w x) bends where b + w x = 0, at x = -b / w, "
         "so a kink at x = 1 needs b = -1 (with w = 1)"),
    ])
    fine = np.linspace(-1, 3, 401)
    if not close(relu_sum(fine, c, w, b), hat(fine)):
        raise ExerciseError("your curve matches the hat at the points checked but not between them: "
                            "do you have extra kinks? A unit bends at x = -b / w")
    if np.size(c) != 3:  # relu_sum has checked that c, w and b have one entry per unit each
        raise ExerciseError(f"your {np.size(c)} ReLU units make the hat, but the exercise "
                            f"asks for three: one unit per kink (at x = 0, 1 and 2), each changing the slope there")
    return passed("hat", f"{np.size(c)} ReLU units make the hat")
