"""The check of 07_backprop_derivation accepts right answers and names each mistake it claims to catch."""
import numpy as np
import pytest

from mlnotes.activations import softmax
from mlnotes.exercises import ExerciseError, check_softmax_jacobian, check_softmax_mse_error
from mlnotes.gradcheck import numerical_gradient, relative_error
from mlnotes.losses import mse, one_hot

# --- check_softmax_jacobian ------------------------------------------------------------------

def softmax_jacobian(a):
    n = len(a)
    jacobian = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            jacobian[i, j] = a[i] * ((i == j) - a[j])
    return jacobian


@pytest.mark.parametrize("right", [
    softmax_jacobian,
    lambda a: np.diag(a) - np.outer(a, a),
    lambda a: [[a[i] * (float(i == j) - a[j]) for j in range(len(a))] for i in range(len(a))],
    lambda a: np.einsum("i,ij->ij", a, np.eye(len(a)) - a),
    lambda a: softmax_jacobian(np.asarray(a, dtype=np.float32)),
], ids=["double loop", "diag - outer", "lists", "einsum", "float32"])
def test_softmax_jacobian_accepts(right, capsys):
    assert check_softmax_jacobian(right) is True
    assert capsys.readouterr().out == ("✓ softmax_jacobian: correct (3 and 4 outputs, against the numerical "
                                       "derivatives)\n")


def in_place_jacobian(a):
    a *= -1  # the caller's a is gone
    return np.diag(-a) - np.outer(a, a)


SOFTMAX_JACOBIAN_MISTAKES = [
    (lambda a: np.diag(a * (1 - a)), r"that is only the diagonal, a_i \(1 - a_i\)"),
    (lambda a: -np.outer(a, a), "you forgot delta_ij"),
    (lambda a: np.outer(a, 1 - a), r"you wrote a_i \(1 - a_j\) everywhere"),
    (lambda a: np.diag(a) - a, "you wrote delta_ij a_i - a_j: the a_j term misses the factor a_i"),
    (lambda a: np.diag(a) - a.reshape(-1, 1), "you wrote delta_ij a_i - a_i: the second term misses the factor a_j"),
    (lambda a: np.diag(a * (1 - a)) + np.outer(a, a) - np.diag(a * a),
     "the off-diagonal entries have the wrong sign"),
    (lambda a: np.outer(a, a) - np.diag(a), "the sign is flipped"),
    (lambda a: softmax_jacobian(a)[0], r"returned shape \(3,\), expected shape \(3, 3\)"),
    (lambda a: softmax_jacobian(a) + 0.01, r"(?s)<lambda>\(a = softmax\(z\) = \[.*\]\) returned \[\[.*expected"),
    (lambda a: None, "returned None"),
    (in_place_jacobian, "changed its argument a in place"),
]


@pytest.mark.parametrize("wrong, message", SOFTMAX_JACOBIAN_MISTAKES,
                         ids=[m[:40] for _, m in SOFTMAX_JACOBIAN_MISTAKES])
def test_softmax_jacobian_names_each_mistake(wrong, message):
    with pytest.raises(ExerciseError, match=message):
        check_softmax_jacobian(wrong)


def test_the_jacobian_mistakes_give_distinct_values():
    from mlnotes.exercises.checking import close
    for z in (np.array([0.3, -1.2, 1.1]), np.array([-0.4, 0.9, 0.2, -1.5])):
        a = softmax(z.reshape(-1, 1))[:, 0]
        named = SOFTMAX_JACOBIAN_MISTAKES[:7]
        values = [softmax_jacobian(a)] + [np.asarray(w(a.copy()), dtype=float) for w, _ in named]
        assert not any(close(values[i], values[j]) for i in range(len(values)) for j in range(i + 1, len(values)))


# --- check_softmax_mse_error (a softmax output under the MSE: the full Jacobian) ---------------


def softmax_mse_error(A, Y):
    """The notebook's solution: one example at a time, through its Jacobian."""
    dA = 2 * (A - Y)
    dZ = np.zeros(A.shape)
    for e in range(A.shape[1]):
        a = A[:, e]
        jacobian = np.diag(a) - np.outer(a, a)
        dZ[:, e] = jacobian.T @ dA[:, e]
    return dZ


def written_out(A, Y):
    D = 2 * (A - Y)
    return A * (D - np.sum(A * D, axis=0, keepdims=True))


def double_loop(A, Y):
    n, m = A.shape
    dZ = [[0.0] * m for _ in range(n)]
    for e in range(m):
        for j in range(n):
            for i in range(n):
                dZ[j][e] += 2 * (A[i, e] - Y[i, e]) * A[i, e] * ((i == j) - A[j, e])
    return dZ


def by_einsum(A, Y):
    n = A.shape[0]
    jacobians = np.einsum("ie,ij->eij", A, np.eye(n)) - np.einsum("ie,je->eij", A, A)
    return np.einsum("eij,ie->je", jacobians, 2 * (A - Y))


def in_float32(A, Y):
    return softmax_mse_error(A.astype(np.float32), Y.astype(np.float32))


def in_place(A, Y):
    A -= Y  # the caller's A is gone
    return A


def jacobian_of(column):
    """The right loop, with the Jacobian of example `column` for every example (a loop variable reused)."""
    def wrong(A, Y):
        a = A[:, column]
        return (np.diag(a) - np.outer(a, a)) @ (2 * (A - Y))
    return wrong


def test_the_check_measures_what_the_solution_computes():
    rng = np.random.default_rng(0)
    Z, Y = rng.normal(size=(4, 6)), one_hot(rng.integers(0, 4, size=6), 4)
    numeric = 6 * numerical_gradient(lambda z: mse(softmax(z), Y), Z.copy(), eps=1e-5)
    assert relative_error(softmax_mse_error(softmax(Z), Y), numeric) < 1e-9


@pytest.mark.parametrize("right", [softmax_mse_error, written_out, double_loop, by_einsum, in_float32],
                         ids=["jacobian loop", "written out", "double loop, lists", "einsum", "float32"])
def test_softmax_mse_error_accepts(right, capsys):
    assert check_softmax_mse_error(right) is True
    assert capsys.readouterr().out == ("✓ softmax_mse_error: correct (3, 4 and 2 classes; compared with m times the "
                                       "numerical gradient)\n")


SOFTMAX_MSE_MISTAKES = [
    (lambda A, Y: 2 * (A - Y) * A * (1 - A), r"elementwise by a \(1 - a\), as for a sigmoid: that is only the "
                                             r"diagonal of the softmax's Jacobian"),
    (lambda A, Y: A - Y, "that is the shortcut dZ = A - Y, which holds for softmax with CROSS-ENTROPY"),
    (lambda A, Y: 2 * (A - Y), r"you returned dJ/dA = 2 \(A - Y\): the softmax still sits between A and Z"),
    (lambda A, Y: written_out(A, Y) / 2, "you dropped the 2"),
    (lambda A, Y: written_out(A, Y) / A.shape[1], r"you divided by m \(= 4\)"),
    (lambda A, Y: -softmax_mse_error(A, Y), "the sign is flipped"),
    (lambda A, Y: A * (2 * (A - Y) + np.sum(A * 2 * (A - Y), axis=0)),
     "the off-diagonal entries of the Jacobian have the wrong sign"),
    (lambda A, Y: 2 * (A - Y) - np.sum(A * 2 * (A - Y), axis=0), "you left out the factor a_j"),
    (lambda A, Y: A * (2 * (A - Y) - np.sum(A * 2 * (A - Y), axis=1, keepdims=True)),
     r"you summed over the examples \(axis 1\)"),
    (jacobian_of(-1), "every example got the Jacobian of the LAST example"),
    (jacobian_of(0), "every example got the Jacobian of the FIRST example"),
    (lambda A, Y: softmax_mse_error(A, Y).T, r"returned shape \(4, 3\), expected shape \(3, 4\)"),
    (lambda A, Y: softmax_mse_error(A, Y)[:, 0], r"returned shape \(3,\), expected shape \(3, 4\)"),
    (lambda A, Y: softmax_mse_error(A, Y) + 0.01,
     r"(?s)<lambda>\(A \(3, 4\) = softmax\(Z\), Y \(3, 4\) one-hot\) returned \[\[.*, expected \[\["),
    (lambda A, Y: None, "returned None: did you forget `return`"),
    (in_place, r"changed its argument A in place"),
    (lambda A, Y: np.log(A - Y), "gave a warning: invalid value encountered in log"),
]


@pytest.mark.parametrize("wrong, message", SOFTMAX_MSE_MISTAKES, ids=[m[:40] for _, m in SOFTMAX_MSE_MISTAKES])
def test_softmax_mse_error_names_each_mistake(wrong, message):
    with pytest.raises(ExerciseError, match=message):
        check_softmax_mse_error(wrong)


def test_the_named_mistakes_give_distinct_values():
    # Every mistake's value differs from the answer and from every other mistake's in the cases with 3 and
    # 4 classes, which come first, so each is named there. With 2 classes and one-hot labels the sigmoid-like
    # diagonal a1 (1 - a1) d1 = a1 a2 d1 is exactly half the answer a1 a2 (d1 - d2), d1 - d2 = 2 d1: unambiguous()
    # drops both messages in that case, and the numbers are shown instead.
    from mlnotes.exercises.ch07_backprop_derivation import _cases
    from mlnotes.exercises.checking import close, unambiguous
    named = SOFTMAX_MSE_MISTAKES[:11]
    for A, Y, _ in _cases():
        values = [softmax_mse_error(A, Y)] + [np.asarray(wrong(A.copy(), Y.copy()), dtype=float) for wrong, _ in named]
        clashes = [(i, j) for i in range(len(values)) for j in range(i + 1, len(values)) if close(values[i], values[j])]
        assert clashes == ([] if A.shape[0] > 2 else [(1, 4)])
        assert len(unambiguous([(v, "") for v in values[1:]])) == len(named) - 2 * len(clashes)


def test_two_classes_name_no_mistake_when_two_give_that_value():
    def right_until_two_classes(A, Y):
        return softmax_mse_error(A, Y) if A.shape[0] > 2 else softmax_mse_error(A, Y) / 2

    with pytest.raises(ExerciseError, match=r"(?s)^right_until_two_classes\(A \(2, 5\) .* returned .*, expected"):
        check_softmax_mse_error(right_until_two_classes)
