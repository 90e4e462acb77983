import ipywidgets as widgets
import numpy as np
import pytest
from matplotlib.figure import Figure

from mlnotes.neuron import dense_forward
from mlnotes.widgets import (
    Demo,
    draw_forward_pass,
    draw_layer_shapes,
    forward_pass_explorer,
    layer_shapes,
    shape_explorer,
    slider,
)

PARAMS = {"W1": np.array([[0.5, -1.0], [1.5, 0.5], [-0.5, 1.0]]), "b1": np.array([[0.0], [-1.0], [0.5]]),
          "W2": np.array([[1.0, -1.0, 2.0]]), "b2": np.array([[-0.5]])}


def test_layer_shapes():
    assert layer_shapes(3, 2, 5) == {"A_prev": (3, 5), "W": (2, 3), "b": (2, 1), "Z": (2, 5), "A": (2, 5)}


def test_draw_layer_shapes_draws_four_blocks_and_reports_shapes():
    ax = Figure().subplots()
    text = draw_layer_shapes(ax, n_prev=4, n=3, m=6)
    assert len(ax.patches) == 4
    assert text == "W (3, 4) @ A_prev (4, 6) + b (3, 1) = Z (3, 6); each of the m = 6 columns is one example"


@pytest.mark.parametrize("n_prev, n, m", [(1, 1, 1), (3, 2, 4), (8, 8, 10), (1, 1, 10), (8, 8, 1)])
def test_operators_stay_clear_of_the_blocks(n_prev, n, m):
    # The demo's figure at the sliders' extremes: scaled to fit, the blocks must not grow into @, + and =.
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = Figure(figsize=(7.0, 3.0), dpi=80, layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.subplots()
    draw_layer_shapes(ax, n_prev=n_prev, n=n, m=m)
    fig.canvas.draw()
    blocks = [patch.get_window_extent() for patch in ax.patches]
    operators = [t.get_window_extent() for t in ax.texts if t.get_text() in "@+="]
    assert len(operators) == 3
    for op in operators:
        for block in blocks:
            assert op.x1 + 4 < block.x0 or block.x1 + 4 < op.x0, (op, block)


def test_forward_pass_readout_is_the_network_output():
    ax = Figure().subplots()
    text = draw_forward_pass(ax, PARAMS, x1=-1.0, x2=0.5)
    _, A1 = dense_forward(np.array([[-1.0], [0.5]]), PARAMS["W1"], PARAMS["b1"], "sigmoid")
    _, A2 = dense_forward(A1, PARAMS["W2"], PARAMS["b2"], "sigmoid")
    assert text == f"x = (-1.00, 0.50)  ->  y_hat = a^(2) = {A2[0, 0]:.4f}"


def test_moving_a_control_updates_readout_and_figure():
    demo = shape_explorer()
    before_text, before_png = demo.text, demo.image.value
    assert demo.set(m=9).endswith("m = 9 columns is one example")
    assert demo.text != before_text and demo.image.value != before_png
    assert demo.image.value[:8] == b"\x89PNG\r\n\x1a\n"
    assert "m = 9" in demo.readout.value


def test_forward_explorer_follows_its_sliders():
    demo = forward_pass_explorer(PARAMS)
    assert demo.text.startswith("x = (1.00, 2.00)")
    demo.controls["x2"].value = -1.0  # what the mouse does
    assert demo.text.startswith("x = (1.00, -1.00)")


def test_demo_carries_the_classes_the_browser_tests_look_for():
    demo = shape_explorer()
    assert demo._dom_classes == ("mlnotes-demo",)
    assert demo.readout._dom_classes == ("mlnotes-demo-readout",)
    assert demo.image._dom_classes == ("mlnotes-demo-image",)


def test_repr_is_stable_text():
    assert repr(shape_explorer()) == ("Demo: the shapes of one layer (controls: n_prev, n, m). "
                                      "Run the notebook to use it.")


def test_unknown_control_is_named():
    demo = Demo("t", lambda ax, a: f"a={a}", {"a": slider("a", 1, 0, 3, integer=True)})
    assert demo.text == "a=1"
    with pytest.raises(KeyError, match="t has no control 'b'; it has a"):
        demo.set(b=2)


def test_training_progress_is_widget_state_with_a_stable_repr(capsys):
    from mlnotes.datasets import xor
    from mlnotes.network import MLP
    from mlnotes.widgets.progress import TrainingProgress

    bar = TrainingProgress(5)
    bar.update(3, "epoch 3/5: loss 0.5")
    assert (bar.bar.value, bar.bar.max, bar.label.value) == (3, 5, "epoch 3/5: loss 0.5")
    assert repr(bar) == "Training progress (live while the notebook runs)"
    X, y = xor(m=40, seed=0)
    MLP([2, 4, 1], output="sigmoid", seed=0).fit(X, y.reshape(1, -1).astype(float), epochs=3,
                                                 callback=TrainingProgress(3))
    out = capsys.readouterr().out
    assert out.startswith("epoch 3/3: loss ") and "accuracy" in out and out.rstrip().endswith("s elapsed)")


def test_demo_set_redraws_once_however_many_controls_move():
    calls = []

    def draw(ax, a, b):
        calls.append((a, b))
        return f"{a} {b}"

    demo = Demo("t", draw, {"a": slider("a", 1, 0, 5, integer=True), "b": slider("b", 1, 0, 5, integer=True)})
    assert demo.set(a=2, b=3) == "2 3" and calls == [(1, 1), (2, 3)]
    assert demo.set(a=2) == "2 3" and len(calls) == 2          # nothing moved: nothing redrawn
    demo.controls["a"].value = 4                               # the mouse: one redraw per move
    assert calls[-1] == (4, 3) and len(calls) == 3


def test_demo_controls_layout_default_and_given():
    controls = {"a": slider("a", 1, 0, 5, integer=True)}
    assert Demo("t", lambda ax, a: "", controls).children[1].layout.flex_flow == "row wrap"
    grid = widgets.Layout(display="grid", grid_template_columns="repeat(2, 40px)")
    assert Demo("t", lambda ax, a: "", controls, controls_layout=grid).children[1].layout is grid


def test_repr_writes_numbered_runs_of_controls_short():
    from mlnotes.widgets.demo import _runs

    assert _runs(["start", "x0", "x1", "x2", "w1", "w2", "b", "x7", "x8", "x9", "x10"]) == \
        ["start", "x0 … x2", "w1", "w2", "b", "x7 … x10"]
    assert _runs(["x1", "x3", "x4"]) == ["x1", "x3", "x4"]


def test_a_float_control_set_from_code_lands_where_the_browser_slider_can_show_it():
    from mlnotes.widgets.demo import on_grid

    control = slider("w", 0.0, -3.0, 3.0, step=0.1)
    assert on_grid(control, 0.5) == 0.5 and on_grid(control, 0.5499) == 0.5 and on_grid(control, -0.26) == -0.3
    log_free = widgets.SelectionSlider(options=[0.01, 0.05], value=0.05)
    assert on_grid(log_free, 0.05) == 0.05                      # not a FloatSlider: taken as it is
    coarse = slider("c", 0.37, 0.0, 1.0, step=0.25)
    demo = Demo("grid", lambda ax, c: f"c = {c}", {"c": coarse})
    assert demo.values() == {"c": 0.25}                          # the first value is on the grid too
    assert demo.set(c=0.8) == "c = 0.75" and coarse.value == 0.75


def test_every_demo_float_slider_starts_on_its_grid():
    from mlnotes.widgets import demo as demo_module
    from mlnotes.widgets import descent_explorer, neuron_explorer, outlier_explorer, relu_pair_explorer

    for make in (neuron_explorer, relu_pair_explorer, outlier_explorer, descent_explorer):
        for control in make().controls.values():
            if isinstance(control, widgets.FloatSlider):
                assert demo_module.on_grid(control, control.value) == control.value


def test_stored_output_has_the_widget_its_text_line_and_a_sharp_picture_of_the_first_state():
    import base64
    import io

    from PIL import Image

    from mlnotes.widgets.demo import DPI

    demo = shape_explorer()
    first = demo.image.value
    data, metadata = demo._repr_mimebundle_()
    assert data["text/plain"] == repr(demo) and data["text/plain"].endswith("Run the notebook to use it.")
    assert data["application/vnd.jupyter.widget-view+json"]["model_id"] == demo.model_id
    live = Image.open(io.BytesIO(first))
    picture = Image.open(io.BytesIO(base64.b64decode(data["image/png"])))
    assert picture.size == (2 * live.size[0], 2 * live.size[1])
    assert metadata == {"image/png": {"width": live.size[0]}}
    # The picture is the state the demo is in: drawn again at the live size, it is the live figure.
    assert demo._render(DPI)[0] == first
    demo.set(m=9)
    assert Image.open(io.BytesIO(base64.b64decode(demo._repr_mimebundle_()[0]["image/png"]))).tobytes() \
        != picture.tobytes()
