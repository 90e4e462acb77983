"""Shared by every test: the figure backend, set once for the whole session."""
import matplotlib

# The tests draw into figures without a display: Agg draws to memory. Set here rather than with
# MPLBACKEND, which kernels would inherit: strict nbval runs each notebook in a kernel of its own
# (a separate process), so this choice does not reach the notebooks' inline figures.
matplotlib.use("Agg")
