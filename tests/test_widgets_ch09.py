"""The demos of 09_digits_project: a drawing read by the network, and every layer for one image."""
import ipywidgets as widgets
import numpy as np
import pytest
from matplotlib.figure import Figure

from mlnotes.datasets import Standardizer, load_digits
from mlnotes.losses import one_hot
from mlnotes.network import MLP
from mlnotes.widgets import CELLS, activation_explorer, digit_drawer, draw_digit_guess, draw_layer_activations, presets


@pytest.fixture(scope="module")
def trained():
    X, y = load_digits()
    X, y = X[:, :400], y[:400]
    scale = Standardizer(X)
    net = MLP([64, 24, 10], seed=0)
    net.fit(scale(X), one_hot(y, 10), epochs=5, lr=0.5, seed=0)
    return net, X, y, scale


def test_cells_are_the_inputs_in_reading_order():
    assert CELLS[:3] == ["x0", "x1", "x2"] and CELLS[8] == "x8" and len(CELLS) == 64


def test_draw_digit_guess_reports_the_networks_probabilities(trained):
    net, X, y, scale = trained
    pixels = X[:, 5] >= 0.5
    ax = Figure().subplots()
    text = draw_digit_guess(ax, net, pixels, prepare=scale)
    p = net.forward(scale(pixels.astype(float).reshape(64, 1)))[:, 0]
    first, second = np.argsort(-p)[:2]
    assert text == (f"reads a {first} (p = {p[first]:.2f}), next a {second} (p = {p[second]:.2f}); "
                    f"{pixels.sum()} of 64 cells inked")
    drawing, bars = ax.child_axes
    np.testing.assert_array_equal(drawing.images[0].get_array(), pixels.reshape(8, 8))
    np.testing.assert_allclose([b.get_height() for b in bars.patches], p)
    assert bars.get_title() == f"the network reads a {first}"
    with pytest.raises(ValueError, match=r"64 pixels of one 8×8 image, got shape \(63,\)"):
        draw_digit_guess(Figure().subplots(), net, np.zeros(63))


def test_presets_are_a_blank_grid_and_the_first_image_of_each_digit(trained):
    _, X, y, _ = trained
    found = presets(X, y)
    assert list(found)[0] == "blank" and not found["blank"].any()
    k = int(np.flatnonzero(y == 3)[0])
    np.testing.assert_array_equal(found[f"test image {k} (a 3)"], X[:, k] >= 0.5)
    assert len(found) == 11


def test_drawer_follows_every_cell_and_loads_a_preset_with_one_redraw(trained):
    net, X, y, scale = trained
    demo = digit_drawer(net, X, y, prepare=scale)
    assert list(demo.controls) == ["start"] + CELLS
    assert demo.controls["start"].value.endswith("(a 3)") and demo.text.startswith("reads a 3")
    calls = []
    draw = demo.draw
    demo.draw = lambda ax, **values: calls.append(1) or draw(ax, **values)
    before = demo.image.value
    text = demo.set(start="blank")
    assert text.endswith("0 of 64 cells inked") and len(calls) == 1 and demo.image.value != before
    assert not any(demo.controls[name].value for name in CELLS)
    demo.controls["x4"].value = True                      # a click on a cell
    assert demo.text.endswith("1 of 64 cells inked") and len(calls) == 2
    assert demo.controls["x4"].button_style == "primary" and demo.controls["x5"].button_style == ""


def test_drawer_lays_its_cells_out_as_an_8_by_8_grid(trained):
    net, X, y, scale = trained
    box = digit_drawer(net, X, y, prepare=scale).children[1]
    assert box.layout.display == "grid" and box.layout.grid_template_columns == "repeat(8, 30px)"
    assert box.children[0].layout.grid_area == "1 / 1 / 2 / 9"   # the dropdown spans the row above the cells
    assert all(isinstance(c, widgets.ToggleButton) for c in box.children[1:])


def test_draw_layer_activations_shows_every_layer(trained):
    net, X, y, scale = trained
    ax = Figure().subplots()
    text = draw_layer_activations(ax, net, X, y, 7, prepare=scale)
    p = net.forward(scale(X[:, 7:8]))[:, 0]
    hidden = net.A[1][:, 0]
    assert text == (f"image 7: a {y[7]}, read as a {p.argmax()} (p = {p.max():.2f}); "
                    f"layer 1: {int((hidden > 0).sum())} of 24 units active (a > 0)")
    pixels, units, output = ax.child_axes
    assert units.images[0].get_array().shape == (2, 16)       # 24 units, 16 to a row, the rest left empty
    np.testing.assert_allclose(units.images[0].get_array().ravel()[:24], hidden)
    assert output.get_title() == f"A[2]: softmax, reads a {p.argmax()}"


def test_sigmoid_units_are_counted_above_one_half():
    net = MLP([64, 4, 3, 10], hidden="sigmoid", seed=0)
    X, y = np.full((64, 1), 0.5), np.array([2])
    text = draw_layer_activations(Figure().subplots(), net, X, y, 0)
    assert "layer 1: " in text and "of 4 units above 0.5; layer 2: " in text and text.endswith("of 3 units above 0.5")


def test_activation_explorer_steps_through_images_or_mistakes(trained):
    net, X, y, scale = trained
    demo = activation_explorer(net, X, y, prepare=scale)
    wrong = np.flatnonzero(net.predict(scale(X)) != y)
    assert wrong.size == 2     # on the 400 images it was trained on
    assert demo.text.startswith("image 0: a ")
    assert demo.set(number=3).startswith("image 3: a ")
    assert demo.set(show="mistakes only").startswith(f"mistake 2 of 2: image {wrong[1]}: ")   # 3 wraps around to 1
    assert demo.set(number=4).startswith(f"mistake 1 of 2: image {wrong[0]}: ")



def test_drawer_repr_fits_what_ipywidgets_keeps(trained):
    # ipywidgets cuts a widget's text repr after 110 characters; the browser tests read the controls from it.
    net, X, y, scale = trained
    text = repr(digit_drawer(net, X, y, prepare=scale))
    assert text == "Demo: draw a digit: click the cells (controls: start, x0 … x63). Run the notebook to use it."
    assert len(text) <= 110
    assert len(repr(activation_explorer(net, X, y, prepare=scale))) <= 110
