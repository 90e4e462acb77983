"""Checks for the exercises of 04_loss_functions. The loss checks call f(y_hat, y), like mlnotes.losses.

The notebook's exercise is check_regression_losses (MAE, MSE and RMSE in one function); check_mae,
check_mse and check_rmse check one loss each, with the same tables of mistakes.
"""
import os
import re
import sys

import numpy as np

from mlnotes.activations import softmax
from mlnotes.exercises.checking import ExerciseError, _shape, call, close, compare, fmt, passed, unambiguous

#: (y_hat, y) pairs: 1-D arrays of m predictions and m labels, errors of both signs and of different sizes,
#: so that each typical mistake gives its own number.
CASES = [(np.array([2.5, 0.0, 2.0, 8.0, -1.0]), np.array([3.0, -0.5, 2.25, 6.0, -0.25])),
         (np.array([1.0, 4.0, -2.0, 0.5]), np.array([0.0, 5.5, -2.5, 3.0]))]


def _check_loss(fn, what, want, mistakes):
    """Run fn(y_hat, y) on CASES against want(e), naming mistakes(e, m); e = y - y_hat, m examples."""
    for y_hat, y in CASES:
        given = f"y_hat={fmt(y_hat)}, y={fmt(y)}"
        got = call(fn, y_hat.copy(), y.copy(), given=given)
        if _shape(got) == y.shape:
            raise ExerciseError(f"{fn.__name__}({given}) returned {y.size} numbers, one per example: "
                                f"a loss is one number, the mean over the m examples")
        e = y - y_hat
        compare(got, want(e), fn.__name__, given, mistakes=mistakes(e, e.size))
    return passed(what, f"{len(CASES)} cases, m = {CASES[0][1].size} and m = {CASES[1][1].size}")


def mse_mistakes(e, m):
    """(value, message) of the usual slips in MSE, for errors e = y - y_hat of m examples."""
    return [
        (np.sum(e ** 2), "MSE without the mean: you summed the squared errors; divide by m (np.mean does both)"),
        (np.mean(e), "you forgot to square the errors: MSE = (1/m) sum_i (y_i - y_hat_i)^2"),
        (-np.mean(e), "you forgot to square the errors: MSE = (1/m) sum_i (y_i - y_hat_i)^2"),
        (np.mean(np.abs(e)), "that is MAE (absolute errors); MSE squares the errors"),
        (np.sqrt(np.mean(e ** 2)), "that is RMSE: MSE has no square root"),
        (np.mean(e) ** 2, "you squared the mean error; square each error first, then take the mean"),
        (np.sum(e ** 2) / (m - 1), "divide by m, the number of examples, not m - 1"),
        (0.5 * np.mean(e ** 2), "that is half the MSE: (1/m) sum_i (y_i - y_hat_i)^2 has no factor 1/2 in front"),
        (2 * np.mean(e), "you multiplied the errors by 2 instead of squaring them: (y - y_hat) ** 2, not * 2"),
        (-2 * np.mean(e), "you multiplied the errors by 2 instead of squaring them: (y - y_hat) ** 2, not * 2"),
    ]


def check_mse(fn):
    """fn(y_hat, y) must return MSE = (1/m) sum_i (y_i - y_hat_i)^2 for 1-D arrays (F6)."""
    return _check_loss(fn, "mse", lambda e: np.mean(e ** 2), mse_mistakes)


NO_ABS = ("MAE without the absolute value of each error: positive and negative errors cancel "
          "(taking |.| of the mean afterwards is too late): (1/m) sum_i |y_i - y_hat_i|")


def mae_mistakes(e, m):
    """(value, message) of the usual slips in MAE, for errors e = y - y_hat of m examples."""
    return [
        (np.mean(e), NO_ABS),
        (-np.mean(e), NO_ABS),
        (np.sum(np.abs(e)), "MAE without the mean: you summed the absolute errors; divide by m (np.mean does both)"),
        (np.mean(e ** 2), "that is MSE (squared errors); MAE takes absolute values"),
        (np.sum(np.abs(e)) / (m - 1), "divide by m, the number of examples, not m - 1"),
    ]


def check_mae(fn):
    """fn(y_hat, y) must return MAE = (1/m) sum_i |y_i - y_hat_i| for 1-D arrays (F5)."""
    return _check_loss(fn, "mae", lambda e: np.mean(np.abs(e)), mae_mistakes)


def rmse_mistakes(e, m):
    """(value, message) of the usual slips in RMSE, for errors e = y - y_hat of m examples."""
    return [
        (np.mean(np.sqrt(e ** 2)), "RMSE as the mean of square roots: sqrt(e^2) is |e|, so that is MAE. "
                                   "Average the squared errors first, then take one square root of the mean"),
        (np.mean(e ** 2), "you forgot the square root: that is MSE"),
        (np.sqrt(np.sum(e ** 2)), "RMSE without the mean: the root is of (1/m) sum_i (y_i - y_hat_i)^2"),
        (np.sqrt(np.sum(e ** 2)) / m, "you divided by m outside the root; the mean goes inside: sqrt(sum / m)"),
        (np.abs(np.mean(e)), "you took the root of the squared mean error; square each error first, then average"),
        (np.std(e), "np.std subtracts the mean error first, RMSE does not: sqrt of the mean of the squared errors "
                    "themselves, np.sqrt(np.mean((y - y_hat) ** 2))"),
    ]


def check_rmse(fn):
    """fn(y_hat, y) must return RMSE = sqrt((1/m) sum_i (y_i - y_hat_i)^2) for 1-D arrays (F7)."""
    return _check_loss(fn, "rmse", lambda e: np.sqrt(np.mean(e ** 2)), rmse_mistakes)


#: The three losses of check_regression_losses, in the order the function returns them.
LOSSES = [("MAE", lambda e: np.mean(np.abs(e)), mae_mistakes),
          ("MSE", lambda e: np.mean(e ** 2), mse_mistakes),
          ("RMSE", lambda e: np.sqrt(np.mean(e ** 2)), rmse_mistakes)]


def check_regression_losses(fn):
    """fn(y_hat, y) must return (MAE, MSE, RMSE) of two 1-D arrays (F5-F7), three numbers in this order."""
    name = fn.__name__
    for y_hat, y in CASES:
        given = f"y_hat={fmt(y_hat)}, y={fmt(y)}"
        got = call(fn, y_hat.copy(), y.copy(), given=given)
        e = y - y_hat
        want = [loss(e) for _, loss, _ in LOSSES]
        if got is None:
            raise ExerciseError(f"{name}({given}) returned None: did you forget `return`?")
        one_d = isinstance(got, np.ndarray) and got.ndim == 1  # np.array([mae, mse, rmse]) is fine too
        parts = list(got) if isinstance(got, (tuple, list)) or one_d else None
        if parts is None or len(parts) != 3:
            raise ExerciseError(f"{name}({given}) returned {fmt(got)}; return three numbers, "
                                f"mae, mse, rmse (a tuple: return mae, mse, rmse)")
        if all(_shape(p) == () for p in parts) and not close(parts, want):
            for order in ((0, 2, 1), (1, 0, 2), (1, 2, 0), (2, 0, 1), (2, 1, 0)):
                if close(parts, [want[k] for k in order]):
                    raise ExerciseError(f"{name}({given}) returned the three losses in the order "
                                        f"{', '.join(LOSSES[k][0] for k in order)}; return them as (MAE, MSE, RMSE)")
        for part, (loss_name, loss, mistakes) in zip(parts, LOSSES):
            if _shape(part) == y.shape:
                raise ExerciseError(f"the {loss_name} from {name}({given}) is {y.size} numbers, one per example: "
                                    f"a loss is one number, "
                                    f"the mean over the m examples")
            named = [(value, f"your {loss_name}: {message}") for value, message in unambiguous(mistakes(e, e.size))]
            compare(part, loss(e), f"the {loss_name} from {name}", given, mistakes=named)
    return passed("regression_losses", f"MAE, MSE and RMSE; {len(CASES)} cases, "
                                       f"m = {CASES[0][1].size} and m = {CASES[1][1].size}")


WRONG_AXIS = ("softmax over the wrong axis: you made each row sum to 1. Each column is one example, so normalise "
              "down the columns: axis=0")
ROW_MAX = ("you subtracted each row's largest score (axis=1); subtract each column's largest, np.max(Z, axis=0, "
           "keepdims=True): a number taken off a whole column cancels in that column's fraction, one taken off a row "
           "does not")
OVERFLOW = ("your softmax overflows for a score of 1000: e^1000 is inf, and inf / inf is nan. Subtract each "
            "column's largest score first (np.max(Z, axis=0, keepdims=True)); it cancels in the fraction, so "
            "the result is the same, and every exponent is then <= 0")
NOT_THE_MAX = ("your softmax overflows when the scores of one column are far apart: subtracting the column's "
               "minimum, its mean or its first score leaves exponents as large as 2000. Subtract each column's "
               "largest score, np.max(Z, axis=0, keepdims=True), so that every exponent is <= 0")
WHOLE_MATRIX_MAX = ("subtract each column's own maximum (axis=0, keepdims=True), not the largest score of the whole "
                    "matrix: a column of very negative scores then becomes e^(-2000) = 0 everywhere, and 0 / 0 is nan")


def check_softmax(fn):
    """fn(Z) must return e^Z / sum over each column of e^Z: Z (n_classes, m), one column per example."""
    name = fn.__name__
    Z = np.array([[1.0, -2.0, 0.5, 3.0], [2.0, 0.0, 0.5, -1.0], [0.5, 1.0, 0.5, 0.0]])
    E = np.exp(Z)
    E_col_max, E_row_max = np.exp(Z - Z.max(axis=0, keepdims=True)), np.exp(Z - Z.max(axis=1, keepdims=True))
    given = f"Z of shape {Z.shape}"
    try:
        got = call(fn, Z.copy(), given=given)
    except ExerciseError as e:
        if "could not be broadcast" in str(e):
            raise ExerciseError(_broadcast_message(fn, str(e), Z)) from None
        raise
    compare(got, softmax(Z), name, given, mistakes=[
        (E / E.sum(axis=1, keepdims=True), WRONG_AXIS),
        (E_col_max / E_col_max.sum(axis=1, keepdims=True), WRONG_AXIS),
        (E_row_max / E_row_max.sum(axis=0, keepdims=True), ROW_MAX),
        (E / E.sum(), "you divided by the sum over the whole matrix; each column (one example) sums to 1 on its own: "
                      "sum over axis=0 with keepdims=True"),
        (Z / Z.sum(axis=0, keepdims=True), "you forgot the exponential: softmax divides e^z by the sum of e^z"),
    ])
    # Large scores: the first case catches no shift at all, the second a shift by anything but the column's
    # maximum (its scores are far apart), the third the maximum of the whole matrix (its columns are far apart).
    _check_large_scores(fn, [[1000], [999], [998]], ("overflow", "invalid value"), OVERFLOW)
    _check_large_scores(fn, [[1000, -1000], [-1000, 1000], [0, 0]], ("overflow", "invalid value"), NOT_THE_MAX)
    _check_large_scores(fn, [[1000, -1000], [999, -1001], [998, -999]], ("invalid value", "divide by zero"),
                        WHOLE_MATRIX_MAX)
    return passed("softmax", "columns sum to 1, and scores of ±1000 do not overflow")


_NUMPY = os.path.dirname(np.__file__)


class _Reductions(np.ndarray):
    """Z as an array that notes every .sum, .max, .min and .mean taken of it or of arrays computed from it (np.sum,
    np.max, np.min and np.mean call these methods too): (name, axis, keepdims), in the order they ran, into `log`."""
    log = None

    def sum(self, *args, **kwargs):
        self._note("sum", args, kwargs, keepdims_at=3)
        return super().sum(*args, **kwargs)

    def max(self, *args, **kwargs):
        self._note("max", args, kwargs, keepdims_at=2)
        return super().max(*args, **kwargs)

    def min(self, *args, **kwargs):
        self._note("min", args, kwargs, keepdims_at=2)
        return super().min(*args, **kwargs)

    def mean(self, *args, **kwargs):
        self._note("mean", args, kwargs, keepdims_at=3)
        return super().mean(*args, **kwargs)

    def _note(self, name, args, kwargs, keepdims_at):
        caller = sys._getframe(2)
        while caller is not None and caller.f_code.co_filename.startswith(_NUMPY):
            if not caller.f_code.co_filename.endswith("fromnumeric.py"):
                return  # numpy's own use inside another function (np.median takes a mean): not the learner's
            caller = caller.f_back
        if _Reductions.log is not None:
            axis = kwargs.get("axis", args[0] if args else None)
            keepdims = kwargs.get("keepdims", args[keepdims_at] if len(args) > keepdims_at else False)
            _Reductions.log.append((name, axis, bool(keepdims)))


def _reductions_along_rows(fn, Z):
    """The reductions along each row (axis=1 without keepdims) that fn(Z) took before it failed, in order."""
    _Reductions.log = []
    try:
        fn(Z.copy().view(_Reductions))
    except Exception:  # the failure the check has seen already; what matters is what ran before it
        pass
    finally:
        log, _Reductions.log = _Reductions.log, None
    return [name for name, axis, keepdims in log if axis in (1, -1) and not keepdims]


def _broadcast_message(fn, error, Z):
    """What numpy's "could not be broadcast" says about a softmax of Z (n_classes, m): an array of shape
    (n_classes,) is a reduction along each row without keepdims; which one (sum or max) is found by running
    fn again on Z that notes its reductions. Only a reduction seen is named."""
    shape, n = Z.shape, Z.shape[0]
    down_columns = (f"Each column is one example: take sums and maxima down the columns, axis=0, with keepdims=True "
                    f"(shape (1, {shape[1]})), so that they act on every column")
    if re.search(rf"\({n},\)", error):
        seen = _reductions_along_rows(fn, Z)
        named = {"sum": "a sum", "max": "a maximum", "min": "a minimum", "mean": "a mean"}
        what = named.get(seen[-1]) if seen else None
        if what:
            return (f"an array of shape ({n},) does not line up with Z {shape}: {what} over axis=1 (along each row) "
                    f"without keepdims gives that. {down_columns}")
        return (f"an array of shape ({n},) does not line up with Z {shape}: one number per row, as a reduction along "
                f"each row (axis=1) without keepdims gives. {down_columns}")
    return (f"{fn.__name__} raised ValueError: {error.split(': ', 1)[-1]}. Every number that a column is shifted "
            f"by or divided by comes from that column: axis=0 with keepdims=True gives shape (1, {shape[1]}), which "
            f"lines up with Z {shape}")


def _check_large_scores(fn, rows, warnings, message):
    """fn(Z) for Z = np.array(rows) must equal softmax(Z); a warning that holds one of `warnings` raises `message`."""
    Z = np.array(rows, dtype=float)
    given = f"Z = {rows}"
    try:
        got = call(fn, Z.copy(), given=given)
    except ExerciseError as e:
        if any(w in str(e) for w in warnings):
            raise ExerciseError(message) from None
        raise
    compare(got, softmax(Z), fn.__name__, given)
