"""The checks of 06_backpropagation accept right answers and name each mistake they claim to catch."""
import numpy as np
import pytest

from mlnotes.activations import sigmoid, sigmoid_prime
from mlnotes.exercises import (
    ExerciseError,
    check_backward,
    check_deep_forward,
    check_hidden_error,
    check_layer_gradients,
    check_update,
    check_update_weights,
)
from mlnotes.exercises.checking import compare
from mlnotes.network import backward_pass, forward_pass


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


# --- check_deep_forward (F9-F11) -------------------------------------------------------

def forward(X, params, g, g_L):
    """The package's forward_pass, in the exercise's argument order."""
    return forward_pass(params, X, g, g_L)


def forward_as_dicts_of_layers(X, params, g, g_L):
    L = len(params) // 2
    Z, A = [None] * (L + 1), [None] * (L + 1)
    A[0] = X
    for l in range(1, L + 1):
        Z[l] = np.einsum("ji,ik->jk", params["W" + str(l)], A[l - 1]) + params["b" + str(l)]
        A[l] = g_L(Z[l]) if l == L else g(Z[l])
    return tuple(Z), tuple(A)


def forward_float32(X, params, g, g_L):
    Z, A = forward(X.astype(np.float32), {k: v.astype(np.float32) for k, v in params.items()}, g, g_L)
    return Z, A


def forward_variant(layer=None, act=None, feed=None, depth=None):
    def wrong(X, params, g, g_L):
        L = depth or len(params) // 2
        Z, A = [None], [X]
        for l in range(1, L + 1):
            W, b = params[f"W{l}"], params[f"b{l}"]
            Z.append(layer(W, A[l - 1], b) if layer else W @ A[l - 1] + b)
            A.append(act(l, L, Z[l], g, g_L) if act else (g(Z[l]) if l < L else g_L(Z[l])))
            if feed:
                A[l] = Z[l]
        return Z, A
    return wrong


def forward_in_place(X, params, g, g_L):
    for k in params:
        if k[0] == "b":
            params[k] -= 0  # harmless
    params["b1"] *= 1.0001
    return forward(X, params, g, g_L)


def forward_L_too_large(X, params, g, g_L):
    Z, A = [None], [X]
    for l in range(1, len(params) + 1):
        Z.append(params[f"W{l}"] @ A[l - 1] + params[f"b{l}"])
        A.append(g(Z[l]))
    return Z, A


DEEP_FORWARD_MISTAKES = [
    (forward_variant(act=lambda l, L, Z, g, g_L: g_L(Z)), "you used g_L = sigmoid in every layer; the hidden"),
    (forward_variant(act=lambda l, L, Z, g, g_L: g(Z)), r"the output layer needs g_L \(sigmoid\): A\[L\] = g_L"),
    (forward_variant(act=lambda l, L, Z, g, g_L: Z if l < L else g_L(Z)), "the hidden layers need their activation"),
    (forward_variant(feed=True), r"you kept Z\[l\] as A\[l\]"),
    (forward_variant(layer=lambda W, A, b: W @ A), "you forgot the bias"),
    (forward_variant(layer=lambda W, A, b: W.T @ A + b), "W is used transposed"),
    (forward_variant(layer=lambda W, A, b: A @ W + b), "the product is the wrong way round"),
    (forward_variant(depth=2), r"computed 1 layers; params holds 3|computed 2 layers; params holds 3"),
    (lambda X, p, g, g_L: forward(X, p, g, g_L)[::-1], r"returned \(A, Z\); return them in the order \(Z, A\)"),
    (lambda X, p, g, g_L: (forward(X, p, g, g_L)[0], forward(X, p, g, g_L)[1][1:]), r"returned A without A\[0\] = X"),
    (lambda X, p, g, g_L: (forward(X, p, g, g_L)[0][1:], forward(X, p, g, g_L)[1]), r"returned Z without Z\[0\]"),
    (lambda X, p, g, g_L: ([X] + forward(X, p, g, g_L)[0][1:], forward(X, p, g, g_L)[1]), r"in Z\[0\]; layer 0"),
    (lambda X, p, g, g_L: forward(X, p, g, g_L)[1][-1], r"must return the pair of lists \(Z, A\), got ndarray"),
    (lambda X, p, g, g_L: None, r"must return the pair of lists \(Z, A\), got NoneType"),
    (lambda X, p, g, g_L: (forward(X, p, g, g_L)[0], forward(X, p, g, g_L)[1][-1]), "must return two lists"),
    (forward_L_too_large, r"raised KeyError: 'W4'.*the number of layers is L = len\(params\) // 2"),
    (forward_in_place, "changed the params it was given"),
    (lambda X, p, g, g_L: (lambda Z, A: (Z, A[:-1] + [A[-1] + 0.5]))(*forward(X, p, g, g_L)),
     r"A\[3\] of <lambda>\(X \(3, 3\), params with W1 \(3, 3\), W2 \(3, 3\), W3 \(3, 3\), g=tanh, "
     r"g_L=sigmoid\) returned"),
]


def test_deep_forward_accepts_right_answers(capsys):
    for right in (forward, forward_as_dicts_of_layers, forward_float32):
        assert check_deep_forward(right) is True
    assert capsys.readouterr().out == "✓ forward: correct (1 and 3 layers, every Z and A kept)\n" * 3


@pytest.mark.parametrize("wrong, message", DEEP_FORWARD_MISTAKES, ids=[m[:40] for _, m in DEEP_FORWARD_MISTAKES])
def test_deep_forward_names_each_mistake(wrong, message):
    with pytest.raises(ExerciseError, match=message):
        check_deep_forward(wrong)


# --- check_backward (F13-F15 for any depth, from the learner's pieces) ------------------

def backward(params, Z, A, dZ_L, g_prime):
    L = len(A) - 1
    grads, dZ = {}, dZ_L
    for l in range(L, 0, -1):
        grads[f"dW{l}"], grads[f"db{l}"] = layer_gradients(dZ, A, l)
        if l > 1:
            dZ = hidden_error(params[f"W{l}"], dZ, Z[l - 1], g_prime)
    return grads


def backward_keeping_every_dZ(params, Z, A, dZ_L, g_prime):
    L = len(params) // 2
    dZ = [None] * L + [dZ_L]
    for l in range(L, 1, -1):
        dZ[l - 1] = hidden_error(params[f"W{l}"], dZ[l], Z[l - 1], g_prime)
    grads = {}
    for l in range(1, L + 1):
        dW, db = layer_gradients(dZ[l], A, l)
        grads["dW" + str(l)], grads["db" + str(l)] = dW, list(db)
    return grads


def backward_inline(params, Z, A, dZ_L, g_prime):
    return backward_pass(params, Z, A, dZ_L, g_prime)[0]


def backward_variant(grads_of=None, error=None, depth=None, overwrite=False, stop=1, key=lambda l: l):
    def wrong(params, Z, A, dZ_L, g_prime):
        L = depth or len(A) - 1
        m = A[0].shape[1]
        grads, dZ = {}, dZ_L
        for l in range(L, stop - 1, -1):
            dZ_prev = (error or (lambda p, d, Z_, A_, l, gp: p[f"W{l}"].T @ d * gp(Z_[l - 1])))(
                params, dZ, Z, A, l, g_prime) if l > 1 else None
            use = dZ_prev if overwrite and l > 1 else dZ
            dW, db = grads_of(use, A, l) if grads_of else (use @ A[l - 1].T / m, use.sum(axis=1, keepdims=True) / m)
            grads[f"dW{key(l)}"], grads[f"db{key(l)}"] = dW, db
            dZ = dZ_prev
        return grads
    return wrong


def changes_dZ_L(params, Z, A, dZ_L, g_prime):
    dZ_L /= 1.0001
    return backward(params, Z, A, dZ_L * 1.0001, g_prime)


BACKWARD_MISTAKES = [
    (backward_variant(depth=2), "you computed 2 layers; this network has 3"),
    (backward_variant(grads_of=lambda dZ, A, l: (dZ @ A[l].T / dZ.shape[1], dZ.mean(axis=1, keepdims=True))),
     r"you used A\[l\] where A\[l-1\] belongs"),
    (backward_variant(grads_of=lambda dZ, A, l: layer_gradients(dZ, A, max(l - 1, 1))),
     r"off by one layer: you passed l - 1 to layer_gradients"),
    (backward_variant(error=lambda p, d, Z, A, l, gp: p[f"W{l}"].T @ d), "you forgot g'"),
    (backward_variant(error=lambda p, d, Z, A, l, gp: p[f"W{l}"].T @ d * gp(A[l - 1])),
     r"you evaluated g' at A\[l-1\]; the slope belongs to the weighted input"),
    (backward_variant(error=lambda p, d, Z, A, l, gp: p[f"W{l}"].T @ d * gp(Z[l])),
     r"off by one layer: you took g'\(Z\[l\]\)"),
    (backward_variant(error=lambda p, d, Z, A, l, gp: p[f"W{max(l - 1, 1)}"].T @ d * gp(Z[l - 1])),
     "off by one layer: the error of layer l-1 comes back through the weights of layer l"),
    (backward_variant(overwrite=True), "dZ was overwritten too early"),
    (backward_variant(stop=2), r"returned no dW1, db1. The loop must run down to layer 1"),
    (backward_variant(stop=0, grads_of=lambda dZ, A, l: layer_gradients(dZ, A, l) if l else (dZ, dZ)),
     "returned dW0, db0, which this network of 3 layers does not have"),
    (backward_variant(key=lambda l: l - 1), "stored the gradients of each layer under the name of another layer"),
    (backward_variant(key=lambda l: l + 1), "stored the gradients of each layer under the name of another layer"),
    (lambda p, Z, A, dZ_L, gp: backward_pass(p, Z, A, dZ_L, gp), "returned a pair; return only the dict"),
    (lambda p, Z, A, dZ_L, gp: None, "must return a dict of gradients"),
    (lambda p, Z, A, dZ_L, gp: {k[1:]: v for k, v in backward(p, Z, A, dZ_L, gp).items()},
     "named the gradients W1, W2, W3, b1, b2, b3; name them as the notes do"),
    (changes_dZ_L, "changed its argument dZ_L in place"),
    (lambda p, Z, A, dZ_L, gp: {k: v * 1.5 if k == "db2" else v for k, v in backward(p, Z, A, dZ_L, gp).items()},
     r"db2 of <lambda>\(params with W1 \(3, 3\).*returned"),
]


@pytest.fixture
def pieces():
    """The learner's pieces, as the notebook's globals hold them when backward is checked."""
    globals()["layer_gradients"], globals()["hidden_error"] = layer_gradients_piece, hidden_error


def layer_gradients_piece(dZ, A, l):
    m = dZ.shape[1]
    return dZ @ A[l - 1].T / m, np.mean(dZ, axis=1, keepdims=True)


def backward_float32(params, Z, A, dZ_L, g_prime):
    single = lambda xs: [None if x is None else x.astype(np.float32) for x in xs]  # noqa: E731
    return backward({k: v.astype(np.float32) for k, v in params.items()}, single(Z), single(A),
                    dZ_L.astype(np.float32), g_prime)


def test_backward_accepts_right_answers(pieces, capsys):
    for right in (backward, backward_keeping_every_dZ, backward_inline, backward_float32):
        assert check_backward(right) is True
    assert capsys.readouterr().out == "✓ backward: correct (3 and 4 layers with tanh, relu and sigmoid, " \
                                      "as backward_pass)\n" * 4


def test_a_mistake_is_named_only_when_no_other_gives_the_same_result():
    from mlnotes.exercises.ch06_backpropagation import _name_the_mistake
    same = lambda a, b: a == b  # noqa: E731
    _name_the_mistake(2, 1, [(2, "first"), (2, "second"), (1, "gives the right answer here")], same)
    _name_the_mistake(1, 1, [(1, "gives the right answer here")], same)
    with pytest.raises(ExerciseError, match="^second$"):
        _name_the_mistake(3, 1, [(2, "first"), (3, "second")], same)


@pytest.mark.parametrize("wrong, message", BACKWARD_MISTAKES, ids=[m[:40] for _, m in BACKWARD_MISTAKES])
def test_backward_names_each_mistake(pieces, wrong, message):
    with pytest.raises(ExerciseError, match=message):
        check_backward(wrong)


def test_backward_blames_a_wrong_piece_not_itself(pieces):
    globals()["hidden_error"] = lambda W_next, dZ_next, Z, g_prime: W_next.T @ dZ_next  # forgot g'
    with pytest.raises(ExerciseError, match=r"^backward calls your hidden_error, which does not pass its own "
                                            r"check: you forgot g'\(Z\)"):
        check_backward(backward)


def test_backward_names_a_piece_not_written_yet(pieces):
    def hidden_error_stub(W_next, dZ_next, Z, g_prime):
        raise NotImplementedError()
    globals()["hidden_error"] = hidden_error_stub

    def backward_with_stub(params, Z, A, dZ_L, g_prime):
        L = len(A) - 1
        grads, dZ = {}, dZ_L
        for l in range(L, 0, -1):
            grads[f"dW{l}"], grads[f"db{l}"] = layer_gradients(dZ, A, l)
            if l > 1:
                dZ = hidden_error_stub(params[f"W{l}"], dZ, Z[l - 1], g_prime)
        return grads
    with pytest.raises(NotImplementedError, match="^hidden_error_stub is not written yet"):
        check_backward(backward_with_stub)


# --- check_update (F16, every layer at once) -------------------------------------------

def update(params, grads, lr):
    new_params = {}
    for name, p in params.items():
        new_params[name] = p - lr * grads["d" + name]
    return new_params


def update_by_layer(params, grads, lr):
    L = len(params) // 2
    for l in range(1, L + 1):
        params[f"W{l}"] -= lr * grads[f"dW{l}"]
        params[f"b{l}"] -= lr * grads[f"db{l}"]
    return params


def update_moving(which):
    def wrong(params, grads, lr):
        return {k: (v - lr * grads["d" + k]) if which(k) else v for k, v in params.items()}
    return wrong


def update_two_layers(params, grads, lr):
    new = dict(params)
    for l in (1, 2):
        new[f"W{l}"] = params[f"W{l}"] - lr * grads[f"dW{l}"]
        new[f"b{l}"] = params[f"b{l}"] - lr * grads[f"db{l}"]
    return new


def update_changing_grads(params, grads, lr):
    for k in grads:
        grads[k] *= lr
    return {k: v - grads["d" + k] for k, v in params.items()}


UPDATE_MISTAKES = [
    (lambda p, gr, lr: {k: v + lr * gr["d" + k] for k, v in p.items()}, "wrong sign"),
    (lambda p, gr, lr: {k: v - gr["d" + k] for k, v in p.items()}, "you forgot the learning rate"),
    (lambda p, gr, lr: {k: -lr * gr["d" + k] for k, v in p.items()}, "you returned only the steps"),
    (update_moving(lambda k: k[0] == "W"), "you updated the weights only"),
    (update_moving(lambda k: k[0] == "b"), "you updated the biases only"),
    (update_moving(lambda k: k[1:] == "1"), "you updated layer 1 only"),
    (update_moving(lambda k: k in ("W2", "b2")), r"you updated the last layer only"),
    (update_two_layers, "you updated 2 layers; this network has L = len\\(params\\) // 2 = 3"),
    (lambda p, gr, lr: {k: v - lr * gr[k] for k, v in p.items()}, r"raised KeyError: 'W1'. grads names each"),
    (lambda p, gr, lr: {"d" + k: v - lr * gr["d" + k] for k, v in p.items()}, "named the new parameters dW1"),
    (lambda p, gr, lr: {k: v - lr * gr["d" + k] for k, v in p.items() if k[0] == "W"},
     r"returned no b1, b2: return every parameter"),
    (lambda p, gr, lr: None, "returned None: did you forget `return`"),
    (lambda p, gr, lr: [v - lr * gr["d" + k] for k, v in p.items()], "must return a dict like params"),
    (update_changing_grads, "changed the grads it was given"),
    (lambda p, gr, lr: {k: v - lr * gr["d" + k] * (2 if k == "W2" else 1) for k, v in p.items()},
     r"W2 of <lambda>\(params with W1 \(3, 3\), W2 \(3, 3\), grads of the same shapes, lr=0.5\) returned"),
]


def test_update_accepts_right_answers(capsys):
    as_lists = lambda p, gr, lr: {k: (v - lr * gr["d" + k]).tolist() for k, v in p.items()}  # noqa: E731
    as_float32 = lambda p, gr, lr: {k: v.astype(np.float32) - np.float32(lr) * gr["d" + k].astype(np.float32)  # noqa: E731
                                    for k, v in p.items()}
    for right in (update, update_by_layer, as_lists, as_float32):
        assert check_update(right) is True
    assert capsys.readouterr().out == "✓ update: correct (every W and b of 2 and 3 layers)\n" * 4


@pytest.mark.parametrize("wrong, message", UPDATE_MISTAKES, ids=[m[:40] for _, m in UPDATE_MISTAKES])
def test_update_names_each_mistake(wrong, message):
    with pytest.raises(ExerciseError, match=message):
        check_update(wrong)
