"""The checks of 08_autograd accept a right answer and name each mistake they claim to catch."""
import numpy as np
import pytest

from mlnotes.exercises import ExerciseError, check_accumulate, check_bias_backward, check_matmul_backward


def accumulate(uses):
    grad = 0.0
    for g, local in uses:
        grad += g * local
    return grad


def overwrite(uses):
    grad = 0.0
    for g, local in uses:
        grad = g * local  # the classic bug: assigned, not added
    return grad


@pytest.mark.parametrize("fn, message", [
    (overwrite, "you kept only the last use: `grad = ...` overwrites"),
    (lambda uses: uses[0][0] * uses[0][1], "you kept only the first use"),
    (lambda uses: sum(g for g, _ in uses), "without the local derivatives"),
    (lambda uses: sum(local for _, local in uses), "without the users' gradients"),
    (lambda uses: float(np.prod([g * local for g, local in uses])), "you multiplied the terms"),
    (lambda uses: float(np.mean([g * local for g, local in uses])), "you averaged the terms"),
    (lambda uses: None, "returned None"),
    # regression: case 1's sum of terms (-4) was the product of the local derivatives
    (lambda uses: float(np.prod([local for _, local in uses])),
     r"^<lambda>\(uses=\[\(2\.0, 0\.5\), \(-1\.5, 3\.0\), \(0\.25, -2\.0\)\]\) returned -3, expected -4$"),
    (lambda uses: float(np.prod([g for g, _ in uses])), r"returned -0\.75, expected -4$"),
    (lambda uses: sum(g for g, _ in uses) * sum(local for _, local in uses), r"returned 1\.125, expected -4$"),
    # on y = x * x the first, the last and the mean term are one number: no mistake named there
    (lambda uses: uses[0][0] * uses[0][1] if len(uses) == 2 else accumulate(uses),
     r"^<lambda>\(uses=\[\(2\.0, 3\.0\), \(2\.0, 3\.0\)\]\) returned 6, expected 12$"),
    (lambda uses: [g * local for g, local in uses], r"returned shape \(3,\), expected shape \(\)"),
])
def test_check_accumulate(fn, message, capsys):
    for right in (accumulate, lambda uses: sum(g * local for g, local in uses),
                  lambda uses: np.dot(*np.array(uses, dtype=np.float32).T), lambda uses: np.einsum("ij->", [
                      [g * local] for g, local in uses])):
        assert check_accumulate(right) is True
    assert capsys.readouterr().out == "✓ accumulate: correct (a node used once, twice (x * x) and three times)\n" * 4
    with pytest.raises(ExerciseError, match=message):
        check_accumulate(fn)


@pytest.mark.parametrize("fn, message", [
    (lambda g: g, r"you returned g itself, of shape \(3, 4\)"),
    (lambda g: g.copy(), r"you returned g itself, of shape \(3, 4\)"),
    (lambda g: g.sum(axis=0, keepdims=True), "you summed over axis 0"),
    (lambda g: g.sum(axis=1), r"right numbers .* but of shape \(3,\)"),
    (lambda g: g.mean(axis=1, keepdims=True), "you averaged over the columns"),
    (lambda g: 2 * g.sum(axis=1, keepdims=True), r"returned \[\[ 8\. \],"),
    (lambda g: g.mean(axis=0), "you averaged over axis 0, the neurons"),
    (lambda g: g.mean(axis=1), "you averaged over the columns"),
    (lambda g: g.sum(), r"you summed every entry of g into one number.*g\.sum\(axis=1, keepdims=True\)"),
    (lambda g: 2 * g.sum(axis=1), r"returned shape \(3,\), expected shape \(3, 1\)"),
    # regression: g's rows were arithmetic sequences, so 4 * median (and first + last, times 2) made the sum
    (lambda g: g.shape[1] * np.median(g, axis=1, keepdims=True), r"(?s)returned \[\[3\. \],.*expected \[\[4\.  \],"),
    (lambda g: 2 * (g[:, [0]] + g[:, [-1]]), r"returned \[\[11\.\],"),
    (lambda g: np.median(g, axis=1, keepdims=True), r"returned \[\[0\.75 \],"),
    # a wrong shape is named only when its numbers say what was done
    (lambda g: 2 * g, r"you returned an array of g's shape, of shape \(3, 4\)"),
    (lambda g: g[0], r"returned shape \(4,\), one number per column \(example\)"),
    (lambda g: g.sum(axis=0), "you summed over axis 0, the neurons"),
])
def test_check_bias_backward(fn, message):
    assert check_bias_backward(lambda g: g.sum(axis=1, keepdims=True)) is True
    assert check_bias_backward(lambda g: np.einsum("ij->i", g).reshape(-1, 1)) is True
    assert check_bias_backward(lambda g: [[sum(row)] for row in g.tolist()]) is True
    assert check_bias_backward(lambda g: g.astype(np.float32) @ np.ones((g.shape[1], 1), dtype=np.float32)) is True
    with pytest.raises(ExerciseError, match=message):
        check_bias_backward(fn)


@pytest.mark.parametrize("fn, message", [
    (lambda g, A, B: (g @ B, A.T @ g), r"Each gradient has the shape of its matrix: dA is \(2, 3\)"),
    (lambda g, A, B: (A.T @ g, g @ B.T), "you returned \\(dB, dA\\)"),
    (lambda g, A, B: g @ B.T, "must return two arrays, \\(dA, dB\\)"),
    (lambda g, A, B: (g @ B if A.shape == (3, 3) else g @ B.T, A.T @ g), "dA needs B transposed"),
    (lambda g, A, B: (g @ B.T, A @ g if A.shape == (3, 3) else A.T @ g), "dB needs A transposed"),
    (lambda g, A, B: (B.T @ g if A.shape == (3, 3) else g @ B.T, A.T @ g), "dA = g B\\^T, not B\\^T g"),
    (lambda g, A, B: (g @ B.T, g @ A.T if A.shape == (3, 3) else A.T @ g), "dB = A\\^T g, not g A\\^T"),
    (lambda g, A, B: (B @ g.T, A.T @ g), r"you computed the transpose of dA: B g\^T = \(g B\^T\)\^T"),
    (lambda g, A, B: (g @ B.T, g.T @ A), r"you computed the transpose of dB: g\^T A = \(A\^T g\)\^T"),
    (lambda g, A, B: (g @ B.T, g.T @ A if A.shape == (3, 3) else A.T @ g), "you computed the transpose of dB"),
    (lambda g, A, B: (g @ B.T / g.shape[1], A.T @ g / g.shape[1]), r"you divided by m = 4: the 1/m is already in g"),
    (lambda g, A, B: (g @ B.T, A.T @ g / g.shape[1]), r"you divided by m = 4: the 1/m is already in g"),
])
def test_check_matmul_backward(fn, message):
    assert check_matmul_backward(lambda g, A, B: (g @ B.T, A.T @ g)) is True
    with pytest.raises(ExerciseError, match=message):
        check_matmul_backward(fn)
