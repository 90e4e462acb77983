"""What every notebook runs first, and how a notebook shows the package's code.

    from mlnotes.notebook import setup, show_source
    rng = setup()              # inline figures, course style, rounded prints, seeded generator
    show_source(sigmoid)       # the function's own source, highlighted, not a pasted copy

Outputs must be the same on every run and machine (the notebooks are
tested with strict nbval), hence rounded prints and a seeded generator.
"""
import inspect

import numpy as np

from mlnotes import plotting, tracebacks

SEED = 0


def setup(seed=SEED):
    """Prepare a notebook: inline PNG figures in the course style, 4-decimal prints, errors as messages.

    Returns np.random.default_rng(seed): draw every random number from it so
    that a re-run gives the same numbers.
    """
    try:
        from IPython import get_ipython
        ip = get_ipython()
    except ImportError:
        ip = None
    if ip is not None:
        # Inline figures even when MPLBACKEND=Agg leaks into the kernel's environment;
        # the magic resets figure settings, so the course style comes after it.
        ip.run_line_magic("matplotlib", "inline")
        # Figures stored at twice their pixel size and shown at their size: sharp on high-density screens.
        from matplotlib_inline.backend_inline import set_matplotlib_formats
        set_matplotlib_formats("retina")
    plotting.use_course_style()
    tracebacks.install()
    np.set_printoptions(precision=4, suppress=True)
    return np.random.default_rng(seed)


def source_markdown(obj):
    """The source of a function, class or module as a Markdown code block."""
    try:
        code = inspect.getsource(obj)
    except TypeError:
        raise TypeError(f"show_source needs a function, class or module, got {type(obj).__name__}") from None
    return "```python\n" + code.rstrip() + "\n```"


def show_source(obj):
    """Display the source of obj (e.g. mlnotes.activations.sigmoid), syntax-highlighted."""
    from IPython.display import Markdown, display
    display(Markdown(source_markdown(obj)))
