"""The checks of 05_gradient_descent accept right answers and name each mistake they claim to catch."""
import numpy as np
import pytest

from mlnotes.exercises import ExerciseError, check_gradient_descent, check_minibatch_indices, check_momentum_step

# --- check_gradient_descent -----------------------------------------------------------

def gradient_descent(grad, w0, lr, steps):
    w = w0
    for _ in range(steps):
        w = w - lr * grad(w)
    return w


def on_a_copy(grad, w0, lr, steps):
    w = w0.copy()
    for _ in range(steps):
        w -= lr * grad(w)
    return w


def in_place(grad, w0, lr, steps):
    w = w0
    for _ in range(steps):
        w -= lr * grad(w)
    return w


def whole_path(grad, w0, lr, steps):
    path = [w0]
    for _ in range(steps):
        path.append(path[-1] - lr * grad(path[-1]))
    return np.array(path)


def run(update, w0, times):
    w = w0
    for _ in range(times):
        w = update(w)
    return w


def return_in_the_loop(grad, w0, lr, steps):
    w = w0.copy()
    for _ in range(steps):
        w = w - lr * grad(w)
        return w


GRADIENT_DESCENT_MISTAKES = [
    (lambda grad, w0, lr, steps: run(lambda w: w + lr * grad(w), w0, steps), "you stepped uphill, w \\+ lr \\* grad"),
    (lambda grad, w0, lr, steps: run(lambda w: w - grad(w), w0, steps), "you forgot the learning rate"),
    (lambda grad, w0, lr, steps: run(lambda w: w - lr * grad(w0), w0, steps),
     "the gradient at the start, grad\\(w0\\)"),
    (lambda grad, w0, lr, steps: run(lambda w: w - lr * grad(w), w0, steps - 1),
     "you made 4 updates instead of steps = 5"),
    (lambda grad, w0, lr, steps: run(lambda w: w - lr * grad(w), w0, steps + 1),
     "you made 6 updates instead of steps = 5"),
    (return_in_the_loop, r"you returned after the first update \(is `return` inside the loop\?\)"),
    (in_place, "changed the w0 it was given"),
    (whole_path, r"returned the whole path, shape \(6, 1\); return only the final point w, shape \(1,\)"),
    (lambda grad, w0, lr, steps: None, "returned None"),
    (lambda grad, w0, lr, steps: run(lambda w: w - lr * grad(w) / 2, w0, steps),
     r"returned \[0\.2285\], expected \[1\.017\]"),
]


# --- check_minibatch_indices ----------------------------------------------------------

def minibatch_indices(m, batch_size, rng):
    order = rng.permutation(m)
    return [order[i:i + batch_size] for i in range(0, m, batch_size)]


def sorted_inside(m, batch_size, rng):
    return [np.sort(batch) for batch in minibatch_indices(m, batch_size, rng)]


def as_loop(m, batch_size, rng):
    order, batches = rng.permutation(m), []
    start = 0
    while start < m:
        batches.append(order[start:start + batch_size])
        start += batch_size
    return batches


def own_generator(m, batch_size, rng):
    return minibatch_indices(m, batch_size, np.random.default_rng(0))


def global_state(m, batch_size, rng):
    order = np.random.permutation(m)
    return [order[i:i + batch_size] for i in range(0, m, batch_size)]


def shuffled_blocks(m, batch_size, rng):
    blocks = [np.arange(m)[i:i + batch_size] for i in range(0, m, batch_size)]
    return [blocks[k] for k in rng.permutation(len(blocks))]


def shuffled_inside_blocks(m, batch_size, rng):
    return [rng.permutation(np.arange(m)[i:i + batch_size]) for i in range(0, m, batch_size)]


def fixed_order_shuffled_blocks(m, batch_size, rng):
    order = np.random.default_rng(0).permutation(m)  # one shuffle for every epoch: the batches never change
    blocks = [order[i:i + batch_size] for i in range(0, m, batch_size)]
    return [rng.permutation(blocks[k]) for k in range(len(blocks))]


def shuffle_returns_none(m, batch_size, rng):
    order = rng.shuffle(np.arange(m))
    return [order[i:i + batch_size] for i in range(0, m, batch_size)]


MINIBATCH_MISTAKES = [
    (lambda m, b, rng: minibatch_indices(m, b, rng)[: m // b],
     "dropped the last, smaller batch: the 1 left over are never used"),
    (lambda m, b, rng: np.array_split(rng.permutation(m), m // b),
     r"made batches of sizes \[4, 3, 3\] \(np.array_split\?\)"),
    (lambda m, b, rng: [rng.integers(0, m, size=len(part)) for part in minibatch_indices(m, b, rng)],
     "comes more than once in the epoch.*Drawing each batch on its own"),
    (lambda m, b, rng: [rng.choice(m, size=len(part), replace=False) for part in minibatch_indices(m, b, rng)],
     "comes more than once in the epoch"),
    (lambda m, b, rng: [np.arange(m)[i:i + b] for i in range(0, m, b)], "kept the examples in their original order"),
    (lambda m, b, rng: [rng.permutation(m)[i:i + b + 1] for i in range(0, m, b)],
     r"made batches of sizes \[4, 4, 4, 1\], expected \[3, 3, 3, 1\]"),
    (lambda m, b, rng: [p + 1 for p in minibatch_indices(m, b, rng)],
     "used the index 10; the examples are numbered 0 to 9"),
    (lambda m, b, rng: [p.astype(float) for p in minibatch_indices(m, b, rng)],
     "each batch must be a 1-D array of whole-number indices"),
    (lambda m, b, rng: rng.permutation(m), "each batch must be a 1-D array"),
    (lambda m, b, rng: 3, "returned int; expected a list of index arrays"),
    (lambda m, b, rng: None, "returned None"),
    (own_generator, "the same order in two epochs with the same rng"),
    (global_state, "different orders for two generators seeded alike"),
    (shuffled_blocks, r"returned the batches \{0, 1, 2\}, \{3, 4, 5\}, \{6, 7, 8\}, \{9\} of the unshuffled order.*"
                      r"shuffle the examples before cutting them into batches"),
    (shuffled_inside_blocks, "returned the batches .* of the unshuffled order, only reordered or shuffled inside"),
    (fixed_order_shuffled_blocks, "two epochs with the same rng the same batches, only reordered or shuffled inside.*"
                                  "shuffle the examples before cutting them into batches"),
    # regression: a rotation of 0..m-1 (and the reversed order) passed for a shuffle
    (lambda m, b, rng: (lambda o: [o[i:i + b] for i in range(0, m, b)])(np.roll(np.arange(m), rng.integers(1, m))),
     r"returned the examples in their original order, only started at \d+: \[\d+, \d+.*That is no shuffle"),
    (lambda m, b, rng: (lambda o: [o[i:i + b] for i in range(0, m, b)])(np.arange(m)[::-1]),
     r"in their original order, only reversed: \[9, 8, 7"),
    (lambda m, b, rng: (lambda o: [o[i:i + b] for i in range(0, m, b)])(np.roll(np.arange(m)[::-1], 4)),
     "in their original order, only reversed"),
    (lambda m, b, rng: [list(p) for p in minibatch_indices(m, b, rng)][:-1],
     "dropped the last, smaller batch"),
    (lambda m, b, rng: (lambda o: [o[i:i + b] for i in range(0, m - b, b)])(rng.permutation(m)),
     r"m=10, batch_size=3, rng\) dropped the last, smaller batch: the 1 left over"),
    (lambda m, b, rng: minibatch_indices(m, b, rng)[:-1] if m % b == 0 else minibatch_indices(m, b, rng),
     r"m=12, batch_size=4, rng\) stopped after 2 batches of \[4, 4, 4\]: the last 4 examples are never used"),
    (shuffle_returns_none, "'NoneType' object is not subscriptable. Did you write order = rng.shuffle.*returns None; "
                           r"use order = rng.permutation\(m\)"),
]


# --- check_momentum_step --------------------------------------------------------------

def momentum_step(w, v, dw, lr, beta):
    v = beta * v + dw
    return w - lr * v, v


def in_place_momentum(w, v, dw, lr, beta):
    v *= beta
    v += dw
    w -= lr * v
    return w, v


def cs231n_momentum(w, v, dw, lr, beta):
    v = beta * v - lr * dw
    return w + v, v


def lr_in_the_velocity(w, v, dw, lr, beta):
    v = beta * v + lr * dw
    return w - v, v


MOMENTUM_MISTAKES = [
    (lambda w, v, dw, lr, beta: (w - lr * (v + dw), v + dw), "you forgot beta"),
    (lambda w, v, dw, lr, beta: (w - lr * (beta * v + (1 - beta) * dw), beta * v + (1 - beta) * dw),
     "that is the averaging form"),
    (lambda w, v, dw, lr, beta: (w + lr * (beta * v - dw), beta * v - dw),
     "you subtracted the gradient from the velocity"),
    (lambda w, v, dw, lr, beta: (w - lr * v, beta * v + dw), "you moved w with the old velocity"),
    (lambda w, v, dw, lr, beta: (w + lr * (beta * v + dw), beta * v + dw), "you stepped uphill"),
    (lambda w, v, dw, lr, beta: (w - (beta * v + dw), beta * v + dw), "you forgot the learning rate"),
    (lambda w, v, dw, lr, beta: (w - lr * dw, beta * v + dw), "that is a plain gradient-descent step"),
    (lambda w, v, dw, lr, beta: momentum_step(w, v, dw, lr, beta)[::-1], r"returned \(v_new, w_new\)"),
    (lambda w, v, dw, lr, beta: momentum_step(w, v, dw, lr, beta)[0], "must return two arrays, w_new and v_new"),
    (lambda w, v, dw, lr, beta: None, "must return two arrays"),
    (lambda w, v, dw, lr, beta: (w - lr * (beta * v + dw), v), "you returned the old velocity v"),
    (lambda w, v, dw, lr, beta: (w - lr * (beta * v + dw), 2 * (beta * v + dw)),
     r"v_new of <lambda>\(w=.*\) returned \[ 4\.9, -2\. \], expected \[ 2\.45, -1\.  \]"),
    (cs231n_momentum, "the other convention of momentum \\(cs231n's\\): v = beta \\* v - lr \\* dw, then w = w \\+ v"),
    (lr_in_the_velocity, r"the other convention of momentum, with the learning rate inside the velocity: "
                         r"v = beta \* v \+ lr \* dw, then w = w - v"),
]


# --- every check ----------------------------------------------------------------------

RIGHT = [
    (check_gradient_descent, [gradient_descent, on_a_copy], "✓ gradient_descent: correct (one and two parameters)\n"),
    (check_minibatch_indices, [minibatch_indices, as_loop, sorted_inside,
                               lambda m, b, rng: [list(p) for p in minibatch_indices(m, b, rng)],
                               lambda m, b, rng: np.split(rng.permutation(m), range(b, m, b))],
     "✓ minibatch_indices: correct (every example once per epoch, shuffled with the rng, remainder kept)\n"),
    (check_momentum_step, [momentum_step, in_place_momentum],
     "✓ momentum_step: correct (the velocity, then the step)\n"),
]


@pytest.mark.parametrize("check, answers, line", RIGHT, ids=[check.__name__ for check, _, _ in RIGHT])
def test_right_answers_pass(check, answers, line, capsys):
    for answer in answers:
        assert check(answer) is True
    assert capsys.readouterr().out == line * len(answers)


MISTAKES = ([(check_gradient_descent, *case) for case in GRADIENT_DESCENT_MISTAKES]
            + [(check_minibatch_indices, *case) for case in MINIBATCH_MISTAKES]
            + [(check_momentum_step, *case) for case in MOMENTUM_MISTAKES])


@pytest.mark.parametrize("check, wrong, message", MISTAKES,
                         ids=[f"{check.__name__}: {message[:40]}" for check, _, message in MISTAKES])
def test_each_named_mistake_gets_its_message(check, wrong, message):
    with pytest.raises(ExerciseError, match=message):
        check(wrong)
