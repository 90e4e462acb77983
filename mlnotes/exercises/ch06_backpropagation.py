"""Checks for the exercises of 06_backpropagation (F13-F16).

Each check runs a case whose shapes are all equal first: there a missing
transpose or a wrong axis gives numbers (not a numpy error), which are
compared with what each mistake produces, so the message can name it. A
case with unequal shapes follows, so that nothing passes by coincidence.
"""
import numpy as np

from mlnotes.activations import sigmoid, sigmoid_prime, tanh, tanh_prime
from mlnotes.exercises.checking import ExerciseError, call, call_unchanged, compare, passed


def _activations(rng, sizes, m):
    """A list A[0], A[1], ... like MLP.A: the inputs, then sigmoid activations in (0, 1)."""
    return [rng.normal(size=(sizes[0], m))] + [sigmoid(rng.normal(size=(n, m))) for n in sizes[1:]]


def check_layer_gradients(fn):
    """fn(dZ, A, l) must return (dW, db) of layer l: dW = (1/m) dZ A[l-1]^T, db = (1/m) sum over the examples of dZ."""
    rng = np.random.default_rng(6)
    cases = [(_activations(rng, [3, 3, 3], 3), 2),    # every shape 3 x 3: mistakes give numbers, not errors
             (_activations(rng, [4, 5, 2], 6), 2),
             (_activations(rng, [4, 5, 2], 6), 1)]
    for A, l in cases:
        n, m = A[l].shape
        dZ = rng.normal(size=(n, m))
        given = f"dZ {dZ.shape}, A = [{', '.join(str(a.shape) for a in A)}], l={l}"
        got = call_unchanged(fn, dZ, A, l, given=given, names="dZ A l")
        if not (isinstance(got, (tuple, list)) and len(got) == 2):
            raise ExerciseError(f"{fn.__name__}({given}) must return the pair (dW, db), got {type(got).__name__}")
        dW, db = got
        A_prev = A[l - 1]
        want_dW = dZ @ A_prev.T / m
        want_db = dZ.sum(axis=1, keepdims=True) / m
        if getattr(dW, "shape", None) == want_db.shape and getattr(db, "shape", None) == want_dW.shape:
            raise ExerciseError(f"{fn.__name__} returned (db, dW): return (dW, db) in that order")
        wrong_m = ("you divided by the number of neurons; m is dZ.shape[1], the number of examples "
                   "(the columns), not a number of rows")
        dW_mistakes = [
            (dZ @ A_prev.T, "dW is m times too large: you forgot the 1/m (the loss is a mean over the m examples)"),
            (dZ @ A[l].T / m, f"you used A[l] where A[l-1] belongs: layer l's weights multiply the activations of "
                              f"the layer before it, so dW[l] = (1/m) dZ[l] A[l-1]^T (here A[{l - 1}])"),
            (A_prev @ dZ.T / m, "you computed dW transposed: row j of dW belongs to neuron j of this layer "
                                "(a row of dZ), column i to input i (a row of A[l-1]): dW = (1/m) dZ A[l-1]^T"),
            (dZ @ A_prev.T / n, wrong_m + " (you took dZ.shape[0])"),
            (dZ @ A_prev.T / A_prev.shape[0], wrong_m + " (you took len(A[l-1]))"),
        ]
        if A_prev.shape[0] == m:  # only then can dZ @ A[l-1] be computed at all
            dW_mistakes.append((dZ @ A_prev / m, "missing transpose: dW = (1/m) dZ A[l-1]^T pairs each row of dZ "
                                                 "with each row of A[l-1], summing over the m examples (the columns); "
                                                 "write A[l-1].T"))
        compare(dW, want_dW, fn.__name__ + " (its dW)", given, mistakes=dW_mistakes)
        db_mistakes = [
            (want_db.ravel(), "db has the right numbers but shape (n,): keep it a column (n, 1) with "
                              "keepdims=True, or b - lr db broadcasts to an (n, n) matrix"),
            (dZ.sum(axis=0, keepdims=True) / m, "you summed dZ over axis 0, the neurons; db sums over the "
                                                "examples, the columns: axis=1"),
            (dZ.sum(axis=0) / m, "you summed dZ over axis 0, the neurons; db sums over the "
                                 "examples, the columns: axis=1"),
            (dZ.sum(axis=1, keepdims=True), "db is m times too large: you forgot the 1/m"),
            (dZ.sum() / m, "you summed every entry of dZ into one number; db has one entry per neuron: "
                           "sum over the examples only (axis=1, keepdims=True)"),
            (dZ.sum(axis=1, keepdims=True) / n, wrong_m + " (you took dZ.shape[0])"),
            (dZ.sum(axis=1, keepdims=True) / A_prev.shape[0], wrong_m + " (you took len(A[l-1]))"),
        ]
        compare(db, want_db, fn.__name__ + " (its db)", given, mistakes=db_mistakes)
    return passed("layer_gradients", "dW and db for 3 layers, square and not")


def check_hidden_error(fn):
    """fn(W_next, dZ_next, Z, g_prime) must return dZ = W_next^T dZ_next * g_prime(Z) (F13).

    The last case passes tanh_prime, so that a sigmoid slope written into fn cannot pass.
    """
    rng = np.random.default_rng(13)
    for n, n_next, m, g, g_prime in [(3, 3, 3, sigmoid, sigmoid_prime), (4, 2, 5, sigmoid, sigmoid_prime),
                                     (4, 2, 5, tanh, tanh_prime)]:
        W_next, dZ_next, Z = rng.normal(size=(n_next, n)), rng.normal(size=(n_next, m)), rng.normal(size=(n, m))
        given = f"W_next {W_next.shape}, dZ_next {dZ_next.shape}, Z {Z.shape}, g_prime={g_prime.__name__}"
        got = call_unchanged(fn, W_next, dZ_next, Z, g_prime, given=given, names="W_next dZ_next Z g_prime")
        back = W_next.T @ dZ_next
        want = back * g_prime(Z)
        mistakes = [
            (back, "you forgot g'(Z): the error that reaches layer l is multiplied by the slope of its "
                   "activation, dZ = W_next^T dZ_next * g'(Z)"),
            (back * g(Z), "you multiplied by g(Z), the activation; the chain rule needs its derivative g'(Z)"),
            (-want, "the sign is flipped: dZ = W_next^T dZ_next * g'(Z), no minus"),
            (want / m, "you divided by m: dZ is each example's error; the 1/m belongs only in dW and db"),
        ]
        if g_prime is not sigmoid_prime:
            mistakes.append((back * sigmoid_prime(Z), f"you ignored g_prime and hard-coded the sigmoid's slope: "
                                                      f"this layer's activation is {g.__name__}, so call g_prime(Z)"))
        if n == n_next == m:  # where these can be computed at all, they give numbers to compare
            mistakes += [
                (W_next @ dZ_next * g_prime(Z), "missing transpose: the error flows back along the same "
                                                "weights, from layer l+1 to layer l, so it is W_next^T dZ_next"),
                (back @ g_prime(Z), "you used a matrix product (@) with g'(Z); the notes' * (点乘) is "
                                    "elementwise: each neuron's error times its own slope"),
            ]
        compare(got, want, fn.__name__, given, mistakes=mistakes)
    return passed("hidden_error", "a square case, then a 4-neuron layer under a 2-neuron one with sigmoid and tanh")


def check_update_weights(fn):
    """fn(W, dZ, A_prev, lr) must return W with every w_ji moved by -lr * (mean over the examples of delta_j x_i)."""
    rng = np.random.default_rng(16)
    for n, n_prev, m, lr in [(3, 3, 3, 0.5), (2, 4, 5, 0.1)]:
        W, dZ, A_prev = rng.normal(size=(n, n_prev)), rng.normal(size=(n, m)), rng.normal(size=(n_prev, m))
        given = f"W {W.shape}, dZ {dZ.shape}, A_prev {A_prev.shape}, lr={lr}"
        dW = dZ @ A_prev.T / m
        want = W - lr * dW
        got = call(fn, W.copy(), dZ.copy(), A_prev.copy(), lr, given=given)
        mistakes = [
            (W + lr * dW, "wrong learning-rate sign: the gradient points uphill, so gradient descent steps "
                          "against it, w <- w - lr dw"),
            (W - lr * m * dW, "the step is m times too large: "
                              "use the mean of delta_j x_i over the m examples, not the sum"),
            (W - dW, "you forgot the learning rate: w <- w - lr dw"),
            (-lr * dW, "you returned only the step -lr dW; return the updated weights W - lr dW"),
        ]
        if n == n_prev == m:  # where these can be computed at all, they give numbers to compare
            mistakes += [
                (W - lr * dW.T, "you updated w_ij with the notes' index order; here W[j, i] is the weight to neuron "
                                "j from input i, so W[j, i] moves by -lr * mean of delta_j x_i (dZ[j] with A_prev[i])"),
                (W - lr * dZ @ A_prev / m, "missing transpose: delta_j pairs with input x_i of the same example"),
            ]
        compare(got, want, fn.__name__, given, mistakes=mistakes)
    return passed("update_weights", "learning rates 0.5 and 0.1, a square and a 2 x 4 W")
