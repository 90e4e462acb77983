"""How an error raised by the package reaches the learner: its message, not the package's insides.

A failed exercise check raises ExerciseError. Python's usual traceback would
print the check's source on the way: the right formula and every named mistake,
right above the one line the learner needs. So, once install() has run (setup()
and `import mlnotes.exercises` call it):

- an error raised inside mlnotes/exercises (a failed check, an exercise not
  written yet) shows as its type and message alone;
- any other error raised inside the package (a shape the package refuses, say)
  shows the learner's own frames and the message, without the package's frames;
- every other error shows the usual traceback, untouched.

In IPython (JupyterLab, the classic notebook, the terminal) this is IPython's
custom exception handler; in a plain Python session, sys.excepthook, for
ExerciseError and its kin only.
"""
import copy
import sys
import types
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
EXERCISES = PACKAGE / "exercises"


def _frames(tb):
    while tb is not None:
        yield tb
        tb = tb.tb_next


def _runs_in(tb, folder):
    """True when the frame of traceback entry tb runs code from a file in folder."""
    try:
        return Path(tb.tb_frame.f_code.co_filename).resolve().is_relative_to(folder)
    except (OSError, ValueError):  # cells and <string> code have no real file
        return False


def raised_in(tb, folder):
    """True when the innermost frame of traceback tb runs code from folder (the package, or a part of it)."""
    frames = list(_frames(tb))
    return bool(frames) and _runs_in(frames[-1], folder)


def without_package_frames(value, tb):
    """A copy of exception value whose traceback keeps only frames outside the package, with no chained causes."""
    kept = [t for t in _frames(tb) if not _runs_in(t, PACKAGE)]
    new_tb = None
    for t in reversed(kept):
        new_tb = types.TracebackType(new_tb, t.tb_frame, t.tb_lasti, t.tb_lineno)
    shown = copy.copy(value)
    shown.__cause__, shown.__context__, shown.__suppress_context__ = None, None, True
    return shown.with_traceback(new_tb)


def message_only(etype, value):
    """The text a learner sees for an error from a check: 'ExerciseError: you forgot the bias ...'."""
    return f"{etype.__name__}: {value}"


def _ipython_handler(shell, etype, value, tb, tb_offset=None):
    if issubclass(etype, SyntaxError):
        shell.showsyntaxerror()
    elif raised_in(tb, EXERCISES):
        shell._showtraceback(etype, value, [message_only(etype, value)])
    elif raised_in(tb, PACKAGE):
        shown = without_package_frames(value, tb)
        stb = shell.InteractiveTB.structured_traceback(etype, shown, shown.__traceback__, tb_offset=tb_offset)
        shell._showtraceback(etype, value, stb)
    else:
        shell.showtraceback(running_compiled_code=True)


def _excepthook(previous):
    def hook(etype, value, tb):
        if raised_in(tb, EXERCISES):
            print(message_only(etype, value), file=sys.stderr)
        else:
            previous(etype, value, tb)
    hook.mlnotes = True
    return hook


def install():
    """Show the package's errors as messages, in IPython or in plain Python (safe to call again)."""
    try:
        from IPython import get_ipython
        shell = get_ipython()
    except ImportError:
        shell = None
    if shell is not None:
        shell.set_custom_exc((Exception,), _ipython_handler)
    elif not getattr(sys.excepthook, "mlnotes", False):
        sys.excepthook = _excepthook(sys.excepthook)
