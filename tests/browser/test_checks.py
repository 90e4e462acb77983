"""checks.py on made-up pages: each check passes on a good cell and names what a bad one lacks."""
import checks
from notebook_run import CONTROLS, move

DEMO = "Demo: the shapes of one layer (controls: n_prev, n, m). Run the notebook to use it."


def cell(index, type="code", source="x = 1", tags=(), prompt="[1]:", outputs=(), markdown=None):
    return {"index": index, "id": f"c{index}", "type": type, "tags": list(tags), "source": source,
            "prompt": prompt if type == "code" else None, "markdown": markdown, "outputs": list(outputs)}


def output(output_type="display_data", mimes=("text/plain",), shown_as="text/plain", text="", widget=None,
           images=(), math=None, plain=None, markdown_source=None, ename=None, evalue=None):
    return {"output_type": output_type, "ename": ename, "evalue": evalue, "mimes": list(mimes), "shown": True,
            "shown_as": shown_as, "text": text, "widget": widget, "images": list(images), "math": math,
            "plain": plain, "markdown_source": markdown_source}


def math(mjx, raw=(), errors=()):
    return {"mjx": mjx, "raw": list(raw), "errors": list(errors)}


def test_where_names_index_id_and_first_line():
    assert checks.where(cell(3, source="\n# a long first line " + "x" * 60 + "\nmore")) == \
        "cell 3 (id c3) «# a long first line xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...»"


def test_errors_in_tagged_cells_are_fine_others_and_cells_not_run_are_named():
    error = output("error", mimes=(), ename="ValueError", evalue="bad shape")
    cells = [cell(0, tags=["raises-exception"], outputs=[error]), cell(1, source="f()", outputs=[error]),
             cell(2, source="g()", prompt="[ ]:"), cell(3, type="markdown", source="# text")]
    assert checks.unexpected_errors(cells) == [
        "cell 1 (id c1) «f()»: unexpected error ValueError: bad shape",
        "cell 2 (id c2) «g()»: did not run (prompt '[ ]:'); did an earlier cell fail?"]
    assert checks.unexpected_errors(cells[:1]) == []


def test_a_widget_must_be_drawn():
    mimes = ("text/plain", checks.WIDGET)
    drawn = output(mimes=mimes, shown_as=None, widget={"rendered": True, "error": None})
    as_text = output(mimes=mimes, text=DEMO, widget={"rendered": False, "error": None})
    broken = output(mimes=mimes, shown_as=None, widget={"rendered": False, "error": "Error displaying widget"})
    missing = dict(output(mimes=mimes), shown=False)
    as_picture = output(mimes=(*mimes, "image/png"), shown_as="image/png", plain=DEMO, images=[True],
                        widget={"rendered": False, "error": None})
    assert checks.widgets_not_rendered([cell(0, outputs=[drawn])]) == []
    assert checks.widgets_not_rendered([cell(0, outputs=[as_text, broken, missing, as_picture])]) == [
        f"cell 0 (id c0) «x = 1»: a widget shows as its text repr {DEMO!r}",
        "cell 0 (id c0) «x = 1»: a widget shows an error: 'Error displaying widget'",
        "cell 0 (id c0) «x = 1»: a widget is not on the page",
        f"cell 0 (id c0) «x = 1»: a widget shows as its stored picture, not live ({DEMO!r})"]


def test_a_figure_must_be_shown_and_loaded():
    figure = output(mimes=("image/png", "text/plain"), shown_as="image/png", images=[True])
    assert checks.figures([cell(0, outputs=[figure])]) == ([(0, 0)], [])
    assert checks.figures([cell(0)]) == ([], ["no figure: no code cell shows a PNG image after Run All"])
    demo = output(mimes=("image/png", "text/plain", checks.WIDGET), shown_as=None, images=[True],
                  widget={"rendered": True, "error": None})
    assert checks.figures([cell(0, outputs=[demo])])[0] == []
    not_loaded = dict(figure, images=[False])
    assert checks.figures([cell(0, outputs=[not_loaded])])[1] == [
        "cell 0 (id c0) «x = 1»: a figure that the page does not show",
        "no figure: no code cell shows a PNG image after Run All"]


def test_formulas_are_counted_per_cell_and_per_markdown_output():
    text = cell(0, type="markdown", source="$a$ and $b$", markdown=math(2))
    shown = output(mimes=("text/markdown",), shown_as="text/markdown", math=math(1), markdown_source="$$c$$")
    counted = []

    def count(sources):
        counted.append(sources)
        return [2, 1]

    assert checks.math_problems([text, cell(1, outputs=[shown])], count) == []
    assert counted == [["$a$ and $b$", "$$c$$"]]


def test_math_problems_name_missing_raw_and_broken_formulas():
    cells = [cell(0, type="markdown", source="$a$, $b$, $c$", markdown=math(1, raw=["$b$, $c$"])),
             cell(1, type="markdown", source="$\\frac{1}$", markdown=math(1, errors=["Missing argument for \\frac"])),
             cell(2, type="markdown", source="$d$", markdown=None),
             cell(3, type="markdown", source="no math", markdown=math(0, raw=["$1", "$2", "$3"]))]
    assert checks.math_problems(cells, lambda sources: [3, 1, 1, 0]) == [
        "cell 0 (id c0) «$a$, $b$, $c$»: 1 typeset formula(s) (mjx-container) where the source has 3",
        "cell 0 (id c0) «$a$, $b$, $c$»: raw TeX on the page: «$b$, $c$»",
        "cell 1 (id c1) «$\\frac{1}$»: a formula typeset as a TeX error: Missing argument for \\frac",
        "cell 2 (id c2) «$d$»: not rendered, so none of its 1 formula(s) is typeset",
        "cell 3 (id c3) «no math»: raw TeX on the page: «$1», «$2» (and 1 more)"]


def test_formula_counts_find_formulas_as_jupyterlab_does():
    sources = ["$a$ and $$b$$", "`$x$` is code, $5 alone is not math", "\\\\(x\\\\) and \\\\[y\\\\]",
               "\\begin{aligned} a &= b \\end{aligned}", "$\\frac{1}$ shows its error in place", ""]
    assert checks.formula_counts(sources) == [2, 0, 2, 1, 1, 0]


def test_demos_are_known_by_their_text_repr():
    demo = output(mimes=("text/plain", checks.WIDGET), plain=DEMO)
    slider = output(mimes=("text/plain", checks.WIDGET), plain="IntSlider(value=3)")
    assert [(c["index"], title, controls) for c, title, controls in
            checks.expected_demos([cell(4, outputs=[demo, slider])])] == \
        [(4, "the shapes of one layer", ["n_prev", "n", "m"])]


def test_numbered_runs_of_controls_are_written_out():
    grid = output(mimes=("text/plain", checks.WIDGET),
                  plain="Demo: draw (controls: start, x0 … x63, y2 … y4, w1, w2). Run the notebook to use it.")
    [(_, title, names)] = checks.expected_demos([cell(2, outputs=[grid])])
    assert title == "draw" and len(names) == 1 + 64 + 3 + 2
    assert names[:3] == ["start", "x0", "x1"] and names[64:] == ["x63", "y2", "y3", "y4", "w1", "w2"]


def test_a_demo_repr_cut_by_ipywidgets_is_named():
    cut = output(mimes=("text/plain", checks.WIDGET), plain="Demo: draw (controls: start, x0, x1, x2, x…")
    assert checks.cut_demo_reprs([cell(5, outputs=[cut]), cell(6, outputs=[output(plain=DEMO)])]) == [
        "cell 5 (id c5) «x = 1»: a Demo's text repr is cut short ('Demo: draw (controls: start, x0, x1, x2, x…'): "
        "ipywidgets keeps 110 characters; shorten its title or its control names"]


def test_a_long_report_is_cut():
    text = checks.report("00_welcome", [f"problem {i}" for i in range(30)], most=3)
    assert text == "00_welcome: 30 problem(s)\n  - problem 0\n  - problem 1\n  - problem 2\n  ... and 27 more"


class ToggleButton:
    """A made-up ipywidgets ToggleButton as the page has it: a <button>, mod-active while it is on."""

    def __init__(self, on=False):
        self.classes = ["jupyter-widgets", "jupyter-button", "widget-toggle-button"] + (["mod-active"] if on else [])
        self.clicks = 0

    def get_attribute(self, name):
        return " ".join(self.classes) if name == "class" else None

    def click(self):
        self.clicks += 1
        if "mod-active" in self.classes:
            self.classes.remove("mod-active")
        else:
            self.classes.append("mod-active")


def test_a_toggle_button_is_moved_by_a_click_either_way():
    for on in (False, True):
        button = ToggleButton(on)
        action, before, value = move(button)
        assert (action, before, value(), button.clicks) == ("toggle button click", on, not on, 1)


def test_single_toggle_buttons_are_controls_but_not_the_buttons_of_a_toggle_buttons_row():
    selectors = [s.strip() for s in CONTROLS.split(",")]
    assert ".widget-toggle-button.jupyter-widgets" in selectors and ".widget-toggle-buttons" in selectors
    assert ".widget-toggle-button" not in selectors
