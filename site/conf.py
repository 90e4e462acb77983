"""Sphinx configuration of the course website; tools/build_site.py stages the sources beside it.

Jupyter Book 1's stack (myst-nb, sphinx-book-theme), configured so that the site
needs no network, neither to build nor to read: notebooks are not executed,
and MathJax, the webfont and the theme's files are served by the site itself.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # for demo_pictures.py

project = "mlnotes"
html_title = "mlnotes · neural-network fundamentals"
language = "en"
extensions = ["myst_nb", "demo_pictures"]
exclude_patterns = ["_extra"]

# Notebooks: the committed outputs, never a fresh run.
nb_execution_mode = "off"
# $…$ and $$…$$ as in JupyterLab, also in Markdown that code cells display.
myst_enable_extensions = ["dollarmath"]
nb_render_markdown_format = "myst"
# A widget needs a kernel: the site shows a demo's picture (demo_pictures.py) and any
# other widget's text line, and loads no widget JavaScript (the default comes from a CDN).
nb_mime_priority_overrides = [("html", "application/vnd.jupyter.widget-view+json", None)]
nb_ipywidgets_js = {}

# MathJax 3 from the site's own folder mathjax/ (build_site.py puts it there). Sphinx puts
# "_static/" before a relative path; "../" takes it back out to the site's top folder.
mathjax_path = "../mathjax/tex-chtml.js"
# Text inside formulas (\text{sigmoid函数}) in the page's fonts, so Chinese there uses the webfont too.
mathjax3_config = {"chtml": {"mtextInheritFont": True}}
html_extra_path = ["_extra"]

html_theme = "sphinx_book_theme"
html_static_path = ["_static"]
html_css_files = ["mlnotes.css"]
html_theme_options = {
    "use_download_button": True,   # each notebook page: ⬇ → its .ipynb
    "show_toc_level": 2,           # contents of the page, on the right
    "home_page_in_toc": True,
    "navbar_persistent": [],       # the sidebar has the search field; no second one in a top bar
}
html_sourcelink_suffix = ""        # the download is the notebook itself (x.ipynb, not x.ipynb.txt)
html_last_updated_fmt = None
