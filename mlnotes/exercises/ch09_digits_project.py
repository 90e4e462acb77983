"""Checks for the exercises of 09_digits_project: a confusion matrix, and a learning rate chosen by a rule."""
import numpy as np

from mlnotes.datasets import Standardizer, load_digits
from mlnotes.exercises.checking import ExerciseError, as_result, call, compare, fmt, passed, unambiguous
from mlnotes.experiments import diverged, fastest_stable, learning_rate_sweep
from mlnotes.losses import one_hot
from mlnotes.network import MLP
from mlnotes.plots_digits import confusion_matrix


def _present_only(C):
    """What C[y_true, y_pred] += 1 gives: numpy's buffered fancy-index += adds 1 once per distinct pair."""
    return (C > 0).astype(float)


def check_confusion_counts(fn):
    """fn(y_true, y_pred, n_classes) must return C with C[t, p] = how many examples of class t were predicted as p."""
    cases = [  # pairs repeat (so counting each pair once shows), C is not symmetric, every class is a true class
        ([0, 0, 0, 1, 1, 2, 2, 2, 2, 0, 1, 2], [0, 0, 1, 1, 1, 2, 0, 2, 2, 2, 1, 1], 3),
        # the last class, 3, never occurs: the shape must come from n_classes, not from the labels
        ([2, 0, 1, 1, 2, 0, 2], [2, 1, 1, 1, 0, 0, 2], 4),
    ]
    for y_true, y_pred, n in cases:
        given = f"y_true={y_true}, y_pred={y_pred}, n_classes={n}"
        got = call(fn, np.array(y_true), np.array(y_pred), n, given=given)
        want = confusion_matrix(y_true, y_pred, n).astype(float)
        if isinstance(got, np.ndarray) and got.dtype == bool:
            raise ExerciseError(f"{fn.__name__}({given}) returned an array of True/False: a bool array cannot count "
                                f"(True + 1 stays True). Make C of whole numbers, np.zeros((n_classes, n_classes), "
                                f"dtype=int)")
        arr = as_result(got, fn.__name__, given)
        seen = max(max(y_true), max(y_pred)) + 1
        if arr.shape == (seen, seen) and seen != n:
            raise ExerciseError(f"{fn.__name__}({given}) returned shape {arr.shape}: you sized C from the labels that "
                                f"occur (up to {seen - 1}), but class {n - 1} exists even when no example of it does: "
                                f"make C of shape (n_classes, n_classes) = ({n}, {n})")
        if arr.shape in ((n + 1, n + 1), (n - 1, n - 1)):
            raise ExerciseError(f"{fn.__name__}({given}) returned shape {arr.shape}, an off-by-one: classes are "
                                f"numbered 0 to n_classes - 1, one row and one column each: shape ({n}, {n})")
        rows = want.sum(axis=1, keepdims=True)
        share = np.divide(want, rows, out=np.zeros_like(want), where=rows > 0)
        missing_first, missing_last = want.copy(), want.copy()
        missing_first[0, :], missing_first[:, 0] = 0, 0
        missing_last[-1, :], missing_last[:, -1] = 0, 0
        compare(arr, want, fn.__name__, given, mistakes=unambiguous([
            (want.T, "rows and columns are swapped: row t is the TRUE class and column p the PREDICTED one, "
                     "C[t, p] += 1 for each example (t = y_true[k], p = y_pred[k])"),
            (want / want.sum(), "you returned fractions of all the examples; C counts them (whole numbers)"),
            (share, "you divided each row by its total (the share of each class predicted as p); C counts "
                    "the examples: leave out the division"),
            (_present_only(want), "each pair (t, p) was counted at most once: C[y_true, y_pred] += 1 with index "
                                  "arrays adds 1 only once per distinct pair, however often it repeats. "
                                  "Loop over the examples, or use np.add.at(C, (y_true, y_pred), 1)"),
            (np.roll(want, (-1, -1), axis=(0, 1)), "every count sits one row up and one column left: classes are "
                                                   "numbered from 0, so class t is row t (not t - 1)"),
            (missing_first, "class 0 is missing: its row and column are all 0. range(n_classes) starts at 0"),
            (missing_last, f"the last class, {n - 1}, is missing: its row and column are all 0. "
                           f"range(n_classes) already stops before n_classes, not before n_classes - 1"),
            (np.diag(np.diag(want)), "you counted only the right answers, the diagonal; C counts every example, the "
                                     "wrong ones too: example k adds 1 in row y_true[k], column y_pred[k]"),
            (want - np.diag(np.diag(want)), "the diagonal is 0: you left out the examples predicted right; C counts "
                                            "them too, on its diagonal, C[t, t]"),
            (100 * want / want.sum(), "you returned percentages of all the examples; C counts them (whole numbers)"),
        ]))
    return passed("confusion_counts", "repeated pairs, a class that never occurs")


def _sweep_case():
    """A real sweep: a 64-32-10 network on 400 standardized digits, 4 epochs per rate from 0.05 to 20."""
    X, y = load_digits()
    X = Standardizer(X[:, :400])(X[:, :400])
    return learning_rate_sweep(lambda: MLP([64, 32, 10], seed=0), X, one_hot(y[:400], 10),
                               [0.05, 0.2, 0.5, 1.0, 2.0, 5.0, 20.0], epochs=4)


def _named_cases():
    """Made-up histories {lr: losses per epoch}, each built so that one mistake gives a wrong answer."""
    nan, inf = float("nan"), float("inf")
    return [
        # the diverged run comes first: min() over values holding nan then keeps it (comparisons with nan are False)
        {3.0: [2.3, 0.4, nan], 1.0: [2.3, 0.5, 0.2], 0.3: [2.3, 0.9, 0.5], 0.1: [2.3, 1.5, 1.0]},
        # lr=2 dips lowest and ends above where it started: the lowest loss "ever" is the wrong measure
        {0.1: [2.3, 1.6, 1.1, 0.8], 0.5: [2.3, 0.9, 0.5, 0.3], 2.0: [2.3, 0.1, 1.2, 2.6], 1.0: [2.3, 0.6, 0.35, 0.25]},
        # the fastest start is not the fastest run; the largest stable rate is not the fastest either
        {0.05: [2.3, 1.9, 1.6, 1.4], 0.2: [2.3, 1.2, 0.5, 0.15], 0.8: [2.3, 0.7, 0.45, 0.4], 1.6: [2.3, 1.0, 0.8, 0.7]},
        # the winner's loss rises for one epoch and still ends lowest: a bump is not divergence
        {0.5: [2.3, 0.4, 0.5, 0.1], 0.2: [2.3, 1.0, 0.6, 0.3]},
        # every run diverged, one of them without nan (it ended above where it started): the answer is None
        {1.0: [2.3, 0.5, nan], 2.0: [2.3, 1.2, 2.6], 5.0: [2.3, nan, nan]},
        # lr=3 ends lowest after an infinite loss on the way: np.isnan misses inf, and so does a look at the last loss
        {3.0: [2.3, 0.3, inf, 0.05], 1.0: [2.3, 0.5, 0.3, 0.2], 0.3: [2.3, 0.9, 0.6, 0.5]},
        # the only run left, with a rate too small to move, ends exactly where it started: not higher, so it did
        # not diverge (>, not >=); flat all along, it has no rise that another reading could take for divergence
        {0.001: [2.3, 2.3, 2.3], 2.0: [2.3, nan, nan], 0.5: [2.3, 2.0, 2.9]},
        # the winner first rises above its start, then ends lowest, and its last epoch rises a little
        {0.5: [2.3, 2.6, 0.05, 0.1], 0.2: [2.3, 1.0, 0.6, 0.3], 0.05: [2.3, 1.9, 1.6, 1.4]},
        # the winner ends above its loss after epoch 1 (and above its lowest), still far below its start
        {1.0: [2.3, 0.1, 0.2, 0.25], 0.3: [2.3, 0.9, 0.5, 0.4]},
    ]


def _check_all_diverged(fn, got, histories, given):
    """When every run diverged the answer is None; anything else gets a message naming the run it picked."""
    if got is None:
        return
    losses = histories.get(got) if not isinstance(got, (list, dict, np.ndarray)) else None
    if losses is not None and np.all(np.isfinite(losses)):
        raise ExerciseError(f"lr={got:g} diverged too: its losses {fmt(losses)} have no nan, but it ended at "
                            f"{losses[-1]:g}, above where it started ({losses[0]:g}). That counts as diverged: leave "
                            f"out the runs whose last loss is above their first. Here every run diverged: return None")
    raise ExerciseError(f"{fn.__name__}({given}) returned {fmt(got)}, but every run here diverged: with no run left, "
                        f"return None")


def _not_finite_message(lr, losses):
    """Why the run of lr, whose losses are not all finite, diverged: said for where its nan or inf is."""
    losses = np.asarray(losses, dtype=float)
    if np.isnan(losses[-1]):
        return (f"lr={lr:g} diverged (its losses {fmt(losses)} end in nan): every comparison with nan is False, so "
                f"min() can keep it. Leave out the runs whose losses are not all finite (np.isfinite) before comparing")
    bad = int(np.flatnonzero(~np.isfinite(losses))[0])
    what = "nan" if np.isnan(losses[bad]) else "inf"
    return (f"lr={lr:g} diverged: its losses {fmt(losses)} hold {what} (after epoch {bad}), even though the last one "
            f"is finite. A run diverged if ANY loss is nan or infinite: np.isnan does not see inf, and the last loss "
            f"alone does not tell. Leave out the runs where np.all(np.isfinite(losses)) is False")


def check_fastest_stable_lr(fn):
    """fn(histories) must return the learning rate whose loss ends lowest among the runs that did not diverge.

    histories: {lr: [loss before training, after epoch 1, ...]}. A run diverged when a loss is nan or
    infinite or it ended higher than it started; None when every run diverged. The first case is a
    sweep the check runs itself.
    """
    sweep = _sweep_case()
    for histories in [sweep] + _named_cases():
        given = "histories of " + ", ".join(f"lr={lr:g}" for lr in histories)
        want = fastest_stable(histories)
        try:
            got = call(fn, {lr: list(losses) for lr, losses in histories.items()}, given=given)
        except ExerciseError as e:
            if want is None:  # min() of nothing raises: the learner did not think of an empty choice
                raise ExerciseError(f"{e}. Every run here diverged: when none is left, return None") from None
            raise
        if want is None:
            _check_all_diverged(fn, got, histories, given)
            continue
        if got is None:
            if histories[want][-1] == histories[want][0]:
                raise ExerciseError(f"{fn.__name__}({given}) returned None, but lr={want:g} did not diverge: its loss "
                                    f"ended at {histories[want][-1]:g}, exactly where it started. A run diverged if "
                                    f"a loss is nan or infinite or its last loss is ABOVE its first (>); ending "
                                    f"level is not diverging, and when it is the only run left it is the answer")
            raise ExerciseError(f"{fn.__name__}({given}) returned None: did you forget `return`? (None is for when "
                                f"every run diverged; here lr={want:g} did not)")
        if isinstance(got, (list, tuple, dict, np.ndarray)):
            raise ExerciseError(f"{fn.__name__}({given}) returned "
                                f"{fmt(got) if not isinstance(got, dict) else 'a dict'}; "
                                f"return one learning rate, a key of histories (here {want:g})")
        if got not in histories:
            losses = {lr: h[-1] for lr, h in histories.items()}
            if any(got == value for value in losses.values()):
                raise ExerciseError(f"{fn.__name__}({given}) returned {fmt(got)}, a loss; return the learning rate "
                                    f"whose run ends with it, a key of histories")
            raise ExerciseError(f"{fn.__name__}({given}) returned {fmt(got)}, which is not one of the learning rates "
                                f"tried ({', '.join(f'{lr:g}' for lr in histories)})")
        if got == want:
            continue
        losses = histories[got]
        if not np.all(np.isfinite(losses)):
            raise ExerciseError(_not_finite_message(got, losses))
        if diverged(losses):
            raise ExerciseError(f"lr={got:g} diverged: its loss ended at {losses[-1]:g}, above where it started "
                                f"({losses[0]:g}). Compare where the runs END (the last loss), among those that did "
                                f"not diverge; its lowest loss along the way does not count")
        never_rose = {lr: h[-1] for lr, h in histories.items() if np.all(np.isfinite(h)) and np.all(np.diff(h) <= 0)}
        if np.any(np.diff(histories[want]) > 0) and got == min(never_rose, key=never_rose.get, default=None):
            raise ExerciseError(f"lr={want:g} did not diverge: its loss rose for a while ({fmt(histories[want])}) but "
                                f"ended below where it started, and lowest of all. A bump on the way is not "
                                f"divergence: a run diverged only if a loss is nan or infinite, "
                                f"or the LAST is above the FIRST")
        stable = [lr for lr in histories if not diverged(histories[lr])]
        if got == max(stable):
            raise ExerciseError(f"lr={got:g} is the largest rate that did not diverge, but its loss ends at "
                                f"{losses[-1]:g}, above lr={want:g}'s {histories[want][-1]:g}: close to the edge, "
                                f"steps overshoot. Pick by the last loss, not by the size of the rate")
        if got == min(stable):
            raise ExerciseError(f"lr={got:g} is the safest but the slowest: it ends at {losses[-1]:g} "
                                f"where lr={want:g} ends at {histories[want][-1]:g}. Pick the lowest last loss")
        if got == min(stable, key=lambda lr: histories[lr][1]):
            raise ExerciseError(f"lr={got:g} has the lowest loss after the first epoch, but lr={want:g} ends lower "
                                f"({histories[want][-1]:g} against {losses[-1]:g}): compare the last loss of each run")
        raise ExerciseError(f"{fn.__name__}({given}) returned lr={got:g}, which ends at {losses[-1]:g}; lr={want:g} "
                            f"ends lowest, at {histories[want][-1]:g}, without diverging")
    return passed("fastest_stable_lr", f"a sweep run just now picks lr={fastest_stable(sweep):g}; nan, a run that "
                                       f"dips and blows up, a fast start, a bump on the way, every run diverged")
