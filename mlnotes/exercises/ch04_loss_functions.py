"""Checks for the exercises of 04_loss_functions. The loss checks call f(y_hat, y), like mlnotes.losses."""
import numpy as np

from mlnotes.activations import softmax
from mlnotes.exercises.checking import ExerciseError, call, compare, fmt, passed

#: (y_hat, y) pairs: 1-D arrays of m predictions and m labels, errors of both signs and of different sizes,
#: so that each typical mistake gives its own number.
CASES = [(np.array([2.5, 0.0, 2.0, 8.0, -1.0]), np.array([3.0, -0.5, 2.25, 6.0, -0.25])),
         (np.array([1.0, 4.0, -2.0, 0.5]), np.array([0.0, 5.5, -2.5, 3.0]))]


def _check_loss(fn, what, want, mistakes):
    """Run fn(y_hat, y) on CASES against want(e), naming mistakes(e, m); e = y - y_hat, m examples."""
    for y_hat, y in CASES:
        given = f"y_hat={fmt(y_hat)}, y={fmt(y)}"
        got = call(fn, y_hat.copy(), y.copy(), given=given)
        if np.shape(got) == y.shape:
            raise ExerciseError(f"{fn.__name__}({given}) returned {y.size} numbers, one per example: "
                                f"a loss is one number, the mean over the m examples")
        e = y - y_hat
        compare(got, want(e), fn.__name__, given, mistakes=mistakes(e, e.size))
    return passed(what, f"{len(CASES)} cases, m = {CASES[0][1].size} and m = {CASES[1][1].size}")


def check_mse(fn):
    """fn(y_hat, y) must return MSE = (1/m) sum_i (y_i - y_hat_i)^2 for 1-D arrays (F6)."""
    return _check_loss(fn, "mse", lambda e: np.mean(e ** 2), lambda e, m: [
        (np.sum(e ** 2), "MSE without the mean: you summed the squared errors; divide by m (np.mean does both)"),
        (np.mean(e), "you forgot to square the errors: MSE = (1/m) sum_i (y_i - y_hat_i)^2"),
        (-np.mean(e), "you forgot to square the errors: MSE = (1/m) sum_i (y_i - y_hat_i)^2"),
        (np.mean(np.abs(e)), "that is MAE (absolute errors); MSE squares the errors"),
        (np.sqrt(np.mean(e ** 2)), "that is RMSE: MSE has no square root"),
        (np.mean(e) ** 2, "you squared the mean error; square each error first, then take the mean"),
        (np.sum(e ** 2) / (m - 1), "divide by m, the number of examples, not m - 1"),
    ])


def check_mae(fn):
    """fn(y_hat, y) must return MAE = (1/m) sum_i |y_i - y_hat_i| for 1-D arrays (F5)."""
    no_abs = ("MAE without the absolute value of each error: positive and negative errors cancel "
              "(taking |.| of the mean afterwards is too late): (1/m) sum_i |y_i - y_hat_i|")
    return _check_loss(fn, "mae", lambda e: np.mean(np.abs(e)), lambda e, m: [
        (np.mean(e), no_abs),
        (-np.mean(e), no_abs),
        (np.sum(np.abs(e)), "MAE without the mean: you summed the absolute errors; divide by m (np.mean does both)"),
        (np.mean(e ** 2), "that is MSE (squared errors); MAE takes absolute values"),
        (np.sum(np.abs(e)) / (m - 1), "divide by m, the number of examples, not m - 1"),
    ])


def check_rmse(fn):
    """fn(y_hat, y) must return RMSE = sqrt((1/m) sum_i (y_i - y_hat_i)^2) for 1-D arrays (F7)."""
    return _check_loss(fn, "rmse", lambda e: np.sqrt(np.mean(e ** 2)), lambda e, m: [
        (np.mean(np.sqrt(e ** 2)), "RMSE as the mean of square roots: sqrt(e^2) is |e|, so that is MAE. "
                                   "Average the squared errors first, then take one square root of the mean"),
        (np.mean(e ** 2), "you forgot the square root: that is MSE"),
        (np.sqrt(np.sum(e ** 2)), "RMSE without the mean: the root is of (1/m) sum_i (y_i - y_hat_i)^2"),
        (np.sqrt(np.sum(e ** 2)) / m, "you divided by m outside the root; the mean goes inside: sqrt(sum / m)"),
        (np.abs(np.mean(e)), "you took the root of the squared mean error; square each error first, then average"),
    ])


OVERFLOW = ("your softmax overflows for a score of 1000: e^1000 is inf, and inf / inf is nan. Subtract each "
            "column's largest score first (np.max(Z, axis=0, keepdims=True)); it cancels in the fraction, so "
            "the result is the same, and every exponent is then <= 0")


def check_softmax(fn):
    """fn(Z) must return e^Z / sum over each column of e^Z: Z (n_classes, m), one column per example."""
    name = fn.__name__
    Z = np.array([[1.0, -2.0, 0.5, 3.0], [2.0, 0.0, 0.5, -1.0], [0.5, 1.0, 0.5, 0.0]])
    E = np.exp(Z)
    given = f"Z of shape {Z.shape}"
    try:
        got = call(fn, Z.copy(), given=given)
    except ExerciseError as e:
        if "could not be broadcast" in str(e):
            raise ExerciseError("the sums do not line up with Z: sum over axis=0 (down each column) and pass "
                                "keepdims=True, so that the sums have shape (1, m) and divide every column") from None
        raise
    compare(got, softmax(Z), name, given, mistakes=[
        (E / E.sum(axis=1, keepdims=True), "softmax over the wrong axis: you made each row sum to 1. Each column is "
                                           "one example, so normalise down the columns: axis=0"),
        (E / E.sum(), "you divided by the sum over the whole matrix; each column (one example) sums to 1 on its own: "
                      "sum over axis=0 with keepdims=True"),
        (Z / Z.sum(axis=0, keepdims=True), "you forgot the exponential: softmax divides e^z by the sum of e^z"),
    ])
    column = np.array([[1000.0], [999.0], [998.0]])
    try:
        got = call(fn, column.copy(), given="Z = [[1000], [999], [998]]")
    except ExerciseError as e:
        if "overflow" in str(e) or "invalid value" in str(e):
            raise ExerciseError(OVERFLOW) from None
        raise
    compare(got, softmax(column), name, "Z = [[1000], [999], [998]]")
    far_apart = np.array([[1000.0, -1000.0], [999.0, -1001.0], [998.0, -999.0]])
    given = "Z = [[1000, -1000], [999, -1001], [998, -999]]"
    try:
        got = call(fn, far_apart.copy(), given=given)
    except ExerciseError as e:
        if "invalid value" in str(e) or "divide by zero" in str(e):
            raise ExerciseError("subtract each column's own maximum (axis=0, keepdims=True), not the largest score "
                                "of the whole matrix: a column of very negative scores then becomes e^(-2000) = 0 "
                                "everywhere, and 0 / 0 is nan") from None
        raise
    compare(got, softmax(far_apart), name, given)
    return passed("softmax", "columns sum to 1, and scores of ±1000 do not overflow")
