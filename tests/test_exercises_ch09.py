"""The checks of 09_digits_project accept right answers and name each mistake they claim to catch."""
import numpy as np
import pytest

from mlnotes.exercises import ExerciseError, check_confusion_counts, check_fastest_stable_lr

# --- check_confusion_counts -------------------------------------------------------------

def confusion_counts(y_true, y_pred, n_classes):
    C = np.zeros((n_classes, n_classes), dtype=int)
    for t, p in zip(y_true, y_pred):
        C[t, p] += 1
    return C


def confusion_add_at(y_true, y_pred, n_classes):
    C = np.zeros((n_classes, n_classes))
    np.add.at(C, (y_true, y_pred), 1)
    return C.tolist()


def fancy_index(y_true, y_pred, n_classes):
    C = np.zeros((n_classes, n_classes))
    C[y_true, y_pred] += 1  # the classic bug: a repeated pair is counted once
    return C


def classes_from_one(y_true, y_pred, n_classes):
    C = np.zeros((n_classes, n_classes))
    for t, p in zip(y_true, y_pred):
        C[t - 1, p - 1] += 1
    return C


def loop_over_classes(start, stop_less):
    def counts(y_true, y_pred, n_classes):
        C = np.zeros((n_classes, n_classes))
        for t in range(start, n_classes - stop_less):
            for p in range(start, n_classes - stop_less):
                C[t, p] = np.sum((y_true == t) & (y_pred == p))
        return C
    return counts


def bool_counts(y_true, y_pred, n_classes):
    C = np.zeros((n_classes, n_classes), dtype=bool)
    for t, p in zip(y_true, y_pred):
        C[t, p] += 1  # True + 1 stays True
    return C


def histogram(y_true, y_pred, n_classes):
    return np.histogram2d(y_true, y_pred, bins=n_classes, range=[[0, n_classes], [0, n_classes]])[0]


def sized_from_labels(y_true, y_pred, n_classes):
    return confusion_counts(y_true, y_pred, max(y_true.max(), y_pred.max()) + 1)


def test_confusion_counts_accepts_right_answers(capsys):
    assert check_confusion_counts(confusion_counts) is True
    assert capsys.readouterr().out == "✓ confusion_counts: correct (repeated pairs, a class that never occurs)\n"
    assert check_confusion_counts(confusion_add_at) is True
    assert check_confusion_counts(histogram) is True
    assert check_confusion_counts(lambda t, p, n: np.bincount(t * n + p, minlength=n * n).reshape(n, n)) is True


@pytest.mark.parametrize("fn, message", [
    (lambda t, p, n: confusion_counts(t, p, n).T, "rows and columns are swapped: row t is the TRUE class"),
    (lambda t, p, n: confusion_counts(p, t, n), "rows and columns are swapped"),
    (lambda t, p, n: confusion_counts(t, p, n) / len(t), "you returned fractions of all the examples"),
    (lambda t, p, n: confusion_counts(t, p, n) / np.bincount(t, minlength=n).reshape(-1, 1),
     "you divided each row by its total"),
    (fancy_index, r"each pair \(t, p\) was counted at most once: C\[y_true, y_pred\] \+= 1"),
    (classes_from_one, "one row up and one column left: classes are numbered from 0"),
    (loop_over_classes(1, 0), "class 0 is missing"),
    (loop_over_classes(0, 1), "the last class, 2, is missing"),
    (sized_from_labels, r"returned shape \(3, 3\): you sized C from the labels that occur \(up to 2\), but class 3"),
    (lambda t, p, n: confusion_counts(t, p, n + 1), r"returned shape \(4, 4\), an off-by-one"),
    (lambda t, p, n: np.zeros((n - 1, n - 1)), r"returned shape \(2, 2\), an off-by-one"),
    (lambda t, p, n: None, "returned None: did you forget `return`"),
    (lambda t, p, n: np.diag(np.diag(confusion_counts(t, p, n))), "you counted only the right answers, the diagonal"),
    (lambda t, p, n: confusion_counts(t, p, n) - np.diag(np.diag(confusion_counts(t, p, n))),
     "the diagonal is 0: you left out the examples predicted right"),
    (lambda t, p, n: 100 * confusion_counts(t, p, n) / len(t), "you returned percentages of all the examples"),
    (bool_counts, r"returned an array of True/False: a bool array cannot count"),
    (lambda t, p, n: confusion_counts(t, p, n) + np.eye(n),
     r"(?s)returned \[\[3\., 1\., 1\.\],.* expected \[\[2\., 1\., 1\.\],"),
])
def test_confusion_counts_names_each_mistake(fn, message):
    with pytest.raises(ExerciseError, match=message):
        check_confusion_counts(fn)


# --- check_fastest_stable_lr --------------------------------------------------------------

def fastest_stable_lr(histories):
    finished = {lr: losses[-1] for lr, losses in histories.items()
                if np.all(np.isfinite(losses)) and losses[-1] <= losses[0]}
    return min(finished, key=finished.get) if finished else None


def no_empty_case(histories):
    finished = {lr: losses[-1] for lr, losses in histories.items()
                if np.all(np.isfinite(losses)) and losses[-1] <= losses[0]}
    return min(finished, key=finished.get)  # raises when every run diverged


def finite_only(histories):
    finite = {lr: losses[-1] for lr, losses in histories.items() if np.all(np.isfinite(losses))}
    return min(finite, key=finite.get)  # forgets that ending above the start is diverging too


def never_rises(histories):
    steady = {lr: h[-1] for lr, h in histories.items() if np.all(np.isfinite(h)) and np.all(np.diff(h) <= 0)}
    return min(steady, key=steady.get) if steady else None  # calls any rise a divergence


def by_sorting(histories):
    """Ranks by the last loss and ignores the losses before it: an inf on the way goes unseen."""
    ranked = sorted(histories, key=lambda lr: histories[lr][-1] if histories[lr][-1] <= histories[lr][0] else np.inf)
    return ranked[0] if histories[ranked[0]][-1] <= histories[ranked[0]][0] else None


def unfiltered(histories):
    return min(histories, key=lambda lr: histories[lr][-1])  # nan first: min keeps it


def lowest_ever(histories):
    finite = {lr: h for lr, h in histories.items() if np.all(np.isfinite(h))}
    return min(finite, key=lambda lr: min(finite[lr]))


def largest_stable(histories):
    return max(lr for lr, h in histories.items() if np.all(np.isfinite(h)) and h[-1] <= h[0])


def smallest(histories):
    return min(histories)


def best_first_epoch(histories):
    finite = {lr: h for lr, h in histories.items() if np.all(np.isfinite(h)) and h[-1] <= h[0]}
    return min(finite, key=lambda lr: finite[lr][1])


def filtered_by(diverged):
    """The right selection, with another reading of "diverged"."""
    def pick(histories):
        kept = {lr: h[-1] for lr, h in histories.items() if not diverged(np.asarray(h, dtype=float))}
        return min(kept, key=kept.get) if kept else None
    return pick


def test_fastest_stable_lr_accepts_right_answers(capsys):
    assert check_fastest_stable_lr(fastest_stable_lr) is True
    out = capsys.readouterr().out
    assert out.startswith("✓ fastest_stable_lr: correct (a sweep run just now picks lr=0.5;")
    assert out.rstrip().endswith("a bump on the way, every run diverged)")
    assert check_fastest_stable_lr(filtered_by(lambda h: not np.isfinite(h).all() or h[-1] > h[0])) is True
    assert check_fastest_stable_lr(filtered_by(lambda h: bool(np.isnan(h).any() or np.isinf(h).any() or h[-1] > h[0])))


@pytest.mark.parametrize("fn, message", [
    (unfiltered, r"lr=3 diverged \(its losses \[2\.3, 0\.4, nan\] end in nan\): every comparison with nan is False"),
    (lowest_ever, "lr=2 diverged: its loss ended at 2.6, above where it started .* its lowest loss along the way"),
    (largest_stable, "lr=5 is the largest rate that did not diverge"),
    (smallest, "lr=0.05 is the safest but the slowest"),
    (best_first_epoch, "lr=0.8 has the lowest loss after the first epoch, but lr=0.2 ends lower"),
    (lambda h: min(v[-1] for v in h.values() if np.isfinite(v[-1])), "a loss; return the learning rate"),
    (lambda h: 0.3, "returned 0.3, which is not one of the learning rates tried"),
    (lambda h: list(h), "return one learning rate, a key of histories"),
    (lambda h: None, "returned None: did you forget `return`"),
    (never_rises, r"lr=0\.5 did not diverge: its loss rose for a while .* A bump on the way is not divergence"),
    (finite_only, r"lr=2 diverged too: its losses \[2\.3, 1\.2, 2\.6\] have no nan, but it ended at 2\.6, above "
                  r"where it started \(2\.3\)\. That counts as diverged.* return None"),
    (no_empty_case, r"raised ValueError: .*\. Every run here diverged: when none is left, return None"),
    (lambda h: min(h) if len(h) == 3 else fastest_stable_lr(h), r"returned 1, but every run here diverged"),
    # regression: five readings of "diverged" passed (no inf, no run ending level, no winner above its start)
    (filtered_by(lambda h: np.isnan(h).any() or h[-1] > h[0]),
     r"lr=3 diverged: its losses \[2\.3 , 0\.3 ,  inf, 0\.05\] hold inf \(after epoch 2\).*np\.isnan does not see inf"),
    (filtered_by(lambda h: not np.isfinite(h[-1]) or h[-1] > h[0]), "lr=3 diverged: its losses .* hold inf"),
    (by_sorting, "lr=3 diverged: its losses .* hold inf"),
    (filtered_by(lambda h: not np.isfinite(h).all() or h[-1] >= h[0]),
     r"returned None, but lr=0\.001 did not diverge: its loss ended at 2\.3, exactly where it started"),
    (filtered_by(lambda h: not np.isfinite(h).all() or h.max() > h[0]),
     r"lr=0\.5 did not diverge: its loss rose for a while \(\[2\.3 , 2\.6 , 0\.05, 0\.1 \]\)"),
    (filtered_by(lambda h: not np.isfinite(h).all() or h[-1] > h[-2]),
     r"lr=0\.5 did not diverge: its loss rose for a while \(\[2\.3 , 2\.6 , 0\.05, 0\.1 \]\)"),
    (filtered_by(lambda h: not np.isfinite(h).all() or h[-1] > h.min()),
     r"lr=0\.5 did not diverge: its loss rose for a while"),
    # the winner ends above its loss after epoch 1 but far below its start: not diverged
    (filtered_by(lambda h: not np.isfinite(h).all() or h[-1] > h[1]),
     r"lr=1 did not diverge: its loss rose for a while \(\[2\.3 , 0\.1 , 0\.2 , 0\.25\]\)"),
    (filtered_by(lambda h: bool(np.isinf(h).any()) or h[-1] > h[0]), r"lr=3 diverged \(its losses .* end in nan\)"),
])
def test_fastest_stable_lr_names_each_mistake(fn, message):
    with pytest.raises(ExerciseError, match=message):
        check_fastest_stable_lr(fn)
