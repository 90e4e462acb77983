"""Checks for the exercises of 00_welcome."""
import numpy as np

from mlnotes.exercises.checking import (
    ExerciseError,
    as_result,
    call_unchanged,
    compare,
    fmt,
    passed,
    reject_one_per_input,
)


def check_weighted_sum(fn):
    """fn(x, w, b) must return z = sum_i w_i x_i + b (a number) for 1-D x and w."""
    cases = [(np.array([1.0, 2.0, 3.0]), np.array([0.5, -1.0, 2.0]), 0.25),
             (np.array([-1.0, 4.0]), np.array([3.0, 0.5]), -2.0)]
    for x, w, b in cases:
        given = f"x={fmt(x)}, w={fmt(w)}, b={b:g}"
        got = call_unchanged(fn, x, w, b, given=given, names="x w b")
        if isinstance(got, str):  # np.asarray("4.75", dtype=float) would read it as the number
            raise ExerciseError(f"{fn.__name__}({given}) returned the text {got!r}; return the number itself, "
                                f"not a string")
        reject_one_per_input(got, x, fn.__name__, given,
                             "add the products w_i x_i up into a single number (np.sum or a loop)")
        got = as_result(got, fn.__name__, given)
        if got.size == 1 and got.ndim > 0:
            raise ExerciseError(f"{fn.__name__}({given}) returned an array of shape {got.shape}: "
                                "expected a single number, not an array of one: "
                                "return z itself, e.g. np.sum(w * x) + b")
        want = np.sum(w * x) + b
        compare(got, want, fn.__name__, given, mistakes=[
            (want - b, "you forgot the bias: z = sum_i w_i x_i + b"),
            (want - 2 * b, "you subtracted the bias; it is added: z = sum_i w_i x_i + b"),
            (want + (len(x) - 1) * b, "you added b to every term; the bias is added once, after the sum"),
            (np.mean(w * x) + b, "you averaged the products (np.mean); z adds them up: np.sum(w * x) + b"),
        ])
    return passed("weighted_sum", f"{len(cases)} cases")


def check_example_column(fn):
    """fn(X, k) must return example k of X (examples are columns) as a column of shape (n_features, 1)."""
    X = np.arange(12.0).reshape(3, 4)  # 3 features, 4 examples
    for k in (2, 0):
        given = f"X of shape {X.shape}, k={k}"
        got = call_unchanged(fn, X, k, given=given, names="X k")
        arr = as_result(got, fn.__name__, given)
        if arr.size == 4 and np.allclose(arr.ravel(), X[k]):
            raise ExerciseError(f"you returned row {k} of X, which is feature {k} of every example; "
                                f"examples are the columns of X: take column k with X[:, k]")
        if arr.shape == (1, 3):
            raise ExerciseError("you returned a row, of shape (1, 3); examples are columns: "
                                "return example k as a column of shape (3, 1), e.g. X[:, [k]]")
        if arr.shape == (3,) and np.allclose(arr, X[:, k]):
            raise ExerciseError("right numbers, but as a 1-D array of shape (3,): keep it a column of shape (3, 1), "
                                "e.g. X[:, [k]] or X[:, k].reshape(-1, 1)")
        compare(arr, X[:, [k]], fn.__name__, given)
    return passed("example_column", "examples are columns, and a column stays 2-D")
