"""Build the course website, build/site/ (start at index.html), from the committed notebooks.

    make site        (installs the `site` extra, then runs this)

Nothing is executed: every page shows the outputs stored in the notebooks. The
site works with no network at all, also on the reader's machine: MathJax,
the Chinese webfont, the search index and the theme's files are all served
by the site itself. Steps:

1. stage the sources in build/site-src/: site/ (Sphinx configuration, CSS),
   the notebooks, the cheat sheet, the workshop guide, and an index page
   made of the README's course map;
2. turn the course's Chinese font (mlnotes/fonts/mlnotes-cjk.ttf) into a woff2 webfont;
3. install MathJax 3 from the npm registry into build/npm/ (once, pinned) and
   copy the parts a page loads into the site;
4. run Sphinx (Jupyter Book 1's stack: myst-nb and sphinx-book-theme).
"""
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from fontTools.ttLib import TTFont

TOP = Path(__file__).resolve().parents[1]
BUILD = TOP / "build"
SRC, OUT, NPM = BUILD / "site-src", BUILD / "site", BUILD / "npm"
DOCS = ["docs/cheatsheet.md", "docs/workshop.md"]
# The release JupyterLab 4 uses (and /shared/tools/check-math checks against).
MATHJAX = "mathjax@3.2.2"
# What a page needs of MathJax's es5 build: the TeX-to-HTML bundle, the TeX extensions it loads
# on demand, its fonts, and the accessibility and menu parts its right-click menu can load.
MATHJAX_PARTS = ["tex-chtml.js", "input", "output", "a11y", "ui", "sre", "adaptors"]


def stage():
    shutil.rmtree(SRC, ignore_errors=True)
    shutil.copytree(TOP / "site", SRC, ignore=shutil.ignore_patterns("__pycache__"))
    (SRC / "notebooks").mkdir()
    for notebook in sorted((TOP / "notebooks").glob("*.ipynb")):
        shutil.copy2(notebook, SRC / "notebooks")
    (SRC / "docs").mkdir()
    for doc in DOCS:
        shutil.copy2(TOP / doc, SRC / doc)
    (SRC / "index.md").write_text(index_page(), encoding="utf-8")


def index_page():
    """The home page: the README's title and opening paragraph, its course map, and the site's contents."""
    readme = (TOP / "README.md").read_text(encoding="utf-8")
    title, intro = readme.split("\n\n")[:2]
    course = re.search(r"^## The course\n(.*?)(?=^## )", readme, re.S | re.M)
    if course is None:
        sys.exit("README.md has no '## The course' section: the site's home page is made of it")
    notebooks = "\n".join(f"notebooks/{p.stem}" for p in sorted((TOP / "notebooks").glob("*.ipynb")))
    docs = "\n".join(doc.removesuffix(".md") for doc in DOCS)
    return f"""{title}

{intro}

This is the course as a website, with every notebook's stored outputs. Its demos are pictures
here: to move them, and to run and change the code, open the course in JupyterLab (`make lab`).
Each notebook page has a download button (⬇, top right) for its `.ipynb` file.

## The course

{course.group(1).strip()}

```{{toctree}}
:hidden:
:caption: The course · 课程

{notebooks}
```

```{{toctree}}
:hidden:
:caption: Reference · 参考

{docs}
```
"""


def webfont():
    """mlnotes-cjk.woff2: the course's font subset, compressed for the web (231 kB instead of 575 kB)."""
    font = TTFont(TOP / "mlnotes" / "fonts" / "mlnotes-cjk.ttf")
    font.flavor = "woff2"
    font.save(SRC / "_static" / "mlnotes-cjk.woff2")
    shutil.copy2(TOP / "mlnotes" / "fonts" / "LICENSE-Apache-2.0.txt", SRC / "_static" / "mlnotes-cjk-LICENSE.txt")


def mathjax():
    """MathJax's es5 build in _extra/mathjax/, which Sphinx copies to the site's top folder.

    Not in _static: the theme would then treat its hundreds of files as page assets.
    """
    package = NPM / "node_modules" / "mathjax"
    if not (package / "package.json").exists():
        if shutil.which("npm") is None:
            sys.exit(f"make site installs {MATHJAX} with npm, which is not on PATH: install Node.js "
                     "(Debian: apt-get install npm)")
        subprocess.run(["npm", "install", "--prefix", str(NPM), "--no-audit", "--no-fund", "--no-save", MATHJAX],
                       check=True)
    target = SRC / "_extra" / "mathjax"
    target.mkdir(parents=True)
    for part in MATHJAX_PARTS:
        source = package / "es5" / part
        copy = shutil.copytree if source.is_dir() else shutil.copy2
        copy(source, target / part)
    shutil.copy2(package / "LICENSE", target / "LICENSE")


def main():
    start = time.perf_counter()
    stage()
    webfont()
    mathjax()
    shutil.rmtree(OUT, ignore_errors=True)
    # -W: a warning (a broken link, a notebook left out of the contents) fails the build.
    subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", "--keep-going", "-j", "auto",
                    str(SRC), str(OUT), "-d", str(BUILD / "site-doctrees")], check=True)
    size = sum(p.stat().st_size for p in OUT.rglob("*") if p.is_file())
    print(f"wrote {OUT.relative_to(TOP)}/index.html ({size / 1e6:.1f} MB) in {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
