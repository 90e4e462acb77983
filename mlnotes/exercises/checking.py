"""The machinery behind every exercise check.

A check takes the learner's function, calls it on chosen inputs and
compares with the package's own answer. A right answer prints one line and
returns True. A wrong one raises ExerciseError whose message names the
likely mistake ("your sigmoid overflows for z = -1000"), found by comparing
the answer with the values that typical mistakes produce; when no known
mistake matches, the message shows the input, the expected and the actual
values. A function that still holds `raise NotImplementedError()` gets
NotImplementedError with the same short hint in every exercise.

Exercises add up: a cell that runs the learner's functions (a forward pass
built from their layer, a training run) starts with require(...), which says
which piece is not written yet or has not passed its check since its cell last
ran, before anything else happens.
"""
import warnings
import weakref

import numpy as np


class ExerciseError(AssertionError):
    """The learner's function gave a wrong answer; the message says what is likely wrong."""


def not_done_message(name):
    """The one hint shown for an exercise that is not written yet (the student-copy generator stores it too)."""
    return (f"{name} is not written yet: replace `raise NotImplementedError()` with your code, "
            f"run that cell, then run this check again")


def not_done_for_use_message(name):
    """The hint of a cell that uses an exercise function not written yet (the generator stores it too)."""
    return (f"{name} is not written yet, and this cell uses it: write it in its exercise above, "
            f"run its check, then run this cell again")


def is_stub(fn):
    """True for a function whose whole body is still `raise NotImplementedError()` (the student copy's stub)."""
    code = getattr(fn, "__code__", None)
    return code is not None and tuple(code.co_names) == ("NotImplementedError",)


_PASSED = weakref.WeakSet()  # the function objects that passed their check in this kernel


def mark_passed(fn):
    """Remember that fn passed its check (progress.recorded calls this); a redefined fn is a new object."""
    try:
        _PASSED.add(fn)
    except TypeError:  # not weak-referenceable (a builtin, a partial): nothing to remember
        pass


def require(*pieces):
    """Before a cell that runs the learner's functions: each piece is written and has passed its check.

    Raises NotImplementedError naming the first piece not written yet, or
    ExerciseError naming the first one that has not passed its check since
    its cell was last run (a wrong piece would give wrong results without a
    word). Prints which of the learner's functions the cell uses.
    """
    for fn in pieces:
        name = getattr(fn, "__name__", repr(fn))
        if not callable(fn):
            raise ExerciseError(f"require() takes your functions themselves, got {type(fn).__name__} for {name}")
        if is_stub(fn):
            raise NotImplementedError(not_done_for_use_message(name))
        if fn not in _PASSED:
            raise ExerciseError(f"{name} has not passed its check since its cell was last run: run the check "
                                f"below its exercise first (this cell uses {name}, and a wrong {name} would "
                                f"give wrong results here without a word)")
    print("using your " + ", ".join(getattr(fn, "__name__", "?") for fn in pieces))


def _stub_that_raised(tb, default):
    """The name of the innermost stub among the frames of traceback tb, or default when none is a stub."""
    name = default
    while tb is not None:
        if tuple(tb.tb_frame.f_code.co_names) == ("NotImplementedError",):
            name = tb.tb_frame.f_code.co_name
        tb = tb.tb_next
    return name


def fmt(x):
    """A short, rounded text of a number or array for messages."""
    try:  # a learner's answer can be anything: strings, None, ragged lists get their repr
        if isinstance(x, (int, float, np.floating, np.integer)) or (isinstance(x, np.ndarray) and x.ndim == 0):
            return f"{float(x):.6g}"
        if isinstance(x, (np.ndarray, list, tuple)):
            return np.array2string(np.asarray(x, dtype=float), precision=4, suppress_small=True, separator=", ")
    except (TypeError, ValueError):
        pass
    return repr(x)


def call(fn, *args, given=None):
    """fn(*args) for the learner's fn, turning what can go wrong into a message for the learner.

    - `raise NotImplementedError()` still in place -> NotImplementedError with the not-done hint;
    - any other exception -> ExerciseError naming the call and the exception;
    - a RuntimeWarning (overflow, division by zero, invalid value) -> ExerciseError: in a
      notebook it would print a warning and usually means a wrong or unstable formula.
      Underflow is not one of them: e^(-1000) rounding to 0 is what a stable formula relies on.
    `given` describes the arguments in the message (default: their values).
    """
    name = getattr(fn, "__name__", "your function")
    if not callable(fn):
        raise ExerciseError(f"pass your function itself to the check (without calling it), got {type(fn).__name__}")
    given = given or ", ".join(fmt(a) for a in args)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with np.errstate(all="warn", under="ignore"):
            try:
                result = fn(*args)
            except NotImplementedError as e:  # the stub may be another exercise the learner's fn calls
                raise NotImplementedError(not_done_message(_stub_that_raised(e.__traceback__, name))) from None
            except Exception as e:
                raise ExerciseError(f"{name}({given}) raised {type(e).__name__}: {e}") from e
    for w in caught:
        if issubclass(w.category, RuntimeWarning):
            raise ExerciseError(f"{name}({given}) gave a warning: {w.message}")
    return result


def call_unchanged(fn, *args, given=None, names=None):
    """call(fn, *args) on copies of the arrays in args (lists of arrays too); ExerciseError when fn changed one.

    The check computes its expected values from args after the call: a learner's `dZ /= m` must neither
    change them (and so the message) nor go unnoticed, since the cells after a check reuse the function.
    """
    copies = [[_copy(a) for a in arg] if isinstance(arg, list) else _copy(arg) for arg in args]
    result = call(fn, *copies, given=given)
    for k, (arg, copy) in enumerate(zip(args, copies)):
        pairs = zip(arg, copy) if isinstance(arg, list) else [(arg, copy)]
        if any(isinstance(a, np.ndarray) and not np.array_equal(a, c) for a, c in pairs):
            name = getattr(fn, "__name__", "your function")
            arg_name = names.split()[k] if names else f"number {k + 1}"
            raise ExerciseError(f"{name}({given or ''}) changed its argument {arg_name} in place (with `-=`, `/=`, "
                                f"`*=` or an assignment into it): a function must not change the arrays it is given, "
                                f"the caller still needs them. Compute a new array instead, e.g. x = x / m, not x /= m")
    return result


def _copy(x):
    return x.copy() if isinstance(x, np.ndarray) else x


def as_result(got, name, given, shape=None):
    """The learner's result as a float array of the expected shape, or ExerciseError saying what came back."""
    if got is None:
        raise ExerciseError(f"{name}({given}) returned None: did you forget `return`?")
    try:
        arr = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        raise ExerciseError(f"{name}({given}) returned {type(got).__name__}, expected numbers") from None
    if shape is not None and arr.shape != tuple(shape):
        raise ExerciseError(f"{name}({given}) returned shape {arr.shape}, expected shape {tuple(shape)}")
    if not np.all(np.isfinite(arr)):
        raise ExerciseError(f"{name}({given}) returned {fmt(arr)}, which holds nan or inf")
    return arr


def reject_one_per_input(got, inputs, name, given, hint):
    """ExerciseError when the learner returned one number per input instead of one number: the sum is missing."""
    if _shape(got) == np.shape(inputs):
        raise ExerciseError(f"{name}({given}) returned {len(inputs)} numbers, one per input: {hint}")


def close(a, b):
    """The tolerance every check uses: equal up to float64 rounding of a few operations."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a.shape == b.shape and np.allclose(a, b, rtol=1e-6, atol=1e-9)


def compare(got, want, name, given, mistakes=()):
    """Raise ExerciseError unless got equals want.

    mistakes is a list of (value, message): when got equals the value a known
    mistake produces, that message is the one raised.
    """
    want = np.asarray(want, dtype=float)
    if _shape(got) != want.shape:  # some mistakes change the shape too (a lost keepdims, A[l] for A[l-1])
        for wrong, message in mistakes:
            if _shape(got) == np.shape(wrong) and close(got, wrong):
                raise ExerciseError(message)
    got = as_result(got, name, given, shape=want.shape)
    if close(got, want):
        return
    for wrong, message in mistakes:
        if close(got, wrong):
            raise ExerciseError(message)
    raise ExerciseError(f"{name}({given}) returned {fmt(got)}, expected {fmt(want)}")


def unambiguous(mistakes):
    """The mistakes whose value no other mistake gives: when two give the same number, naming one could be wrong."""
    values = [value for value, _ in mistakes]
    return [(value, message) for value, message in mistakes
            if sum(_shape(value) == _shape(v) and close(value, v) for v in values) == 1]


def _shape(x):
    """The shape of x as an array of numbers, or None when it is not one."""
    try:
        return np.asarray(x, dtype=float).shape
    except (TypeError, ValueError):
        return None


def passed(what, detail):
    """Print the success line and return True."""
    print(f"✓ {what}: correct ({detail})")
    return True
