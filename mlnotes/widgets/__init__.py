"""Interactive demos for the notebooks (ipywidgets), one module per notebook.

Each demo's drawing is a plain function draw_...(ax, **values) -> readout
text, so tests check the logic without a browser; Demo wires it to controls.
"""
from mlnotes.widgets.ch00_welcome import draw_layer_shapes, layer_shapes, shape_explorer
from mlnotes.widgets.ch01_neural_network import draw_forward_pass, forward_pass_explorer
from mlnotes.widgets.ch08_autograd import backward_state, backward_explorer, draw_backward_step, explain_step
from mlnotes.widgets.demo import Demo, slider
