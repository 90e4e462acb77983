import json
import logging
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pytest
from fontTools.ttLib import TTFont
from matplotlib.patches import Circle

from mlnotes.plotting import CJK_FONT, draw_network, layer_names, use_course_style

TOP = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def texts(ax):
    return [t.get_text() for t in ax.texts]


def test_neurons_lines_and_labels():
    ax = draw_network([2, 3, 1])
    assert len([p for p in ax.patches if isinstance(p, Circle)]) == 6
    assert len(ax.lines) == 2 * 3 + 3 * 1
    labels = "\n".join(texts(ax))
    for word in ["input layer", "输入层", "hidden layer 1", "隐藏层 1", "output layer", "输出层",
                 "3 neurons", "1 neuron"]:
        assert word in labels


def test_large_layers_are_elided():
    ax = draw_network([64, 32, 10], max_shown=6)
    assert len([p for p in ax.patches if isinstance(p, Circle)]) == 18
    assert texts(ax).count("⋮") == 3
    assert "64 neurons" in "\n".join(texts(ax))


def test_weights_colour_and_width_and_values_are_written():
    W1 = np.array([[1.0, -2.0]])
    ax = draw_network([2, 1], weights=[W1], values=[np.array([0.5, 1.0]), np.array([0.25])])
    widths = sorted(line.get_linewidth() for line in ax.lines)
    assert widths[1] > widths[0]  # |-2| drawn thicker than |1|
    assert {"0.50", "1.00", "0.25"} <= set(texts(ax))


@pytest.mark.parametrize("sizes, weights, error, message", [
    ([3], None, ValueError, "at least an input and an output layer"),
    ([2, 0, 1], None, ValueError, "positive whole number"),
    ("231", None, TypeError, "list of neuron counts"),
    ([2, 1], [np.ones((2, 1))], ValueError, r"W1 must have shape \(1, 2\)"),
    ([2, 3, 1], [np.ones((3, 2))], ValueError, "has 2 weight matrices, got 1"),
])
def test_bad_input(sizes, weights, error, message):
    with pytest.raises(error, match=message):
        draw_network(sizes, weights=weights)


def test_layer_names():
    assert layer_names(3) == [("input layer", "输入层"), ("hidden layer 1", "隐藏层 1"), ("output layer", "输出层")]


def test_chinese_labels_render_without_font_warnings(caplog):
    use_course_style()
    with caplog.at_level(logging.WARNING, logger="matplotlib"):
        fig, ax = plt.subplots()
        draw_network([2, 3, 1], ax=ax)
        ax.set_title("损失函数 · 梯度下降")
        fig.canvas.draw()
    assert not caplog.records, [r.getMessage() for r in caplog.records]


def test_font_covers_every_chinese_character_of_the_course():
    # The figures use the font, and so does the website (make site), which shows the notebooks with
    # their outputs, the README's course map, the docs and the captions build_site.py writes: all must be covered.
    cmap = TTFont(CJK_FONT).getBestCmap()
    used = set()
    for path in [*TOP.glob("notebooks/*.ipynb"), *TOP.glob("mlnotes/**/*.py"), *TOP.glob("docs/*.md"),
                 TOP / "README.md", *TOP.glob("tools/*.py")]:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".ipynb":  # sources and outputs, with any \u escapes decoded
            text = json.dumps(json.loads(text)["cells"], ensure_ascii=False)
        used |= {ch for ch in text if ord(ch) >= 0x2E80}
    missing = sorted(ch for ch in used if ord(ch) not in cmap)
    assert not missing, f"add these to the bundled font with tools/subset_font.py: {''.join(missing)}"
