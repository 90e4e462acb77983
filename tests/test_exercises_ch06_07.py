"""The checks of 06_backpropagation and 07_backprop_derivation accept right answers and name each mistake."""
import numpy as np
import pytest

from mlnotes.activations import sigmoid, sigmoid_prime
from mlnotes.exercises import (
    ExerciseError,
    check_error_into_neuron,
    check_hidden_error,
    check_layer_gradients,
    check_output_error_mse,
    check_update_weights,
)
from mlnotes.exercises.checking import compare


def test_compare_names_a_mistake_that_changes_the_shape():
    want = np.ones((2, 1))
    with pytest.raises(ExerciseError, match="^lost keepdims$"):
        compare(np.ones(2), want, "f", "x", mistakes=[(np.ones(2), "lost keepdims")])
    with pytest.raises(ExerciseError, match=r"f\(x\) returned shape \(3,\), expected shape \(2, 1\)"):
        compare(np.ones(3), want, "f", "x", mistakes=[(np.ones(2), "lost keepdims")])
    with pytest.raises(ExerciseError, match=r"f\(x\) returned list, expected numbers"):
        compare([np.ones(2), np.ones(3)], want, "f", "x", mistakes=[(np.ones(2), "lost keepdims")])


# --- check_layer_gradients (F14, F15) ------------------------------------------------

def layer_gradients(dZ, A, l):
    m = dZ.shape[1]
    return dZ @ A[l - 1].T / m, np.mean(dZ, axis=1, keepdims=True)


def test_layer_gradients_accepts_right_answers(capsys):
    assert check_layer_gradients(layer_gradients) is True
    assert capsys.readouterr().out == "✓ layer_gradients: correct (dW and db for 3 layers, square and not)\n"
    assert check_layer_gradients(lambda dZ, A, l: [np.einsum("jk,ik->ji", dZ, A[l - 1]) / dZ.shape[1],
                                                   dZ.mean(axis=1).reshape(-1, 1)])


def divide_in_place(dZ, A, l):
    dZ /= dZ.shape[1]
    return dZ @ A[l - 1].T, dZ.sum(axis=1, keepdims=True)


def with_db(db):
    return lambda dZ, A, l: (dZ @ A[l - 1].T / dZ.shape[1], db(dZ))


@pytest.mark.parametrize("wrong, message", [
    (lambda dZ, A, l: (dZ @ A[l - 1].T, dZ.mean(axis=1, keepdims=True)), "you forgot the 1/m"),
    (lambda dZ, A, l: (dZ @ A[l].T / dZ.shape[1], dZ.mean(axis=1, keepdims=True)),
     r"you used A\[l\] where A\[l-1\] belongs"),
    (lambda dZ, A, l: (A[l - 1] @ dZ.T / dZ.shape[1], dZ.mean(axis=1, keepdims=True)), "you computed dW transposed"),
    (lambda dZ, A, l: (dZ @ A[l - 1] / dZ.shape[1], dZ.mean(axis=1, keepdims=True)), "missing transpose"),
    (with_db(lambda dZ: dZ.mean(axis=1)), r"db has the right numbers but shape \(n,\): keep it a column"),
    (with_db(lambda dZ: dZ.mean(axis=0, keepdims=True)), "you summed dZ over axis 0, the neurons"),
    (with_db(lambda dZ: dZ.mean(axis=0)), "you summed dZ over axis 0, the neurons"),
    (with_db(lambda dZ: dZ.sum(axis=1, keepdims=True)), "db is m times too large: you forgot the 1/m"),
    (with_db(lambda dZ: dZ.sum() / dZ.shape[1]), "you summed every entry of dZ into one number"),
    (lambda dZ, A, l: dZ @ A[l - 1].T / dZ.shape[1], r"must return the pair \(dW, db\), got ndarray"),
    (with_db(lambda dZ: dZ[:, :1]), r"\(its db\)\(dZ \(3, 3\), A = \[\(3, 3\), \(3, 3\), \(3, 3\)\], l=2\) returned"),
    (lambda dZ, A, l: (dZ @ A[l - 1].T / dZ.shape[0], dZ.sum(axis=1, keepdims=True) / dZ.shape[0]),
     r"you divided by the number of neurons; m is dZ.shape\[1\].*\(you took dZ.shape\[0\]\)"),
    (lambda dZ, A, l: (dZ @ A[l - 1].T / len(A[l - 1]), dZ.sum(axis=1, keepdims=True) / len(A[l - 1])),
     r"you divided by the number of neurons.*\(you took len\(A\[l-1\]\)\)"),
    (with_db(lambda dZ: dZ.sum(axis=1, keepdims=True) / dZ.shape[0]),
     r"^you divided by the number of neurons; m is dZ.shape\[1\], the number of examples"),
    (lambda dZ, A, l: layer_gradients(dZ, A, l)[::-1], r"returned \(db, dW\): return \(dW, db\) in that order"),
    # right numbers, but dZ changed in place: was told "you forgot the 1/m", computed from the changed dZ
    (divide_in_place, r"changed its argument dZ in place .* x = x / m, not x /= m"),
])
def test_layer_gradients_names_each_mistake(wrong, message):
    with pytest.raises(ExerciseError, match=message):
        check_layer_gradients(wrong)


# --- check_hidden_error (F13) --------------------------------------------------------

def hidden_error(W_next, dZ_next, Z, g_prime):
    return (W_next.T @ dZ_next) * g_prime(Z)


def slope_into_z(W_next, dZ_next, Z, g_prime):
    Z[:] = g_prime(Z)  # saves memory, but the caller's Z is gone
    return W_next.T @ dZ_next * Z


@pytest.mark.parametrize("wrong, message", [
    (lambda W, dZ, Z, gp: W.T @ dZ, r"you forgot g'\(Z\)"),
    (lambda W, dZ, Z, gp: W.T @ dZ * sigmoid(Z), r"you multiplied by g\(Z\), the activation"),
    (lambda W, dZ, Z, gp: W @ dZ * gp(Z), "missing transpose: the error flows back along the same weights"),
    (lambda W, dZ, Z, gp: (W.T @ dZ) @ gp(Z), r"you used a matrix product \(@\) with g'\(Z\)"),
    (lambda W, dZ, Z, gp: -(W.T @ dZ) * gp(Z), "the sign is flipped"),
    (lambda W, dZ, Z, gp: (W.T @ dZ) * gp(Z) + 1,
     r"<lambda>\(W_next \(3, 3\), dZ_next \(3, 3\), Z \(3, 3\), g_prime=sigmoid_prime\) returned"),
    (lambda W, dZ, Z, gp: W.T @ dZ * sigmoid_prime(Z), "you ignored g_prime and hard-coded the sigmoid's slope"),
    (lambda W, dZ, Z, gp: W.T @ dZ * sigmoid(Z) * (1 - sigmoid(Z)),
     "you ignored g_prime and hard-coded the sigmoid's slope"),
    (lambda W, dZ, Z, gp: W.T @ dZ * gp(Z) / dZ.shape[1],
     "dZ is each example's error; the 1/m belongs only in dW and db"),
    (slope_into_z, r"changed its argument Z in place"),
])
def test_hidden_error(wrong, message, capsys):
    assert check_hidden_error(hidden_error) is True
    assert "✓ hidden_error: correct" in capsys.readouterr().out
    with pytest.raises(ExerciseError, match=message):
        check_hidden_error(wrong)


# --- check_update_weights (F16, index order fixed) ----------------------------------

def update_weights(W, dZ, A_prev, lr):
    return W - lr * (dZ @ A_prev.T) / dZ.shape[1]


def update_in_place(W, dZ, A_prev, lr):
    for j in range(W.shape[0]):
        for i in range(W.shape[1]):
            W[j, i] -= lr * np.mean(dZ[j] * A_prev[i])
    return W


@pytest.mark.parametrize("wrong, message", [
    (lambda W, dZ, A, lr: W + lr * dZ @ A.T / dZ.shape[1], "wrong learning-rate sign"),
    (lambda W, dZ, A, lr: W - lr * (dZ @ A.T).T / dZ.shape[1], "you updated w_ij with the notes' index order"),
    (lambda W, dZ, A, lr: W - lr * dZ @ A.T, "the step is m times too large"),
    (lambda W, dZ, A, lr: W - dZ @ A.T / dZ.shape[1], "you forgot the learning rate"),
    (lambda W, dZ, A, lr: -lr * dZ @ A.T / dZ.shape[1], "you returned only the step"),
    (lambda W, dZ, A, lr: W - lr * dZ @ A / dZ.shape[1], "missing transpose: delta_j pairs with input x_i"),
    (lambda W, dZ, A, lr: None, "returned None: did you forget `return`"),
])
def test_update_weights(wrong, message):
    assert check_update_weights(update_weights)
    assert check_update_weights(update_in_place)
    with pytest.raises(ExerciseError, match=message):
        check_update_weights(wrong)


# --- check_error_into_neuron (F18, F19) ---------------------------------------------

@pytest.mark.parametrize("wrong, message", [
    (lambda dz, W, k: dz * W[:, k], "you returned one term per neuron i of layer l"),
    (lambda dz, W, k: np.sum(dz * W[k, :]), "you took row k of W_next"),
    (lambda dz, W, k: np.sum(W[:, k]), "you summed the weights alone"),
    (lambda dz, W, k: np.sum(dz), "you summed the errors alone"),
    (lambda dz, W, k: W[:, k], r"returned shape \(3,\), expected shape \(\)"),
    (lambda dz, W, k: W.T @ dz, r"that is dJ/da for every neuron of layer l \(W_next\^T dz_next\); return entry k"),
    (lambda dz, W, k: -float(dz @ W[:, k]), "the sign is flipped"),
    (lambda dz, W, k: np.mean(dz * W[:, k]), "you averaged the terms"),
])
def test_error_into_neuron(wrong, message, capsys):
    assert check_error_into_neuron(lambda dz, W, k: float(dz @ W[:, k]))
    assert check_error_into_neuron(lambda dz, W, k: (W.T @ dz)[k])
    assert capsys.readouterr().out.startswith("✓ error_into_neuron: correct")
    with pytest.raises(ExerciseError, match=message):
        check_error_into_neuron(wrong)


# --- check_output_error_mse (F17 at the output; the notes' error 4) -----------------

@pytest.mark.parametrize("wrong, message", [
    (lambda A, Y, Z, gp: A - Y, "that is the shortcut dZ = A - Y"),
    (lambda A, Y, Z, gp: 2 * (A - Y), r"you forgot g'\(Z\)"),
    (lambda A, Y, Z, gp: (A - Y) * gp(Z), "you dropped the 2"),
    (lambda A, Y, Z, gp: 2 * (A - Y) * gp(Z) / A.shape[1], "you divided by m"),
    (lambda A, Y, Z, gp: 2 * (A - Y) * gp(A), "you evaluated g' at A"),
    (lambda A, Y, Z, gp: 2 * (Y - A) * gp(Z), "the sign is flipped"),
    (lambda A, Y, Z, gp: 2 * (A - Y) * gp(Z) / A.shape[0], "you divided by n_L, the number of outputs"),
    (lambda A, Y, Z, gp: 2 * (A - Y) * A * (1 - A), "you ignored g_prime and hard-coded the sigmoid's slope"),
    (lambda A, Y, Z, gp: 2 * (A - Y) * sigmoid_prime(Z), "you ignored g_prime and hard-coded the sigmoid's slope"),
])
def test_output_error_mse(wrong, message):
    assert check_output_error_mse(lambda A, Y, Z, gp: 2 * (A - Y) * gp(Z))
    with pytest.raises(ExerciseError, match=message):
        check_output_error_mse(wrong)
