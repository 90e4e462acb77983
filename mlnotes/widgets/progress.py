"""A live progress bar for training in a notebook (used by MLP.fit(progress=True)).

It lives entirely in widget state: JupyterLab shows it moving, while the
cell's stored output is only its fixed text repr, so strict nbval sees the
same output on every run. Outside a notebook it stays silent.
"""
import ipywidgets as widgets


class TrainingProgress(widgets.HBox):
    def __init__(self, epochs):
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

    def update(self, epoch, text):
        self.bar.value = epoch
        self.label.value = text
