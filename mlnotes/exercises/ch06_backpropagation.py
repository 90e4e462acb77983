"""Checks for the exercises of 06_backpropagation (F13-F16).

Each check runs a case whose shapes are all equal first: there a missing
transpose or a wrong axis gives numbers (not a numpy error), which are
compared with what each mistake produces, so the message can name it. A
case with unequal shapes follows, so that nothing passes by coincidence.
"""
import contextlib
import io

import numpy as np

from mlnotes.activations import sigmoid, sigmoid_prime, tanh, tanh_prime
from mlnotes.exercises.checking import ExerciseError, call, call_unchanged, close, compare, fmt, passed
from mlnotes.network import backward_pass, forward_pass


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


# --- the whole network: forward, backward, update ---------------------------------------

def _params(rng, sizes):
    """{"W1": ..., "b1": ..., ...} for the layer sizes, with biases far from 0 so that a lost bias shows."""
    params = {}
    for l in range(1, len(sizes)):
        params[f"W{l}"] = rng.normal(size=(sizes[l], sizes[l - 1]))
        params[f"b{l}"] = rng.normal(size=(sizes[l], 1))
    return params


def _describe(params, X=None):
    layers = ", ".join(f"W{k[1:]} {v.shape}" for k, v in params.items() if k[0] == "W")
    return (f"X {X.shape}, " if X is not None else "") + f"params with {layers}"


def _forward_variant(params, X, g, g_L, layer=None, act=None, feed=None):
    """The Z and A lists a forward pass computes with one change: the typical mistakes of check_deep_forward."""
    L = len(params) // 2
    Z, A = [None], [X]
    for l in range(1, L + 1):
        W, b = params[f"W{l}"], params[f"b{l}"]
        Z.append(layer(W, A[l - 1], b) if layer else W @ A[l - 1] + b)
        A.append(act(l, L, Z[l]) if act else (g(Z[l]) if l < L else g_L(Z[l])))
        if feed:  # what the next layer reads instead of A[l]
            A[l] = feed(Z[l], A[l])
    return Z, A


def _near(got, want):
    """close(), or equal to float32's precision: a right answer computed in float32 passes too."""
    if close(got, want):
        return True
    try:
        got = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return False
    want = np.asarray(want, dtype=float)
    return got.shape == want.shape and bool(np.allclose(got, want, rtol=1e-5,
                                                        atol=1e-5 * max(1.0, float(np.abs(want).max()))))


def _compare(got, want, name, given):
    if not _near(got, want):
        compare(got, want, name, given)


def _same_lists(got, want):
    return (isinstance(got, (list, tuple)) and len(got) == len(want)
            and all((w is None and g is None) or (w is not None and g is not None and np.shape(g) == np.shape(w)
                                                   and _near(g, w)) for g, w in zip(got, want)))


def _as_list(x):
    return list(x) if isinstance(x, (list, tuple)) else None


def _name_the_mistake(got, want, wrongs, same):
    """ExerciseError with the message of the mistake whose result got equals, when only that mistake gives it.

    A mistake that gives the right answer in this case, or the same result as another mistake, names nothing.
    """
    wrongs = [(value, message) for value, message in wrongs if not same(value, want)]
    for value, message in wrongs:
        if same(got, value) and sum(same(value, other) for other, _ in wrongs) == 1:
            raise ExerciseError(message)


def check_deep_forward(fn):
    """fn(X, params, g, g_L) must return the lists (Z, A): Z[0] = None, A[0] = X, and for l = 1 .. L
    Z[l] = W[l] A[l-1] + b[l], A[l] = g(Z[l]) (g_L for l = L), L = len(params) // 2 (F9-F11)."""
    from mlnotes.activations import relu, softmax
    rng = np.random.default_rng(9)
    cases = [([3, 3, 3, 3], 3, tanh, sigmoid),     # every shape 3 x 3: mistakes give numbers, not errors
             ([4, 2], 5, relu, softmax),            # one layer: only g_L is used
             ([4, 5, 3, 2], 6, relu, softmax)]      # the shape of the digits network, deeper
    name = fn.__name__
    for sizes, m, g, g_L in cases:
        params, X = _params(rng, sizes), rng.normal(size=(sizes[0], m))
        L = len(sizes) - 1
        given = f"{_describe(params, X)}, g={g.__name__}, g_L={g_L.__name__}"
        copies = {k: v.copy() for k, v in params.items()}
        try:
            got = call_unchanged(fn, X, copies, g, g_L, given=given, names="X params g g_L")
        except ExerciseError as e:
            if isinstance(e.__cause__, KeyError) and str(e.__cause__) == repr(f"W{L + 1}"):
                raise ExerciseError(f"{e}. params holds W and b for each of the {L} layers, 2L = {2 * L} entries: "
                                    f"the number of layers is L = len(params) // 2") from None
            raise
        if any(not np.array_equal(copies[k], v) for k, v in params.items()):
            raise ExerciseError(f"{name}({given}) changed the params it was given: compute Z and A as new "
                                f"arrays and leave W and b as they are")
        Z_want, A_want = forward_pass(params, X, g, g_L)
        if not (isinstance(got, (tuple, list)) and len(got) == 2):
            raise ExerciseError(f"{name}({given}) must return the pair of lists (Z, A), got "
                                f"{type(got).__name__}{'' if got is None else ' ' + fmt(got)}")
        Z, A = (_as_list(x) for x in got)
        if Z is None or A is None:
            raise ExerciseError(f"{name}({given}) must return two lists, Z and A (one entry per layer), got "
                                f"{type(got[0]).__name__} and {type(got[1]).__name__}")
        if _same_lists(Z, A_want) and _same_lists(A, Z_want):
            raise ExerciseError(f"{name}({given}) returned (A, Z); return them in the order (Z, A)")
        if len(A) == L and _same_lists([X] + A, A_want):
            raise ExerciseError(f"{name}({given}) returned A without A[0] = X: start the list with the input, "
                                f"A = [X], so that A[l] is layer l's activation and A[l-1] its input")
        if len(Z) == L and _same_lists([None] + Z, Z_want):
            raise ExerciseError(f"{name}({given}) returned Z without Z[0]: start it with None, Z = [None], "
                                f"so that Z[l] is layer l's weighted input (layer 0 computes nothing)")
        if len(Z) == L + 1 and Z[0] is not None and _same_lists([None] + Z[1:], Z_want):
            raise ExerciseError(f"{name}({given}) put {fmt(Z[0])} in Z[0]; layer 0, the input, computes no "
                                f"weighted input: Z[0] = None")
        if 1 < len(Z) < L + 1 and len(A) == len(Z) and _same_lists(Z, Z_want[:len(Z)]):
            raise ExerciseError(f"{name}({given}) computed {len(A) - 1} layers; params holds {L} "
                                f"(W1 to W{L}): the number of layers is L = len(params) // 2, for any depth")
        if len(Z) != L + 1 or len(A) != L + 1:
            raise ExerciseError(f"{name}({given}) returned {len(Z)} Z and {len(A)} A; for {L} layers both lists "
                                f"have L + 1 = {L + 1} entries, Z[0] = None and A[0] = X")
        variants = [
            (dict(act=lambda l, L_, Z_: g_L(Z_)), f"you used g_L = {g_L.__name__} in every layer; the hidden "
                                                  f"layers use g ({g.__name__}), only the output layer L uses g_L"),
            (dict(act=lambda l, L_, Z_: g(Z_)), f"the output layer needs g_L ({g_L.__name__}): A[L] = g_L(Z[L]); "
                                                f"you used g there too"),
            (dict(act=lambda l, L_, Z_: Z_ if l < L_ else g_L(Z_)),
             "the hidden layers need their activation: A[l] = g(Z[l]), not Z[l]"),
            (dict(feed=lambda Z_, A_: Z_), "each A[l] must be g(Z[l]) (g_L for the last); you kept Z[l] as A[l]"),
            (dict(layer=lambda W, A_, b: W @ A_), "you forgot the bias: Z[l] = W[l] A[l-1] + b[l]"),
            (dict(layer=lambda W, A_, b: W.T @ A_ + b) if len(set(sizes)) == 1 else None,
             "W is used transposed: W[l] has one row per neuron of layer l, so Z[l] = W[l] A[l-1] + b[l] with no .T"),
            (dict(layer=lambda W, A_, b: A_ @ W + b) if len(set(sizes)) == 1 and sizes[0] == m else None,
             "the product is the wrong way round: Z[l] = W[l] A[l-1] + b[l], W first (examples are columns)"),
        ]
        wrongs = [(_forward_variant(params, X, g, g_L, **kwargs), message)
                  for kwargs, message in variants if kwargs is not None]
        same = lambda a, b: _same_lists(a[0], b[0]) and _same_lists(a[1], b[1])  # noqa: E731
        _name_the_mistake((Z, A), (Z_want, A_want), wrongs, same)
        if not (A[0] is X or (np.shape(A[0]) == X.shape and _near(A[0], X))):
            raise ExerciseError(f"{name}({given}) has A[0] = {fmt(A[0])}; A[0] is the input X itself")
        if Z[0] is not None:
            raise ExerciseError(f"{name}({given}) put {fmt(Z[0])} in Z[0]; layer 0 computes nothing: Z[0] = None")
        for l in range(1, L + 1):
            _compare(Z[l], Z_want[l], f"Z[{l}] of {name}", given)
            _compare(A[l], A_want[l], f"A[{l}] of {name}", given)
    return passed("forward", "1 and 3 layers, every Z and A kept")


def _backward_variant(params, Z, A, dZ_L, g_prime, grads_of=None, error=None, key=None, depth=None, order="ok"):
    """The gradients a backward pass computes with one change: the typical mistakes of check_backward.

    grads_of(dZ, A, l) -> (dW, db); error(params, dZ, Z, A, l) -> dZ of layer l-1; key(l) -> the layer
    whose names the gradients of layer l get; depth: the number of layers the loop covers;
    order="overwrite": dZ becomes layer l-1's before layer l's gradients are computed."""
    L = depth or len(A) - 1
    m = A[0].shape[1]
    grads_of = grads_of or (lambda dZ, A_, l: (dZ @ A_[l - 1].T / m, dZ.sum(axis=1, keepdims=True) / m))
    error = error or (lambda p, dZ, Z_, A_, l: p[f"W{l}"].T @ dZ * g_prime(Z_[l - 1]))
    key = key or (lambda l: l)
    grads, dZ = {}, dZ_L
    for l in range(L, 0, -1):
        dZ_next = error(params, dZ, Z, A, l) if l > 1 else None
        dW, db = grads_of(dZ_next if order == "overwrite" and l > 1 else dZ, A, l)
        grads[f"dW{key(l)}"], grads[f"db{key(l)}"] = dW, db
        dZ = dZ_next
    return grads


def _same_grads(got, want):
    return (isinstance(got, dict) and set(got) == set(want)
            and all(np.shape(got[k]) == np.shape(want[k]) and _near(got[k], want[k]) for k in want))


def _pieces_pass(fn):
    """Before backward is checked: the pieces it calls (the learner's layer_gradients, hidden_error) pass theirs.

    Otherwise a mistake in a piece would be blamed on backward.
    """
    code, space = getattr(fn, "__code__", None), getattr(fn, "__globals__", {})
    for piece, check in (("layer_gradients", check_layer_gradients), ("hidden_error", check_hidden_error)):
        if code is None or piece not in code.co_names or not callable(space.get(piece)):
            continue
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                check(space[piece])
        except ExerciseError as e:
            raise ExerciseError(f"{fn.__name__} calls your {piece}, which does not pass its own check: {e} "
                                f"(fix {piece} and run its check, then check {fn.__name__} again)") from None


def check_backward(fn):
    """fn(params, Z, A, dZ_L, g_prime) must return {"dW1": ..., "db1": ..., ...}: from dZ[L] = dZ_L back to
    layer 1, dW[l], db[l] = layer_gradients(dZ[l], A, l) and dZ[l-1] = hidden_error(W[l], dZ[l], Z[l-1], g_prime),
    as mlnotes.network.backward_pass does (F13-F15)."""
    from mlnotes.activations import relu, relu_prime, softmax
    _pieces_pass(fn)
    rng = np.random.default_rng(15)
    cases = [([3, 3, 3, 3], 3, tanh, tanh_prime, sigmoid),     # every shape 3 x 3: mistakes give numbers
             ([4, 5, 3, 2], 6, relu, relu_prime, softmax),
             ([3, 4, 4, 3, 2], 5, sigmoid, sigmoid_prime, sigmoid)]
    name = fn.__name__
    for sizes, m, g, g_prime, g_L in cases:
        params, X = _params(rng, sizes), rng.normal(size=(sizes[0], m))
        Z, A = forward_pass(params, X, g, g_L)
        L = len(sizes) - 1
        dZ_L = A[L] - rng.uniform(size=A[L].shape)
        given = f"{_describe(params)}, Z and A of {L} layers, dZ_L {dZ_L.shape}, g_prime={g_prime.__name__}"
        copies = {k: v.copy() for k, v in params.items()}
        try:
            got = call_unchanged(fn, copies, Z, A, dZ_L, g_prime, given=given, names="params Z A dZ_L g_prime")
        except ExerciseError as e:
            cause = e.__cause__
            if isinstance(cause, KeyError) and str(cause) in (repr("W0"), repr(f"W{L + 1}")):
                raise ExerciseError(f"{e}. The layers are 1 to L = {L}: the loop runs l = L, L-1, ..., 1 "
                                    f"(range(L, 0, -1)), and only for l > 1 is there an error dZ[l-1] to pass "
                                    f"back") from None
            if isinstance(cause, KeyError) and str(cause).startswith("'W"):
                raise ExerciseError(f"{e}. params holds W1, b1, ..., W{L}, b{L}") from None
            raise
        if any(not np.array_equal(copies[k], v) for k, v in params.items()):
            raise ExerciseError(f"{name}({given}) changed the params it was given: backward only computes the "
                                f"gradients; the update is another step")
        want, _ = backward_pass(params, Z, A, dZ_L, g_prime)
        if isinstance(got, tuple) and len(got) == 2 and isinstance(got[0], dict):
            raise ExerciseError(f"{name}({given}) returned a pair; return only the dict of gradients, "
                                f"{{'dW1': ..., 'db1': ..., ...}}")
        if not isinstance(got, dict):
            raise ExerciseError(f"{name}({given}) must return a dict of gradients {{'dW1': ..., 'db1': ..., ...}}, "
                                f"got {type(got).__name__}")
        if set(got) == {k[1:] for k in want}:
            raise ExerciseError(f"{name}({given}) named the gradients {', '.join(sorted(got))}; name them as the "
                                f"notes do, dW1, db1, ... (the update reads grads['dW1'])")
        variants = [
            (dict(depth=2) if L > 2 else None,
             f"you computed 2 layers; this network has {L}: L = len(A) - 1 (or len(params) // 2), for any depth"),
            (dict(grads_of=lambda dZ, A_, l: (dZ @ A_[l].T / m, dZ.sum(axis=1, keepdims=True) / m)),
             "you used A[l] where A[l-1] belongs: layer l's gradient dW[l] = (1/m) dZ[l] A[l-1]^T "
             "(layer_gradients(dZ, A, l) takes the list A and the layer l)"),
            (dict(grads_of=lambda dZ, A_, l: (dZ @ A_[l - 2].T / m, dZ.sum(axis=1, keepdims=True) / m)
                  if l > 1 else (dZ @ A_[0].T / m, dZ.sum(axis=1, keepdims=True) / m)),
             "off by one layer: you passed l - 1 to layer_gradients, so layer l's dW used A[l-2]; "
             "call layer_gradients(dZ, A, l)"),
            (dict(error=lambda p, dZ, Z_, A_, l: p[f"W{l}"].T @ dZ),
             "you forgot g': the error passed back to layer l-1 is W[l]^T dZ[l] * g'(Z[l-1])"),
            (dict(error=lambda p, dZ, Z_, A_, l: p[f"W{l}"].T @ dZ * g_prime(A_[l - 1])),
             "you evaluated g' at A[l-1]; the slope belongs to the weighted input: g'(Z[l-1])"),
            (dict(error=lambda p, dZ, Z_, A_, l: p[f"W{l}"].T @ dZ * g_prime(Z_[l]))
             if len(set(sizes[1:])) == 1 else None,
             "off by one layer: you took g'(Z[l]); the error of layer l-1 needs its own slope, g'(Z[l-1])"),
            (dict(error=lambda p, dZ, Z_, A_, l: p[f"W{l - 1}"].T @ dZ * g_prime(Z_[l - 1]) if l > 2
                  else p["W1"].T @ dZ * g_prime(Z_[l - 1]))
             if len(set(sizes)) == 1 else None,
             "off by one layer: the error of layer l-1 comes back through the weights of layer l, "
             "dZ[l-1] = W[l]^T dZ[l] * g'(Z[l-1]) (hidden_error(W[l], dZ[l], Z[l-1], g_prime))"),
            (dict(order="overwrite") if len(set(sizes[1:])) == 1 else None,
             "dZ was overwritten too early: you computed layer l-1's error before layer l's gradients, so dW[l] "
             "and db[l] used the wrong dZ. Compute dW[l], db[l] from dZ[l] first, then pass the error back"),
        ]
        wrongs = []
        for kwargs, message in variants:
            if kwargs is None:
                continue
            try:  # where a mistake cannot be computed (shapes that do not fit), it gives no numbers to compare
                wrongs.append((_backward_variant(params, Z, A, dZ_L, g_prime, **kwargs), message))
            except (ValueError, KeyError, IndexError):
                continue
        _name_the_mistake(got, want, wrongs, _same_grads)
        shifted = {f"{k[:2]}{int(k[2:]) + 1}": v for k, v in got.items() if k[:2] in ("dW", "db") and k[2:].isdigit()}
        if _same_grads(shifted, want) or _same_grads({f"{k[:2]}{int(k[2:]) - 1}": v for k, v in got.items()
                                                      if k[:2] in ("dW", "db") and k[2:].isdigit()}, want):
            raise ExerciseError(f"{name}({given}) stored the gradients of each layer under the name of another "
                                f"layer ({', '.join(sorted(got))}): layer l's gradients are grads['dW{{l}}'] "
                                f"and grads['db{{l}}']")
        missing = [k for k in want if k not in got]
        if missing:
            hint = (" The loop must run down to layer 1: range(L, 0, -1)" if "dW1" in missing else "")
            raise ExerciseError(f"{name}({given}) returned no {', '.join(missing)}.{hint}")
        extra = [k for k in got if k not in want]
        if extra:
            raise ExerciseError(f"{name}({given}) returned {', '.join(extra)}, which this network of {L} layers "
                                f"does not have: the layers are 1 to L = {L}")
        for l in range(L, 0, -1):
            _compare(got[f"dW{l}"], want[f"dW{l}"], f"dW{l} of {name}", given)
            _compare(got[f"db{l}"], want[f"db{l}"], f"db{l} of {name}", given)
    return passed("backward", "3 and 4 layers with tanh, relu and sigmoid, as backward_pass")


def check_update(fn):
    """fn(params, grads, lr) must return the params after one gradient-descent step of every layer:
    W[l] - lr dW[l] and b[l] - lr db[l] for l = 1 .. L (F16 for a whole layer at once)."""
    rng = np.random.default_rng(17)
    name = fn.__name__
    for sizes, lr in (([3, 3, 3], 0.5), ([4, 5, 3, 2], 0.1)):
        params = _params(rng, sizes)
        grads = {"d" + k: rng.normal(size=v.shape) for k, v in params.items()}
        L = len(sizes) - 1
        given = f"{_describe(params)}, grads of the same shapes, lr={lr}"
        want = {k: v - lr * grads["d" + k] for k, v in params.items()}
        p_copy, g_copy = {k: v.copy() for k, v in params.items()}, {k: v.copy() for k, v in grads.items()}
        try:
            got = call(fn, p_copy, g_copy, lr, given=given)
        except ExerciseError as e:
            if isinstance(e.__cause__, KeyError) and str(e.__cause__).strip("'") in params:
                raise ExerciseError(f"{e}. grads names each gradient after its parameter with a d in front: the "
                                    f"gradient of params['W1'] is grads['dW1']") from None
            if isinstance(e.__cause__, KeyError) and str(e.__cause__).strip("'")[1:] in (f"W{L + 1}", f"b{L + 1}"):
                raise ExerciseError(f"{e}. The layers are 1 to L = len(params) // 2 = {L}") from None
            raise
        if any(not np.array_equal(g_copy[k], v) for k, v in grads.items()):
            raise ExerciseError(f"{name}({given}) changed the grads it was given; only the parameters move")
        if got is None:
            raise ExerciseError(f"{name}({given}) returned None: did you forget `return`? Return the params "
                                f"after the step (a dict like params)")
        if not isinstance(got, dict):
            raise ExerciseError(f"{name}({given}) must return a dict like params, {{'W1': ..., 'b1': ...}}, got "
                                f"{type(got).__name__}")
        if set(got) == set(grads) and _same_grads({k[1:]: v for k, v in got.items()}, want):
            raise ExerciseError(f"{name}({given}) named the new parameters dW1, db1, ...; they are parameters, "
                                f"named like params: W1, b1, ...")
        mistakes = [
            ({k: v + lr * grads["d" + k] for k, v in params.items()},
             "wrong sign: gradient descent steps against the gradient, p - lr dp"),
            ({k: v - grads["d" + k] for k, v in params.items()}, "you forgot the learning rate: p - lr dp"),
            ({k: -lr * grads["d" + k] for k, v in params.items()},
             "you returned only the steps -lr dp; return the parameters after the step, p - lr dp"),
            ({k: (v - lr * grads["d" + k]) if k[0] == "W" else v for k, v in params.items()},
             "you updated the weights only: every bias moves too, b - lr db"),
            ({k: (v - lr * grads["d" + k]) if k[0] == "b" else v for k, v in params.items()},
             "you updated the biases only: every weight moves too, W - lr dW"),
            ({k: (v - lr * grads["d" + k]) if k in ("W1", "b1") else v for k, v in params.items()},
             "you updated layer 1 only: every layer l = 1 .. L moves"),
            ({k: (v - lr * grads["d" + k]) if k in (f"W{L}", f"b{L}") else v for k, v in params.items()},
             "you updated the last layer only (did `return` end up inside the loop?): every layer l = 1 .. L moves"),
            ({k: (v - lr * grads["d" + k]) if k[1:] in ("1", "2") else v for k, v in params.items()}
             if L > 2 else None,
             f"you updated 2 layers; this network has L = len(params) // 2 = {L}: update every layer"),
        ]
        mistakes = [(value, message) for value, message in mistakes if value is not None]
        _name_the_mistake(got, want, mistakes, _same_grads)
        missing = [k for k in want if k not in got]
        if missing:
            raise ExerciseError(f"{name}({given}) returned no {', '.join(missing)}: return every parameter, "
                                f"each W and each b of the {L} layers")
        for k in want:
            _compare(got[k], want[k], f"{k} of {name}", given)
    return passed("update", "every W and b of 2 and 3 layers")
