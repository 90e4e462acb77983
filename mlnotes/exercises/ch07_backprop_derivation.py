"""Checks for the exercises of 07_backprop_derivation: the softmax's Jacobian, and a softmax output under MSE."""
import numpy as np

from mlnotes.activations import softmax
from mlnotes.exercises.checking import call_unchanged, compare, fmt, passed, unambiguous
from mlnotes.gradcheck import numerical_gradient
from mlnotes.losses import mse, one_hot


def _cases():
    """(A, Y, Z) for three batches: 3 classes x 4 examples, 4 x 3, 2 x 5; every m > 1, so a lost m shows."""
    rng = np.random.default_rng(7)
    cases = []
    for n, m, labels in [(3, 4, [0, 2, 1, 2]), (4, 3, [3, 0, 1]), (2, 5, [1, 0, 0, 1, 1])]:
        Z = 1.5 * rng.normal(size=(n, m))
        cases.append((softmax(Z), one_hot(np.array(labels), n), Z))
    return cases


def check_softmax_jacobian(fn):
    """fn(a) must return the n x n matrix J[i, j] = da_i/dz_j = a_i (delta_ij - a_j) for a = softmax(z), 1-D.

    The expected value is measured: the numerical derivatives of softmax(z) with respect to z, one row per output.
    """
    for z in (np.array([0.3, -1.2, 1.1]), np.array([-0.4, 0.9, 0.2, -1.5])):
        a, n = softmax(z.reshape(-1, 1))[:, 0], z.size
        given = f"a = softmax(z) = {fmt(a)}"
        got = call_unchanged(fn, a, given=given, names="a")
        want = np.vstack([numerical_gradient(lambda v: softmax(v.reshape(-1, 1))[i, 0], z.copy(), eps=1e-5)
                          for i in range(n)])
        exact = np.diag(a) - np.outer(a, a)
        compare(got, want, fn.__name__, given, mistakes=unambiguous([
            (np.diag(a * (1 - a)), "that is only the diagonal, a_i (1 - a_i): each z_j also moves every OTHER output, "
                                   "da_i/dz_j = -a_i a_j for i != j (it is in the denominator of every a_i)"),
            (-np.outer(a, a), "you forgot delta_ij: on the diagonal da_i/dz_i = a_i (1 - a_i) = a_i - a_i a_i, "
                              "so J = diag(a) - (the products a_i a_j)"),
            (np.outer(a, 1 - a), "you wrote a_i (1 - a_j) everywhere: the 1 is delta_ij, 1 on the diagonal only; "
                                 "off the diagonal da_i/dz_j = -a_i a_j"),
            (np.diag(a) - a, "you wrote delta_ij a_i - a_j: the a_j term misses the factor a_i. "
                             "da_i/dz_j = a_i (delta_ij - a_j) = delta_ij a_i - a_i a_j"),
            (np.diag(a) - a.reshape(-1, 1), "you wrote delta_ij a_i - a_i: the second term misses the "
                                            "factor a_j. da_i/dz_j = delta_ij a_i - a_i a_j"),
            (2 * np.diag(a * (1 - a)) - exact, "the off-diagonal entries have the wrong sign: da_i/dz_j = -a_i a_j "
                                               "for i != j (raising z_j takes probability from every other output)"),
            (-exact, "the sign is flipped: da_i/dz_i = a_i (1 - a_i) is positive"),
        ]))
    return passed("softmax_jacobian", "3 and 4 outputs, against the numerical derivatives")


def check_softmax_mse_error(fn):
    """fn(A, Y) must return dZ = m dJ/dZ for A = softmax(Z) and J = mse(A, Y): each example's error signal.

    Column e is J_e^T (2 (a_e - y_e)), with the softmax Jacobian J_e[i, j] = da_i/dz_j = a_i (delta_ij - a_j);
    the expected value is measured: m times the numerical gradient of mse(softmax(Z), Y) with respect to Z.
    """
    for A, Y, Z in _cases():
        n, m = A.shape
        given = f"A {A.shape} = softmax(Z), Y {Y.shape} one-hot"
        got = call_unchanged(fn, A, Y, given=given, names="A Y")
        want = m * numerical_gradient(lambda z: mse(softmax(z), Y), Z.copy(), eps=1e-5)
        D = 2 * (A - Y)                                        # dJ_e/da for each example
        exact = A * (D - np.sum(A * D, axis=0, keepdims=True))  # J_e^T d_e, written out
        mistakes = [
            (D * A * (1 - A), "you multiplied 2 (A - Y) elementwise by a (1 - a), as for a sigmoid: that is only the "
                              "diagonal of the softmax's Jacobian. Each z_j moves EVERY output a_i "
                              "(da_i/dz_j = -a_i a_j for i != j), so dz_j adds up the paths through all the outputs: "
                              "dz_j = sum over i of dJ/da_i * da_i/dz_j"),
            (A - Y, "that is the shortcut dZ = A - Y, which holds for softmax with CROSS-ENTROPY; with the MSE "
                    "dJ/da = 2 (a - y), and the softmax's Jacobian does not cancel it"),
            (D, "you returned dJ/dA = 2 (A - Y): the softmax still sits between A and Z; take each example's "
                "2 (a - y) through the softmax's Jacobian da_i/dz_j = a_i (delta_ij - a_j)"),
            (exact / 2, "you dropped the 2: d/da (a - y)^2 = 2 (a - y)"),
            (exact / m, f"you divided by m (= {m}): like the notes' dz = y_hat - y, dZ is each example's error "
                        f"signal, m dJ/dZ; the 1/m of the mean comes in dW and db"),
            (-exact, "the sign is flipped: d/da (a - y)^2 = +2 (a - y)"),
            (A * (D + np.sum(A * D, axis=0, keepdims=True)),
             "the off-diagonal entries of the Jacobian have the wrong sign: da_i/dz_j = -a_i a_j for i != j "
             "(raising z_j takes probability away from every other output)"),
            (D - np.sum(A * D, axis=0, keepdims=True),
             "you left out the factor a_j: da_i/dz_j = a_i (delta_ij - a_j), so dz_j = a_j (d_j - sum_i a_i d_i)"),
            (A * (D - np.sum(A * D, axis=1, keepdims=True)),
             "you summed over the examples (axis 1): each example has its own softmax and its own Jacobian; the sum "
             "of the chain rule runs over the OUTPUTS i of one example (axis 0, one column)"),
            (np.diag(A[:, -1]) @ D - np.outer(A[:, -1], A[:, -1]) @ D,
             "every example got the Jacobian of the LAST example: build J_e from column e of A inside the loop"),
            (np.diag(A[:, 0]) @ D - np.outer(A[:, 0], A[:, 0]) @ D,
             "every example got the Jacobian of the FIRST example: build J_e from column e of A inside the loop"),
        ]
        compare(got, want, fn.__name__, given, mistakes=unambiguous(mistakes))
    return passed("softmax_mse_error", "3, 4 and 2 classes; compared with m times the numerical gradient")
