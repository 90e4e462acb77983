"""Timing the course's "predict, then run" experiments, and saying the result in words that hold on any CPU.

A notebook's stored outputs are compared with a fresh run (strict nbval), on the learner's laptop
too, so a printed time or ratio must not depend on the machine. The experiments claim a floor
("more than 100 times as long"), chosen far below what any machine measures: the text is the same
everywhere while the claim holds, and a run where it does not hold fails, as it should.
"""
import time


def seconds(fn, repeats=5):
    """The shortest of `repeats` runs of fn(), in seconds: the run least disturbed by whatever else ran."""
    if repeats < 1:
        raise ValueError(f"repeats must be at least 1, got {repeats}")
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def more_than(ratio, floor):
    """'more than {floor} times' while ratio > floor; otherwise the ratio itself, so that a broken claim shows."""
    if floor <= 0:
        raise ValueError(f"floor must be positive, got {floor}")
    return f"more than {floor:g} times" if ratio > floor else f"only {ratio:.1f} times (expected more than {floor:g})"
