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
])
def test_check_accumulate(fn, message, capsys):
    assert check_accumulate(accumulate) is True
    assert capsys.readouterr().out.startswith("✓ accumulate: correct")
    with pytest.raises(ExerciseError, match=message):
        check_accumulate(fn)


@pytest.mark.parametrize("fn, message", [
    (lambda g: g, r"you returned g itself, of shape \(3, 4\)"),
    (lambda g: g.sum(axis=0, keepdims=True), "you summed over axis 0"),
    (lambda g: g.sum(axis=1), r"right numbers .* but of shape \(3,\)"),
    (lambda g: g.mean(axis=1, keepdims=True), "you averaged over the columns"),
    (lambda g: 2 * g.sum(axis=1, keepdims=True), r"returned \[\[20\.\],"),
    (lambda g: g.mean(axis=0), "you averaged over axis 0, the neurons"),
    (lambda g: g.mean(axis=1), "you averaged over the columns"),
    (lambda g: g.sum(), r"you summed every entry of g into one number.*g\.sum\(axis=1, keepdims=True\)"),
    (lambda g: 2 * g.sum(axis=1), r"returned shape \(3,\), expected shape \(3, 1\)"),
])
def test_check_bias_backward(fn, message):
    assert check_bias_backward(lambda g: g.sum(axis=1, keepdims=True)) is True
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
