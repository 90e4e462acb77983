"""Every check accepts a right answer and catches each mistake it claims to, by name."""
import numpy as np
import pytest

from mlnotes import exercises
from mlnotes.activations import sigmoid
from mlnotes.exercises import (
    ExerciseError,
    check_count_parameters,
    check_example_column,
    check_forward,
    check_weighted_sum,
)
from mlnotes.exercises.checking import call, not_done_message


def not_written(*args):
    raise NotImplementedError()


CHECKS = [getattr(exercises, name) for name in sorted(dir(exercises)) if name.startswith("check_")]


@pytest.mark.parametrize("check", CHECKS, ids=[check.__name__ for check in CHECKS])
def test_every_check_says_an_exercise_is_not_written_yet(check):
    with pytest.raises(NotImplementedError, match="not_written is not written yet: replace `raise NotImplementedError"):
        check(not_written)


ODD_ANSWERS = {"None": None, "a string": "x", "a ragged list": [[1], [2, 3]], "a dict": {}, "an object": object(),
               "a pair of arrays of two shapes": (np.zeros(3), np.zeros(2)), "a ragged pair": ([1, [2]], 3),
               "three strings": ("a", "b", "c"), "two Nones": (None, None), "nan": np.array([np.nan]),
               "a 7 x 7 matrix": np.zeros((7, 7)), "a complex number": 1j, "an empty array": np.array([])}


@pytest.mark.parametrize("check", CHECKS, ids=[check.__name__ for check in CHECKS])
def test_no_answer_makes_a_check_crash(check):
    # Only ExerciseError, whatever comes back: ragged lists and strings made np.shape or fmt raise inside checks.
    for what, answer in ODD_ANSWERS.items():
        with pytest.raises(ExerciseError):
            check(lambda *args, answer=answer: answer)
            pytest.fail(f"{check.__name__} accepted {what}")


def test_exercise_error_is_an_assertion_error():
    assert issubclass(ExerciseError, AssertionError)


def test_the_machinery():
    with pytest.raises(NotImplementedError, match="not_written is not written yet: replace `raise NotImplementedError"):
        call(not_written, 1)
    assert not_done_message("f").startswith("f is not written yet")
    with pytest.raises(ExerciseError, match=r"pass your function itself .* got float"):
        call(1.5)
    with pytest.raises(ExerciseError, match=r"f\(2\) raised ZeroDivisionError"):
        call(_divide_by_zero, 2, given="2")
    with pytest.raises(ExerciseError, match="gave a warning: overflow encountered in exp"):
        call(lambda z: np.exp(z), np.array([1000.0]))


def test_underflow_to_zero_is_not_a_mistake():
    # A stable sigmoid computes e^(-1000), which rounds to 0: right, and no reason to reject it.
    assert call(lambda z: np.exp(-np.abs(z)), np.array([-1000.0, 1000.0])).tolist() == [0.0, 0.0]


def _divide_by_zero(x):
    return x / 0


_divide_by_zero.__name__ = "f"


# --- check_weighted_sum -------------------------------------------------------------

def weighted_sum(x, w, b):
    return float(np.dot(w, x) + b)


@pytest.mark.parametrize("wrong, message", [
    (lambda x, w, b: float(np.dot(w, x)), "you forgot the bias"),
    (lambda x, w, b: float(np.dot(w, x) - b), "you subtracted the bias"),
    (lambda x, w, b: float(np.sum(w * x + b)), "you added b to every term"),
    (lambda x, w, b: w * x + b, "returned 3 numbers, one per input"),
    (lambda x, w, b: None, "returned None: did you forget `return`"),
    (lambda x, w, b: float(np.sum(w + x) + b), r"returned 7.75, expected 4.75"),
    (lambda x, w, b: np.array([np.dot(w, x) + b]), r"shape \(1,\): expected a single number, not an array of one"),
    (lambda x, w, b: [[np.dot(w, x) + b]], r"shape \(1, 1\): expected a single number, not an array of one"),
])
def test_weighted_sum(wrong, message, capsys):
    assert check_weighted_sum(weighted_sum) is True
    assert capsys.readouterr().out == "✓ weighted_sum: correct (2 cases)\n"
    with pytest.raises(ExerciseError, match=message):
        check_weighted_sum(wrong)
    with pytest.raises(NotImplementedError):
        check_weighted_sum(not_written)


# --- check_example_column -----------------------------------------------------------

@pytest.mark.parametrize("wrong, message", [
    (lambda X, k: X[k], "you returned row 2 of X"),
    (lambda X, k: X[[k]], "you returned row 2 of X"),
    (lambda X, k: X[:, k], r"right numbers, but as a 1-D array of shape \(3,\)"),
    (lambda X, k: X[:, [k + 1]], r"returned \[\[ 3\.\],"),
    (lambda X, k: X[:, [k]].T, r"you returned a row, of shape \(1, 3\); examples are columns"),
    (lambda X, k: X[:, [k + 1]].T, r"you returned a row, of shape \(1, 3\); examples are columns"),
])
def test_example_column(wrong, message):
    assert check_example_column(lambda X, k: X[:, [k]])
    assert check_example_column(lambda X, k: X[:, k].reshape(-1, 1))
    with pytest.raises(ExerciseError, match=message):
        check_example_column(wrong)


# --- check_count_parameters ---------------------------------------------------------

def count(sizes):
    return sum(n * p + n for p, n in zip(sizes[:-1], sizes[1:]))


@pytest.mark.parametrize("wrong, message", [
    (lambda s: sum(n * p for p, n in zip(s[:-1], s[1:])), "counted the weights but not the biases"),
    (lambda s: count(s) + s[0], "gave the input layer biases too"),
    (lambda s: sum(s), "you counted neurons"),
    (lambda s: sum(s[1:]), "you counted only the biases"),
    (lambda s: 13, r"<lambda>\(\[64, 32, 10\]\) returned 13, expected 2410"),
    (lambda s: count(s[:-1]), "you left out the output layer's weights and biases: is your loop one layer short"),
    (lambda s: count(s[1:]), "you left out the first layer's weights and biases"),
    (lambda s: count([s[0], s[1], s[-1]]), r"your count fits a network with one hidden layer; \[2, 3, 4, 1\] has 2"),
    # written for one hidden layer: right for [64, 32, 10], the output layer missing for [2, 3, 4, 1]
    (lambda s: s[0] * s[1] + s[1] + (s[1] * s[2] + s[2] if len(s) > 2 else 0), "or written for one hidden layer"),
])
def test_count_parameters(wrong, message, capsys):
    assert check_count_parameters(count)
    assert capsys.readouterr().out == "✓ count_parameters: correct (4 networks, from [4, 1] to [64, 32, 10])\n"
    with pytest.raises(ExerciseError, match=message):
        check_count_parameters(wrong)


def off_by_one(sizes):
    """Right on the first two networks; on [2, 3, 1] it skips the output layer, which gives 9, the weights alone."""
    if len(sizes) != 3 or sizes[0] != 2:
        return count(sizes)
    return count(sizes[:-1])


def test_count_parameters_names_no_mistake_when_two_give_that_count():
    # On [2, 3, 1] both "the weights without the biases" and "the output layer left out" give 9:
    # naming either could send the learner the wrong way, so the check shows the numbers instead.
    assert count([2, 3]) == sum(n * p for p, n in zip([2, 3], [3, 1])) == 9
    with pytest.raises(ExerciseError, match=r"^off_by_one\(\[2, 3, 1\]\) returned 9, expected 13$"):
        check_count_parameters(off_by_one)


# --- check_forward ------------------------------------------------------------------

def forward(X, W1, b1, W2, b2):
    return sigmoid(W2 @ sigmoid(W1 @ X + b1) + b2)


@pytest.mark.parametrize("wrong, message", [
    (lambda X, W1, b1, W2, b2: sigmoid(W2 @ (W1 @ X + b1) + b2), "the hidden layer needs its activation"),
    (lambda X, W1, b1, W2, b2: W2 @ sigmoid(W1 @ X + b1) + b2, "the output layer needs its activation too"),
    (lambda X, W1, b1, W2, b2: sigmoid(W2 @ sigmoid(W1 @ X) + b2), "you forgot the bias b1"),
    (lambda X, W1, b1, W2, b2: sigmoid(W2 @ sigmoid(W1 @ X + b1)), "you forgot the bias b2"),
    (lambda X, W1, b1, W2, b2: forward(X, W1, b1, W2, b2)[0], r"returned shape \(1,\), expected \(1, 1\)"),
    (lambda X, W1, b1, W2, b2: sigmoid(W2 @ sigmoid(W1.T @ X + b1) + b2), "raised ValueError"),
    (lambda X, W1, b1, W2, b2: sigmoid(W2 @ sigmoid(W1.T @ X + b1) + b2),
     r"raised ValueError in a matrix product: W1 is \(3, 2\).* "
     r"W1 @ X is \(3, 2\) @ \(2, m\) -> \(3, m\), with no transpose"),
    (lambda X, W1, b1, W2, b2: sigmoid(W2.T @ sigmoid(W1 @ X + b1) + b2), r"W2 @ A1 is \(1, 3\) @ \(3, m\)"),
    (lambda X, W1, b1, W2, b2: sigmoid(W2 @ sigmoid(W1 @ X + b1.T) + b2),
     r"returned shape \(1, 3\) because of the bias: W1 @ X \+ b1 came out \(3, 3\), not \(3, 1\)\. "
     r"b1 must stay a column of shape \(3, 1\)"),
    (lambda X, W1, b1, W2, b2: sigmoid(W2 @ sigmoid(W1 @ X + b1[:, 0]) + b2), "because of the bias"),
    (lambda X, W1, b1, W2, b2: None, r"returned None: did you forget `return`"),
    # regression: a wrong shape for the 5 examples let numpy's broadcasting ValueError escape
    (lambda X, W1, b1, W2, b2: forward(X, W1, b1, W2, b2).T,
     r"X of shape \(2, 5\).* returned shape \(5, 1\), expected \(1, 5\): one output per example"),
    (lambda X, W1, b1, W2, b2: forward(X, W1, b1, W2, b2).ravel(), r"returned shape \(1,\), expected \(1, 1\)"),
    (lambda X, W1, b1, W2, b2: forward(X, W1, b1, W2, b2).ravel() if X.shape[1] > 1 else forward(X, W1, b1, W2, b2),
     r"returned shape \(5,\), expected \(1, 5\)"),
    (lambda X, W1, b1, W2, b2: forward(X, W1, b1, W2, b2).sum(), r"returned shape \(\), expected \(1, 1\)"),
    (lambda X, W1, b1, W2, b2: forward(X[:, :1], W1, b1, W2, b2), r"returned shape \(1, 1\), expected \(1, 5\)"),
    (lambda X, W1, b1, W2, b2: "y_hat", "returned str, expected numbers"),
])
def test_forward(wrong, message):
    assert check_forward(forward)
    with pytest.raises(ExerciseError, match=message):
        check_forward(wrong)


@pytest.mark.parametrize("right", [
    lambda X, W1, b1, W2, b2: forward(X, W1, b1, W2, b2).tolist(),
    lambda X, W1, b1, W2, b2: sigmoid(np.einsum("ij,jk->ik", W2, sigmoid(np.einsum("ij,jk->ik", W1, X) + b1)) + b2),
    lambda X, W1, b1, W2, b2: forward(X.astype(np.float32), W1.astype(np.float32), b1.astype(np.float32),
                                      W2.astype(np.float32), b2.astype(np.float32)),
    lambda X, W1, b1, W2, b2: np.array([[forward(X[:, [k]], W1, b1, W2, b2)[0, 0] for k in range(X.shape[1])]]),
])
def test_forward_accepts(right, capsys):
    assert check_forward(right) is True
    assert capsys.readouterr().out == "✓ forward: correct (one example and a batch of 5)\n"


def test_forward_names_the_bias_when_adding_it_fails():
    # Only for one example does a row b1 broadcast into a (3, 3) matrix; for m examples adding it raises.
    def row_bias_for_batches(X, W1, b1, W2, b2):
        return forward(X, W1, b1 if X.shape[1] == 1 else b1.T, W2, b2)

    with pytest.raises(ExerciseError, match=r"raised ValueError adding a bias: b1 must stay a column"):
        check_forward(row_bias_for_batches)
