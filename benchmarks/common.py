"""Shared by the benchmarks: one thread, paired repetitions, medians.

The machine is noisy, so a benchmark never compares against a stored time:
it runs the candidate and its baseline side by side in one process,
alternating which goes first, and reports the median of the per-pair ratios.
Import this module before numpy: it pins BLAS to one thread.
"""
import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import resource  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402


def seconds(fn, inner):
    """Time of inner back-to-back calls of fn, per call."""
    start = time.perf_counter()
    for _ in range(inner):
        fn()
    return (time.perf_counter() - start) / inner


def paired(candidate, baseline, repeats=151, inner=4):
    """(median candidate time, median baseline time, median of candidate/baseline ratios).

    Many short pairs rather than a few long ones: this machine's speed drifts, and a drift that
    lasts longer than a pair of 4-call blocks slows both halves of the pair alike. (Slow phases in
    which the ratio itself changes are interleaved()'s business.) Measured five times in one
    process, bench_mlp's 64-32-10 ratio ranged from 1.46 to 1.67 with 31 pairs of 20-call blocks,
    and from 1.47 to 1.52 with 151 pairs of 4 calls (the same number of calls).
    """
    candidate(), baseline()  # warm up caches and lazy imports
    c_times, b_times, ratios = [], [], []
    for r in range(repeats):
        if r % 2:
            c, b = seconds(candidate, inner), seconds(baseline, inner)
        else:
            b, c = seconds(baseline, inner), seconds(candidate, inner)
        c_times.append(c)
        b_times.append(b)
        ratios.append(c / b)
    return statistics.median(c_times), statistics.median(b_times), statistics.median(ratios)


def interleaved(comparisons, windows=5):
    """paired() for each (candidate, baseline) in comparisons, in windows taking turns between them.

    Gives, for each comparison, the medians over its windows of (candidate time, baseline time,
    ratio), and the windows' ratios. This machine's host has slow phases of several seconds in
    which the elementwise passes of a train step slow by a quarter and matrix products by a tenth,
    so the ratio of one window moves with them: 1.39-1.51 for 64-32-10 in quiet windows, up to
    1.70 in slow ones. Taking turns puts seconds between two windows of one comparison, so a slow
    phase reaches one or two of its five windows, and their median stays the machine's figure.
    """
    runs = [[] for _ in comparisons]
    for _ in range(windows):
        for run, (candidate, baseline) in zip(runs, comparisons):
            run.append(paired(candidate, baseline))
    return [tuple(statistics.median(r[i] for r in run) for i in range(3)) + ([r[2] for r in run],) for run in runs]


def report(name, candidate_name, baseline_name, result, target=None):
    """Print one comparison: the result of paired(), or of interleaved() with the ratio of each window."""
    c, b, ratio = result[:3]
    verdict = "" if target is None else f"  (target <= {target:.2f}: {'met' if ratio <= target else 'MISSED'})"
    print(f"{name}: {candidate_name} {c * 1e3:.3f} ms, {baseline_name} {b * 1e3:.3f} ms, ratio {ratio:.3f}{verdict}")
    if len(result) > 3:
        print(f"  the ratio in each of the {len(result[3])} windows: {', '.join(f'{r:.3f}' for r in result[3])}")
    return ratio


def page_faults(step, n=50):
    """Minor page faults per call of step: memory glibc's malloc gave back to the system and takes again.

    Many per step means the ratios measure the allocator as much as the code: run again with
    MALLOC_TRIM_THRESHOLD_=268435456 MALLOC_MMAP_THRESHOLD_=268435456 in the environment.
    """
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for _ in range(n):
        step()
    return (resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before) / n
