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
    (lambda x, w, b: np.mean(w * x) + b, r"you averaged the products \(np.mean\)"),
    (lambda x, w, b: str(np.dot(w, x) + b), r"returned the text '4.75'; return the number itself"),
    (lambda x, w, b: int(np.dot(w, x) + b), r"returned 4, expected 4.75"),
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


# --- check_forward (a loop over the layers) --------------------------------------------

def forward(X, params):
    L = len(params) // 2
    A = X
    for l in range(1, L + 1):
        Z = params[f"W{l}"] @ A + params[f"b{l}"]
        A = sigmoid(Z)
    return A


def layers(X, params, g=sigmoid, g_last=sigmoid, W=lambda W: W, b=lambda b: b, inputs=None, count=None, first=1):
    """The loop of forward, with one piece swapped for a typical mistake."""
    L = len(params) // 2
    A = X
    for l in range(first, (count(params) if count else L) + 1):
        Z = W(params[f"W{l}"]) @ (X if inputs == "X" else A) + b(params[f"b{l}"])
        A = g(Z) if l < L else g_last(Z)
    return A


def two_layers(X, params):
    """Right for the two-layer network it was written for."""
    return sigmoid(params["W2"] @ sigmoid(params["W1"] @ X + params["b1"]) + params["b2"])


def sigmoid_then_bias(X, params):
    A = X
    for l in range(1, len(params) // 2 + 1):
        A = sigmoid(params[f"W{l}"] @ A) + params[f"b{l}"]
    return A


def changes_params(X, params):
    for l in range(1, len(params) // 2 + 1):
        params[f"W{l}"] = params[f"W{l}"] @ np.eye(params[f"W{l}"].shape[1])
        params[f"b{l}"] += 0.0
    params["b1"] *= 2  # the caller's bias is changed
    return forward(X, params)


FORWARD_MISTAKES = [
    (lambda X, p: layers(X, p, g_last=lambda z: z), r"the output layer needs its activation too"),
    (lambda X, p: layers(X, p, g=lambda z: z), r"the hidden layers need their activation: .* in EVERY layer"),
    (lambda X, p: layers(X, p, g=lambda z: z, g_last=lambda z: z), "no layer applied its activation"),
    (lambda X, p: layers(X, p, b=lambda b: 0), "you forgot the biases"),
    (sigmoid_then_bias, "you added the bias after the activation"),
    (lambda X, p: layers(X, p, count=lambda p: len(p) // 2 - 1),
     r"X \(2, 1\), .* returned the activations of layer 1 of 2, shape \(3, 1\): is your loop one layer short\?"),
    (two_layers, r"X \(2, 5\), params \{W1 \(3, 2\), b1 \(3, 1\), W2 \(4, 3\), b2 \(4, 1\), W3 \(1, 4\), "
                 r"b3 \(1, 1\)\}\) "
                 r"returned the activations of layer 2 of 3, shape \(4, 5\): your forward computes 2 layers whatever "
                 r"the network\. Was it written for the two-layer network\?"),
    (lambda X, p: layers(X, p, count=len), r"asked params for 'W3', a layer that does not exist: .* L = len\(params\) "
                                           r"// 2 = 2 layers"),
    (lambda X, p: layers(X, p, first=0), r"asked params for 'W0': the layers that compute are numbered from 1"),
    (lambda X, p: layers(X, p, W=lambda W: W.T), r"raised ValueError in a matrix product: you used the transpose of W"),
    (lambda X, p: layers(X, p, inputs="X"), r"raised ValueError in a matrix product: every layer multiplied X"),
    (lambda X, p: layers(X, p, b=lambda b: b.T),
     r"returned shape \(1, 3\) because of the bias: W1 @ X \+ b1 came out \(3, 3\), not \(3, 1\)\. "
     r"each b\^\(l\) must stay a column"),
    (lambda X, p: layers(X, p, b=lambda b: b[:, 0]), "because of the bias"),
    (lambda X, p: layers(X, p, b=lambda b: b.T) if X.shape[1] > 1 else forward(X, p),
     r"raised ValueError adding a bias: each b\^\(l\) must stay a column of shape \(n_l, 1\)"),
    # regression: a wrong shape for the 5 examples let numpy's broadcasting ValueError escape
    (lambda X, p: forward(X, p).T, r"X \(2, 5\).* returned shape \(5, 1\), expected \(1, 5\): one output per example"),
    (lambda X, p: forward(X, p).ravel(), r"returned shape \(1,\), expected \(1, 1\)"),
    (lambda X, p: forward(X, p).ravel() if X.shape[1] > 1 else forward(X, p),
     r"returned shape \(5,\), expected \(1, 5\)"),
    (lambda X, p: forward(X, p).sum(), r"returned shape \(\), expected \(1, 1\)"),
    (lambda X, p: forward(X[:, :1], p), r"returned shape \(1, 1\), expected \(1, 5\)"),
    (lambda X, p: forward(X, p) + 0.01, r"(?s)<lambda>\(X \(2, 1\), .*\) returned \[\[.*\]\], expected \[\["),
    (lambda X, p: "y_hat", "returned str, expected numbers"),
    (lambda X, p: None, r"returned None: did you forget `return`"),
    (changes_params, r"changed params\['b1'\]: a forward pass only reads the weights and biases"),
]


@pytest.mark.parametrize("wrong, message", FORWARD_MISTAKES, ids=[m[:40] for _, m in FORWARD_MISTAKES])
def test_forward_names_each_mistake(wrong, message):
    with pytest.raises(ExerciseError, match=message):
        check_forward(wrong)


def by_einsum(X, params):
    A = X
    for l in range(1, len(params) // 2 + 1):
        A = sigmoid(np.einsum("ij,jk->ik", params[f"W{l}"], A) + params[f"b{l}"])
    return A


def one_example_at_a_time(X, params):
    return np.hstack([forward(X[:, [k]], params) for k in range(X.shape[1])])


def while_loop(X, params):
    l, A = 1, X
    while f"W{l}" in params:
        A = 1 / (1 + np.exp(-(params[f"W{l}"] @ A + params[f"b{l}"])))
        l += 1
    return A


@pytest.mark.parametrize("right", [
    forward, by_einsum, one_example_at_a_time, while_loop,
    lambda X, p: forward(X, p).tolist(),
    lambda X, p: forward(X.astype(np.float32), {name: v.astype(np.float32) for name, v in p.items()}),
], ids=["loop", "einsum", "one example at a time", "while over the keys", "lists", "float32"])
def test_forward_accepts(right, capsys):
    assert check_forward(right) is True
    assert capsys.readouterr().out == "✓ forward: correct (one example and a batch, 1, 2 and 3 layers)\n"


def test_forward_names_no_mistake_when_two_give_that_value():
    # With one layer, "the output layer's activation" and "no layer's activation" are the same mistake:
    # unambiguous() keeps neither message for that case (the two-layer cases before it tell them apart).
    from mlnotes.exercises.ch01_neural_network import FORWARD_CASES
    assert FORWARD_CASES[-1][0] == [3, 2]

    def linear_for_one_layer(X, params):
        return layers(X, params, g_last=lambda z: z) if len(params) == 2 else forward(X, params)

    with pytest.raises(ExerciseError, match=r"(?s)^linear_for_one_layer\(X \(3, 4\), .* returned .*, expected"):
        check_forward(linear_for_one_layer)
