"""Checks for the exercises of 08_autograd: the chain rule inside an autograd engine."""
import numpy as np

from mlnotes.exercises.checking import (
    ExerciseError,
    as_result,
    call,
    call_unchanged,
    close,
    compare,
    fmt,
    passed,
    unambiguous,
)


def check_accumulate(fn):
    """fn(uses) must return a node's gradient from its uses: sum of grad_user * local over [(grad_user, local), ...]."""
    # Case 1 has no coincidence: the sum of the terms differs from their product, from the product of the
    # locals or of the gradients, and from every other mistake below. In case 2 the first, the last and the mean
    # term are one number (x * x uses x twice alike), so those mistakes are not named there (unambiguous).
    cases = [[(2.0, 0.5), (-1.5, 3.0), (0.25, -2.0)],  # three uses, every term different
             [(2.0, 3.0), (2.0, 3.0)],                 # y = x * x at x = 3, dL/dy = 2: two uses of x
             [(1.5, 2.0)]]                             # one use
    for uses in cases:
        given = f"uses={uses}"
        terms = [g * local for g, local in uses]
        want = sum(terms)
        mistakes = [(sum(g for g, _ in uses), "you added the users' gradients without the local derivatives: "
                                              "each use contributes grad_user × d(user)/d(node) (the chain rule)"),
                    (sum(local for _, local in uses), "you added the local derivatives without the users' gradients: "
                                                      "each use contributes grad_user × d(user)/d(node)"),
                    (float(np.prod(terms)), "you multiplied the terms; the chain rule multiplies along one path "
                                            "and ADDS over the paths (one per use)"),
                    (want / len(uses), "you averaged the terms; a node used twice gets the sum of both")]
        if len(uses) > 1:
            mistakes = [(terms[-1], "you kept only the last use: `grad = ...` overwrites the term of the use "
                                    "before; a node used several times needs `grad += ...` for each use"),
                        (terms[0], "you kept only the first use: add the term of every use")] + mistakes
        compare(call(fn, list(uses), given=given), want, fn.__name__, given, mistakes=unambiguous(mistakes))
    return passed("accumulate", "a node used once, twice (x * x) and three times")


def check_bias_backward(fn):
    """fn(g) must return db = the sum of g over its m columns, shape (n, 1), for Z = M + b with b of shape (n, 1)."""
    # Rows that are no arithmetic sequence: their median (or middle) is not their mean, and m * median,
    # first + last or max + min do not make the sum
    g = np.array([[1.0, -2.0, 0.5, 4.5], [3.0, 0.25, -1.0, 7.0], [-0.5, 2.0, 6.0, -3.5]])  # n = 3, m = 4
    given = f"g of shape {g.shape}"
    got = call_unchanged(fn, g, given=given, names="g")
    arr = as_result(got, fn.__name__, given)
    want = g.sum(axis=1, keepdims=True)
    if arr.shape == g.shape:
        what = "g itself" if close(arr, g) else "an array of g's shape"
        raise ExerciseError(f"you returned {what}, of shape (3, 4); b has shape (3, 1): numpy used each b_j in all "
                            "4 columns, so its gradient is the sum of g over the columns (axis=1)")
    if arr.shape in ((1, 4), (4,)):
        over_axis_0 = {"summed": g.sum(axis=0), "averaged": g.mean(axis=0)}
        verb = next((verb for verb, value in over_axis_0.items() if close(arr.ravel(), value)), None)
        if verb:
            raise ExerciseError(f"you {verb} over axis 0, the neurons; b_j was added to every column of row j: "
                                f"sum over the columns, axis=1")
        raise ExerciseError(f"{fn.__name__}({given}) returned shape {arr.shape}, one number per column (example); "
                            f"b has one entry per neuron (row): sum g over the columns, axis=1, keepdims=True")
    if arr.shape == (3,) and close(arr, want.ravel()):
        raise ExerciseError(f"right numbers {fmt(arr)}, but of shape (3,): the gradient must have b's shape "
                            f"(3, 1): g.sum(axis=1, keepdims=True)")
    averaged = ("you averaged over the columns; each use of b_j adds its term, so sum "
                "(the 1/m of F14 is in g already, from the mean in the loss)")
    compare(arr, want, fn.__name__, given, mistakes=[
        (g.mean(axis=1, keepdims=True), averaged),
        (g.mean(axis=1), averaged),
        (g.sum(), "you summed every entry of g into one number; b has one entry per neuron: sum over the columns "
                  "only, g.sum(axis=1, keepdims=True)"),
    ])
    return passed("bias_backward", "the gradient of a broadcast bias is summed over the columns it was copied into")


def check_matmul_backward(fn):
    """fn(g, A, B) must return (dA, dB) = (g @ B.T, A.T @ g), the gradients of C = A @ B given g = dL/dC."""
    rng = np.random.default_rng(8)
    for n, k, m in ((2, 3, 4), (3, 3, 3)):
        A, B, g = rng.normal(size=(n, k)), rng.normal(size=(k, m)), rng.normal(size=(n, m))
        given = f"g {g.shape}, A {A.shape}, B {B.shape}"
        try:
            got = call_unchanged(fn, g, A, B, given=given, names="g A B")
        except ExerciseError as e:
            if "matmul" in str(e) or "shape" in str(e):
                raise ExerciseError(f"{e}. Each gradient has the shape of its matrix: dA is {A.shape} like A and "
                                    f"dB is {B.shape} like B; with g {g.shape}, which products give those shapes?") \
                    from None
            raise
        if not isinstance(got, (tuple, list)) or len(got) != 2:
            raise ExerciseError(f"{fn.__name__}({given}) must return two arrays, (dA, dB), got {type(got).__name__}")
        dA, dB = (as_result(x, fn.__name__, given) for x in got)
        if n != k and dA.shape == B.shape and dB.shape == A.shape:
            raise ExerciseError("you returned (dB, dA): return the gradient of A first, then that of B")
        square = n == k == m  # only then do the wrong orders have the right shape, so only then can they come
        again = (f"you divided by m = {m}: the 1/m is already in g (the loss is a mean over the m examples, so "
                 f"g = dL/dC carries it); the product alone is the gradient")
        compare(dA, g @ B.T, fn.__name__ + " (dA)", given, mistakes=[
            (B @ g.T, "you computed the transpose of dA: B g^T = (g B^T)^T. dA = g B^T has the shape of A"),
            (g @ B.T / m, again)] + ([
                (g @ B, "dA needs B transposed: dA = g B^T (in notebook 06: dW = dZ A^T)"),
                (B.T @ g, "the order matters in a matrix product: dA = g B^T, not B^T g")] if square else []))
        compare(dB, A.T @ g, fn.__name__ + " (dB)", given, mistakes=[
            (g.T @ A, "you computed the transpose of dB: g^T A = (A^T g)^T. dB = A^T g has the shape of B"),
            (A.T @ g / m, again)] + ([
                (A @ g, "dB needs A transposed: dB = A^T g (in notebook 06: dA = W^T dZ)"),
                (g @ A.T, "the order matters in a matrix product: dB = A^T g, not g A^T")] if square else []))
    return passed("matmul_backward", "a 2×3 @ 3×4 product and a square one")
