"""The course website (build/site/, `make site`) read in Chromium with every outside request blocked.

For the home page, three notebooks heavy in formulas and Chinese, and the cheat
sheet: nothing leaves the machine and nothing fails; every formula is typeset (as
many as /shared/tools/check-math finds in the page's source, the way JupyterLab
finds them) and none shows as raw TeX; every Chinese character is drawn with the
site's own webfont (the reader may have no Chinese font). Then: each demo shows as
a picture with a line saying it moves in JupyterLab, the navigation follows the
course, each notebook can be downloaded, and the site's own search finds pages in
English and in Chinese. Screenshots: build/site-shots/.
"""
import json
import re
import sys
import urllib.parse
from pathlib import Path

import pytest
from conftest import FIGURES, SHOTS, SITE, TOP
from fontTools.ttLib import TTFont

sys.path.insert(0, str(TOP / "tests" / "browser"))
from checks import DEMO_REPR, formula_counts  # noqa: E402

PAGES = ["index", "notebooks/03_activation_functions", "notebooks/06_backpropagation",
         "notebooks/07_backprop_derivation", "docs/cheatsheet"]
NOTEBOOKS = sorted(p.stem for p in (TOP / "notebooks").glob("*.ipynb"))
# The characters site/_static/mlnotes.css draws with the webfont (its unicode-range).
CJK = "[\u2E80-\u9FFF\uF900-\uFAFF\uFE10-\uFE1F\uFE30-\uFE4F\uFF00-\uFFEF]"
WEBFONT_FAMILY = TTFont(TOP / "mlnotes" / "fonts" / "mlnotes-cjk.ttf")["name"].getDebugName(1)
PAGE_TEXT = (Path(__file__).parent / "page_text.js").read_text(encoding="utf-8")


def source(page):
    """The page's source as Sphinx copied it into the site (_sources/)."""
    notebook = SITE / "_sources" / f"{page}.ipynb"
    if notebook.exists():
        return json.loads(notebook.read_text(encoding="utf-8"))
    return (SITE / "_sources" / f"{page}.md").read_text(encoding="utf-8")


def expected_formulas(page):
    """How many formulas check-math finds in the page's Markdown (a notebook's Markdown cells, or the page)."""
    text = source(page)
    if isinstance(text, str):
        return sum(formula_counts([text]))
    return sum(formula_counts(["".join(c["source"]) for c in text["cells"] if c["cell_type"] == "markdown"]))


def stored_demos(page):
    """Titles of the demos whose output the notebook stores (known by their text line)."""
    notebook = source(page)
    lines = ["".join(out.get("data", {}).get("text/plain", "")) for cell in notebook["cells"]
             for out in cell.get("outputs", [])]
    return [match.group(1) for match in map(DEMO_REPR.fullmatch, lines) if match]


def open_page(page, url):
    """Go to url and wait until MathJax has typeset the page and the webfont (if used) has loaded."""
    page.goto(url)
    if page.evaluate("() => !!document.querySelector('script[src*=\"mathjax/tex-chtml.js\"]')"):
        page.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise")
        page.evaluate("() => MathJax.startup.promise")
    page.evaluate("() => document.fonts.ready.then(() => true)")


def fonts_of_chinese_text(page, elements):
    """Problems: elements whose Chinese characters are not all drawn by the site's webfont.

    Asks Chromium itself (DevTools protocol, CSS.getPlatformFontsForNode) which fonts
    drew each element's text, and how many glyphs each; the webfont is the one loaded
    by @font-face (isCustomFont) with the bundled font's family name. A system font of
    the same family (fonts-droid-fallback) would not count.
    """
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    problems = []
    for k, element in enumerate(elements):
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": f'[data-cjk="{k}"]'})["nodeId"]
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        ours = sum(f["glyphCount"] for f in fonts if f["isCustomFont"] and f["familyName"] == WEBFONT_FAMILY)
        if ours != element["count"]:
            used = ", ".join(f"{f['familyName']}{' (web)' if f['isCustomFont'] else ''}: {f['glyphCount']}"
                             for f in fonts)
            problems.append(f"«{element['text']}»: {element['count']} Chinese characters, {ours} drawn by the "
                            f"webfont ({used})")
    cdp.detach()
    return problems


@pytest.mark.parametrize("name", PAGES)
def test_page_works_offline_with_math_and_chinese(page, site_url, name):
    open_page(page, site_url + name + ".html")
    SHOTS.mkdir(parents=True, exist_ok=True)
    shot = name.replace("/", "_")
    page.screenshot(path=SHOTS / f"{shot}.png")
    page.screenshot(path=SHOTS / f"{shot}-full.png", full_page=True)
    shown = page.evaluate(PAGE_TEXT, CJK)
    problems = page.traffic.problems()
    expected = expected_formulas(name)
    if shown["mjx"] != expected:
        problems.append(f"{shown['mjx']} typeset formulas (mjx-container) where check-math finds {expected}")
    problems += [f"raw TeX on the page: «{raw}»" for raw in shown["raw"]]
    problems += [f"a formula typeset as an error: {error}" for error in shown["errors"]]
    if not shown["cjk"]:
        problems.append("no Chinese text found on the page (the course's pages all have some)")
    problems += fonts_of_chinese_text(page, shown["cjk"])
    FIGURES.append(f"{name}: {shown['mjx']} formulas typeset (check-math: {expected}), {len(shown['cjk'])} "
                   f"elements with Chinese text, {page.traffic.served} requests served, "
                   f"{len(page.traffic.blocked)} blocked, {len(page.traffic.failed)} failed")
    assert not problems, f"{name}: {len(problems)} problem(s)\n  - " + "\n  - ".join(problems[:30])


@pytest.mark.parametrize("name", [p for p in PAGES if p.startswith("notebooks/")])
def test_every_demo_is_a_picture_with_a_line_saying_it_moves_in_jupyterlab(page, site_url, name):
    demos = stored_demos(name)
    assert demos, f"{name}: no demo among the stored outputs"
    open_page(page, site_url + name + ".html")
    shown = page.eval_on_selector_all(".mlnotes-demo-picture", """(pictures) => pictures.map((p) => ({
        // Sharp: the picture has at least twice the pixels it is shown with (dense screens too).
        loaded: Array.from(p.querySelectorAll('img'),
                           (img) => img.complete && img.naturalWidth >= 2 * img.clientWidth && img.clientWidth > 0),
        line: p.querySelector('p') ? p.querySelector('p').textContent : ''}))""")
    missing = [title for title in demos if not any(f"«{title}»" in s["line"] for s in shown)]
    assert not missing, (f"{name}: no picture for the demo(s) {missing}. Does the notebook store one? Demos add a "
                         f"PNG to their output since mlnotes/widgets/demo.py's _repr_mimebundle_: re-run it "
                         f"(make execute NB=notebooks/{Path(name).name}.ipynb)")
    assert len(shown) == len(demos)
    for picture in shown:
        assert picture["loaded"] == [True], picture
        assert "In JupyterLab it moves" in picture["line"]
    page.locator(".mlnotes-demo-picture").first.scroll_into_view_if_needed()
    page.screenshot(path=SHOTS / f"{name.replace('/', '_')}-demo.png")
    FIGURES.append(f"{name}: {len(shown)} demo pictures for {len(demos)} demos")
    assert not page.traffic.problems()


def test_navigation_follows_the_course_with_chinese_titles(page, site_url):
    open_page(page, site_url + "index.html")
    links = page.eval_on_selector_all("nav.bd-docs-nav a.reference.internal",
                                      "(links) => links.map((a) => [a.getAttribute('href'), a.textContent.trim()])")
    # The home page first (on the home page itself, its link is "#"), then the course, then the reference.
    assert [href for href, _ in links] == (["#"] + [f"notebooks/{n}.html" for n in NOTEBOOKS]
                                           + ["docs/cheatsheet.html", "docs/workshop.html"])
    for (_, text), name in zip(links[1:], NOTEBOOKS):
        heading = json.loads((TOP / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))["cells"][0]
        title = "".join(heading["source"]).splitlines()[0].lstrip("# ").strip()
        assert text == title and re.search(CJK, text), (text, title)
    # The README's course map links every notebook.
    course_map = page.eval_on_selector_all("article table a", "(links) => links.map((a) => a.getAttribute('href'))")
    assert set(course_map) >= {f"notebooks/{n}.html" for n in NOTEBOOKS}
    middle = NOTEBOOKS[3]
    open_page(page, f"{site_url}notebooks/{middle}.html")
    assert page.get_attribute("a.left-prev", "href") == f"{NOTEBOOKS[2]}.html"
    assert page.get_attribute("a.right-next", "href") == f"{NOTEBOOKS[4]}.html"
    contents = page.eval_on_selector_all("nav.page-toc a", "(links) => links.map((a) => a.textContent)")
    assert len(contents) >= 5, contents
    assert not page.traffic.problems()


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_each_notebook_page_links_its_notebook_for_download(page, site_url, name):
    open_page(page, f"{site_url}notebooks/{name}.html")
    href = page.get_attribute("a.btn-download-source-button", "href")
    assert href.endswith(f"{name}.ipynb"), href
    response = page.request.get(urllib.parse.urljoin(page.url, href))
    assert response.ok
    committed = json.loads((TOP / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))
    assert response.json()["cells"] == committed["cells"]


def pages_containing(query):
    """The site's pages whose text (a notebook's cells and text outputs, or the page) contains query."""
    found = []
    for path in sorted((SITE / "_sources").rglob("*.*")):
        page = str(path.relative_to(SITE / "_sources").with_suffix(""))
        text = source(page)
        if not isinstance(text, str):
            outputs = [[o.get("text"), o.get("data", {}).get("text/plain"), o.get("data", {}).get("text/markdown")]
                       for c in text["cells"] for o in c.get("outputs", [])]
            text = json.dumps([[c["source"] for c in text["cells"]], outputs], ensure_ascii=False)
        if query in text.lower():
            found.append(page)
    return found


@pytest.mark.parametrize("query, first", [("sigmoid", "notebooks/03_activation_functions"),
                                          ("激活函数", "notebooks/03_activation_functions")])
def test_search_finds_the_pages(page, site_url, query, first):
    """The site's own search page (Sphinx's index, in the page's JavaScript) lists every page with the word, and
    first the page about it."""
    open_page(page, f"{site_url}search.html?q={urllib.parse.quote(query)}")
    page.wait_for_function("() => /Search finished/.test(document.querySelector('#search-results')?.textContent)")
    found = page.eval_on_selector_all("#search-results ul.search > li > a",
                                      "(links) => links.map((a) => a.getAttribute('href'))")
    pages = [re.sub(r"\.html.*", "", href) for href in found]
    page.screenshot(path=SHOTS / f"search-{'sigmoid' if query.isascii() else 'chinese'}.png")
    FIGURES.append(f"search {query!r}: {len(pages)} pages, {', '.join(pages)}")
    assert pages and pages[0] == first, pages
    assert sorted(pages) == pages_containing(query)
    assert not page.traffic.problems()
