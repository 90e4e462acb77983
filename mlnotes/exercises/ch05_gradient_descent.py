"""Checks for the exercises of 05_gradient_descent."""
import numpy as np

from mlnotes.exercises.checking import ExerciseError, _shape, as_result, call, compare, fmt, passed
from mlnotes.optim import GradientDescent, Momentum, minimize
from mlnotes.surfaces import parabola_grad, valley_grad


def _repeat(update, w0, times):
    """w0 after `times` applications of update(w): the paths that typical mistakes take."""
    w = w0.copy()
    for _ in range(times):
        w = update(w)
    return w


def check_gradient_descent(fn):
    """fn(grad, w0, lr, steps) must return w after `steps` updates w <- w - lr grad(w), starting at w0."""
    cases = [(parabola_grad, "the parabola's gradient", np.array([-1.0]), 0.1, 5),
             (valley_grad, "the valley's gradient", np.array([-4.0, 1.5]), 0.05, 8)]
    for grad, grad_name, w0, lr, steps in cases:
        given = f"{grad_name}, w0={fmt(w0)}, lr={lr:g}, steps={steps}"
        w0_passed = w0.copy()
        got = call(fn, grad, w0_passed, lr, steps, given=given)
        if not np.array_equal(w0_passed, w0):
            raise ExerciseError(f"{fn.__name__}({given}) changed the w0 it was given (`w -= ...` on the caller's "
                                f"array updates it in place): start from a copy, w = w0.copy(), or write w = w - ...")
        if _shape(got) in ((steps + 1, w0.size), (steps, w0.size)):
            raise ExerciseError(f"{fn.__name__}({given}) returned the whole path, shape {_shape(got)}; "
                                f"return only the final point w, shape {w0.shape}")
        want = minimize(grad, w0, GradientDescent(lr), steps)[-1]
        compare(got, want, fn.__name__, given, mistakes=[
            (_repeat(lambda w: w + lr * grad(w), w0, steps),
             "you stepped uphill, w + lr * grad(w): gradient descent moves against the gradient, w - lr * grad(w)"),
            (_repeat(lambda w: w - grad(w), w0, steps),
             "you forgot the learning rate: each step is lr * grad(w), not the whole gradient"),
            (w0 - steps * lr * grad(w0),
             "every step used the gradient at the start, grad(w0); take the gradient at the current point, grad(w)"),
            (_repeat(lambda w: w - lr * grad(w), w0, 1),
             f"you returned after the first update (is `return` inside the loop?): make all steps = {steps} "
             f"updates, then return w"),
            (_repeat(lambda w: w - lr * grad(w), w0, steps - 1),
             f"you made {steps - 1} updates instead of steps = {steps}"),
            (_repeat(lambda w: w - lr * grad(w), w0, steps + 1),
             f"you made {steps + 1} updates instead of steps = {steps}"),
        ])
    return passed("gradient_descent", "one and two parameters")


def _batch_sizes(m, batch_size):
    return [batch_size] * (m // batch_size) + ([m % batch_size] if m % batch_size else [])


def _minibatches(fn, m, batch_size, rng):
    """fn(m, batch_size, rng) as a list of index arrays, or ExerciseError saying what went wrong."""
    given = f"m={m}, batch_size={batch_size}, rng"
    try:
        got = call(fn, m, batch_size, rng, given=given)
    except ExerciseError as e:
        if "'NoneType'" in str(e):  # order = rng.shuffle(...) is None, and order[...] or len(order) fails
            raise ExerciseError(f"{e}. Did you write order = rng.shuffle(...)? rng.shuffle shuffles its array in "
                                f"place and returns None; use order = rng.permutation(m)") from None
        raise
    if got is None:
        raise ExerciseError(f"{fn.__name__}({given}) returned None: did you forget `return`?")
    try:
        parts = [np.asarray(batch) for batch in got]
    except (TypeError, ValueError):
        raise ExerciseError(f"{fn.__name__}({given}) returned {type(got).__name__}; "
                            f"expected a list of index arrays") from None
    for batch in parts:
        if batch.ndim != 1 or (batch.size and batch.dtype.kind not in "iu"):
            raise ExerciseError(f"{fn.__name__}({given}) returned a batch {fmt(batch)}: each batch must be a 1-D "
                                f"array of whole-number indices (columns of X), e.g. order[start:start + batch_size]")
    return parts


def _as_sets(parts):
    """The batches as sets of examples, in no particular order: what a model sees together in one update."""
    return sorted(tuple(sorted(batch.tolist())) for batch in parts)


SHUFFLE_FIRST = ("shuffle the examples before cutting them into batches: order = rng.permutation(m), then "
                 "order[start:start + batch_size]")


def check_minibatch_indices(fn):
    """fn(m, batch_size, rng) must return the batches of one epoch: index arrays that cover range(m) once each,
    in an order shuffled with rng, batch_size at a time (the remainder last)."""
    name = fn.__name__
    for m, batch_size in ((10, 3), (12, 4), (5, 8)):
        given = f"m={m}, batch_size={batch_size}, rng"
        parts = _minibatches(fn, m, batch_size, np.random.default_rng(5))
        sizes, want_sizes = [b.size for b in parts], _batch_sizes(m, batch_size)
        everything = np.concatenate(parts) if parts else np.array([], dtype=int)
        unshuffled = [np.arange(m)[start:start + batch_size] for start in range(0, m, batch_size)]
        if m > batch_size and np.array_equal(everything, np.arange(m)):
            raise ExerciseError(f"{name}({given}) kept the examples in their original order; shuffle them with "
                                f"rng.permutation(m), or every epoch sees the same batches")
        steps = np.diff(everything) % m if everything.size == m else None
        if m > batch_size and steps is not None and (np.all(steps == 1) or np.all(steps == m - 1)):
            raise ExerciseError(f"{name}({given}) returned the examples in their original order, only "
                                f"{'started at ' + str(everything[0]) if np.all(steps == 1) else 'reversed'}: "
                                f"{everything.tolist()}. That is no shuffle: examples that are neighbours stay "
                                f"neighbours, so each epoch puts nearly the same examples together; {SHUFFLE_FIRST}")
        # Shuffling the unshuffled batches, or the examples inside each, changes the order but not which examples
        # share a batch: every epoch would make the same updates in another order.
        if m > batch_size and _as_sets(parts) == _as_sets(unshuffled):
            blocks = ", ".join("{" + ", ".join(map(str, block)) + "}" for block in unshuffled)
            raise ExerciseError(f"{name}({given}) returned the batches {blocks} of the unshuffled order, only "
                                f"reordered or shuffled inside: every epoch then puts the same examples together; "
                                f"{SHUFFLE_FIRST}")
        if sizes == want_sizes[:-1] and want_sizes[-1] < batch_size:
            raise ExerciseError(f"{name}({given}) dropped the last, smaller batch: the {m % batch_size} "
                                f"left over are never used in this epoch; keep them as a batch of their own")
        if len(sizes) < len(want_sizes) and sizes == want_sizes[:len(sizes)]:
            raise ExerciseError(f"{name}({given}) stopped after {len(sizes)} batches of {want_sizes}: the last "
                                f"{m - sum(sizes)} examples are never used in this epoch. The batches start at "
                                f"0, batch_size, 2 batch_size, ... while the start is below m: range(0, m, batch_size)")
        if len(sizes) != len(want_sizes) and sum(sizes) == m and max(sizes) - min(sizes) <= 1:
            raise ExerciseError(f"{name}({given}) made batches of sizes {sizes} (np.array_split?); each batch "
                                f"holds batch_size = {batch_size} examples and the remainder comes last: {want_sizes}")
        if sizes != want_sizes:
            raise ExerciseError(f"{name}({given}) made batches of sizes {sizes}, expected {want_sizes}")
        outside = everything[(everything < 0) | (everything >= m)]
        if outside.size:
            raise ExerciseError(f"{name}({given}) used the index {outside[0]}; the examples are numbered 0 to {m - 1}")
        if len(np.unique(everything)) < m:
            twice = np.flatnonzero(np.bincount(everything, minlength=m) > 1)[0]
            raise ExerciseError(f"{name}({given}): example {twice} comes more than once in the epoch, so others "
                                f"are missing. Drawing each batch on its own (rng.integers, rng.choice) does that; "
                                f"shuffle once with rng.permutation(m) and cut the order into batches")
    _check_uses_the_rng(fn)
    return passed("minibatch_indices", "every example once per epoch, shuffled with the rng, remainder kept")


def _check_uses_the_rng(fn):
    """Two epochs with one rng must group the examples differently; two rngs seeded alike must give the same."""
    rng = np.random.default_rng(7)
    first, second = _minibatches(fn, 20, 6, rng), _minibatches(fn, 20, 6, rng)
    if np.array_equal(np.concatenate(first), np.concatenate(second)):
        raise ExerciseError(f"{fn.__name__} gave the same order in two epochs with the same rng: draw the shuffle from "
                            f"the rng passed in (rng.permutation(m)), not from a generator made inside the function")
    if _as_sets(first) == _as_sets(second):
        raise ExerciseError(f"{fn.__name__} gave two epochs with the same rng the same batches, only reordered or "
                            f"shuffled inside: every epoch then puts the same examples together; {SHUFFLE_FIRST}")
    again = _minibatches(fn, 20, 6, np.random.default_rng(7))
    if not np.array_equal(np.concatenate(again), np.concatenate(first)):
        raise ExerciseError(f"{fn.__name__} gave different orders for two generators seeded alike: draw from the "
                            f"rng passed in (rng.permutation(m)), not from np.random or an unseeded generator, "
                            f"so that runs repeat")


def check_momentum_step(fn):
    """fn(w, v, dw, lr, beta) must return (w_new, v_new): v_new = beta v + dw, then w_new = w - lr v_new."""
    # lr != 1 - beta, so that the averaging form and the learning rate inside the velocity give different numbers
    cases = [(np.array([1.0, -2.0]), np.array([0.5, 0.0]), np.array([2.0, -1.0]), 0.2, 0.9),
             (np.array([0.3]), np.array([-1.5]), np.array([0.25]), 0.5, 0.8)]
    for w, v, dw, lr, beta in cases:
        given = f"w={fmt(w)}, v={fmt(v)}, dw={fmt(dw)}, lr={lr:g}, beta={beta:g}"
        got = call(fn, w.copy(), v.copy(), dw.copy(), lr, beta, given=given)
        if not isinstance(got, (tuple, list)) or len(got) != 2:
            raise ExerciseError(f"{fn.__name__}({given}) must return two arrays, w_new and v_new "
                                f"(`return w_new, v_new`); got {fmt(got) if got is not None else None}")
        params, optimizer = {"w": w.copy()}, Momentum(lr, beta)
        optimizer.velocity["w"] = v.copy()
        optimizer.step(params, {"dw": dw})
        want_w, want_v = params["w"], optimizer.velocity["w"]
        got_w = as_result(got[0], fn.__name__, given, shape=w.shape)
        if np.allclose(got_w, want_v) and not np.allclose(want_v, want_w):
            raise ExerciseError(f"{fn.__name__}({given}) returned (v_new, w_new); "
                                f"return them in the order (w_new, v_new)")
        compare(got[1], want_v, "v_new of " + fn.__name__, given, mistakes=[
            (v + dw, "you forgot beta: v_new = beta * v + dw (beta says how much of the old velocity is kept)"),
            (beta * v + (1 - beta) * dw,
             "that is the averaging form beta * v + (1 - beta) * dw (Adam's first moment uses it); the momentum of "
             "this course, optim.Momentum, adds the whole gradient: v_new = beta * v + dw"),
            (beta * v - dw, "you subtracted the gradient from the velocity; the minus sign belongs in the update of w"),
            (beta * v - lr * dw, "that is the other convention of momentum (cs231n's): v = beta * v - lr * dw, then "
                                 "w = w + v. This course's, optim.Momentum, keeps the learning rate and the minus "
                                 "sign out of the velocity: v_new = beta * v + dw, then w_new = w - lr * v_new"),
            (beta * v + lr * dw, "that is the other convention of momentum, with the learning rate inside the "
                                 "velocity: v = beta * v + lr * dw, then w = w - v. This course's, optim.Momentum, "
                                 "adds the gradient itself: v_new = beta * v + dw, then w_new = w - lr * v_new"),
            (v, "you returned the old velocity v; return the new one, v_new = beta * v + dw: the next step starts "
                "from it"),
        ])
        compare(got_w, want_w, "w_new of " + fn.__name__, given, mistakes=[
            (w - lr * v, "you moved w with the old velocity v; update the velocity first, then w_new = w - lr * v_new"),
            (w + lr * want_v, "you stepped uphill: w_new = w - lr * v_new"),
            (w - want_v, "you forgot the learning rate: w_new = w - lr * v_new"),
            (w - lr * dw, "that is a plain gradient-descent step; momentum moves w with the velocity: w - lr * v_new"),
        ])
    return passed("momentum_step", "the velocity, then the step")
