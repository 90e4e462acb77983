"""A live progress bar for training in a notebook: MLP.fit(..., callback=TrainingProgress(epochs)).

It lives entirely in widget state: JupyterLab shows it moving, while the
cell's stored output is only its fixed text repr, so strict nbval sees the
same output on every run. After the last epoch it prints one summary line,
whose elapsed time tests/nbval-sanitize.cfg masks. Outside a notebook the
bar stays silent and only that line is printed.
"""
import time

import ipywidgets as widgets


class TrainingProgress(widgets.HBox):
    """callback(epoch, history) for MLP.fit: the bar moves after every epoch of `epochs`."""

    def __init__(self, epochs):
        self.epochs, self.start = epochs, time.perf_counter()
        self.bar = widgets.IntProgress(value=0, min=0, max=epochs, description="training")
        self.label = widgets.HTML()
        super().__init__([self.bar, self.label])
        try:
            from IPython import get_ipython
            if get_ipython() is not None:
                from IPython.display import display
                display(self)
        except ImportError:
            pass

    def __repr__(self):
        return "Training progress (live while the notebook runs)"

    def __call__(self, epoch, history):
        if epoch == 0:
            self.start = time.perf_counter()
        self.update(epoch, summary(history, epoch, self.epochs))
        if epoch == self.epochs:
            print(f"{self.label.value} ({time.perf_counter() - self.start:.1f} s elapsed)")

    def update(self, epoch, text):
        self.bar.value = epoch
        self.label.value = text


def summary(history, epoch, epochs):
    """'epoch 3/30: loss 0.1234, accuracy 97.0%, validation accuracy 95.1%' from fit's history."""
    parts = [f"epoch {epoch}/{epochs}: loss {history['loss'][-1]:.4f}"]
    if history["accuracy"]:
        parts.append(f"accuracy {100 * history['accuracy'][-1]:.1f}%")
    if history["val_accuracy"]:
        parts.append(f"validation accuracy {100 * history['val_accuracy'][-1]:.1f}%")
    return ", ".join(parts)
